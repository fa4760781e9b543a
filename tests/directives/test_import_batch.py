"""A folder imported by the command in one batch (worker processes parse, index and citation
work deferred to bulk passes) leaves the site as importing the files one by one would: every
page live with its revision, citations linked both ways, Wagtail's search, the reference
index and the portal's search index all up to date."""

from __future__ import annotations

from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from bench.directive_corpus import DirectiveGenerator, document_text
from directives import import_batch
from directives.models import DirectivePage, DirectiveReference
from search import service
from search.models import SearchEntry
from vntext import number_key


def write_documents(folder: Path, count: int) -> list[Path]:
    paths = []
    for serial, directive in enumerate(DirectiveGenerator(seed=7).generate(count)):
        path = folder / f"van-ban-{serial:03d}.txt"
        path.write_text(document_text(directive), encoding="utf-8")
        paths.append(path)
    return paths


def test_a_batch_import_leaves_indexes_and_citations_right(site, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(import_batch, "FLUSH_EVERY", 7)  # a flush inside the run, and one after
    paths = write_documents(tmp_path, 16)
    # Newest first: a page's citations to documents imported after it must link too.
    files = [str(path) for path in reversed(paths)]

    call_command("import_directives", *files, "--publish", "--jobs", "2", verbosity=0)

    pages = list(DirectivePage.objects.all())
    assert len(pages) == 16
    assert all(page.live and page.live_revision_id for page in pages)
    keys = {page.number_key: page.pk for page in pages}
    citing_site = DirectiveReference.objects.filter(number_key__in=list(keys))
    assert citing_site.exists()
    for reference in citing_site:
        assert reference.target_id == keys[reference.number_key], reference.number

    assert set(SearchEntry.objects.values_list("page_id", flat=True)) == set(keys.values())
    first = pages[0]
    # Wagtail's own index (the admin's search): an entry for every page.
    entries = set(IndexEntry.objects.values_list("object_id", flat=True))
    assert {str(pk) for pk in keys.values()} <= entries
    # ... and for the originals stored as Wagtail documents, another indexed model.
    documents = get_document_model()
    document_entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(documents)
    ).values_list("object_id", flat=True)
    stored = {str(pk) for pk in documents.objects.values_list("pk", flat=True)}
    assert len(stored) == 16
    assert set(document_entries) == stored
    hits = service.search(service.understand(first.number)).hits
    assert hits and hits[0].page_id == first.pk
    cited = DirectivePage.objects.get(pk=citing_site.first().target_id)
    assert ReferenceIndex.get_references_to(cited).exists()
    assert number_key(first.number) == first.number_key
