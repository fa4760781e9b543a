"""The online-filing obligations a directive imposes on procedures."""

from __future__ import annotations

import re
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from directives.citations import CitedDocument, citation_text_field, cited_page_field
from directives.models import Agency, DirectivePage, split_lines
from procedures.territory import territory_of
from procedures.vocabulary import Requirement, TerritoryLevel


class Obligation(Orderable, CitedDocument):
    """What a directive requires of a set of procedures from a date: filing online only, or
    online filing encouraged. Edited on the directive (its moderation and revisions cover it);
    it counts only while the directive is published, and only once an editor has confirmed
    it: what the importer read in a text is a proposal, whichever way the page got published
    (an import straight to publication, a draft published later). The document it implements
    is a cited document: a page, or a number that links itself once that page is published."""

    directive = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="obligations")
    requirement = models.CharField(
        "yêu cầu", max_length=24, choices=Requirement.choices, default=Requirement.ONLINE_ONLY
    )
    starts_on = models.DateField(
        "áp dụng từ ngày",
        null=True,
        blank=True,
        help_text="Để trống: từ ngày văn bản có hiệu lực, hoặc ngày ban hành.",
    )
    ends_on = models.DateField(
        "đến hết ngày", null=True, blank=True, help_text="Để trống: không thời hạn."
    )
    for_citizens = models.BooleanField("công dân", default=False)
    for_businesses = models.BooleanField("doanh nghiệp, tổ chức", default=False)
    for_internal = models.BooleanField("cơ quan nhà nước (nội bộ)", default=False)
    level_full = models.BooleanField("toàn trình (mức độ 4)", default=False)
    level_partial = models.BooleanField("một phần (mức độ 3)", default=False)
    level_province = models.BooleanField("cấp tỉnh", default=False)
    level_district = models.BooleanField("cấp huyện", default=False)
    level_commune = models.BooleanField("cấp xã", default=False)
    fields = models.TextField(
        "lĩnh vực", blank=True, help_text="Mỗi dòng một lĩnh vực; để trống: mọi lĩnh vực."
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Chỉ thủ tục do cơ quan này thực hiện; để trống: mọi cơ quan.",
    )
    procedure_codes = models.TextField(
        "danh sách mã thủ tục",
        blank=True,
        help_text="Mỗi dòng một mã (1.004122); để trống: mọi thủ tục khớp các điều kiện trên.",
    )
    target = cited_page_field(
        "thực hiện văn bản",
        "implementing_obligations",
        help_text="Văn bản cấp trên mà văn bản này triển khai, ví dụ công văn của tỉnh.",
    )
    citation = citation_text_field(
        "thực hiện văn bản (như đã ghi)", help_text="Khi văn bản cấp trên chưa có trên cổng."
    )
    evidence = models.TextField(
        "câu trong văn bản", blank=True, help_text="Đoạn văn bản nêu yêu cầu này."
    )
    territory_level = models.CharField(
        "địa bàn áp dụng",
        max_length=16,
        choices=TerritoryLevel.choices,
        blank=True,
        help_text="Để trống: địa bàn của cơ quan ban hành (cả nước với cơ quan trung ương).",
    )
    territory_place = models.CharField(
        "tên địa bàn",
        max_length=128,
        blank=True,
        help_text="Ví dụ: Sông Xanh (tỉnh), Bến Mây (thành phố thuộc tỉnh); để trống cùng ô "
        "trên: theo tên cơ quan ban hành.",
    )
    confirmed = models.BooleanField(
        "đã xác nhận",
        default=False,
        help_text="Chỉ nghĩa vụ đã được biên tập viên xác nhận mới áp dụng cho thủ tục. Nghĩa vụ "
        "do trình nhập văn bản đề xuất chưa được xác nhận.",
    )

    citing_page: ClassVar[str] = "directive"

    panels: ClassVar[list] = [
        FieldRowPanel([FieldPanel("requirement"), FieldPanel("starts_on"), FieldPanel("ends_on")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("for_citizens"),
                        FieldPanel("for_businesses"),
                        FieldPanel("for_internal"),
                    ]
                ),
                FieldRowPanel([FieldPanel("level_full"), FieldPanel("level_partial")]),
                FieldRowPanel(
                    [
                        FieldPanel("level_province"),
                        FieldPanel("level_district"),
                        FieldPanel("level_commune"),
                    ]
                ),
                FieldPanel("fields"),
                FieldPanel("agency"),
                FieldPanel("procedure_codes"),
            ],
            heading="Áp dụng cho thủ tục (để trống một điều kiện: không giới hạn theo điều kiện đó)",
        ),
        FieldRowPanel([FieldPanel("territory_level"), FieldPanel("territory_place")]),
        FieldRowPanel([FieldPanel("target"), FieldPanel("citation"), FieldPanel("number")]),
        FieldPanel("evidence"),
        FieldPanel("confirmed"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "nghĩa vụ nộp trực tuyến"
        verbose_name_plural = "nghĩa vụ nộp trực tuyến"

    def __str__(self) -> str:
        return f"{self.get_requirement_display()} từ {self.starts_on or '…'}"

    def save(self, *args, **kwargs):
        """An obligation left without a territory gets its issuer's, so the list shows where
        it binds and a later change of the agency list does not move it silently."""
        if not self.territory_level:
            self.territory_level, self.territory_place = self.issuer_territory()
        super().save(*args, **kwargs)

    def issuer_territory(self) -> tuple[str, str]:
        directive = self.directive if self.directive_id else None
        return territory_of(directive.issuer if directive else None)

    @property
    def territory(self) -> tuple[str, str]:
        """(level, place) where the obligation binds: as the editor set it, else the issuer's."""
        if self.territory_level:
            return self.territory_level, self.territory_place
        return self.issuer_territory()

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu áp dụng."})
        if self.territory_place and not self.territory_level:
            raise ValidationError(
                {"territory_level": "Chọn địa bàn áp dụng (tỉnh, huyện hay xã) cho tên địa bàn."}
            )

    @property
    def code_list(self) -> list[str]:
        return [code for code in re.split(r"[\s,;]+", self.procedure_codes) if code]

    @property
    def field_list(self) -> list[str]:
        return split_lines(self.fields)

    @property
    def scope_text(self) -> str:
        """The scope in words for the directive page: "Đối tượng: cơ quan nhà nước; ..."."""
        parts = []
        audiences = [
            label
            for on, label in (
                (self.for_citizens, "công dân"),
                (self.for_businesses, "doanh nghiệp, tổ chức"),
                (self.for_internal, "cơ quan nhà nước (thủ tục nội bộ)"),
            )
            if on
        ]
        if audiences:
            parts.append("Đối tượng: " + ", ".join(audiences))
        levels = [
            label
            for on, label in (
                (self.level_full, "toàn trình (mức độ 4)"),
                (self.level_partial, "một phần (mức độ 3)"),
            )
            if on
        ]
        if levels:
            parts.append("đang cung cấp trực tuyến " + ", ".join(levels))
        government = [
            label
            for on, label in (
                (self.level_province, "tỉnh"),
                (self.level_district, "huyện"),
                (self.level_commune, "xã"),
            )
            if on
        ]
        if government:
            parts.append("cấp " + ", ".join(government))
        if self.field_list:
            parts.append("lĩnh vực " + ", ".join(self.field_list))
        if self.agency_id:
            parts.append("do " + self.agency.name + " thực hiện")
        if self.code_list:
            parts.append("các thủ tục mã " + ", ".join(self.code_list))
        return "; ".join(parts) + "." if parts else "Mọi thủ tục hành chính."
