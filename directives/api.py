"""Directives in the JSON API: ``/api/v1/directives`` lists and filters as the directive list
does (plus validity and number), ``/api/v1/directives/{id}`` and
``/api/v1/directives/by-number?number=`` give the whole record.

Parameters arrive as text and are read by the list's own filter form, so an unreadable value
is a 422 with the list's Vietnamese message, never a 500 or an English validation dump.
"""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

import django_filters
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.core.paginator import Paginator
from django.http import HttpRequest

from directives import records
from directives.listing import DirectiveFilter
from directives.models import DirectivePage
from directives.vocabulary import DocumentType, ValidityStatus
from search.api import ErrorOut  # one error shape for every router of the API
from vntext import number_key

router = Router(tags=["Văn bản chỉ đạo điều hành"])

PAGE_SIZE = 20


class DirectiveSummary(Schema):
    id: int
    url: str | None
    title: str
    doc_type: str
    doc_type_label: str
    number: str | None
    number_key: str | None
    issuer: str | None
    issuer_id: int | None
    place: str | None
    issued_on: date | None
    issued_year: int | None
    effective_on: date | None
    validity: str
    validity_label: str
    subject: str
    signer_title: str | None
    signer_name: str | None


class TaskOut(Schema):
    agency: str | None
    text: str
    due_on: date | None
    due_text: str | None


class ObligationOut(Schema):
    requirement: str
    requirement_label: str
    starts_on: date | None
    ends_on: date | None
    scope: str
    procedure_codes: list[str]
    implements: str | None
    implements_id: int | None


class SignatureOut(Schema):
    """A digital signature on an attachment (who signed, when, whether it verifies)."""

    signer: str | None = None
    signed_at: str | None = None
    valid: bool | None = None
    field: str | None = None
    common_name: str | None = None
    organization: str | None = None
    timestamped_at: str | None = None
    intact: bool | None = None
    coverage: str | None = None
    modification: str | None = None
    unchanged: bool | None = None
    issuer: str | None = None
    issuer_organization: str | None = None
    trusted: bool | None = None
    problem: str | None = None


class AttachmentOut(Schema):
    title: str
    caption: str | None
    url: str | None
    file_name: str
    signatures: list[SignatureOut]


class CitationOut(Schema):
    relation: str
    relation_label: str
    doc_type: str | None
    number: str | None
    cited_on: date | None
    directive_id: int | None


class CitingOut(Schema):
    id: int
    number: str | None
    title: str
    issued_on: date | None
    url: str | None


class NewsLinkOut(Schema):
    id: int
    title: str
    date: date
    url: str | None


class DirectiveOut(DirectiveSummary):
    issued_month: int | None
    recipients: list[str]
    body: str
    signer_authority: list[str]
    distribution: list[str]
    tasks: list[TaskOut]
    obligations: list[ObligationOut]
    attachments: list[AttachmentOut]
    cites: list[CitationOut]
    cited_by: list[CitingOut]
    news: list[NewsLinkOut]


class DirectiveList(Schema):
    count: int
    page: int
    num_pages: int
    page_size: int
    items: list[DirectiveSummary]


def documented(**schema) -> dict:
    """What the OpenAPI schema promises about a text parameter, without pydantic enforcing it:
    the filter form reads the value and answers a Vietnamese 422 when it cannot. An empty
    value means "no filter", as on the list page."""
    if "pattern" in schema:
        schema["pattern"] = f"^({schema['pattern'].strip('^$')})?$"
    if "enum" in schema:
        schema["enum"] = ["", *schema["enum"]]
    return {"default": None, "json_schema_extra": schema}


YEAR = {"pattern": "^[1-9][0-9]{3}$"}
ID = {"pattern": "^[1-9][0-9]{0,17}$"}


class DirectiveParams(Schema):
    doc_type: str | None = Field(**documented(enum=list(DocumentType.values)))
    issuer: str | None = Field(**documented(**ID))
    year: str | None = Field(**documented(**YEAR))
    signer: str | None = Field(**documented(maxLength=255, pattern="[^\\x00]*"))
    validity: str | None = Field(**documented(enum=list(ValidityStatus.values)))
    number: str | None = Field(**documented(maxLength=64, pattern="[^\\x00]*"))
    # Any value gives a page (the nearest valid one), as on the list page: no pattern.
    page: str | None = None


class NumberParams(Schema):
    NUMBER_PATTERN: ClassVar[str] = "[0-9A-Za-z]"
    number: str = Field(..., json_schema_extra={"pattern": NUMBER_PATTERN, "maxLength": 200})
    year: str | None = Field(**documented(**YEAR))


class ApiDirectiveFilter(DirectiveFilter):
    """The directive list's filters, plus validity and a number in any spelling."""

    validity = django_filters.ChoiceFilter(
        label="Tình trạng hiệu lực", choices=ValidityStatus.choices
    )
    number = django_filters.CharFilter(label="Số, ký hiệu", max_length=64, method="filter_number")

    def filter_number(self, queryset, name, value):
        return queryset.filter(number_key=number_key(value) or "\x01")


@router.get(
    "",
    response={200: DirectiveList, 422: ErrorOut},
    summary="Danh sách văn bản, có lọc",
    description=(
        "Mới nhất trước (theo ngày ban hành). doc_type: mã loại văn bản (cong-van, "
        "quyet-dinh, …). issuer: mã cơ quan ban hành. year: năm ban hành. signer: người ký. "
        "validity: con-hieu-luc | chua-co-hieu-luc | het-hieu-luc-mot-phan | "
        "het-hieu-luc-toan-bo | khong-xac-dinh. number: số ký hiệu ở mọi cách viết. "
        "page: số trang, ngoài phạm vi thì về trang gần nhất. Giá trị không đọc được: 422."
    ),
)
def list_directives(request: HttpRequest, filters: Query[DirectiveParams]):
    data = {key: value for key, value in filters.dict().items() if value not in (None, "")}
    listing = ApiDirectiveFilter(data, records.public_directives())
    messages = listing.messages
    if messages:
        raise HttpError(422, " ".join(messages))
    page = Paginator(listing.qs, PAGE_SIZE).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "page_size": PAGE_SIZE,
        "items": [records.summary(item, request) for item in page.object_list],
    }


def _full(page: DirectivePage | None, request: HttpRequest, wanted: str):
    if page is None:
        raise HttpError(404, f"Không tìm thấy văn bản “{wanted[:40]}”.")
    return records.record(page, request)


@router.get(
    "/by-number",
    response={200: DirectiveOut, 404: ErrorOut, 422: ErrorOut},
    summary="Một văn bản theo số ký hiệu, ở mọi cách viết",
    description=(
        "number: 5436/UBND-VP, 5436 ubnd vp, 05436/UBND - VP … đều là một số. Khi nhiều cơ "
        "quan dùng trùng số, year (năm ban hành) chọn văn bản; không có year: văn bản mới nhất."
    ),
)
def directive_by_number(request: HttpRequest, params: Query[NumberParams]):
    number, year = params.number, params.year
    key = number_key(number) if len(number) <= 200 else ""
    if not key or not re.search(NumberParams.NUMBER_PATTERN, number):
        raise HttpError(422, "Số ký hiệu không đọc được: cần có chữ hoặc số, tối đa 200 ký tự.")
    matches = records.public_directives().filter(number_key=key)
    if year:
        if not re.fullmatch(YEAR["pattern"].strip("^$"), year):
            raise HttpError(422, "Năm ban hành không hợp lệ: cần bốn chữ số, ví dụ 2024.")
        matches = matches.filter(issued_year=int(year))
    return _full(matches.first(), request, number)


@router.get(
    "/{directive_id}",
    response={200: DirectiveOut, 404: ErrorOut},
    summary="Một văn bản, đầy đủ thuộc tính, dẫn chiếu hai chiều, nhiệm vụ, tệp đính kèm",
)
def get_directive(request: HttpRequest, directive_id: str):
    found = None
    if directive_id.isascii() and directive_id.isdigit() and 0 < int(directive_id) < 2**62:
        found = records.public_directives().filter(pk=int(directive_id)).first()
    return _full(found, request, directive_id)
