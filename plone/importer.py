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
"""

from __future__ import annotations

import html
import io
import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import DatabaseError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail.models.media import get_root_collection_id
from wagtail.utils.file import hash_filelike

from content.models import (
    CollectionPage,
    ContentAttachment,
    ContentPage,
    EventPage,
    LinkPage,
    SectionPage,
)
from directives.import_batch import deferred_indexing, maybe_flush, note_saved_page
from directives.import_mapping import apply_record, fit
from directives.importing import publish_new_page, remove_files
from directives.models import (
    DirectiveAttachment,
    DirectiveIndexPage,
    DirectivePage,
    DirectiveReference,
)
from news.models import NewsIndexPage, NewsPage
from plone import mapping
from plone.bulk import PageStage, StagedPage, can_stage, write_pages
from plone.mapping import KIND_LABELS, PAGE_KINDS
from plone.models import PloneItem
from plone.reading import SITE_ROOT_UID, Export, ReadProblem, parse_date
from plone.reading import PloneItem as Item
from plone.richtext import convert, link_target
from search import service as search_service

logger = logging.getLogger("plone.importer")

# Plone's own groups: their roles are the site's, not content the portal takes over.
PLONE_GROUPS = {"Administrators", "Reviewers", "Site Administrators", "AuthenticatedUsers"}
# Plone local roles → Wagtail page permissions on the same section.
ROLE_PERMISSIONS = {
    "Contributor": ["add_page"],
    "Editor": ["add_page", "change_page"],
    "Reviewer": ["publish_page"],
    "Site Administrator": ["add_page", "change_page", "publish_page", "lock_page"],
    "Manager": ["add_page", "change_page", "publish_page", "lock_page"],
}
RESOLVEUID = re.compile(r"resolveuid/([^/\"'?#\s]+)")
# Items committed together (each in its own savepoint).
CHUNK = 100
IGNORED_ROLES = {"Owner", "Reader", "Member", "Authenticated"}

CREATED, UPDATED, UNCHANGED, FAILED, SKIPPED = (
    "created",
    "updated",
    "unchanged",
    "failed",
    "skipped",
)
STATUS_VI = {
    CREATED: "tạo mới",
    UPDATED: "cập nhật",
    UNCHANGED: "không đổi",
    FAILED: "lỗi",
    SKIPPED: "bỏ qua",
}
MODELS = {
    mapping.SECTION: SectionPage,
    mapping.DIRECTIVE_INDEX: DirectiveIndexPage,
    mapping.NEWS_INDEX: NewsIndexPage,
    mapping.CONTENT: ContentPage,
    mapping.DIRECTIVE: DirectivePage,
    mapping.NEWS: NewsPage,
    mapping.EVENT: EventPage,
    mapping.LINK: LinkPage,
    mapping.COLLECTION: CollectionPage,
}


class ItemFailed(Exception):
    """One item cannot be made; ``message_vi`` for the report."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


@dataclass
class Entry:
    """What the scan keeps of an item (small: the export may hold a million)."""

    uid: str
    portal_type: str
    path: str
    parent_path: str | None
    title: str
    kind: str | None
    position: int | None
    related: list[str]


@dataclass
class Made:
    """What an item became: ``kind`` (a page kind, document or image) and the object's id."""

    kind: str
    pk: int


@dataclass
class Report:
    """Every item with what it became, and everything not carried over, with the reason."""

    source: str
    export_format: str = ""
    dry_run: bool = False
    items: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    redirects: int = 0
    permissions: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)

    def add_problem(
        self, message_vi: str, *, path: str = "", uid: str = "", kind: str = ""
    ) -> None:
        self.problems.append({"path": path, "uid": uid, "kind": kind, "message": message_vi})

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUS_VI, 0)
        for entry in self.items:
            counts[entry["status"]] += 1
        return counts

    def summary_vi(self) -> str:
        counts = self.counts()
        rate = len(self.items) / self.seconds if self.seconds else 0.0
        verb = "Chạy thử (không ghi gì)" if self.dry_run else "Đã nhập"
        return (
            f"{verb}: {len(self.items)} mục từ Plone ({self.export_format}) — "
            f"{counts[CREATED]} tạo mới, {counts[UPDATED]} cập nhật, "
            f"{counts[UNCHANGED]} không đổi, {counts[FAILED] + counts[SKIPPED]} không nhập được; "
            f"{len(self.problems)} vấn đề cần xem; {self.redirects} địa chỉ cũ chuyển hướng; "
            f"{len(self.users)} tài khoản, {len(self.groups)} nhóm. "
            f"{self.seconds:.1f} giây, {rate:.1f} mục/giây."
        )

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "format": self.export_format,
            "dry_run": self.dry_run,
            "summary": self.summary_vi(),
            "counts": self.counts(),
            "seconds": round(self.seconds, 3),
            "phases": self.phases,
            "items_per_second": round(len(self.items) / self.seconds, 2) if self.seconds else None,
            "redirects": self.redirects,
            "permissions": self.permissions,
            "items": self.items,
            "problems": self.problems,
            "users": self.users,
            "groups": self.groups,
        }


def local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value else None


class PloneImport:
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

    # 2. Users and groups ---------------------------------------------------------------

    def import_principals(self) -> None:
        User = get_user_model()
        for member in self.export.members:
            username = str(member.get("username") or member.get("id") or "").strip()
            if not username:
                continue
            fullname = str(member.get("fullname") or "").strip()
            first, _, last = fullname.rpartition(" ")
            user, created = User.objects.get_or_create(
                username=username[:150],
                defaults={
                    "email": str(member.get("email") or "")[:254],
                    "first_name": first[:150],
                    "last_name": (last or fullname)[:150],
                },
            )
            if created:
                # Plone's password hashes are not carried over: the person sets a new one.
                user.set_unusable_password()
                user.save(update_fields=["password"])
            self.users[username] = user
            self.report.users.append(
                {
                    "username": username,
                    "status": CREATED if created else UNCHANGED,
                    "message": "gửi liên kết đặt lại mật khẩu" if created else "",
                }
            )
        for group_data in self.export.groups:
            group_id = str(group_data.get("groupid") or group_data.get("id") or "").strip()
            if not group_id:
                continue
            if group_id in PLONE_GROUPS:
                self.report.add_problem(
                    f"Nhóm hệ thống của Plone “{group_id}” không được chuyển "
                    "(quyền quản trị cổng đặt riêng).",
                    kind="group",
                )
                continue
            group = self._group(group_id, str(group_data.get("title") or ""))
            members = [self.users.get(name) for name in group_data.get("principals") or []]
            for member in members:
                if member is not None:
                    member.groups.add(group)
            self.report.groups.append(
                {"groupid": group_id, "name": group.name, "members": len([m for m in members if m])}
            )
        for member in self.export.members:
            user = self.users.get(str(member.get("username") or ""))
            for group_id in member.get("groups") or []:
                if user is not None and group_id not in PLONE_GROUPS:
                    user.groups.add(self._group(group_id, ""))

    def _group(self, group_id: str, title: str) -> Group:
        name = f"{title} ({group_id})" if title and title != group_id else group_id
        group = Group.objects.filter(name__endswith=f"({group_id})").first()
        group = group or Group.objects.filter(name=group_id).first()
        if group is None:
            group = Group.objects.create(name=name[:150])
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtailadmin", codename="access_admin"
                )
            )
        return group

    def _owner(self, item: Item):
        for creator in item.creators:
            if creator in self.users:
                return self.users[creator]
            user = get_user_model().objects.filter(username=creator).first()
            self.users[creator] = user
            if user is not None:
                return user
        return None

    # 2. Make ---------------------------------------------------------------------------

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

    # Files and images ------------------------------------------------------------------

    def _blob(self, item: Item, field_name: str):
        blob = item.blob(field_name)
        if blob is None or blob.data is None:
            detail = blob.problem if blob else "no blob"
            logger.warning(
                "plone item %s %s: blob %s missing: %s", item.uid, item.path, field_name, detail
            )
            return None
        return blob

    def _make_document(self, item: Item, previous: Made | None, written: list[str]) -> Made:
        blob = self._blob(item, "file")
        if blob is None:
            raise ItemFailed("Thiếu tệp (blob) của mục tệp tin; tệp không được nhập.")
        model = get_document_model()
        document = (
            model.objects.get(pk=previous.pk)
            if previous
            else model(collection_id=get_root_collection_id())
        )
        document.title = fit(model, "title", item.title or blob.filename)
        file_hash = hash_filelike(io.BytesIO(blob.data))
        if document.file_hash != file_hash:
            name = PurePath(blob.filename).name or item.id
            document.file.save(name, ContentFile(blob.data), save=False)
            written.append(document.file.name)
            document.file_size = len(blob.data)
            document.file_hash = file_hash
        document.uploaded_by_user = self._owner(item)
        document.save()
        document.tags.set(item.subjects)
        if item.created:
            model.objects.filter(pk=document.pk).update(created_at=item.created)
        return Made(mapping.DOCUMENT, document.pk)

    def _make_image(
        self, item: Item, previous: Made | None, written: list[str], field_name="image"
    ) -> Made:
        blob = self._blob(item, field_name)
        if blob is None:
            raise ItemFailed("Thiếu tệp (blob) của ảnh; ảnh không được nhập.")
        model = get_image_model()
        image = (
            model.objects.get(pk=previous.pk)
            if previous
            else model(collection_id=get_root_collection_id())
        )
        image.title = fit(model, "title", item.title or blob.filename)
        file_hash = hash_filelike(io.BytesIO(blob.data))
        if image.file_hash != file_hash:
            name = PurePath(blob.filename).name or item.id
            image.file.save(name, ImageFile(io.BytesIO(blob.data), name=name), save=False)
            written.append(image.file.name)
            image.file_size = len(blob.data)
            image.file_hash = file_hash
        image.uploaded_by_user = self._owner(item)
        image.save()
        image.tags.set(item.subjects)
        if item.created:
            model.objects.filter(pk=image.pk).update(created_at=item.created)
        return Made(mapping.IMAGE, image.pk)

    # Pages -----------------------------------------------------------------------------

    def _parent_page(self, item: Item, kind: str) -> tuple[Page, bool]:
        """The page an item goes under, and whether that is another than its folder's."""
        parent_uid = self.uid_by_path.get(item.parent_path or "/")
        if item.parent_path in (None, "/"):
            parent_page, parent_kind = self.parent, mapping.SECTION
        elif parent_uid is None or parent_uid not in self.made:
            raise ItemFailed(
                f"Thư mục chứa mục này ({item.parent_path}) không có trong bản xuất hoặc "
                "không nhập được; mục không được tạo."
            )
        else:
            made = self.made[parent_uid]
            if made.pk not in self.parents:
                self.parents[made.pk] = Page.objects.get(pk=made.pk)
            parent_page, parent_kind = self.parents[made.pk], made.kind
        where = mapping.placement(kind, parent_kind)
        if where == "parent":
            return parent_page, False
        return self._fallback_index(where), True

    def _fallback_index(self, which: str) -> Page:
        """The site's directive (or news) list, for directives and news whose Plone folder
        also holds other kinds of page; made under the import's parent when the site has
        none."""
        if which in self.fallback_index:
            return self.fallback_index[which]
        model, title, slug = (
            (DirectiveIndexPage, "Văn bản", "van-ban")
            if which == "directives"
            else (NewsIndexPage, "Tin tức", "tin-tuc")
        )
        site = self.parent.get_site()
        root = site.root_page if site else self.parent
        page = model.objects.descendant_of(root, inclusive=True).order_by("path").first()
        if page is None:
            page = model(title=title, slug=self._free_slug(self.parent, slug))
            self.parent.add_child(instance=page)
            publish_new_page(page, self.user)
        self.fallback_index[which] = page
        return page

    def _free_slug(self, parent: Page, wanted: str) -> str:
        """A slug under ``parent`` that neither a child nor a page waiting in the stage has."""
        base = slugify(wanted)[:240] or "trang"
        siblings = parent.get_children().filter(slug__startswith=base)
        taken = set(siblings.values_list("slug", flat=True))
        if self.stage:
            taken |= self.stage.slugs_under(parent.pk)
        slug, serial = base, 1
        while slug in taken:
            serial += 1
            slug = f"{base}-{serial}"
        return slug

    def _rich(self, item: Item, html: str) -> str:
        converted = convert(
            html,
            self._resolve,
            site_domains=self.site_domains,
            keep_unresolved=True,
            image_url=self._image_url,
        )
        if converted.pending:
            self.pending_text.add(item.uid)
        for dropped in converted.dropped:
            self.report.add_problem(
                f"Liên kết “{dropped}” trỏ tới một mục không có trong bản xuất; "
                "chỉ giữ lại chữ của liên kết.",
                path=item.path,
                uid=item.uid,
                kind="link",
            )
        return converted.html

    def _resolve(self, uid: str | None, path: str | None):
        if uid is None and path is not None:
            path = self.export.redirects.get(path, path)
            uid = self.uid_by_path.get(path)
            if uid is None:
                if path == "/":
                    return ("page", self.parent.pk)
                return None
        made = self.made.get(uid or "")
        if made is None:
            return None
        kind = made.kind if made.kind in (mapping.DOCUMENT, mapping.IMAGE) else "page"
        return (kind, made.pk)

    def _image_url(self, pk: int) -> str | None:
        image = get_image_model().objects.filter(pk=pk).first()
        return image.file.url if image else None

    def _make_page(
        self, item: Item, entry: Entry, previous: Made | None, written: list[str]
    ) -> tuple[Made, list[str], Page]:
        # A page keeps the type it was made with (a second run updates it in place).
        kind = previous.kind if previous is not None else entry.kind
        model = MODELS[kind]
        messages: list[str] = []
        if previous is not None:
            page = Page.objects.get(pk=previous.pk).specific
            page = page.get_latest_revision_as_object() if page.latest_revision_id else page
            parent = None
        else:
            parent, elsewhere = self._parent_page(item, kind)
            page = model(live=False)
            page.slug = self._free_slug(parent, item.id)
            if elsewhere:
                messages.append(
                    f"đặt trong “{parent.title}”: thư mục Plone chứa nhiều loại nội dung"
                )
        page.title = fit(Page, "title", item.title or item.id)
        page.search_description = item.description
        owner = self._owner(item)
        if owner is not None:
            page.owner = owner
        elif item.creators:
            messages.append(
                f"người tạo “{', '.join(item.creators)}” không có tài khoản: giữ dạng chữ"
            )
        getattr(self, f"_fill_{kind}")(page, item, messages, written)
        if hasattr(page, "tags"):
            if previous is not None:
                page.tags.set(item.subjects)
            else:
                page.tags.add(*item.subjects)
        elif item.subjects:
            messages.append("chủ đề (subjects) không được giữ: loại trang này không có chủ đề")
        page.go_live_at = None
        page.expire_at = item.expires
        now = timezone.now()
        state = item.review_state or "published"
        # Published later (scheduled), or never: the date is kept as the go-live date.
        if item.effective and (state != "published" or item.effective > now):
            page.go_live_at = item.effective
        staging = previous is None and self.stage is not None and can_stage(model)
        if staging and publishes(item, state):
            dates, modified = kept_dates(item, state)
            self.stage.pages.append(
                StagedPage(item.uid, kind, page, parent, item, {}, dates, modified)
            )
            return None, messages, page
        if previous is None:
            parent.add_child(instance=page)
        revision = self._save_state(page, item, state, previous is not None, messages)
        self._keep_dates(page, item, revision, state)
        return Made(kind, page.pk), messages, page

    def _save_state(self, page: Page, item: Item, state: str, updating: bool, messages: list[str]):
        now = timezone.now()
        expired = bool(item.expires and item.expires <= now)
        publish = publishes(item, state)
        if not updating and publish:
            return publish_new_page(page, self.user)
        if updating and not page.live:
            page.save(clean=False)
        revision = page.save_revision(user=self.user, log_action=updating, clean=False)
        if publish or (state == "published" and page.go_live_at and not expired):
            revision.publish(user=self.user, log_action=updating, skip_permission_checks=True)
        elif page.live:
            page.unpublish(user=self.user, log_action=updating)
        if expired and state == "published":
            Page.objects.filter(pk=page.pk).update(expired=True, live=False)
            messages.append("đã hết hiệu lực (expires) khi xuất: nhập ở trạng thái hết hạn")
        if state == "pending":
            workflow = page.get_workflow()
            if workflow is None:
                messages.append(
                    "chờ duyệt trên Plone nhưng cổng chưa có quy trình duyệt: để bản nháp"
                )
            elif page.current_workflow_state is None:
                workflow.start(page, self.user or self._owner(item))
                messages.append("gửi duyệt theo quy trình của cổng")
        elif state == "private":
            messages.append("riêng tư trên Plone: bản nháp chưa xuất bản")
        return revision

    def _keep_dates(self, page: Page, item: Item, revision, state: str) -> None:
        dates, modified = kept_dates(item, state)
        Page.objects.filter(pk=page.pk).update(**dates)
        if revision is not None and modified:
            Revision.objects.filter(pk=revision.pk).update(created_at=modified)

    def _fill_section(self, page, item: Item, messages, written) -> None:
        html = self._rich(item, item.text)
        page.intro = html or (f"<p>{_escape(item.description)}</p>" if item.description else "")

    def _fill_directive_index(self, page, item: Item, messages, written) -> None:
        if hasattr(page, "intro"):
            page.intro = self._rich(item, item.text) or item.description

    _fill_news_index = _fill_directive_index

    def _fill_content(self, page, item: Item, messages, written) -> None:
        page.lead = item.description
        page.body = self._rich(item, item.text)

    def _fill_directive(self, page, item: Item, messages, written) -> None:
        record = mapping.directive_record(item, self.export.site_title)
        text = mapping.plain_text(item.text) or item.title
        warnings: list[str] = []
        apply_record(page, record, text, warnings)
        page.title = fit(Page, "title", item.title or page.title)
        page.body = self._rich(item, item.text)
        page.import_warnings = "\n".join(warnings)

    def _fill_news(self, page, item: Item, messages, written) -> None:
        page.date = local(item.effective or item.created or timezone.now()).date()
        page.lead = item.description
        page.body = (
            self._rich(item, item.text) or f"<p>{_escape(item.description or item.title)}</p>"
        )
        blob = item.blob("image")
        if blob is not None:
            if blob.data is None:
                messages.append("thiếu tệp ảnh minh họa (blob): tin được nhập không có ảnh")
            else:
                made = self._make_image(item, self._lead_image(page), written)
                page.image_id = made.pk
                page.image_alt = fit(
                    NewsPage, "image_alt", str(item.fields.get("image_caption") or "")
                )

    def _lead_image(self, page) -> Made | None:
        return Made(mapping.IMAGE, page.image_id) if getattr(page, "image_id", None) else None

    def _fill_event(self, page, item: Item, messages, written) -> None:
        fields = item.fields
        page.lead = item.description
        page.body = self._rich(item, item.text)
        start = parse_date(fields.get("start")) or item.effective or item.created
        if start is None:
            raise ItemFailed("Sự kiện không có thời gian bắt đầu; không nhập được.")
        page.start = start
        page.end = parse_date(fields.get("end"))
        page.whole_day = bool(fields.get("whole_day"))
        page.open_end = bool(fields.get("open_end"))
        page.recurrence = str(fields.get("recurrence") or "")
        page.location = fit(EventPage, "location", str(fields.get("location") or ""))
        page.contact_name = fit(EventPage, "contact_name", str(fields.get("contact_name") or ""))
        page.contact_email = str(fields.get("contact_email") or "")[:254]
        page.contact_phone = fit(EventPage, "contact_phone", str(fields.get("contact_phone") or ""))
        page.event_url = str(fields.get("event_url") or "")[:500]
        attendees = fields.get("attendees") or []
        page.attendees = "\n".join(str(a) for a in attendees) if isinstance(attendees, list) else ""

    def _fill_link(self, page, item: Item, messages, written) -> None:
        remote = str(item.fields.get("remoteUrl") or "").strip()
        remote = remote.replace("${portal_url}", "")
        uid, path, _suffix = _link_target(remote, self)
        target = self._resolve(uid, path) if (uid or path) else None
        page.link_page_id = None
        page.link_url = ""
        if target and target[0] == "page":
            page.link_page_id = target[1]
        elif target:
            page.link_url = self._object_url(target) or ""
        elif uid or path:
            raise ItemFailed(f"Liên kết trỏ tới “{remote}”, không có trong bản xuất.")
        else:
            page.link_url = remote[:1000]

    def _fill_collection(self, page, item: Item, messages, written) -> None:
        criteria = mapping.collection_criteria(item)
        if criteria.path_uid or criteria.path:
            target = self._resolve(criteria.path_uid, criteria.path)
            if target and target[0] == "page":
                criteria.criteria["path"] = target[1]
            else:
                criteria.unmapped.append("đường dẫn trỏ tới mục không có trong bản xuất")
        page.intro = self._rich(item, item.text) or (
            f"<p>{_escape(item.description)}</p>" if item.description else ""
        )
        page.criteria = criteria.criteria
        page.sort_on = criteria.sort_on
        limit = item.fields.get("limit")
        page.limit = limit if isinstance(limit, int) and limit > 0 else None
        page.unmapped = "\n".join(criteria.unmapped)
        if criteria.unmapped:
            messages.append("tiêu chí chưa chuyển được: " + "; ".join(criteria.unmapped))

    def _object_url(self, target) -> str | None:
        kind, pk = target
        if kind == mapping.DOCUMENT:
            document = get_document_model().objects.filter(pk=pk).first()
            return document.url if document else None
        if kind == mapping.IMAGE:
            return self._image_url(pk)
        page = Page.objects.filter(pk=pk).first()
        return page.url if page else None

    # Redirects -------------------------------------------------------------------------

    def _redirect_old_paths(self, item: Item, made: Made, page: Page | None = None) -> None:
        """The item's old address, and those of its file's views, answer with a permanent
        redirect to what it became (``page``, when it is a page)."""
        if made.kind in PAGE_KINDS:
            page = page or Page.objects.get(pk=made.pk).specific
            self._redirect([item.path], page=page, item=item)
            image_id = getattr(page, "image_id", None)
            if made.kind == mapping.NEWS and image_id:
                self._redirect(image_paths(item.path), link=self._image_url(image_id), item=item)
            return
        link = self._object_url((made.kind, made.pk))
        if made.kind == mapping.DOCUMENT:
            suffixes = ("", "/@@download/file", "/view", "/@@display-file/file")
            self._redirect([item.path + suffix for suffix in suffixes], link=link, item=item)
        else:
            self._redirect([item.path, *image_paths(item.path)], link=link, item=item)

    def _redirect(
        self, old_paths: list[str], *, page: Page | None = None, link: str | None = None, item=None
    ) -> None:
        """Permanent redirects from ``old_paths`` to ``page`` or to the address ``link``."""
        if page is None and not link:
            return
        new_path = Redirect.normalise_path(page.url or "") if page is not None else None
        wanted = {}
        for old_path in old_paths:
            normalised = Redirect.normalise_path(old_path)
            if len(normalised) > 255:
                self.report.add_problem(
                    f"Địa chỉ cũ dài hơn 255 ký tự, không tạo được chuyển hướng: {old_path}",
                    path=item.path if item else old_path,
                    kind="redirect",
                )
                break
            if normalised != new_path:  # a page at its old address needs none
                wanted[normalised] = old_path
        if not wanted:
            return
        values = {
            "is_permanent": True,
            "redirect_page": page,
            "redirect_link": "" if page is not None else link,
        }
        self.report.redirects += len(wanted)
        if self.redirect_batch is not None:
            self.redirect_batch.update(dict.fromkeys(wanted, values))
            return
        existing = Redirect.objects.filter(site=None, old_path__in=list(wanted))
        Redirect.objects.filter(pk__in=[redirect.pk for redirect in existing]).update(**values)
        known = {redirect.old_path for redirect in existing}
        Redirect.objects.bulk_create(
            [Redirect(old_path=path, site=None, **values) for path in wanted if path not in known]
        )

    @staticmethod
    def _write_redirects(wanted: dict[str, dict]) -> None:
        """Redirects collected for many items (old path: values), in a few statements."""
        paths = list(wanted)
        known = set()
        for start in range(0, len(paths), 500):
            existing = Redirect.objects.filter(site=None, old_path__in=paths[start : start + 500])
            for pk, old_path in existing.values_list("pk", "old_path"):
                Redirect.objects.filter(pk=pk).update(**wanted[old_path])  # a re-run: rare
                known.add(old_path)
        Redirect.objects.bulk_create(
            [
                Redirect(old_path=path, site=None, **values)
                for path, values in wanted.items()
                if path not in known
            ]
        )

    # 3. Link ---------------------------------------------------------------------------

    def link_all(self) -> None:
        for item in self.deferred:
            with transaction.atomic():
                self._make_one(item, self.entries[item.uid], self._previous(item.uid))
        self.deferred = []
        # Each page the link pass changes is saved once, a hundred to a transaction.
        touched = sorted(self.pending_text | {uid for uid in self.changed if self._related(uid)})
        for start in range(0, len(touched), CHUNK):
            with transaction.atomic():
                for uid in touched[start : start + CHUNK]:
                    made = self.made.get(uid)
                    if made is None or made.kind not in PAGE_KINDS:
                        self._relate(uid, None)  # reports what a file or image cannot keep
                        continue
                    page = Page.objects.get(pk=made.pk).specific
                    changed = self._relink_text(uid, page) | self._relate(uid, page)
                    if changed:
                        self._amend(page, changed)
        self._default_pages()
        self._order_children()
        self._local_roles()
        for old, new in self.export.redirects.items():
            uid = self.uid_by_path.get(new)
            if uid in self.made:
                made = self.made[uid]
                if made.kind in PAGE_KINDS:
                    self._redirect([old], page=Page.objects.get(pk=made.pk))
                else:
                    self._redirect([old], link=self._object_url((made.kind, made.pk)))
            else:
                self.report.add_problem(
                    f"Chuyển hướng cũ {old} → {new}: đích không có trong bản xuất.",
                    path=old,
                    kind="redirect",
                )

    def _previous(self, uid: str) -> Made | None:
        row = PloneItem.objects.filter(uid=uid).values_list("content_type_id", "object_id")
        for type_id, object_id in row:
            model = ContentType.objects.get_for_id(type_id).model_class()
            if model.objects.filter(pk=object_id).exists():
                return Made(kind_of_model(model) or "", object_id)
        return None

    def _amend(self, page: Page, fields: set[str]) -> None:
        """Save what the link pass changed (``fields``: columns, child relations) into the
        page and the revision this run made, without a new revision (the import's own
        revision is still the page's latest). Only those relations are written again (a
        full save rewrites every child row); the draft title is saved with them so the
        page's save signals still tell the indexes."""
        page.save(clean=False, update_fields=sorted(fields | {"draft_title"}))
        if page.latest_revision_id:
            Revision.objects.filter(pk=page.latest_revision_id).update(
                content=page.serializable_data()
            )

    def _relink_text(self, uid: str, page: Page) -> set[str]:
        """Links the make pass left for later, now that every target is made; the fields
        it changed."""
        if uid not in self.pending_text:
            return set()
        entry = self.entries[uid]
        changed = set()
        for name in ("body", "intro"):
            html = getattr(page, name, None)
            if not html or "resolveuid" not in html:
                continue
            converted = convert(
                html, self._resolve, site_domains=self.site_domains, image_url=self._image_url
            )
            for dropped in converted.dropped:
                self.report.add_problem(
                    f"Liên kết “{dropped}” trỏ tới một mục không có trong bản xuất "
                    "(UID không tồn tại); chỉ giữ lại chữ của liên kết.",
                    path=entry.path,
                    uid=uid,
                    kind="link",
                )
            setattr(page, name, converted.html)
            changed.add(name)
        return changed

    def _related(self, uid: str) -> list[str]:
        """The UIDs an item is related to; for a directive, also the Files related to it."""
        made, entry = self.made.get(uid), self.entries.get(uid)
        if made is None or entry is None:
            return []
        related = list(entry.related)
        if made.kind == mapping.DIRECTIVE:
            related += [
                other
                for other in self.related_to.get(uid, [])
                if self.entries[other].kind == mapping.DOCUMENT
            ]
        return list(dict.fromkeys(related))

    def _relate(self, uid: str, page: Page | None) -> set[str]:
        """Related items as the portal's links on ``page``; the fields and relations of
        ``page`` that changed."""
        related = self._related(uid)
        if not related:
            return set()
        made, entry = self.made[uid], self.entries[uid]
        if made.kind not in (mapping.DIRECTIVE, mapping.NEWS, mapping.CONTENT):
            for target in related:
                target_entry = self.entries.get(target)
                if (
                    made.kind == mapping.DOCUMENT
                    and target_entry
                    and target_entry.kind == mapping.DIRECTIVE
                ):
                    continue  # the directive lists the file among its attachments
                self._unrelated(entry, target, f"{KIND_LABELS[made.kind]} không có mục liên quan")
            return set()
        changed = set()
        for target_uid in related:
            target = self.made.get(target_uid)
            if target is None:
                self._unrelated(
                    entry, target_uid, "mục đích không có trong bản xuất hoặc không nhập được"
                )
                continue
            changed |= self._relate_one(page, made.kind, entry, target, target_uid)
        return changed

    def _relate_one(self, page, kind: str, entry: Entry, target: Made, target_uid: str) -> set[str]:
        if kind == mapping.DIRECTIVE and target.kind == mapping.DOCUMENT:
            if not any(a.document_id == target.pk for a in page.attachments.all()):
                title = self.entries[target_uid].title
                page.attachments.add(
                    DirectiveAttachment(
                        document_id=target.pk, caption=fit(DirectiveAttachment, "caption", title)
                    )
                )
                return {"attachments"}
        elif kind == mapping.DIRECTIVE and target.kind == mapping.DIRECTIVE:
            cited = DirectivePage.objects.get(pk=target.pk)
            if not any(ref.target_id == cited.pk for ref in page.references.all()):
                page.references.add(
                    DirectiveReference(
                        target=cited,
                        doc_type=fit(DirectiveReference, "doc_type", cited.get_doc_type_display()),
                        number=fit(DirectiveReference, "number", cited.number),
                        cited_on=cited.issued_on,
                    )
                )
                return {"references"}
        elif kind == mapping.CONTENT and target.kind == mapping.DOCUMENT:
            if not any(a.document_id == target.pk for a in page.attachments.all()):
                page.attachments.add(
                    ContentAttachment(
                        document_id=target.pk,
                        title=fit(ContentAttachment, "title", self.entries[target_uid].title),
                    )
                )
                return {"attachments"}
        elif kind == mapping.NEWS and target.kind == mapping.DIRECTIVE and page.target_id is None:
            cited = DirectivePage.objects.get(pk=target.pk)
            page.target = cited
            page.doc_type = cited.get_doc_type_display()[:64]
            page.number = cited.number
            return {"target", "doc_type", "number"}
        elif kind == mapping.NEWS and target.kind == mapping.NEWS:
            page.related_news.add(NewsPage.objects.get(pk=target.pk))
            return {"related_news"}
        else:
            self._unrelated(
                entry,
                target_uid,
                f"cổng không có liên kết {KIND_LABELS[kind]} → {KIND_LABELS.get(target.kind, target.kind)}",
            )
        return set()

    def _unrelated(self, entry: Entry, target_uid: str, reason: str) -> None:
        target = self.entries.get(target_uid)
        self.report.add_problem(
            f"Mục liên quan {target.path if target else target_uid} không chuyển được: {reason}.",
            path=entry.path,
            uid=entry.uid,
            kind="relation",
        )

    def _default_pages(self) -> None:
        for folder_uid, page_uid in self.export.default_pages.items():
            folder, default = self.made.get(folder_uid), self.made.get(page_uid)
            if folder is None or default is None or folder.kind not in PAGE_KINDS:
                continue
            if folder_uid not in self.changed and page_uid not in self.changed:
                continue
            section = Page.objects.get(pk=folder.pk).specific
            shown = Page.objects.get(pk=default.pk).specific
            body = getattr(shown, "body", "") or ""
            if hasattr(section, "intro") and body and section.intro != body:
                section.intro = body
                with transaction.atomic():
                    self._amend(section, {"intro"})

    def _order_children(self) -> None:
        """Children in Plone's order: the imported children of each page that received one
        in this run, sorted by Plone's positions, after the pages that were there before."""
        positions = {
            made.pk: self.entries[uid].position
            for uid, made in self.made.items()
            if made.kind in PAGE_KINDS and self.entries[uid].position is not None
        }
        changed = [self.made[uid].pk for uid in self.changed if self.made[uid].kind in PAGE_KINDS]
        parent_paths: set[str] = set()
        for start in range(0, len(changed), 1000):
            paths = Page.objects.filter(pk__in=changed[start : start + 1000])
            parent_paths |= {path[: -Page.steplen] for path in paths.values_list("path", flat=True)}
        parents = set(Page.objects.filter(path__in=parent_paths).values_list("pk", flat=True))
        for parent_pk in sorted(parents):
            # Read now: reordering a section above rewrites the paths below it.
            parent_path = Page.objects.values_list("path", flat=True).get(pk=parent_pk)
            children = list(
                Page.objects.filter(
                    path__startswith=parent_path, depth=len(parent_path) // Page.steplen + 1
                )
                .order_by("path")
                .values_list("pk", "path")
            )
            others = [pk for pk, _path in children if pk not in positions]
            imported = sorted(
                (pk for pk, _path in children if pk in positions), key=lambda pk: positions[pk]
            )
            wanted = others + imported
            if wanted != [pk for pk, _path in children]:
                with transaction.atomic():
                    reorder_children(parent_path, children, wanted)

    def _local_roles(self) -> None:
        for uid, roles in self.export.local_roles.items():
            made = self.made.get(uid)
            if uid == SITE_ROOT_UID or made is None or made.kind not in PAGE_KINDS:
                continue
            page = None  # read when a role grants something (most are only "Owner")
            for principal, principal_roles in roles.items():
                permissions = sorted(
                    {
                        codename
                        for role in principal_roles
                        for codename in ROLE_PERMISSIONS.get(role, [])
                    }
                )
                ignored = [
                    r
                    for r in principal_roles
                    if r not in ROLE_PERMISSIONS and r not in IGNORED_ROLES
                ]
                if ignored:
                    self.report.add_problem(
                        f"Vai trò {', '.join(ignored)} của “{principal}” không có quyền tương ứng trên cổng.",
                        path=self.entries[uid].path,
                        uid=uid,
                        kind="local_role",
                    )
                if not permissions:
                    continue
                group = self._principal_group(principal)
                if group is None:
                    self.report.add_problem(
                        f"Quyền cục bộ của “{principal}” không chuyển được: không có tài khoản hay nhóm đó.",
                        path=self.entries[uid].path,
                        uid=uid,
                        kind="local_role",
                    )
                    continue
                page = page or Page.objects.get(pk=made.pk)
                for codename in permissions:
                    permission = Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    )
                    _row, created = GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=permission
                    )
                    self.report.permissions += int(created)

    def _principal_group(self, principal: str) -> Group | None:
        """A Plone group's own group; for a user, a group of that user alone (Wagtail grants
        page permissions to groups)."""
        group = Group.objects.filter(name__endswith=f"({principal})").first()
        if group is not None:
            return group
        user = (
            self.users.get(principal) or get_user_model().objects.filter(username=principal).first()
        )
        if user is None:
            return None
        group = self._group(f"plone-{principal}", f"Quyền riêng của {principal}")
        user.groups.add(group)
        return group


def publishes(item: Item, state: str) -> bool:
    """Whether the item's page is published now: published on Plone, not expired, and not
    scheduled for later."""
    now = timezone.now()
    expired = bool(item.expires and item.expires <= now)
    return state == "published" and not expired and not (item.effective and item.effective > now)


def kept_dates(item: Item, state: str) -> tuple[dict, datetime | None]:
    """The page's dates from Plone (published, last published, last changed), and the date
    its revision keeps (None: the moment of the import)."""
    modified = item.modified or item.created
    was_published = state == "published" and (
        item.effective is None or item.effective <= timezone.now()
    )
    published_at = (item.effective or item.created) if was_published else None
    dates = {
        "first_published_at": published_at,
        "last_published_at": modified if was_published else None,
        "latest_revision_created_at": modified,
    }
    return dates, modified


def reorder_children(parent_path: str, children: list[tuple[int, str]], wanted: list[int]) -> None:
    """Give ``children`` (pk, path) of the page at ``parent_path`` the order ``wanted`` by
    rewriting the paths of their subtrees: two UPDATEs per child (first past the last
    position, then into place), where moving them one by one shifts every later sibling
    each time. The leading children already in place stay. Siblings trade places, so no
    URL changes."""
    depth = len(parent_path) // Page.steplen + 1
    paths = dict(children)
    last = max(Page._str2int(path[-Page.steplen :]) for path in paths.values())
    kept = 0
    while kept < len(wanted) and paths[wanted[kept]] == Page._get_path(
        parent_path, depth, kept + 1
    ):
        kept += 1
    for phase, offset in (("aside", last), ("place", 0)):
        for position, pk in enumerate(wanted[kept:], kept + 1):
            new = Page._get_path(parent_path, depth, offset + position)
            old = paths[pk]
            subtree(Page.objects.all(), old).update(
                path=Concat(Value(new), Substr("path", len(old) + 1))
            )
            paths[pk] = new
        logger.debug("children of %s %s", parent_path, phase)


def subtree(pages, path: str):
    """The pages at ``path`` and below, as a range of paths: a ``LIKE 'path%'`` cannot use
    the path's index on SQLite, and a reorder runs it twice per child."""
    return pages.filter(path__gte=path, path__lte=path + Page.alphabet[-1] * (255 - len(path)))


def kind_of_model(model) -> str | None:
    """The kind an object of ``model`` was made as."""
    if issubclass(model, get_document_model()):
        return mapping.DOCUMENT
    if issubclass(model, get_image_model()):
        return mapping.IMAGE
    return next((kind for kind, page_model in MODELS.items() if page_model is model), None)


def image_paths(path: str) -> list[str]:
    """The addresses Plone serves an image field under: its views and scales."""
    views = ("/view", "/@@images/image", "/image_view_fullscreen", "/@@download/image")
    return [path + view for view in views] + [
        f"{path}/@@images/image/{scale}" for scale in IMAGE_SCALES
    ]


IMAGE_SCALES = (
    "large",
    "preview",
    "mini",
    "thumb",
    "tile",
    "icon",
    "listing",
    "huge",
    "great",
    "larger",
    "teaser",
)


def _escape(text: str) -> str:
    return html.escape(text or "")


def _link_target(remote: str, importer: PloneImport):
    uid, path, suffix = link_target(remote, importer.site_domains)
    if uid is None and path is None and "://" in remote:
        # Plone stores an internal Link as an address of the exporting host (``http://nohost/
        # Plone/…``): a path under the site id is a path of this site.
        candidate = importer.export.site_path(remote)
        if candidate != remote and candidate in importer.uid_by_path:
            return None, candidate, ""
    return uid, path, suffix
