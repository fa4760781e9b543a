"""No file is left behind: ``cleanup_storage`` removes abandoned uploads and document files no
row points to, and an import whose document row fails takes its file back at once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models.signals import post_save

from wagtail.documents import get_document_model

from directives.importing import import_document
from directives.models import DirectivePage
from directives.views import SIGNING_SALT, stash_upload, unstash_upload

DAY = 24 * 60 * 60


def age(name: str, seconds: float) -> None:
    """Make the stored file ``name`` look ``seconds`` old."""
    then = time.time() - seconds
    os.utime(default_storage.path(name), (then, then))


def files_under(folder: str) -> set[str]:
    root = Path(default_storage.path(folder))
    return {str(path.relative_to(root.parent)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def document_file(db):
    """A Document with its file, as an import leaves it."""
    document = get_document_model()(title="goc.txt", file=ContentFile(b"Noi dung", name="goc.txt"))
    document.file_size = len(b"Noi dung")
    document.save()
    age(document.file.name, 2 * DAY)
    return document


def test_abandoned_uploads_go_fresh_ones_stay(db):
    old_token = stash_upload(b"cu", "cu.txt")
    old = signing.loads(old_token, salt=SIGNING_SALT)["name"]
    age(old, DAY + 60)
    fresh_token = stash_upload(b"moi", "moi.txt")

    call_command("cleanup_storage", verbosity=0)

    assert not default_storage.exists(old)
    assert not os.path.exists(os.path.dirname(default_storage.path(old)))  # its folder too
    assert unstash_upload(fresh_token) == (b"moi", "moi.txt")


def test_orphaned_document_files_go_referenced_and_young_ones_stay(document_file):
    orphan = default_storage.save("documents/mo-coi.txt", ContentFile(b"x" * 100))
    age(orphan, 2 * 60 * 60)
    young = default_storage.save("documents/dang-nhap.txt", ContentFile(b"y"))

    call_command("cleanup_storage", "--dry-run", verbosity=0)
    assert default_storage.exists(orphan)  # a dry run lists only

    call_command("cleanup_storage", verbosity=0)
    assert not default_storage.exists(orphan)
    assert default_storage.exists(young)  # its import may not have committed yet
    assert default_storage.exists(document_file.file.name)


def test_a_truncated_document_file_is_reported(document_file, capsys):
    with open(default_storage.path(document_file.file.name), "wb") as handle:
        handle.write(b"No")  # cut short by a full disk
    call_command("cleanup_storage")
    assert "tệp bị cụt" in capsys.readouterr().err
    assert default_storage.exists(document_file.file.name)


def test_an_import_whose_document_row_fails_leaves_no_file(site, corpus: Path):
    """The file is stored before the Document row is written; when writing the row fails
    (here an error raised as the row is saved), the file is taken back with the transaction."""
    document_model = get_document_model()

    def row_fails(sender, instance, **kwargs):
        raise RuntimeError("disk full while writing the row")

    before = files_under("documents") if default_storage.exists("documents") else set()
    post_save.connect(row_fails, sender=document_model, dispatch_uid="test.row_fails")
    try:
        name = "seed-002_brvt_cv-404-ubnd-vp.txt"
        with pytest.raises(RuntimeError):
            import_document((corpus / "directives" / name).read_bytes(), name)
    finally:
        post_save.disconnect(sender=document_model, dispatch_uid="test.row_fails")

    assert DirectivePage.objects.count() == 0
    assert document_model.objects.count() == 0
    after = files_under("documents") if default_storage.exists("documents") else set()
    assert after == before
