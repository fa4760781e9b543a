"""The search API: ``GET /api/v1/search`` and ``GET /api/v1/search/suggest``.

Parameters are read by ``search.params`` (the same reading as the page), so an unreadable
filter is a 422 with a Vietnamese message, and any page number gives a valid page.
"""

from __future__ import annotations

from datetime import date

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from django.http import HttpRequest

from search import params, service
from search.engines.base import SearchUnavailable

router = Router(tags=["Tìm kiếm"])


class SearchParams(Schema):
    q: str = ""
    kind: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    year_from: str | None = None
    year_to: str | None = None
    signer: str | None = None
    sort: str | None = None
    page: str | None = None


class ResultOut(Schema):
    kind: str
    title: str
    number: str
    url: str
    issued_on: date | None
    # HTML, unlike every other field: escaped text with <mark> around the matched words.
    snippet: str = Field(
        description=(
            "HTML: đoạn trích đã được thoát ký tự (escape), từ khớp nằm trong <mark>…</mark>. "
            "Các trường khác là văn bản thuần."
        ),
        json_schema_extra={"format": "html", "contentMediaType": "text/html"},
    )
    doc_type: str
    doc_type_label: str
    issuer: str
    signer: str
    match: str
    score: float
    page_id: int


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    query: str
    count: int
    # False: "count" is a lower bound (the engine stopped counting at a cap).
    count_exact: bool
    # False: facet counts are estimated from a sample of a very large match set.
    facets_exact: bool
    page: int
    num_pages: int
    page_size: int
    results: list[ResultOut]
    facets: dict[str, list[FacetValueOut]]


class SuggestionOut(Schema):
    label: str
    url: str


class SuggestOut(Schema):
    suggestions: list[SuggestionOut]


class ErrorOut(Schema):
    detail: str


@router.get(
    "",
    response={200: SearchOut, 422: ErrorOut, 503: ErrorOut},
    summary="Tìm văn bản, tin tức, thủ tục",
    description=(
        "q: từ khóa, có dấu hoặc không, số ký hiệu văn bản ở mọi cách viết (5436/UBND-VP, "
        "5436 ubnd vp, cv 5436), chữ viết tắt (TTHC, DVCTT). kind: loại nội dung (xem "
        "facets.kind). issuer: mã cơ quan (xem facets.issuer). year_from, year_to: năm. "
        "sort: relevance | date. page: số trang, ngoài phạm vi thì về trang gần nhất. "
        "count_exact = false: count là cận dưới (có hơn count kết quả); facets_exact = "
        "false: số đếm của facets là ước tính. 503 khi máy tìm kiếm tạm thời không hoạt động."
    ),
)
def search(request: HttpRequest, filters: Query[SearchParams]):
    query, notices = params.read(filters.dict())
    if notices:
        raise HttpError(422, " ".join(notices))
    try:
        results = service.search(query)
    except SearchUnavailable as error:
        raise HttpError(503, params.UNAVAILABLE) from error
    return {
        "query": query.raw,
        "count": results.count,
        "count_exact": results.count_exact,
        "facets_exact": results.facets_exact,
        "page": results.page,
        "num_pages": results.num_pages,
        "page_size": query.page_size,
        "results": [
            {
                "kind": hit.kind,
                "title": hit.title,
                "number": hit.number,
                "url": request.build_absolute_uri(hit.url) if hit.url.startswith("/") else hit.url,
                "issued_on": hit.issued_on,
                "snippet": hit.snippet,
                "doc_type": hit.doc_type,
                "doc_type_label": hit.doc_type_label,
                "issuer": hit.issuer_name,
                "signer": hit.signer,
                "match": hit.match,
                "score": hit.score,
                "page_id": hit.page_id,
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
    }


@router.get("/suggest", response={200: SuggestOut, 503: ErrorOut}, summary="Gợi ý khi đang gõ")
def suggest(request: HttpRequest, q: str = ""):
    try:
        items = service.suggest(q[:200], limit=8)
    except SearchUnavailable as error:
        raise HttpError(503, params.UNAVAILABLE) from error
    return {"suggestions": [{"label": item.label, "url": item.url} for item in items]}
