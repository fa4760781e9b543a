"""Importing a Plone export into the portal: the passes and what each item becomes.

1. Scan: every item is read once (streamed) and its kind decided (``plone.mapping``); folders
   take their kind from their children. Nothing is written.
2. Make: users and groups, then each item in its own transaction, parents first: a page,
   Wagtail document or image, its Plone UID kept in ``PloneItem`` (a re-run of an unchanged
   item does nothing), its old address a permanent redirect. Rich-text links to targets not
   made yet are kept for the third pass. New published pages are written a hundred items at
   a time (``plone.bulk``).
3. Link: links that pointed forward, related items, default pages, Links and Collections,
   the children's order, local roles, the export's own redirects.

``PloneImport`` holds the run's state and the scan; each other idea is a mixin in its own
module that reads that state: ``plone.making`` (the make pass), ``plone.pages`` and
``plone.files`` (what each kind becomes), ``plone.states`` (dates and states),
``plone.tree`` (placement, slugs, default pages, order), ``plone.redirects``,
``plone.linking`` (the link pass), ``plone.principals`` (users, groups, local roles);
``plone.report`` and ``plone.items`` are the records they share.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page

from directives.import_batch import deferred_indexing
from directives.models import DirectivePage
from plone import mapping
from plone.bulk import PageStage
from plone.files import FilesMixin
from plone.items import Entry, Made
from plone.linking import LinkPassMixin
from plone.making import MakePassMixin
from plone.mapping import KIND_LABELS, PAGE_KINDS
from plone.pages import PagesMixin
from plone.principals import PrincipalsMixin
from plone.reading import Export, ReadProblem
from plone.reading import PloneItem as Item
from plone.redirects import RedirectsMixin
from plone.report import CREATED, SKIPPED, UNCHANGED, UPDATED, Report
from plone.states import StatesMixin
from plone.tree import TreeMixin
from search import service as search_service

logger = logging.getLogger("plone.importer")


class PloneImport(
    MakePassMixin,
    LinkPassMixin,
    PagesMixin,
    FilesMixin,
    StatesMixin,
    TreeMixin,
    RedirectsMixin,
    PrincipalsMixin,
):
    """One run over one export. ``parent`` is the page the Plone site root becomes (its
    folders its children); ``site_domains`` the old site's public domains, whose absolute
    links in text are internal links."""

    def __init__(
        self,
        export: Export,
        parent: Page,
        *,
        dry_run: bool = False,
        site_domains: set[str] | None = None,
        user=None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.export = export
        self.parent = parent
        self.dry_run = dry_run
        self.site_domains = set(site_domains or getattr(settings, "PLONE_SITE_DOMAINS", []))
        self.user = user
        self.progress = progress or (lambda step: None)
        self.report = Report(str(export.root), export.format, dry_run)
        self.entries: dict[str, Entry] = {}
        self.uid_by_path: dict[str, str] = {}
        self.related_to: dict[str, list[str]] = {}
        self.made: dict[str, Made] = {}
        self.changed: set[str] = set()
        self.pending_text: set[str] = set()
        self.deferred: list[Item] = []
        self.users: dict[str, object] = {}
        self.folder_kinds: dict[str, str] = {}
        self.fallback_index: dict[str, Page] = {}
        # The UIDs that have a PloneItem row (read once; a new item's row is inserted alone).
        self.recorded: set[str] = set()
        # The pages items are added under, read once (add_child locks and reads the row).
        self.parents: dict[int, Page] = {}
        # New published pages of the current chunk waiting to be written together (bulk).
        self.stage: PageStage | None = None
        self.chunk_files: list[str] = []
        # Redirects of the staged pages, written together (old path: values).
        self.redirect_batch: dict[str, dict] | None = None

    # The run ---------------------------------------------------------------------------

    def run(self) -> Report:
        started = timezone.now()
        for problem in self.export.problems:
            self._problem(problem)
        with self._phase("scan"):
            self.scan()
        if self.dry_run:
            self._dry_report()
        else:
            # Index, reference and citation work is done in bulk every few hundred items
            # (directives.import_batch), not on each save.
            with deferred_indexing():
                self.import_principals()
                with self._phase("make"):
                    self.make_all()
                with self._phase("link"):
                    self.link_all()
                flushing = time.perf_counter()
            # The batch's last flush ran as the block ended.
            self.report.phases["index"] = round(time.perf_counter() - flushing, 3)
            with self._phase("search"):
                self._index_published()
        self.report.seconds = (timezone.now() - started).total_seconds()
        logger.info(
            "plone import %s: %d items in %.1f s (%s)",
            self.export.root,
            len(self.report.items),
            self.report.seconds,
            ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.report.phases.items()),
        )
        return self.report

    @contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        """Time one pass for the report (operators see where a long run spends its time)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.report.phases[name] = round(time.perf_counter() - started, 3)

    def _index_published(self) -> None:
        """The portal's search index for the pages this run made or changed (a batch's
        flush indexes directives only)."""
        ids = sorted(self.made[uid].pk for uid in self.changed if self.made[uid].kind in PAGE_KINDS)
        for start in range(0, len(ids), 200):
            pages = Page.objects.filter(pk__in=ids[start : start + 200]).not_type(DirectivePage)
            search_service.update_pages(list(pages.specific()))

    def _problem(self, problem: ReadProblem) -> None:
        logger.warning("plone export: %s", problem.log_detail)
        self.report.add_problem(problem.message_vi, path=problem.path, uid=problem.uid)

    # 1. Scan ---------------------------------------------------------------------------

    def scan(self) -> None:
        children: dict[str, list[str]] = {}
        for item in self.export.items():
            if isinstance(item, ReadProblem):
                self._problem(item)
                continue
            if not item.uid or item.uid in self.entries:
                self._skip(item, "UID trống hoặc trùng với một mục khác; mục này bị bỏ qua.")
                continue
            if item.path in self.uid_by_path:
                self._skip(
                    item,
                    f"Đường dẫn {item.path} trùng với mục {self.uid_by_path[item.path]}; "
                    "mục này bị bỏ qua.",
                )
                continue
            kind = mapping.item_kind(item)
            if kind is None:
                self._skip(item, f"Loại nội dung Plone “{item.portal_type}” chưa được hỗ trợ.")
                continue
            self.entries[item.uid] = Entry(
                item.uid,
                item.portal_type,
                item.path,
                item.parent_path,
                item.title,
                kind,
                item.position,
                item.related,
            )
            self.uid_by_path[item.path] = item.uid
            for target in item.related:
                self.related_to.setdefault(target, []).append(item.uid)
            children.setdefault(item.parent_path or "/", []).append(kind)
        for entry in self.entries.values():
            if entry.kind == mapping.FOLDER:
                entry.kind = mapping.folder_kind(children.get(entry.path, []))

    def _skip(self, item: Item, message_vi: str) -> None:
        logger.warning("plone item %s %s skipped: %s", item.uid, item.path, message_vi)
        self.report.items.append(self._line(item, SKIPPED, None, message_vi))
        self.report.add_problem(message_vi, path=item.path, uid=item.uid, kind=item.portal_type)

    def _line(self, item: Item | Entry, status: str, made: Made | None, message: str = "") -> dict:
        became = ""
        if made is not None:
            became = f"{KIND_LABELS.get(made.kind, made.kind)} #{made.pk}"
        return {
            "uid": item.uid,
            "path": item.path,
            "portal_type": item.portal_type,
            "status": status,
            "became": became,
            "kind": made.kind if made else None,
            "id": made.pk if made else None,
            "message": message,
        }

    def _dry_report(self) -> None:
        known = {uid: checksum for uid, (checksum, _made) in self._known().items()}
        for item in self.export.items():
            if isinstance(item, ReadProblem) or item.uid not in self.entries:
                continue
            entry = self.entries[item.uid]
            status = CREATED
            if item.uid in known:
                status = UNCHANGED if known[item.uid] == item.checksum else UPDATED
            line = self._line(entry, status, None)
            line["became"] = KIND_LABELS.get(entry.kind or "", "")
            self.report.items.append(line)
