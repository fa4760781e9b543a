"""Files the import leaves in storage that nothing will ever read.

- Uploads waiting under ``import-pending/`` for the editor's confirmation: the editor may never
  confirm, and the signed token expires after a day (``views.PENDING_MAX_AGE``).
- Files in the documents folder that no Document row points to: a file stored before its row
  failed to commit, or cut short by a full disk before the row could be written.

Only files older than a grace period go, so an import writing its file right now (its row not
yet committed) is never touched. Document rows whose file is missing or shorter than recorded
are reported, not changed: the page still names them and an editor must upload them again.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from wagtail.documents import get_document_model

logger = logging.getLogger("directives.importing")

PENDING_FOLDER = "import-pending"
PENDING_MAX_AGE = timedelta(days=1)
# A document file younger than this may belong to an import whose row is not committed yet.
ORPHAN_GRACE = timedelta(hours=1)


@dataclass
class CleanupReport:
    """What a run removed (or, on a dry run, would remove) and what it found broken."""

    pending: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    freed_bytes: int = 0


def walk(storage: Storage, folder: str) -> Iterator[str]:
    """Every file under ``folder`` in ``storage``, as storage names."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from walk(storage, f"{folder}/{sub}")


def _older_than(storage: Storage, name: str, limit: datetime) -> bool:
    try:
        return storage.get_modified_time(name) < limit
    except FileNotFoundError:
        return False


def cleanup_storage(*, dry_run: bool = False, now: datetime | None = None) -> CleanupReport:
    """Remove abandoned pending uploads and orphaned document files (unless ``dry_run``)."""
    now = now or timezone.now()
    report = CleanupReport()
    storage = default_storage
    for name in walk(storage, PENDING_FOLDER):
        if _older_than(storage, name, now - PENDING_MAX_AGE):
            report.pending.append(name)

    document_model = get_document_model()
    documents_storage = document_model._meta.get_field("file").storage
    folder = document_model._meta.get_field("file").upload_to
    known = dict(document_model.objects.values_list("file", "file_size"))
    for name in walk(documents_storage, folder):
        if name not in known and _older_than(documents_storage, name, now - ORPHAN_GRACE):
            report.orphans.append(name)
    for name, size in known.items():
        try:
            actual = documents_storage.size(name)
        except (FileNotFoundError, OSError):
            actual = None
        if actual is None or (size is not None and actual < size):
            report.damaged.append(name)
            logger.warning(
                "cleanup_storage: document file %s is %s (recorded %s bytes)",
                name,
                "missing" if actual is None else f"{actual} bytes",
                size,
            )

    for store, names in ((storage, report.pending), (documents_storage, report.orphans)):
        for name in names:
            try:
                report.freed_bytes += store.size(name)
                if not dry_run:
                    store.delete(name)
                    logger.info("cleanup_storage: removed %s", name)
            except OSError:
                logger.exception("cleanup_storage: could not remove %s", name)
    if not dry_run:
        _remove_empty_folders(storage, PENDING_FOLDER)
    return report


def _remove_empty_folders(storage: Storage, folder: str) -> None:
    """Each pending upload has a folder of its own; take the empty ones away too (only
    where the storage is a local file system)."""
    try:
        root = storage.path(folder)
    except NotImplementedError:
        return
    if not os.path.isdir(root):
        return
    for path, _dirs, _files in os.walk(root, topdown=False):
        if path != root:
            with contextlib.suppress(OSError):  # as wanted, on a folder holding a file
                os.rmdir(path)
