"""Read procedure lists from CSV and XLSX files.

The header the importer expects (one row; column order free; letter case, accents and
spacing ignored; only "Tên thủ tục" is required, and title rows above the header are
skipped):

=====================  ==============================================  ==========================
Column                 Also accepted                                   Value
=====================  ==============================================  ==========================
STT                    TT, Số TT, Số thứ tự                            row number (optional)
Mã thủ tục             Mã TTHC, Mã số, Mã, Mã số TTHC                  national code "1.004122"
Tên thủ tục            Tên TTHC, Tên thủ tục hành chính                the procedure's name
Lĩnh vực               Lĩnh vực thực hiện                              field
Cấp thực hiện          Cấp giải quyết                                  "Cấp tỉnh; Cấp xã" (";" or ",")
Cơ quan thực hiện      Cơ quan giải quyết, Đơn vị thực hiện            implementing agency
Mức độ DVCTT           Mức độ, DVC trực tuyến, Dịch vụ công trực tuyến  toàn trình / một phần / 4 / 3 / blank
Đối tượng              Đối tượng thực hiện                             công dân; doanh nghiệp; cơ quan nhà nước
Thời hạn giải quyết    Thời gian giải quyết                            free text
Phí, lệ phí            Phí, Lệ phí, Phí lệ phí                         free text
Căn cứ pháp lý         Văn bản quy định                                free text
Mục                    Phần, Nhóm                                      section heading (optional)
=====================  ==============================================  ==========================

"Toàn trình" / "Một phần" columns marked "x" are read too, as in the decisions' annexes.
The last four value columns go to ``ProcedureRecord.extra`` under the keys ``audience`` (a
list drawn from "citizen", "business", "internal"; "cơ quan nhà nước", "nội bộ" and state
enterprises are internal), ``processing_time``, ``fees`` and ``legal_basis``. A row with a
single filled cell and no code is a section heading for the rows below it.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from procedures.parsing.assemble import Assembler, Event, HeaderEvent, HeadingEvent, RowEvent
from procedures.parsing.audience import audiences_in
from procedures.parsing.cells import clean, folded
from procedures.parsing.columns import Column, Role, classify, is_sub_header, split_header
from procedures.parsing.decision import read_decision, read_defaults
from procedures.parsing.decoding import decode
from procedures.parsing.errors import ProcedureFileError
from procedures.parsing.record import ProcedureListRecord
from reading.limits import LimitExceeded, Limits, bounded_rows, check_zip, current_limits


@dataclass(frozen=True)
class HeaderColumn:
    name: str
    role: Role
    aliases: tuple[str, ...] = ()


HEADER_SPEC: tuple[HeaderColumn, ...] = (
    HeaderColumn("STT", Role.STT, ("TT", "Số TT", "Số thứ tự")),
    HeaderColumn("Mã thủ tục", Role.CODE, ("Mã TTHC", "Mã số", "Mã", "Mã số TTHC")),
    HeaderColumn("Tên thủ tục", Role.NAME, ("Tên TTHC", "Tên thủ tục hành chính")),
    HeaderColumn("Lĩnh vực", Role.FIELD, ("Lĩnh vực thực hiện",)),
    HeaderColumn("Cấp thực hiện", Role.LEVELS, ("Cấp giải quyết",)),
    HeaderColumn("Cơ quan thực hiện", Role.AGENCY, ("Cơ quan giải quyết", "Đơn vị thực hiện")),
    HeaderColumn(
        "Mức độ DVCTT",
        Role.ONLINE,
        ("Mức độ", "DVC trực tuyến", "Dịch vụ công trực tuyến", "Mức độ DVC"),
    ),
    HeaderColumn("Đối tượng", Role.AUDIENCE, ("Đối tượng thực hiện",)),
    HeaderColumn("Thời hạn giải quyết", Role.PROCESSING_TIME, ("Thời gian giải quyết",)),
    HeaderColumn("Phí, lệ phí", Role.FEES, ("Phí", "Lệ phí", "Phí lệ phí")),
    HeaderColumn("Căn cứ pháp lý", Role.LEGAL_BASIS, ("Văn bản quy định",)),
    HeaderColumn("Mục", Role.SECTION, ("Phần", "Nhóm")),
)

EXTRA_COLUMNS = {
    Role.AUDIENCE: ("audience", audiences_in),
    Role.PROCESSING_TIME: ("processing_time", clean),
    Role.FEES: ("fees", clean),
    Role.LEGAL_BASIS: ("legal_basis", clean),
}

_SPEC_BY_NAME = {
    _key: column
    for column in HEADER_SPEC
    for _key in (folded(name).strip(" .:") for name in (column.name, *column.aliases))
}
_HEADER_SEARCH_ROWS = 20


def parse_procedure_csv(
    data: bytes, source: str | None = None, limits: Limits | None = None
) -> ProcedureListRecord:
    """Read a CSV procedure list (",", ";" or tab separated; UTF-8, UTF-16 or Windows-1258)."""
    text = decode(data, source)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:8192], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    limits = limits or current_limits()
    try:
        rows = list(bounded_rows(csv.reader(io.StringIO(text), dialect), source or "", limits))
    except csv.Error as exc:
        raise ProcedureFileError("Tệp CSV bị lỗi định dạng.", f"{source}: {exc}") from exc
    except LimitExceeded as exc:
        raise ProcedureFileError(exc.message_vi, exc.log_detail) from exc
    return _parse_rows(rows, source)


def parse_procedure_xlsx(
    data: bytes, source: str | None = None, limits: Limits | None = None
) -> ProcedureListRecord:
    """Read the first sheet of an XLSX workbook that holds a procedure header."""
    if not data:
        raise ProcedureFileError("Tệp rỗng, không có nội dung.", f"{source}: 0 bytes")
    limits = limits or current_limits()
    try:
        check_zip(data, source or "", limits)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except LimitExceeded as exc:
        raise ProcedureFileError(exc.message_vi, exc.log_detail) from exc
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ProcedureFileError(
            "Không mở được tệp Excel: tệp bị hỏng hoặc không phải định dạng .xlsx.",
            f"{source}: {type(exc).__name__}: {exc}",
        ) from exc
    try:
        first_error: ProcedureFileError | None = None
        for sheet in workbook.worksheets:
            try:
                rows = _sheet_rows(sheet, source or "", limits)
            except LimitExceeded as exc:
                raise ProcedureFileError(exc.message_vi, exc.log_detail) from exc
            try:
                return _parse_rows(rows, source)
            except ProcedureFileError as exc:
                first_error = first_error or exc
        raise first_error or _no_header(source)
    finally:
        workbook.close()


def _sheet_rows(sheet: Any, source: str, limits: Limits) -> list[list[str]]:
    """The sheet's cells as text, read by its real extent.

    A sheet declares its own dimension ("A1:XFD1048576"), and read-only openpyxl pads every
    row to it: a 5 KB file could ask for seventeen billion cells. ``reset_dimensions`` makes
    openpyxl read the rows that are really there, each as long as its last cell, so a value
    past the column limit is seen and refused rather than cut off. Every row comes back as wide
    as the widest real one.
    """
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    raw = sheet.iter_rows(values_only=True)
    rows = [[_cell_text(value) for value in row] for row in bounded_rows(raw, source, limits)]
    # Keep the columns up to the last one holding a value.
    width = max((i + 1 for row in rows for i, value in enumerate(row) if value), default=0)
    return [(row + [""] * (width - len(row)))[:width] for row in rows]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # A code typed as a number loses its trailing zeros (1.004120 -> 1.00412); codes
        # always carry six decimals, and no other column holds such small fractions.
        return f"{value:.6f}" if 1 <= value < 10 and value != int(value) else f"{value:g}"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _parse_rows(rows: list[list[str]], source: str | None) -> ProcedureListRecord:
    found = _find_header(rows)
    if found is None:
        raise _no_header(source)
    header_index, columns = found
    preamble = "\n".join(" ".join(cell for cell in row if cell) for row in rows[:header_index])
    assembler = Assembler(
        defaults=read_defaults(preamble),
        extra_roles=EXTRA_COLUMNS,
        warn_blank_online=False,
    )
    assembler.feed(_events(rows, header_index, columns))
    assembler.finish()
    if not assembler.procedures:
        assembler.warnings.append("Bảng không có dòng thủ tục nào dưới dòng tiêu đề.")
    return ProcedureListRecord(
        source=source,
        decision=read_decision(preamble),
        procedures=assembler.procedures,
        warnings=assembler.warnings,
    )


def _find_header(rows: list[list[str]]) -> tuple[int, list[Column]] | None:
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        columns = spreadsheet_header(row)
        if columns is not None:
            return index, columns
    return None


def spreadsheet_header(cells: Iterable[str]) -> list[Column] | None:
    """Map a header row by HEADER_SPEC (falling back to the text tables' reading of a label).

    A header needs a name column and at least one other known column.
    """
    columns = []
    for label in cells:
        spec = _SPEC_BY_NAME.get(folded(label).strip(" .:"))
        columns.append(Column(spec.role if spec else classify(label), clean(label)))
    roles = [column.role for column in columns]
    known = sum(role is not Role.OTHER for role in roles)
    return columns if Role.NAME in roles and known >= 2 else None


def _events(rows: list[list[str]], header_index: int, columns: list[Column]) -> Iterator[Event]:
    yield HeaderEvent(columns)
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        filled = [cell for cell in row if clean(cell)]
        if index == header_index + 1 and filled and all(map(is_sub_header, filled)):
            labels = [column.label for column in columns]
            yield HeaderEvent(split_header(labels, [clean(cell) for cell in row], columns))
            continue
        if len(filled) == 1 and not clean(row[0]).rstrip(".").isdigit():
            yield HeadingEvent(filled[0])
        else:
            yield RowEvent(list(row), line=index + 1)


def _no_header(source: str | None) -> ProcedureFileError:
    expected = ", ".join(f'"{column.name}"' for column in HEADER_SPEC[:7])
    return ProcedureFileError(
        f"Không tìm thấy dòng tiêu đề của danh mục thủ tục. Dòng tiêu đề cần có cột "
        f'"Tên thủ tục" và các cột như {expected}.',
        f"{source}: no header row with a name column in the first {_HEADER_SEARCH_ROWS} rows",
    )
