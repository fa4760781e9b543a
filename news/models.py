"""News items that explain directives to the public."""

from typing import ClassVar

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from search.visibility import is_public, public_pages


class NewsIndexPage(Page):
    """The news list, newest first."""

    intro = RichTextField("giới thiệu", blank=True)

    content_panels: ClassVar[list] = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types: ClassVar[list[str]] = ["home.HomePage"]
    subpage_types: ClassVar[list[str]] = ["news.NewsPage"]
    max_count_per_parent = 1
    page_size = 12

    class Meta:
        verbose_name = "danh sách tin tức"
        verbose_name_plural = "danh sách tin tức"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-date", "-first_published_at")
        )
        context["news_items"] = Paginator(items, self.page_size).get_page(request.GET.get("page"))
        return context


class NewsPage(Page):
    """A news item: what a directive means for citizens, with its source and a read count."""

    date = models.DateField("ngày đăng", default=timezone.localdate)
    lead = models.TextField("tóm tắt", blank=True, help_text="Một, hai câu in đậm đầu bài.")
    body = RichTextField("nội dung")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="ảnh minh họa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        "mô tả ảnh", max_length=255, blank=True, help_text="Cho người đọc không xem được ảnh."
    )
    source_directive = models.ForeignKey(
        "directives.DirectivePage",
        verbose_name="văn bản nguồn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    source_text = models.CharField(
        "nguồn (văn bản khác)",
        max_length=255,
        blank=True,
        help_text="Khi nguồn không phải văn bản trên cổng, ví dụ 'Văn bản số 5436/UBND-VP'.",
    )
    related_news = ParentalManyToManyField(
        "self", verbose_name="tin liên quan", blank=True, symmetrical=False
    )
    read_count = models.PositiveIntegerField("số lượt đọc", default=0, editable=False)

    search_fields: ClassVar[list[index.BaseField]] = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    content_panels: ClassVar[list] = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Ảnh"),
        MultiFieldPanel(
            [FieldPanel("source_directive"), FieldPanel("source_text")], heading="Nguồn"
        ),
        FieldPanel("related_news"),
    ]

    parent_page_types: ClassVar[list[str]] = ["news.NewsIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "tin tức"
        verbose_name_plural = "tin tức"

    @property
    def source_label(self) -> str:
        if self.source_directive_id:
            directive = self.source_directive
            return f"{directive.get_doc_type_display()} số {directive.number}".strip()
        return self.source_text

    def other_news(self, limit: int = 5):
        """The editor's related news first, then the latest others ("Tin tức khác"); public
        items only, whatever the editor chose."""
        # related_news is an in-memory cluster in previews, so filter it in Python.
        chosen = sorted(
            (item for item in self.related_news.all() if is_public(item)),
            key=lambda item: item.date,
            reverse=True,
        )[:limit]
        if len(chosen) < limit:
            chosen += list(
                public_pages(
                    NewsPage.objects.exclude(pk__in=[self.pk, *(i.pk for i in chosen)])
                ).order_by("-date", "-first_published_at")[: limit - len(chosen)]
            )
        return chosen
