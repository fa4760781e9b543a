"""News in the JSON API: ``/api/v1/news`` (newest first, as the news list) and
``/api/v1/news/{id}``. Parameters arrive as text, so a bad one is a Vietnamese 422."""

from __future__ import annotations

import logging
from datetime import date

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.core.paginator import Paginator
from django.http import HttpRequest

from directives.api import ID, YEAR, documented
from news import records
from search.api import ErrorOut  # one error shape for every router of the API

logger = logging.getLogger("news")
router = Router(tags=["Tin tức"])

PAGE_SIZE = 20


class NewsSummary(Schema):
    id: int
    url: str | None
    title: str
    date: date
    lead: str | None
    source_directive_id: int | None
    source: str | None


class NewsOut(NewsSummary):
    body: str


class NewsList(Schema):
    count: int
    page: int
    num_pages: int
    page_size: int
    items: list[NewsSummary]


class NewsParams(Schema):
    year: str | None = Field(**documented(**YEAR))
    directive: str | None = Field(**documented(**ID))
    # Any value gives a page (the nearest valid one), as on the list page: no pattern.
    page: str | None = None


def _whole_number(value: str, label: str, low: int, high: int) -> int:
    if value.isascii() and value.isdigit() and low <= int(value) <= high:
        return int(value)
    logger.info("news api: invalid filter %s=%r", label, value[:40])
    raise HttpError(422, f"Bộ lọc “{label}” không hợp lệ.")


@router.get(
    "",
    response={200: NewsList, 422: ErrorOut},
    summary="Danh sách tin tức",
    description=(
        "Mới nhất trước. year: năm đăng. directive: mã văn bản nguồn (tin giải thích văn "
        "bản đó). page: số trang, ngoài phạm vi thì về trang gần nhất."
    ),
)
def list_news(request: HttpRequest, filters: Query[NewsParams]):
    items = records.public_news()
    if filters.year:
        items = items.filter(date__year=_whole_number(filters.year, "Năm", 1000, 9999))
    if filters.directive:
        items = items.filter(target_id=_whole_number(filters.directive, "Văn bản nguồn", 1, 2**62))
    page = Paginator(items, PAGE_SIZE).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "page_size": PAGE_SIZE,
        "items": [records.summary(item, request) for item in page.object_list],
    }


@router.get("/{news_id}", response={200: NewsOut, 404: ErrorOut}, summary="Một tin")
def get_news(request: HttpRequest, news_id: str):
    found = None
    if news_id.isascii() and news_id.isdigit() and 0 < int(news_id) < 2**62:
        found = records.public_news().filter(pk=int(news_id)).first()
    if found is None:
        raise HttpError(404, f"Không tìm thấy tin “{news_id[:40]}”.")
    return records.record(found, request)
