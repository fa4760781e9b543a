"""``import_directives --publish`` writes new pages in batches (``directives.import_bulk``):
one transaction per batch, a savepoint per file, one INSERT per table. The pages must be the
pages Wagtail's own add-and-publish gives, a file that fails must fail alone, and a batch
that cannot be written must fall back to importing its files one by one."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from bench.directive_corpus import DirectiveGenerator, document_text
from directives import importing
from directives.models import Agency, DirectivePage, DirectiveReference
from search.models import SearchEntry
from tests import factories
from tests.directives.test_import_fast_publish import _snapshot

CITATION_LINK = "references.item.target"


def write_documents(folder: Path, count: int, seed: int = 11) -> list[str]:
    paths = []
    for serial, directive in enumerate(DirectiveGenerator(seed=seed).generate(count)):
        path = folder / f"van-ban-{serial:02d}.txt"
        path.write_text(document_text(directive), encoding="utf-8")
        paths.append(str(path))
    return paths


def _tree_and_indexes() -> dict[str, dict]:
    """Per page (by number): where it sits in the tree and what the indexes hold for it."""
    page_type = ContentType.objects.get_for_model(Page)
    seen = {}
    for page in DirectivePage.objects.all():
        references = ReferenceIndex.objects.filter(
            base_content_type=page_type, object_id=str(page.pk)
        )
        seen[page.number] = {
            "url_path": page.url_path,
            "depth": page.depth,
            "locale": page.locale_id,
            "translation_key": bool(page.translation_key),
            # Citation links are made by an UPDATE after publication (directives.signals):
            # the batch's flush indexes them, Wagtail's publish of one page does not. They
            # are checked apart (_citations_are_indexed).
            "references": sorted(
                references.exclude(model_path=CITATION_LINK).values_list(
                    "model_path", "to_content_type__model"
                )
            ),
            "portal_index": SearchEntry.objects.filter(page_id=page.pk).count(),
            "wagtail_index": IndexEntry.objects.filter(object_id=str(page.pk)).count(),
        }
    return seen


def _citations_are_indexed() -> None:
    """Every linked citation is in Wagtail's reference index ("used by" in the admin)."""
    page_type = ContentType.objects.get_for_model(Page)
    indexed = set(
        ReferenceIndex.objects.filter(
            base_content_type=page_type, model_path=CITATION_LINK
        ).values_list("object_id", "to_object_id")
    )
    linked = {
        (str(page_id), str(target_id))
        for page_id, target_id in DirectiveReference.objects.filter(
            target__isnull=False
        ).values_list("page_id", "target_id")
    }
    assert linked and linked == indexed


def _tree_is_sound() -> None:
    index = factories.directive_index()
    index.refresh_from_db()
    assert index.numchild == index.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])


def test_batch_written_pages_equal_pages_published_the_ordinary_way(site, tmp_path):
    get_user_model().objects.create_superuser("bientap", "bientap@example.org", "x")
    files = write_documents(tmp_path, 8)

    with CaptureQueriesContext(connection) as queries:
        call_command("import_directives", *files, "--publish", "--user", "bientap", verbosity=0)
    revision_inserts = [
        q for q in queries if q["sql"].startswith('INSERT INTO "wagtailcore_revision"')
    ]
    assert len(revision_inserts) == 1  # the eight pages were written together
    _tree_is_sound()
    _citations_are_indexed()
    batch, batch_indexes = _snapshot(), _tree_and_indexes()
    assert all(seen["references"] for seen in batch_indexes.values())

    for page in DirectivePage.objects.all():
        page.delete()
    call_command("import_directives", *files, "--user", "bientap", verbosity=0)
    user = get_user_model().objects.get(username="bientap")
    for page in DirectivePage.objects.order_by("pk"):
        page.get_latest_revision().publish(user=user)
    _tree_is_sound()
    ordinary, ordinary_indexes = _snapshot(), _tree_and_indexes()

    assert batch.keys() == ordinary.keys()
    for number in batch:
        for aspect, value in batch[number].items():
            assert value == ordinary[number][aspect], (number, aspect)
        for aspect, value in batch_indexes[number].items():
            assert value == ordinary_indexes[number][aspect], (number, aspect)


def _stored_names() -> set[str]:
    if not default_storage.exists("documents"):
        return set()
    return set(default_storage.listdir("documents")[1])


def test_a_file_failing_inside_a_batch_fails_alone(site, tmp_path, monkeypatch):
    files = write_documents(tmp_path, 6)
    victim = Path(files[3]).name
    stored_before = _stored_names()
    store = importing._store_original

    def disk_full_for_victim(page, original, user, written):
        store(page, original, user, written)  # the file is written, then the row fails
        if original[1] == victim:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(importing, "_store_original", disk_full_for_victim)
    with pytest.raises(CommandError):
        call_command("import_directives", *files, "--publish", verbosity=0)
    monkeypatch.undo()

    pages = {page.number for page in DirectivePage.objects.live()}
    agencies = set(Agency.objects.values_list("name", flat=True))
    assert len(pages) == 5
    stored = _stored_names() - stored_before
    assert len(stored) == 5
    assert not any(name.startswith(Path(victim).stem) for name in stored)
    _tree_is_sound()

    # The site is as if the failed file had never been given.
    for page in DirectivePage.objects.all():
        page.delete()
    while Agency.objects.exists():  # leaves first: a parent's removal would merge names
        Agency.objects.filter(children__isnull=True).delete()
    others = [name for name in files if Path(name).name != victim]
    call_command("import_directives", *others, "--publish", verbosity=0)
    assert {page.number for page in DirectivePage.objects.live()} == pages
    assert set(Agency.objects.values_list("name", flat=True)) == agencies


def test_a_batch_that_cannot_be_written_is_imported_file_by_file(
    site, tmp_path, monkeypatch, caplog
):
    files = write_documents(tmp_path, 4)
    stored_before = _stored_names()
    # Every file asks for the same address, as if another editor had taken the free ones:
    # the batch's write refuses, then only the first file can have it.
    monkeypatch.setattr(importing, "unique_slug", lambda *args, **kwargs: "trung-dia-chi")
    with (
        caplog.at_level(logging.ERROR, logger="directives.importing"),
        pytest.raises(CommandError, match="3/4"),
    ):
        call_command("import_directives", *files, "--publish", verbosity=0)

    assert "rolled back, importing them one by one" in caplog.text
    pages = list(DirectivePage.objects.all())
    assert [(page.slug, page.live) for page in pages] == [("trung-dia-chi", True)]
    # The files of the rolled-back batch and of the failed files were taken back.
    assert len(_stored_names() - stored_before) == 1
    _tree_is_sound()


def test_the_same_document_twice_in_a_batch_makes_one_page(site, tmp_path):
    files = write_documents(tmp_path, 4)
    again = tmp_path / "ban-sao.txt"
    again.write_bytes(Path(files[1]).read_bytes())

    call_command("import_directives", *files, str(again), "--publish", verbosity=0)

    numbers = list(DirectivePage.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 4
    _tree_is_sound()
