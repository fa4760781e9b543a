"""News items that explain directives to the public."""

from typing import ClassVar

from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from directives.citations import CitedDocument, citation_text_field, cited_page_field
from search.visibility import is_public, public_pages


class NewsIndexPage(Page):
    """The news list, newest first."""

    intro = RichTextField("giới thiệu", blank=True)

    content_panels: ClassVar[list] = [*Page.content_panels, FieldPanel("intro")]

    # Under a section too, so an imported site keeps its tree.
    parent_page_types: ClassVar[list[str]] = ["home.HomePage", "content.SectionPage"]
    subpage_types: ClassVar[list[str]] = ["news.NewsPage", "content.SectionPage"]
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


class NewsPage(Page, CitedDocument):
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
    target = cited_page_field("văn bản nguồn", "news_items")
    citation = citation_text_field(
        "nguồn (văn bản khác)",
        help_text="Khi nguồn không phải văn bản trên cổng, ví dụ 'Văn bản số 5436/UBND-VP'.",
    )
    citing_page: ClassVar[str] = "page_ptr"

    related_news = ParentalManyToManyField(
        "self", verbose_name="tin liên quan", blank=True, symmetrical=False
    )
    tags = ClusterTaggableManager(
        "chủ đề",
        through="news.NewsPageTag",
        blank=True,
        help_text="Chủ đề của tin; trang liệt kê các trang cùng chủ đề.",
    )

    # The admin's page search (Wagtail's index); the site's search is search/.
    search_fields: ClassVar[list[index.BaseField]] = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
    ]

    content_panels: ClassVar[list] = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Ảnh"),
        MultiFieldPanel(
            [FieldPanel("target"), FieldPanel("citation"), FieldPanel("number")], heading="Nguồn"
        ),
        FieldPanel("related_news"),
        FieldPanel("tags"),
    ]

    # A section may hold news too (an imported site's folders).
    parent_page_types: ClassVar[list[str]] = ["news.NewsIndexPage", "content.SectionPage"]
    subpage_types: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "tin tức"
        verbose_name_plural = "tin tức"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        pending = self.__dict__.pop("_pending_read_count", None)
        if pending is not None:
            ReadCount.objects.update_or_create(page_id=self.pk, defaults={"count": pending})

    @property
    def read_count(self) -> int:
        """Readings so far, kept in ``ReadCount`` (never in a revision, so publishing keeps
        them). Set it on a new page (``NewsPage(read_count=...)``, as the sample loader does)
        to start the count there."""
        if self.pk is None:
            return self.__dict__.get("_pending_read_count") or 0
        row = ReadCount.objects.filter(page_id=self.pk).values_list("count", flat=True).first()
        return row or 0

    @read_count.setter
    def read_count(self, value: int) -> None:
        self.__dict__["_pending_read_count"] = int(value)

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


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="tagged_items")


class ReadCount(models.Model):
    """How many times a news item was read: a row of its own, out of the page and its
    revisions, so publishing a revision never resets the figure and counting a reading writes
    one integer, never the page."""

    page = models.OneToOneField(
        NewsPage,
        verbose_name="tin",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reads",
    )
    count = models.PositiveBigIntegerField("số lượt đọc", default=0)

    class Meta:
        verbose_name = "số lượt đọc"
        verbose_name_plural = "số lượt đọc"

    def __str__(self) -> str:
        return f"{self.page_id}: {self.count}"

    @classmethod
    def add_one(cls, page_id: int) -> None:
        """One more reading, in the database (F()), so concurrent readings are all kept."""
        cls.objects.get_or_create(page_id=page_id)
        cls.objects.filter(page_id=page_id).update(count=F("count") + 1)
