"""Exports of any filtered catalogue list as CSV, XLSX and JSON, and the one record of a
procedure that these files and the JSON API share, with the rule's answer in the same columns
everywhere (``must_online_now``, ``since``, ``documents``, ``chain``, ``answer``), so an
agency's spreadsheet and the API never disagree with the page."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse

from procedures.rules import Answer
from procedures.vocabulary import OnlineLevel

if TYPE_CHECKING:
    from procedures.catalogue import Catalogue

EXPORT_FORMATS = ("csv", "xlsx", "json")

# (key, header): the key is the JSON name, the header the CSV/XLSX column title.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Mã thủ tục"),
    ("name", "Tên thủ tục"),
    ("field", "Lĩnh vực"),
    ("agency", "Cơ quan thực hiện"),
    ("levels", "Cấp thực hiện"),
    ("audiences", "Đối tượng"),
    ("online_level", "Mức độ DVCTT"),
    ("status", "Tình trạng"),
    ("must_online_now", "Bắt buộc nộp trực tuyến"),
    ("since", "Từ ngày"),
    ("documents", "Theo văn bản"),
    ("chain", "Chuỗi văn bản"),
    ("answer", "Trả lời"),
    ("processing_time", "Thời hạn giải quyết"),
    ("fees", "Phí, lệ phí"),
    ("filing_place", "Địa điểm tiếp nhận hồ sơ"),
    ("steps", "Trình tự thực hiện"),
    ("forms", "Mẫu đơn, tờ khai"),
    ("online_filing_url", "Nộp hồ sơ trực tuyến"),
    ("url", "Địa chỉ"),
)
LIST_SEPARATOR = "; "
# A text cell starting with one of these is a formula to Excel and LibreOffice (OWASP "CSV
# injection"): "=HYPERLINK(...)" in a procedure's name would run in an agency's spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def procedure_record(procedure, answer: Answer, request=None) -> dict[str, Any]:
    """One procedure and its answer as plain values, the shape of an export row and of an API
    item; lists stay lists (JSON keeps them)."""
    url = _absolute(procedure.get_url(request), request)
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": procedure.field or None,
        "agency": procedure.agency_name or None,
        "levels": procedure.level_labels,
        "audiences": procedure.audience_labels,
        "online_level": (
            None
            if procedure.online_level == OnlineLevel.NONE
            else procedure.get_online_level_display().lower()
        ),
        "status": procedure.get_status_display(),
        "must_online_now": answer.must_online,
        "since": answer.since.isoformat() if answer.since else None,
        "documents": [document.citation for document in answer.documents],
        "chain": answer.chain_text or None,
        "answer": answer.sentence,
        "processing_time": procedure.processing_time or None,
        "fees": procedure.fees or None,
        "filing_place": procedure.filing_place or None,
        "steps": [step.text for step in procedure.steps.all()],
        "forms": [
            f"{form.label}: {_absolute(form.document.url, request)}"
            for form in procedure.forms.all()
        ],
        "online_filing_url": procedure.online_filing_url or None,
        "url": url,
    }


def _absolute(url: str | None, request) -> str | None:
    if request is not None and url and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url


def flat(value: Any) -> Any:
    """A cell value for CSV/XLSX: lists joined, booleans as "Có"/"Không", None blank."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return "" if value is None else value


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula, prefixed with a quote so it
    stays text, as OWASP recommends; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def cell(value: Any) -> Any:
    """A value as a CSV/XLSX cell: flattened, then made safe from formulas."""
    return neutralise(flat(value))


def rows(catalogue: Catalogue, request=None) -> Iterator[dict[str, Any]]:
    for procedure, answer in catalogue.rows():
        yield procedure_record(procedure, answer, request)


def to_csv(records: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows the Vietnamese letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for _, header in COLUMNS])
    for record in records:
        writer.writerow([cell(record[key]) for key, _ in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(records: list[dict[str, Any]], title: str = "Thủ tục hành chính") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([header for _, header in COLUMNS])
    for header in sheet[1]:
        header.font = Font(bold=True)
    for record in records:
        sheet.append([cell(record[key]) for key, _ in COLUMNS])
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        "ABCDEFGHIJKLMNOPQRST",
        (12, 60, 30, 30, 18, 24, 14, 14, 12, 12, 60, 40, 80, 20, 20, 40, 80, 60, 40, 40),
        strict=True,
    ):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json(records: list[dict[str, Any]], catalogue: Catalogue) -> bytes:
    payload = {
        "on": catalogue.day.isoformat(),
        "count": len(records),
        "procedures": records,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def export_response(catalogue: Catalogue, request, export_format: str) -> HttpResponse:
    """The catalogue as the query string filtered it, as a downloadable file."""
    records = list(rows(catalogue, request))
    if export_format == "csv":
        body = to_csv(records)
    elif export_format == "xlsx":
        body = to_xlsx(records)
    else:
        body = to_json(records, catalogue)
    response = HttpResponse(body, content_type=CONTENT_TYPES[export_format])
    filename = f"thu-tuc-hanh-chinh-{catalogue.day.isoformat()}.{export_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response
