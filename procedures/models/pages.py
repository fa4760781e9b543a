"""Administrative procedures (thủ tục hành chính) as Wagtail pages, with the dated history of
their online service level and their legal basis."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from directives.citations import CitedDocument, cited_page_field
from directives.models import Agency
from procedures.answers import AnswerBook, day_from_query, procedure_facts
from procedures.catalogue import Catalogue
from procedures.export import EXPORT_FORMATS, export_response
from procedures.models.obligations import Obligation
from procedures.vocabulary import (
    AUDIENCE_FLAGS,
    LEVEL_FLAGS,
    Audience,
    GovernmentLevel,
    OnlineLevel,
    ProcedureStatus,
)
from search.visibility import public_pages
from vntext import fold
from vntext.collation import sort_key


class ProcedureIndexPage(Page):
    """The procedure catalogue: filters, search, sorting and exports of any filtered list."""

    intro = RichTextField("giới thiệu", blank=True)

    content_panels: ClassVar[list] = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types: ClassVar[list[str]] = ["home.HomePage"]
    subpage_types: ClassVar[list[str]] = ["procedures.ProcedurePage"]
    max_count = 1
    page_size = 25

    class Meta:
        verbose_name = "danh mục thủ tục hành chính"
        verbose_name_plural = "danh mục thủ tục hành chính"

    def procedures(self):
        return public_pages(ProcedurePage.objects.descendant_of(self))

    def catalogue(self, params) -> Catalogue:
        """This catalogue's public procedures as ``params`` select them (the page and its
        exports read the one query string)."""
        return Catalogue(params, self.procedures(), Obligation.objects.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = self.catalogue(request.GET)
        context["catalogue"] = catalogue
        context["facets"] = catalogue.facets()
        context["procedures"] = catalogue.page(request.GET.get("page"), self.page_size)
        return context

    def serve(self, request, *args, **kwargs):
        export_format = request.GET.get("xuat", "")
        if export_format in EXPORT_FORMATS:
            return export_response(self.catalogue(request.GET), request, export_format)
        return super().serve(request, *args, **kwargs)


class ProcedurePage(Page):
    """One procedure of the national catalogue, identified by its national code. The title is
    the procedure's name."""

    code = models.CharField(
        "mã thủ tục",
        max_length=32,
        unique=True,
        help_text="Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.004122.",
    )
    full_name = models.TextField(
        "tên đầy đủ",
        blank=True,
        help_text="Chỉ điền khi tên thủ tục dài hơn 255 ký tự (tiêu đề trang giữ phần đầu).",
    )
    field = models.CharField("lĩnh vực", max_length=255, blank=True, db_index=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
    )
    level_province = models.BooleanField("cấp tỉnh", default=False)
    level_district = models.BooleanField("cấp huyện", default=False)
    level_commune = models.BooleanField("cấp xã", default=False)
    level_other = models.BooleanField("cơ quan khác", default=False)
    for_citizens = models.BooleanField("công dân", default=False)
    for_businesses = models.BooleanField("doanh nghiệp, tổ chức", default=False)
    for_internal = models.BooleanField(
        "cơ quan nhà nước (nội bộ)",
        default=False,
        help_text="Thủ tục nội bộ: cơ quan nhà nước, tổ chức chính trị - xã hội, doanh nghiệp "
        "nhà nước nộp cho cơ quan nhà nước.",
    )
    online_level = models.CharField(
        "mức độ dịch vụ công trực tuyến",
        max_length=16,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
        db_index=True,
        help_text="Mức độ 4 cũ là toàn trình, mức độ 3 cũ là một phần. Khi có lịch sử mức độ, "
        "ô này tự lấy mức độ đang áp dụng hôm nay.",
    )
    status = models.CharField(
        "tình trạng",
        max_length=16,
        choices=ProcedureStatus.choices,
        default=ProcedureStatus.IN_FORCE,
    )
    processing_time = models.CharField("thời hạn giải quyết", max_length=255, blank=True)
    fees = models.TextField("phí, lệ phí", blank=True)
    required_papers = RichTextField("thành phần hồ sơ", blank=True)
    how_to_file = RichTextField("cách thức thực hiện", blank=True)
    filing_place = models.TextField(
        "địa điểm tiếp nhận hồ sơ",
        blank=True,
        help_text="Nơi nộp hồ sơ và địa chỉ, ví dụ: Bộ phận Một cửa, Trung tâm Phục vụ hành "
        "chính công tỉnh, số nhà, đường, phường. Mỗi nơi một dòng.",
    )
    search_text = models.TextField(editable=False, blank=True)
    sort_name = models.TextField(editable=False, blank=True, db_index=True)

    search_fields: ClassVar[list[index.BaseField]] = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("field"),
        index.SearchField("search_text"),
    ]

    content_panels: ClassVar[list] = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("status")]),
        FieldPanel("full_name"),
        FieldPanel("field"),
        FieldPanel("agency"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("level_province"),
                        FieldPanel("level_district"),
                        FieldPanel("level_commune"),
                        FieldPanel("level_other"),
                    ]
                )
            ],
            heading="Cấp thực hiện",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("for_citizens"),
                        FieldPanel("for_businesses"),
                        FieldPanel("for_internal"),
                    ]
                )
            ],
            heading="Đối tượng thực hiện",
        ),
        FieldRowPanel([FieldPanel("processing_time"), FieldPanel("fees")]),
        FieldPanel("filing_place"),
        InlinePanel("steps", label="Bước", heading="Trình tự thực hiện"),
        FieldPanel("required_papers"),
        InlinePanel("forms", label="Mẫu đơn, tờ khai", heading="Mẫu đơn, tờ khai"),
        FieldPanel("how_to_file"),
    ]
    online_panels: ClassVar[list] = [
        FieldPanel("online_level"),
        InlinePanel(
            "online_levels", label="Mức độ theo thời gian", heading="Lịch sử mức độ trực tuyến"
        ),
        InlinePanel("legal_basis", label="Văn bản", heading="Căn cứ pháp lý"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Nội dung"),
            ObjectList(online_panels, heading="Trực tuyến và căn cứ"),
            ObjectList(Page.promote_panels, heading="Quảng bá"),
            ObjectList(Page.settings_panels, heading="Thiết lập"),
        ]
    )

    parent_page_types: ClassVar[list[str]] = ["procedures.ProcedureIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"

    def save(self, *args, **kwargs):
        facts = procedure_facts(self)
        if facts.level_history:
            self.online_level = facts.online_level_on(timezone.localdate())
        self.sort_name = sort_key(self.title)
        self.search_text = fold(
            " ".join(filter(None, [self.code, self.name, self.field, self.agency_name]))
        )
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        """The procedure's name in full (the page title is cut at 255 characters)."""
        return self.full_name or self.title

    @property
    def agency_name(self) -> str:
        return self.agency.name if self.agency_id else ""

    @property
    def levels(self) -> list[str]:
        """The levels of government as ``GovernmentLevel`` values, in the vocabulary's order."""
        return [str(level) for level, flag in LEVEL_FLAGS.items() if getattr(self, flag)]

    @property
    def level_labels(self) -> list[str]:
        labels = dict(GovernmentLevel.choices)
        return [labels[level] for level in self.levels]

    @property
    def audiences(self) -> list[str]:
        return [str(audience) for audience, flag in AUDIENCE_FLAGS.items() if getattr(self, flag)]

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[audience] for audience in self.audiences]

    @property
    def online_filing_url(self) -> str:
        """The national portal's page for this procedure's code ("Nộp hồ sơ trực tuyến"), from
        the ``PORTAL_PROCEDURE_ONLINE_URL`` pattern; empty when the pattern is unset."""
        pattern = getattr(settings, "PORTAL_PROCEDURE_ONLINE_URL", "")
        if not pattern or not self.code:
            return ""
        return pattern.replace("{code}", quote(self.code, safe=".-"))

    def answer(self, on: date | None = None):
        """Must this procedure be filed online on ``on`` (today by default)?"""
        return AnswerBook(Obligation.objects.all()).answer(self, on or timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        day, error = day_from_query(request.GET.get("ngay"))
        context["answer_day"] = day
        context["answer_day_error"] = error
        context["answer"] = self.answer(day)
        return context


class OnlineLevelChange(Orderable, CitedDocument):
    """From a date on, the procedure is offered online at a level, as a document decided."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="online_levels")
    level = models.CharField(
        "mức độ", max_length=16, choices=OnlineLevel.choices, default=OnlineLevel.FULL
    )
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    target = cited_page_field("văn bản quyết định")

    panels: ClassVar[list] = [
        FieldRowPanel([FieldPanel("level"), FieldPanel("valid_from")]),
        FieldRowPanel([FieldPanel("target"), FieldPanel("citation"), FieldPanel("number")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "mức độ trực tuyến theo thời gian"
        verbose_name_plural = "lịch sử mức độ trực tuyến"

    def __str__(self) -> str:
        return f"{self.get_level_display()} từ {self.valid_from or '…'}"


class ProcedureLegalBasis(Orderable, CitedDocument):
    """A document the procedure rests on: a directive page, or a cited number as text that
    links itself once a page with that number is published."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="legal_basis")

    panels: ClassVar[list] = [
        FieldPanel("target"),
        FieldRowPanel([FieldPanel("citation"), FieldPanel("number")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "căn cứ pháp lý"
        verbose_name_plural = "căn cứ pháp lý"

    def __str__(self) -> str:
        return self.citation or self.number


class ProcedureStep(Orderable):
    """One step of the procedure (trình tự thực hiện), in order, as dichvucong.gov.vn lists
    them: who does what, and what happens next."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField(
        "nội dung bước", help_text="Ví dụ: Tổ chức, cá nhân nộp hồ sơ tại Bộ phận Một cửa."
    )

    panels: ClassVar[list] = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "bước thực hiện"
        verbose_name_plural = "trình tự thực hiện"

    def __str__(self) -> str:
        return self.text[:80]


class ProcedureForm(Orderable):
    """A form to download (mẫu đơn, tờ khai): a Wagtail document under the name people know
    it by."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="forms")
    title = models.CharField(
        "tên mẫu",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Tờ khai đăng ký khai sinh (Mẫu TP/HT-2020-KS.1). Để trống thì dùng "
        "tên tài liệu.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="tệp mẫu",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels: ClassVar[list] = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "mẫu đơn, tờ khai"
        verbose_name_plural = "mẫu đơn, tờ khai"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.title or self.document.title
