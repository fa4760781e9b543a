"""Making each kind of page: its fields from the Plone item, its rich text with links
resolved (or left for the link pass)."""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from wagtail.models import Page

from content.models import EventPage
from directives.import_mapping import apply_record, fit
from news.models import NewsPage
from plone import mapping
from plone.bulk import StagedPage, can_stage
from plone.items import MODELS, Entry, ItemFailed, Made
from plone.reading import PloneItem as Item
from plone.reading import parse_date
from plone.richtext import convert, link_target
from plone.states import kept_dates, publishes

if TYPE_CHECKING:
    from plone.importer import PloneImport


def local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value else None


class PagesMixin:
    """The pages of a ``PloneImport`` run."""

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
