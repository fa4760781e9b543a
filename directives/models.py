"""Directive documents (văn bản chỉ đạo điều hành) as Wagtail pages, with their metadata,
the tasks they assign and the documents they cite, linked both ways."""

from __future__ import annotations

from typing import ClassVar

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
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
from directives.import_reading import text_fingerprint
from directives.listing import DirectiveFilter
from directives.signature_text import describe
from directives.vocabulary import AgencyLevel, DocumentType, ValidityStatus
from news.models import NewsPage
from search.visibility import public_pages
from vntext import citation_label, number_key

LINES_HELP = "Mỗi dòng một mục."


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Agency(models.Model):
    """An issuing or assigned body: the UBND of a province, a Sở, a Phòng. A snippet, so a
    directive's issuer and a task's agency are chosen from one list and facets count right."""

    name = models.CharField(
        "tên cơ quan",
        max_length=255,
        help_text="Tên đầy đủ. Cùng tên ở hai tỉnh (Sở Nội vụ) là hai cơ quan: chọn cơ quan cấp trên.",
    )
    abbreviation = models.CharField(
        "tên viết tắt", max_length=32, blank=True, help_text="Ví dụ: UBND, SNV, STTTT."
    )
    level = models.CharField(
        "cấp", max_length=16, choices=AgencyLevel.choices, default=AgencyLevel.OTHER
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )

    panels: ClassVar[list] = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("abbreviation"), FieldPanel("level")]),
        FieldPanel("parent"),
    ]

    class Meta:
        ordering = ["name"]
        # "Sở Nội vụ" of two provinces are two agencies: a name is unique under its parent.
        constraints: ClassVar[list] = [
            models.UniqueConstraint(fields=["name", "parent"], name="agency_name_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="agency_top_level_name"
            ),
        ]
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"

    def __str__(self) -> str:
        return self.name


class DirectiveIndexPage(Page):
    """The list of directives: newest first, filterable by type, issuer, year and signer."""

    intro = RichTextField("giới thiệu", blank=True)

    content_panels: ClassVar[list] = [*Page.content_panels, FieldPanel("intro")]

    # Under a section too, so an imported site keeps its tree.
    parent_page_types: ClassVar[list[str]] = ["home.HomePage", "content.SectionPage"]
    subpage_types: ClassVar[list[str]] = ["directives.DirectivePage", "content.SectionPage"]
    max_count_per_parent = 1
    page_size = 20

    class Meta:
        verbose_name = "danh sách văn bản"
        verbose_name_plural = "danh sách văn bản"

    def directives(self):
        """The public directives of this list: its counts and facets count only these."""
        return (
            public_pages(DirectivePage.objects.descendant_of(self))
            .select_related("issuer")
            .order_by("-issued_on", "-issued_year", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = DirectiveFilter(request.GET, self.directives())
        context["filter"] = listing
        context["facets"] = listing.facets()
        context["directives"] = Paginator(listing.qs, self.page_size).get_page(
            request.GET.get("page")
        )
        return context


class DirectivePage(Page):
    """One directive document with every field of the importer's directive record."""

    doc_type = models.CharField(
        "loại văn bản",
        max_length=24,
        choices=DocumentType.choices,
        default=DocumentType.CONG_VAN,
    )
    number = models.CharField(
        "số, ký hiệu",
        max_length=64,
        blank=True,
        help_text="Như in trên văn bản, ví dụ 4945/UBND-NV. Để trống nếu văn bản chưa ghi số.",
    )
    number_key = models.CharField(
        "khóa số ký hiệu", max_length=64, blank=True, editable=False, db_index=True
    )
    issuer = models.ForeignKey(
        Agency,
        verbose_name="cơ quan ban hành",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directives",
    )
    place = models.CharField("địa danh", max_length=128, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issued_year = models.PositiveSmallIntegerField(
        "năm ban hành",
        null=True,
        blank=True,
        help_text="Điền khi văn bản để trống ngày; tự điền theo ngày ban hành nếu có.",
    )
    issued_month = models.PositiveSmallIntegerField("tháng ban hành", null=True, blank=True)
    effective_on = models.DateField("ngày có hiệu lực", null=True, blank=True)
    validity = models.CharField(
        "tình trạng hiệu lực",
        max_length=32,
        choices=ValidityStatus.choices,
        default=ValidityStatus.UNKNOWN,
    )
    expired_on = models.DateField(
        "ngày hết hiệu lực",
        null=True,
        blank=True,
        help_text="Ngày đầu tiên văn bản không còn hiệu lực; nghĩa vụ của văn bản áp dụng đến "
        "hết ngày hôm trước.",
    )
    subject = models.TextField("trích yếu", help_text="Ví dụ: V/v triển khai ...")
    recipients = models.TextField("kính gửi", blank=True, help_text=LINES_HELP)
    body = RichTextField("nội dung", blank=True)
    signer_authority = models.TextField(
        "thẩm quyền ký",
        blank=True,
        help_text="Từ trên xuống, mỗi dòng một cấp: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH.",
    )
    signer_title = models.CharField("chức vụ người ký", max_length=128, blank=True)
    signer_name = models.CharField("người ký", max_length=128, blank=True, db_index=True)
    distribution = models.TextField("nơi nhận", blank=True, help_text=LINES_HELP)
    source_hash = models.CharField(
        "dấu vân tay nội dung",
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Nhận ra văn bản chưa có số khi nhập lại.",
    )
    import_warnings = models.TextField(
        "cần kiểm tra khi nhập",
        blank=True,
        help_text="Những điểm trình nhập văn bản chưa đọc chắc được; mỗi dòng một điểm.",
    )
    tags = ClusterTaggableManager(
        "chủ đề",
        through="directives.DirectivePageTag",
        blank=True,
        help_text="Chủ đề của văn bản; trang liệt kê các trang cùng chủ đề.",
    )

    # The admin's page search (Wagtail's index); the site's search is search/.
    search_fields: ClassVar[list[index.BaseField]] = [
        *Page.search_fields,
        index.SearchField("number"),
        index.SearchField("subject"),
        index.SearchField("body"),
        index.SearchField("signer_name"),
    ]

    content_panels: ClassVar[list] = [
        *Page.content_panels,
        FieldPanel("import_warnings"),
        FieldPanel("subject"),
        FieldPanel("body"),
        InlinePanel("tasks", label="Nhiệm vụ và thời hạn", heading="Nhiệm vụ được giao"),
        InlinePanel(
            "obligations",
            label="Nghĩa vụ nộp trực tuyến",
            heading="Nghĩa vụ nộp trực tuyến",
            help_text="Thủ tục nào phải (hoặc được khuyến khích) nộp trực tuyến, từ ngày nào.",
        ),
        InlinePanel("attachments", label="Tệp đính kèm", heading="Tệp đính kèm"),
    ]
    metadata_panels: ClassVar[list] = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doc_type"), FieldPanel("number")]),
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("place"), FieldPanel("issued_on")]),
                FieldRowPanel([FieldPanel("issued_month"), FieldPanel("issued_year")]),
                FieldRowPanel(
                    [FieldPanel("effective_on"), FieldPanel("validity"), FieldPanel("expired_on")]
                ),
            ],
            heading="Số, ký hiệu và ngày tháng",
        ),
        FieldPanel("recipients"),
        MultiFieldPanel(
            [
                FieldPanel("signer_authority"),
                FieldRowPanel([FieldPanel("signer_title"), FieldPanel("signer_name")]),
            ],
            heading="Người ký",
        ),
        FieldPanel("distribution"),
        FieldPanel("tags"),
        InlinePanel("references", label="Văn bản được dẫn chiếu", heading="Văn bản dẫn chiếu"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Nội dung"),
            ObjectList(metadata_panels, heading="Thuộc tính văn bản"),
            ObjectList(Page.promote_panels, heading="Quảng bá"),
            ObjectList(Page.settings_panels, heading="Thiết lập"),
        ]
    )

    # A section may hold directives too (an imported site's folders of documents).
    parent_page_types: ClassVar[list[str]] = [
        "directives.DirectiveIndexPage",
        "content.SectionPage",
    ]
    subpage_types: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "văn bản chỉ đạo"
        verbose_name_plural = "văn bản chỉ đạo"
        indexes: ClassVar[list] = [models.Index(fields=["issued_on"])]

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def fill_derived_fields(self) -> None:
        """The columns computed from others; apart from ``save()`` so that a bulk insert,
        which calls no ``save()``, writes them the same."""
        self.number_key = number_key(self.number)
        if self.issued_on:
            self.issued_year = self.issued_on.year
            self.issued_month = self.issued_on.month

    # What templates and the search read.

    @property
    def doc_type_label(self) -> str:
        return self.get_doc_type_display()

    @property
    def recipient_list(self) -> list[str]:
        return split_lines(self.recipients)

    @property
    def distribution_list(self) -> list[str]:
        return split_lines(self.distribution)

    @property
    def authority_lines(self) -> list[str]:
        return split_lines(self.signer_authority)

    @property
    def label(self) -> str:
        """ "Công văn số 5436/UBND-VP", the name every citation of this page shows."""
        if not self.number:
            return f"{citation_label(self.doc_type_label)} (chưa có số)"
        return citation_label(self.doc_type_label, self.number)

    @property
    def year(self) -> int | None:
        return self.issued_on.year if self.issued_on else self.issued_year

    def cited_by(self):
        """Public directives that cite this one, by an explicit link or by its number."""
        if not self.pk:
            return DirectivePage.objects.none()
        condition = Q(references__target=self)
        if self.number_key:
            condition |= Q(references__number_key=self.number_key, references__target__isnull=True)
        return (
            public_pages(DirectivePage.objects.filter(condition))
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-issued_on", "-pk")
        )

    def public_news(self):
        """The public news items that explain this directive, newest first."""
        return public_pages(NewsPage.objects.filter(target=self)).order_by(
            "-date", "-first_published_at"
        )

    @staticmethod
    def fingerprint(text: str) -> str:
        """A content hash that survives white space and accent encoding differences."""
        return text_fingerprint(text)


class DirectivePageTag(TaggedItemBase):
    content_object = ParentalKey(
        DirectivePage, on_delete=models.CASCADE, related_name="tagged_items"
    )


class DirectiveTask(Orderable):
    """A task the directive assigns: to whom, what, by when."""

    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="tasks")
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    text = models.TextField("nhiệm vụ")
    due_on = models.DateField("thời hạn", null=True, blank=True)
    due_text = models.CharField(
        "thời hạn (như văn bản ghi)",
        max_length=64,
        blank=True,
        help_text="Khi văn bản chỉ ghi tháng hoặc năm: 'tháng 12/2025', 'năm 2020'.",
    )

    panels: ClassVar[list] = [
        FieldPanel("agency"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("due_text")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self) -> str:
        return self.text[:80]


class DirectiveAttachment(Orderable):
    """A file that belongs to the directive: the signed PDF, an annex."""

    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="tệp",
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField("mô tả", max_length=255, blank=True)

    panels: ClassVar[list] = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    @cached_property
    def signature_check(self) -> DocumentSignatures | None:
        """What was found when the file's digital signatures were last checked."""
        return DocumentSignatures.objects.filter(document_id=self.document_id).first()


class DocumentSignatures(models.Model):
    """The digital signatures found in a document's file (``directives.signatures``),
    kept with the document rather than its page: a file is signed once, whichever page or
    revision attaches it. ``file_hash`` is the file they were read from, so a replaced file
    is checked again."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name="tệp",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="signature_check",
    )
    file_hash = models.CharField("mã băm tệp", max_length=64)
    signatures = models.JSONField("chữ ký số", default=list, blank=True)
    error = models.TextField(
        "lỗi khi kiểm tra", blank=True, help_text="Vì sao không kiểm tra được chữ ký số."
    )
    checked_at = models.DateTimeField("kiểm tra lúc", auto_now=True)

    class Meta:
        verbose_name = "chữ ký số của tệp"
        verbose_name_plural = "chữ ký số của tệp"

    def __str__(self) -> str:
        return f"{self.document_id}: {len(self.signatures)} chữ ký"

    @property
    def summaries(self) -> list[dict[str, str]]:
        """Each signature in sentences, in the site's time zone (see ``describe``)."""
        zone = timezone.get_current_timezone()
        return [describe(signature, zone) for signature in self.signatures]


class DirectiveReference(Orderable, CitedDocument):
    """A document this directive cites. It links to the cited page when that page is on the
    site (chosen by the editor, or found by the number's key); otherwise it keeps the type,
    number and date as text, and links itself once a page with that number is published."""

    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="references")
    target = cited_page_field(related_name="citations")

    panels: ClassVar[list] = [
        FieldRowPanel([FieldPanel("doc_type"), FieldPanel("number"), FieldPanel("cited_on")]),
        FieldRowPanel([FieldPanel("relation"), FieldPanel("target")]),
        FieldPanel("citation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "văn bản dẫn chiếu"
        verbose_name_plural = "văn bản dẫn chiếu"

    def __str__(self) -> str:
        return " ".join(part for part in (self.doc_type, self.number) if part)


def find_cited_page(
    key: str, cited_on=None, exclude_pk=None, *, public: bool = False
) -> DirectivePage | None:
    """The live directive whose number has ``key``; the citation's date, when both sides
    know it, breaks ties between issuers that reuse a number. ``public`` leaves out
    restricted pages: pages shown to visitors ask for it; the citation linker stores links
    to restricted pages too, and rendering hides them."""
    if not key:
        return None
    candidates = DirectivePage.objects.live()
    if public:
        candidates = public_pages(candidates)
    candidates = candidates.filter(number_key=key).exclude(pk=exclude_pk)
    if cited_on:
        dated = candidates.filter(issued_on=cited_on).first()
        if dated:
            return dated
    return candidates.order_by("-issued_on").first()


from directives.scans import ScanReading  # noqa: E402, F401 - a model of this app
