"""General page types: sections, content pages, events, links and collections.

They are what a site outside the portal's own document types holds (a Plone site's Folder,
Document, Event, Link and Collection); editors make them by hand too. Sections list their
children in the order editors give them; collections list what their criteria select.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content import events
from content.listing import listing_entries, tagged_page_ids
from search.visibility import is_public, public_pages

# Where the general page types may be added.
CONTENT_PARENTS: list[str] = ["home.HomePage", "content.SectionPage"]

TAGS_HELP = "Chủ đề của trang; trang liệt kê các trang cùng chủ đề ở /chu-de/<chủ đề>/."


class ContentPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.ContentPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class SectionPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.SectionPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class SectionPage(Page):
    """A section (a Plone folder): an introduction and its public children in the order
    editors gave them, with their date and lead."""

    intro = RichTextField("giới thiệu", blank=True)
    tags = ClusterTaggableManager("chủ đề", through=SectionPageTag, blank=True, help_text=TAGS_HELP)

    search_fields: ClassVar[list[index.BaseField]] = [
        *Page.search_fields,
        index.SearchField("intro"),
    ]
    content_panels: ClassVar[list] = [*Page.content_panels, FieldPanel("intro"), FieldPanel("tags")]

    # Also inside the directive or news list: an imported site's year folders.
    parent_page_types: ClassVar[list[str]] = [
        *CONTENT_PARENTS,
        "directives.DirectiveIndexPage",
        "news.NewsIndexPage",
    ]
    page_size = 20

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def listed_children(self):
        """The live, public children in Wagtail's order (the order editors set)."""
        return public_pages(self.get_children()).specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = Paginator(self.listed_children(), self.page_size).get_page(
            request.GET.get("page")
        )
        context["children"] = children
        context["entries"] = listing_entries(children)
        return context


class ContentPage(Page):
    """A general page (a Plone document that is not a directive): lead, body, attachments."""

    lead = models.TextField("tóm tắt", blank=True, help_text="Một, hai câu in đậm đầu trang.")
    body = RichTextField("nội dung", blank=True)
    tags = ClusterTaggableManager("chủ đề", through=ContentPageTag, blank=True, help_text=TAGS_HELP)

    search_fields: ClassVar[list[index.BaseField]] = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    content_panels: ClassVar[list] = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("attachments", label="Tệp đính kèm", heading="Tệp đính kèm"),
        FieldPanel("tags"),
    ]

    parent_page_types: ClassVar[list[str]] = CONTENT_PARENTS
    subpage_types: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "trang nội dung"
        verbose_name_plural = "trang nội dung"


class ContentAttachment(Orderable):
    """A file attached to a content page."""

    page = ParentalKey(ContentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="tệp",
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        "tên hiển thị", max_length=255, blank=True, help_text="Để trống: dùng tên của tệp."
    )

    panels: ClassVar[list] = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self) -> str:
        return self.title or str(self.document)


class EventPage(RoutablePageMixin, Page):
    """An event: when (in the site's time zone), how it repeats, where, whom to ask; its
    ``lich.ics`` address gives it to calendar programs."""

    lead = models.TextField("tóm tắt", blank=True)
    body = RichTextField("nội dung", blank=True)
    start = models.DateTimeField("bắt đầu")
    end = models.DateTimeField("kết thúc", null=True, blank=True)
    whole_day = models.BooleanField("cả ngày", default=False)
    open_end = models.BooleanField(
        "không định giờ kết thúc", default=False, help_text="Sự kiện chỉ có giờ bắt đầu."
    )
    recurrence = models.TextField(
        "lặp lại",
        blank=True,
        help_text="Quy tắc lặp theo RFC 5545, ví dụ RRULE:FREQ=YEARLY;COUNT=3 "
        "(mỗi dòng một quy tắc RRULE, RDATE hoặc EXDATE). Để trống nếu không lặp.",
    )
    location = models.CharField("địa điểm", max_length=255, blank=True)
    contact_name = models.CharField("người liên hệ", max_length=255, blank=True)
    contact_email = models.EmailField("thư điện tử liên hệ", blank=True)
    contact_phone = models.CharField("điện thoại liên hệ", max_length=64, blank=True)
    event_url = models.URLField("trang web của sự kiện", max_length=500, blank=True)
    attendees = models.TextField("thành phần tham dự", blank=True, help_text="Mỗi dòng một mục.")
    ical_uid = models.CharField(
        "mã sự kiện (UID)",
        max_length=255,
        blank=True,
        help_text="Mã bền vững của sự kiện trong lịch; để trống thì cổng tự đặt.",
    )
    tags = ClusterTaggableManager("chủ đề", through=EventPageTag, blank=True, help_text=TAGS_HELP)

    search_fields: ClassVar[list[index.BaseField]] = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("location"),
    ]
    content_panels: ClassVar[list] = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("whole_day"), FieldPanel("open_end")]),
                FieldPanel("recurrence"),
            ],
            heading="Thời gian",
        ),
        FieldPanel("location"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("event_url"),
                FieldPanel("attendees"),
            ],
            heading="Liên hệ",
        ),
        FieldPanel("tags"),
    ]
    settings_panels: ClassVar[list] = [*Page.settings_panels, FieldPanel("ical_uid")]

    parent_page_types: ClassVar[list[str]] = CONTENT_PARENTS
    subpage_types: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "Thời điểm kết thúc phải sau thời điểm bắt đầu."
        if self.recurrence.strip() and self.start:
            try:
                events.rule_set(self.recurrence, self.start, whole_day=self.whole_day)
            except (ValueError, TypeError) as error:
                errors["recurrence"] = f"Quy tắc lặp không hợp lệ theo RFC 5545: {error}"
        if errors:
            raise ValidationError(errors)

    @property
    def local_start(self) -> dt.datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> dt.datetime | None:
        return timezone.localtime(self.end) if self.end and not self.open_end else None

    @property
    def when(self) -> str:
        """The dates as people read them: "Chủ nhật, ngày 21 tháng 4 năm 2024 (cả ngày)"."""
        return events.describe_when(self.local_start, self.local_end, whole_day=self.whole_day)

    @property
    def recurrence_label(self) -> str:
        return events.describe_recurrence(self.recurrence, self.start, whole_day=self.whole_day)

    def next_occurrences(self, count: int = 5, after: dt.datetime | None = None):
        """The next starts of a recurring event (local time), at most ``count``."""
        if not self.recurrence.strip():
            return []
        return events.next_occurrences(
            self.recurrence, self.start, whole_day=self.whole_day, count=count, after=after
        )

    @property
    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]

    @path("lich.ics", name="ical")
    def ical(self, request):
        """The event as an iCalendar file, for a calendar program."""
        body = events.to_ical(self, request)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="su-kien-{self.pk}.ics"'
        return response


class LinkPage(Page):
    """A link (a Plone Link): serving it redirects to a page of the site or an address
    outside it. The redirect is temporary (302): the target may change."""

    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="trang đích trên cổng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(
        "địa chỉ ngoài cổng", max_length=1000, blank=True, help_text="Ví dụ: https://…"
    )

    content_panels: ClassVar[list] = [
        *Page.content_panels,
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    parent_page_types: ClassVar[list[str]] = CONTENT_PARENTS
    subpage_types: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "liên kết"
        verbose_name_plural = "liên kết"

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            message = "Chọn đúng một đích: một trang trên cổng hoặc một địa chỉ ngoài cổng."
            raise ValidationError({"link_page": message, "link_url": message})

    def target_url(self, request=None) -> str | None:
        """Where the link leads now; None when its page is gone or not public."""
        if self.link_page_id:
            target = self.link_page
            if target is None or not is_public(target):
                return None
            return target.get_url(request=request)
        return self.link_url or None

    def get_sitemap_urls(self, request=None):
        """A link is no page of its own: its target is in the sitemap, the link is not."""
        return []

    def serve(self, request, *args, **kwargs):
        url = self.target_url(request)
        if not url:
            raise Http404("Trang đích của liên kết không còn.")
        return HttpResponseRedirect(url)


class CollectionPage(Page):
    """A listing of the public pages its criteria select (a Plone Collection): under a page,
    of some types, with some tags, published between two dates."""

    SORT_CHOICES: ClassVar[list[tuple[str, str]]] = [
        ("newest", "Mới nhất trước"),
        ("title", "Theo tiêu đề"),
    ]
    CRITERIA_KEYS: ClassVar[tuple[str, ...]] = ("path", "types", "tags", "start", "end")

    intro = RichTextField("giới thiệu", blank=True)
    criteria = models.JSONField(
        "tiêu chí",
        default=dict,
        blank=True,
        help_text='Ví dụ: {"path": 12, "types": ["directives.DirectivePage"], "tags": ["chuyển '
        'đổi số"], "start": "2024-01-01", "end": null}. path: mã trang, lấy các trang bên dưới; '
        "types: loại trang; tags: chủ đề (có một trong các chủ đề); start, end: ngày đăng.",
    )
    sort_on = models.CharField("sắp xếp", max_length=16, choices=SORT_CHOICES, default="newest")
    limit = models.PositiveIntegerField(
        "số trang tối đa", null=True, blank=True, help_text="Để trống: không giới hạn."
    )
    unmapped = models.TextField(
        "tiêu chí chưa chuyển được",
        blank=True,
        help_text="Những tiêu chí của trang cũ chưa có bộ lọc tương ứng; chỉ biên tập viên thấy.",
    )

    content_panels: ClassVar[list] = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("criteria"),
                FieldRowPanel([FieldPanel("sort_on"), FieldPanel("limit")]),
                FieldPanel("unmapped"),
            ],
            heading="Tiêu chí",
        ),
    ]

    parent_page_types: ClassVar[list[str]] = CONTENT_PARENTS
    subpage_types: ClassVar[list[str]] = []
    page_size = 20

    class Meta:
        verbose_name = "danh sách tổng hợp"
        verbose_name_plural = "danh sách tổng hợp"

    def clean(self):
        super().clean()
        problems = criteria_problems(self.criteria)
        if problems:
            raise ValidationError({"criteria": problems})

    def selected_pages(self):
        """The live, public pages the criteria select, sorted and limited."""
        criteria = self.criteria if isinstance(self.criteria, dict) else {}
        pages = public_pages(Page.objects.all())
        if self.pk:
            pages = pages.exclude(pk=self.pk)
        if (path_id := criteria.get("path")) is not None:
            root = Page.objects.filter(pk=path_id).first()
            if root is None:
                return Page.objects.none()
            pages = pages.descendant_of(root)
        if types := criteria.get("types"):
            pages = pages.filter(content_type__in=page_content_types(types))
        if tags := criteria.get("tags"):
            pages = pages.filter(pk__in=tagged_page_ids(tags))
        if start := parse_date(criteria.get("start")):
            pages = pages.filter(first_published_at__date__gte=start)
        if end := parse_date(criteria.get("end")):
            pages = pages.filter(first_published_at__date__lte=end)
        if self.sort_on == "title":
            pages = pages.order_by("title", "pk")
        else:
            pages = pages.order_by("-first_published_at", "-pk")
        if self.limit:
            pages = pages[: self.limit]
        return pages.specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = Paginator(self.selected_pages(), self.page_size).get_page(request.GET.get("page"))
        context["items"] = items
        context["entries"] = listing_entries(items)
        user = getattr(request, "user", None)
        context["show_unmapped"] = bool(
            self.unmapped
            and user is not None
            and user.is_authenticated
            and self.permissions_for_user(user).can_edit()
        )
        return context


def parse_date(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def page_content_types(labels):
    """The content types of the page models named ``app_label.ModelName``; unknown names
    select nothing."""
    from django.contrib.contenttypes.models import ContentType

    models_ = []
    for label in labels:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        if issubclass(model, Page):
            models_.append(model)
    return ContentType.objects.get_for_models(*models_).values() if models_ else []


def criteria_problems(criteria) -> list[str]:
    """What is wrong with a collection's criteria, in words for editors (empty when none)."""
    if not isinstance(criteria, dict):
        return ['Tiêu chí phải là một đối tượng JSON, ví dụ {"types": ["content.ContentPage"]}.']
    problems = []
    unknown = sorted(set(criteria) - set(CollectionPage.CRITERIA_KEYS))
    if unknown:
        problems.append(f"Tiêu chí không dùng được: {', '.join(unknown)}.")
    path_id = criteria.get("path")
    if path_id is not None and (
        not isinstance(path_id, int) or not Page.objects.filter(pk=path_id).exists()
    ):
        problems.append(f"Không có trang mã {path_id} (tiêu chí path).")
    types = criteria.get("types") or []
    if not isinstance(types, list):
        problems.append("types phải là một danh sách loại trang.")
        types = []
    for label in types:
        try:
            model = apps.get_model(str(label))
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Page):
            problems.append(f"Không có loại trang {label}.")
    tags = criteria.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append("tags phải là một danh sách chủ đề.")
    for key in ("start", "end"):
        if criteria.get(key) and parse_date(criteria[key]) is None:
            problems.append(f"{key} phải là một ngày dạng YYYY-MM-DD.")
    return problems
