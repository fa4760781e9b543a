"""The catalogue in the JSON API: ``/api/v1/procedures`` lists and filters as the catalogue
page does, ``/api/v1/procedures/{code}`` gives one procedure with the online-filing answer.

Each procedure is the record the exports write (``procedures.export.procedure_record``); the
single procedure adds its details and the answer in full (``answer_detail``)."""

import logging
from datetime import date

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from django.core.paginator import Paginator

from procedures.answers import parse_day
from procedures.catalogue import RECORD_PREFETCH, Catalogue
from procedures.export import procedure_record
from procedures.models import Obligation, ProcedurePage
from search.visibility import public_pages

logger = logging.getLogger(__name__)

router = Router(tags=["Thủ tục hành chính"])

PAGE_SIZE = 20


class DocumentOut(Schema):
    type: str
    number: str | None
    issued_on: date | None
    issuer: str | None
    citation: str
    url: str | None
    implements: str | None


class AnswerOut(Schema):
    on: date
    must_online: bool
    since: date | None
    documents: list[DocumentOut]
    chain: str
    encouraged: bool
    upcoming_since: date | None
    sentence: str


class ProcedureSummary(Schema):
    """The record the exports write too (``procedures.export.procedure_record``)."""

    code: str
    name: str
    field: str | None
    agency: str | None
    levels: list[str]
    audiences: list[str]
    online_level: str | None
    status: str
    must_online_now: bool
    since: date | None
    documents: list[str]
    chain: str | None
    answer: str
    processing_time: str | None
    fees: str | None
    filing_place: str | None
    steps: list[str]
    forms: list[str]
    online_filing_url: str | None
    url: str | None


class ProcedureOut(ProcedureSummary):
    legal_basis: list[str]
    online_level_history: list[dict]
    answer_detail: AnswerOut


class ProcedureList(Schema):
    on: date
    count: int
    page: int
    num_pages: int
    items: list[ProcedureSummary]


class ProcedureFilters(Schema):
    field: str | None = None
    agency: int | None = None
    level: str | None = None
    audience: str | None = None
    online_level: str | None = None
    online_now: bool | None = None
    q: str | None = None
    on: str | None = None
    page: int = 1


def _day(value: str) -> date:
    """The ``on`` parameter read as the pages read ``?ngay=``; 422 with the Vietnamese
    message when it is not a date, never today in its place (a machine must not get an
    answer for a day it did not ask about)."""
    try:
        return parse_day(value)
    except ValueError as error:
        logger.info("procedures API: unreadable day %r", value)
        raise HttpError(422, str(error)) from None


@router.get("", response=ProcedureList, summary="Danh mục thủ tục hành chính, có lọc")
def list_procedures(request, filters: Query[ProcedureFilters]):
    """Filters as on the catalogue page: ``level`` is tinh/huyen/xa/khac, ``audience``
    citizen/business/internal, ``online_level`` toan-trinh/mot-phan/khong; ``online_now``
    keeps those that must be filed online on ``on`` (today by default)."""
    params = {
        "q": filters.q or "",
        "field": filters.field or "",
        "agency": str(filters.agency) if filters.agency is not None else "",
        "level": filters.level or "",
        "audience": filters.audience or "",
        "online_level": filters.online_level or "",
        "online_now": "1" if filters.online_now else "",
        "ngay": _day(filters.on).isoformat() if filters.on else "",
    }
    catalogue = Catalogue(
        params, public_pages(ProcedurePage.objects.all()), Obligation.objects.all()
    )
    page = Paginator(catalogue.qs, PAGE_SIZE).get_page(filters.page)
    procedures = list(page.object_list.prefetch_related(*RECORD_PREFETCH))
    answers = catalogue.answers_for(procedures)
    return {
        "on": catalogue.day,
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "items": [procedure_record(p, answers[p.pk], request) for p in procedures],
    }


@router.get(
    "/{code}",
    response={200: ProcedureOut},
    summary="Một thủ tục, và có phải nộp trực tuyến vào ngày ?on= không",
)
def get_procedure(request, code: str, on: str | None = None):
    """``on`` is a day as 19/05/2022 or 2022-05-19; today when absent."""
    day = _day(on) if on else None
    procedure = (
        public_pages(ProcedurePage.objects.all())
        .select_related("agency__parent__parent")
        .prefetch_related("legal_basis", *RECORD_PREFETCH)
        .filter(code=code.strip())
        .first()
        if "\x00" not in code  # PostgreSQL refuses a NUL byte in a query: no code has one
        else None
    )
    if procedure is None:
        raise HttpError(404, f"Không tìm thấy thủ tục có mã “{code[:40]}”.")
    answer = procedure.answer(day)
    return {
        **procedure_record(procedure, answer, request),
        "legal_basis": [str(item) for item in procedure.legal_basis.all()],
        "online_level_history": [
            {
                "level": change.level,
                "valid_from": change.valid_from.isoformat() if change.valid_from else None,
                "document": change.cited_label or None,
            }
            for change in procedure.online_levels.all()
        ],
        "answer_detail": answer.to_dict(),
    }
