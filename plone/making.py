"""The make pass: each item in its own savepoint, a chunk at a time, new published pages
written together (``plone.bulk``), and what earlier runs made of each item."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from directives.import_batch import maybe_flush, note_saved_page
from directives.importing import remove_files
from plone import mapping
from plone.bulk import PageStage, write_pages
from plone.items import MODELS, Entry, ItemFailed, Made, kind_of_model
from plone.mapping import PAGE_KINDS
from plone.models import PloneItem
from plone.reading import PloneItem as Item
from plone.reading import ReadProblem
from plone.report import CREATED, FAILED, UNCHANGED, UPDATED

logger = logging.getLogger("plone.importer")

RESOLVEUID = re.compile(r"resolveuid/([^/\"'?#\s]+)")
# Items committed together (each in its own savepoint).
CHUNK = 100


class MakePassMixin:
    """The make pass of a ``PloneImport`` run."""

    def make_all(self) -> None:
        known = self._known()
        for chunk in self._chunks():
            self._make_chunk(chunk, known)
            # Between chunks: a chunk rolled back must not take back index work of others.
            maybe_flush()

    def _chunks(self) -> Iterator[list[Item]]:
        chunk: list[Item] = []
        for item in self.export.items():
            if isinstance(item, ReadProblem) or item.uid not in self.entries:
                continue
            chunk.append(item)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _make_chunk(self, chunk: list[Item], known: dict) -> None:
        """Items are committed CHUNK at a time, each in its own savepoint (one that fails is
        rolled back alone, and a run cut short keeps every chunk it committed); the chunk's
        new published pages are written together (``plone.bulk``). If that write fails, the
        chunk is rolled back and made again one page at a time."""
        mark = self._mark(chunk)
        try:
            with transaction.atomic():
                self.stage = PageStage()
                for item in chunk:
                    self.progress(1)
                    self._make_or_keep(item, known.get(item.uid))
                self._write_stage()
        except Exception:  # noqa: BLE001 - the chunk is rolled back and made one by one
            logger.exception(
                "plone import: %d items could not be written together; rolled back, "
                "making them one by one",
                len(chunk),
            )
            self._undo(mark)
            self.stage = None
            with transaction.atomic():
                for item in chunk:
                    self._make_or_keep(item, known.get(item.uid))
        finally:
            self.stage = None
            self.chunk_files = []

    def _mark(self, chunk: list[Item]) -> dict:
        """What a chunk changes in the run's memory, to take back with its rollback."""
        self.chunk_files = []
        return {
            "uids": [item.uid for item in chunk],
            "recorded": {item.uid for item in chunk if item.uid in self.recorded},
            "deferred": len(self.deferred),
            "items": len(self.report.items),
            "problems": len(self.report.problems),
            "redirects": self.report.redirects,
        }

    def _undo(self, mark: dict) -> None:
        remove_files(self.chunk_files + (self.stage.files() if self.stage else []))
        self.chunk_files = []
        for uid in mark["uids"]:
            self.made.pop(uid, None)
            self.changed.discard(uid)
            self.pending_text.discard(uid)
            if uid not in mark["recorded"]:
                self.recorded.discard(uid)
        del self.deferred[mark["deferred"] :]
        del self.report.items[mark["items"] :]
        del self.report.problems[mark["problems"] :]
        self.report.redirects = mark["redirects"]
        self._forget_parents()

    def _write_stage(self) -> None:
        """Write the staged pages, then what the ordinary path does after each page: its
        PloneItem row, its redirects, its report line."""
        if not self.stage:
            return
        staged = self.stage.take()
        write_pages(staged, self.user)
        rows: list[PloneItem] = []
        self.redirect_batch = {}
        try:
            for each in staged:
                made = Made(each.kind, each.page.pk)
                self._remember(each.item, made, rows)
                self._redirect_old_paths(each.item, made, each.page)
                self.made[each.uid] = made
                self.changed.add(each.uid)
                self.chunk_files += each.written
                each.line.update(self._line(each.item, CREATED, made, each.line["message"]))
            PloneItem.objects.bulk_create(rows)
            self._write_redirects(self.redirect_batch)
        finally:
            self.redirect_batch = None

    def _needs_stage(self, item: Item) -> bool:
        """Whether a page waiting in the stage must be written before ``item`` is made: its
        folder, or a page its text links to by UID."""
        if not self.stage:
            return False
        wanted = {self.uid_by_path.get(item.parent_path or "/")}
        wanted |= set(RESOLVEUID.findall(item.text or ""))
        return self.stage.holds(wanted)

    def _make_or_keep(self, item: Item, known: tuple[str, Made | None] | None) -> None:
        entry = self.entries[item.uid]
        checksum, previous = known or ("", None)
        if previous is not None and checksum == item.checksum:
            self.made[item.uid] = previous
            self.report.items.append(self._line(item, UNCHANGED, previous))
            return
        if entry.kind in (mapping.LINK, mapping.COLLECTION):
            self.deferred.append(item)  # their targets may come later
            return
        self._make_one(item, entry, previous)

    def _known(self) -> dict[str, tuple[str, Made | None]]:
        """What earlier runs made of these items (``uid: (checksum, made)``); ``made`` is
        None where the object has been deleted since."""
        rows = []
        uids = list(self.entries)
        for start in range(0, len(uids), 1000):
            rows += PloneItem.objects.filter(uid__in=uids[start : start + 1000]).values_list(
                "uid", "checksum", "content_type_id", "object_id"
            )
        by_type: dict[int, set[int]] = {}
        for _uid, _checksum, type_id, object_id in rows:
            if type_id is not None and object_id is not None:
                by_type.setdefault(type_id, set()).add(object_id)
        alive: set[tuple[int, int]] = set()
        for type_id, ids in by_type.items():
            model = ContentType.objects.get_for_id(type_id).model_class()
            ids = sorted(ids)
            for start in range(0, len(ids), 1000):
                found = model.objects.filter(pk__in=ids[start : start + 1000])
                alive |= {(type_id, pk) for pk in found.values_list("pk", flat=True)}
        self.recorded = {row[0] for row in rows}
        known = {}
        for uid, checksum, type_id, object_id in rows:
            made = None
            if (type_id, object_id) in alive:
                model = ContentType.objects.get_for_id(type_id).model_class()
                made = Made(kind_of_model(model) or self.entries[uid].kind or "", object_id)
            known[uid] = (checksum, made)
        return known

    def _make_one(self, item: Item, entry: Entry, previous: Made | None) -> None:
        if self._needs_stage(item):
            self._write_stage()  # outside the item's savepoint: a failure fails the chunk
        written: list[str] = []
        try:
            with transaction.atomic():
                made, messages, page = self._make(item, entry, previous, written)
                if made is None:  # staged: finished when the stage is written
                    staged = self.stage.pages[-1]
                    staged.written = written
                    staged.line = self._line(item, CREATED, None, "; ".join(messages))
                    self.report.items.append(staged.line)
                    return
                self._remember(item, made)
                # A page read back from its revision may hold an older url_path: read it.
                self._redirect_old_paths(item, made, page if previous is None else None)
        except ItemFailed as error:
            remove_files(written)
            self._forget_parents()
            logger.warning("plone item %s %s failed: %s", item.uid, item.path, error.message_vi)
            self.report.items.append(self._line(item, FAILED, None, error.message_vi))
            self.report.add_problem(
                error.message_vi, path=item.path, uid=item.uid, kind=item.portal_type
            )
            return
        except (DatabaseError, OSError, ValueError) as error:
            remove_files(written)
            self._forget_parents()
            logger.exception("plone item %s %s: %s, rolled back", item.uid, item.path, error)
            message = f"Lỗi khi lưu ({type(error).__name__}); mục không được tạo, có thể chạy lại."
            self.report.items.append(self._line(item, FAILED, None, message))
            self.report.add_problem(message, path=item.path, uid=item.uid, kind=item.portal_type)
            return
        self.made[item.uid] = made
        self.changed.add(item.uid)
        self.chunk_files += written
        if made.kind in PAGE_KINDS:
            note_saved_page(made.pk)
        if self.stage is None:
            maybe_flush()
        status = UPDATED if previous is not None else CREATED
        self.report.items.append(self._line(item, status, made, "; ".join(messages)))

    def _forget_parents(self) -> None:
        """After a rollback: a cached parent may count a child that is gone, or be gone."""
        self.parents.clear()
        self.fallback_index.clear()

    def _remember(self, item: Item, made: Made, later: list | None = None) -> None:
        """The item's PloneItem row; a new one goes into ``later`` when given (inserted
        with others)."""
        model = get_image_model() if made.kind == mapping.IMAGE else None
        if made.kind == mapping.DOCUMENT:
            model = get_document_model()
        elif model is None:
            model = MODELS[made.kind]
        values = {
            "portal_type": item.portal_type,
            "path": item.path,
            "content_type": ContentType.objects.get_for_model(model),
            "object_id": made.pk,
            "checksum": item.checksum,
            "creators": ", ".join(item.creators),
        }
        if item.uid in self.recorded:
            PloneItem.objects.update_or_create(uid=item.uid, defaults=values)
        elif later is not None:
            later.append(PloneItem(uid=item.uid, **values))
            self.recorded.add(item.uid)
        else:
            PloneItem.objects.create(uid=item.uid, **values)
            self.recorded.add(item.uid)

    def _make(
        self, item: Item, entry: Entry, previous: Made | None, written: list[str]
    ) -> tuple[Made, list[str], Page | None]:
        """What the item became, the messages for its report line, and the page (if one)."""
        if entry.kind == mapping.DOCUMENT:
            return self._make_document(item, previous, written), [], None
        if entry.kind == mapping.IMAGE:
            return self._make_image(item, previous, written), [], None
        return self._make_page(item, entry, previous, written)
