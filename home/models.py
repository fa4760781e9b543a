"""The portal's front page."""

from typing import ClassVar

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from directives.models import DirectivePage
from news.models import NewsPage


class HomePage(Page):
    """The front page: an introduction, the latest directives and news, a search box and the
    way into each section."""

    intro = RichTextField(
        "giới thiệu",
        blank=True,
        help_text="Đoạn giới thiệu ngắn hiển thị đầu trang chủ.",
    )

    content_panels: ClassVar[list] = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    subpage_types: ClassVar[list[str]] = [
        "directives.DirectiveIndexPage",
        "news.NewsIndexPage",
        "procedures.ProcedureIndexPage",
        "content.SectionPage",
        "content.ContentPage",
        "content.EventPage",
        "content.LinkPage",
        "content.CollectionPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "trang chủ"
        verbose_name_plural = "trang chủ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_directives"] = (
            DirectivePage.objects.live()
            .public()
            .select_related("issuer")
            .order_by("-issued_on", "-first_published_at")[:6]
        )
        context["latest_news"] = (
            NewsPage.objects.live().public().order_by("-date", "-first_published_at")[:5]
        )
        context["sections"] = self.get_children().live().in_menu().specific()
        return context


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the portal: the names in the header and the footer."""

    site_name = models.CharField("tên cổng", max_length=255, default="Cổng thông tin điện tử")
    authority_name = models.CharField(
        "cơ quan chủ quản",
        max_length=255,
        default="Ủy ban nhân dân tỉnh",
        help_text="Dòng nhỏ trên tên cổng, ví dụ: Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu.",
    )
    footer_text = models.TextField(
        "chân trang", blank=True, help_text="Giấy phép, ghi chú thêm ở chân trang."
    )
    # Who to reach, in the footer of every page and on paper: a public portal names the body's
    # address, telephone, e-mail and the person responsible for its content.
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=64, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    responsible_person = models.CharField(
        "người chịu trách nhiệm nội dung",
        max_length=255,
        blank=True,
        help_text="Họ tên và chức vụ, ví dụ: Nguyễn Văn A, Chánh Văn phòng.",
    )

    class Meta:
        verbose_name = "thông tin cổng"


from home.schedule import JobRun  # noqa: E402, F401  (the publish_scheduled record's model)
