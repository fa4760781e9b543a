"""Turn a table's rows into procedure records: one engine for text, CSV and XLSX.

Readers of each format only find rows and headers and hand them over as events; this module
decides what a row means (a procedure, a heading, noise), fills in what the row leaves to its
heading or to the document's title, and writes the row-level warnings.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from procedures.parsing import cells, online
from procedures.parsing.columns import Column, Role
from procedures.parsing.headings import HeadingStack, is_bare_marker, read_heading
from procedures.parsing.online import ONLINE_FULL, ONLINE_PARTIAL
from procedures.parsing.record import ProcedureRecord
from vntext import fold


@dataclass
class HeaderEvent:
    columns: list[Column]


@dataclass
class HeadingEvent:
    text: str


@dataclass
class RowEvent:
    cells: list[str]
    line: int | None = None  # where the row is in the file, for CSV/XLSX warnings
    # The row ended before its last columns: a cell merged over several rows ("Lĩnh vực",
    # "Cơ quan thực hiện" printed once for a block) was given on an earlier row.
    short: bool = False


Event = HeaderEvent | HeadingEvent | RowEvent


@dataclass
class Defaults:
    """What the document's title says of every row: "... LĨNH VỰC X THUỘC ... CẤP TỈNH"."""

    field: str | None = None
    levels: list[str] = _field(default_factory=list)


# role -> (key in ProcedureRecord.extra, how to read the cell)
ExtraReader = dict[Role, tuple[str, Callable[[str], Any]]]

_MARK_ROLES = {Role.MARK_FULL, Role.MARK_PARTIAL}
# Columns whose merged cells a short row takes from the row above.
_MERGED_ROLES = {Role.FIELD, Role.AGENCY, Role.LEVELS, Role.PLACE}


@dataclass
class Assembler:
    """Consume events in order; collect procedures and warnings."""

    defaults: Defaults = _field(default_factory=Defaults)
    extra_roles: ExtraReader = _field(default_factory=dict)
    # A decision's list that has an online column but leaves a cell blank is a slip worth
    # flagging; in a spreadsheet export a blank level simply means "not online".
    warn_blank_online: bool = True
    procedures: list[ProcedureRecord] = _field(default_factory=list)
    warnings: list[str] = _field(default_factory=list)
    _columns: list[Column] = _field(default_factory=list)
    _headings: HeadingStack = _field(default_factory=HeadingStack)
    _locations: list[tuple[str | None, str]] = _field(default_factory=list)
    _ordinal: int = 0
    _pending_marker: str | None = None
    _table: int = 0
    _above: dict[int, str] = _field(default_factory=dict)  # last value of merged-role columns
    # code or folded name -> the table and levels of its first row
    _seen: dict[str, tuple[int, list[str]]] = _field(default_factory=dict)

    def feed(self, events: Iterable[Event]) -> None:
        for event in events:
            if isinstance(event, HeaderEvent):
                self._columns = event.columns
                self._ordinal = 0
                self._table += 1
                self._above = {}
            elif isinstance(event, HeadingEvent):
                self._heading(event.text)
            elif self._columns:
                self._row(event)

    def _heading(self, text: str) -> None:
        self._above = {}  # a merged cell never spans a heading row
        if is_bare_marker(text):
            # "C." in a cell of its own, its title in the next row: one heading.
            self._pending_marker = cells.clean(text).rstrip(".")
            return
        if self._pending_marker:
            text = f"{self._pending_marker}. {text}"
            self._pending_marker = None
        heading = read_heading(text)
        if heading is not None:
            self._headings.push(heading)

    def _row(self, event: RowEvent) -> None:
        row = dict(enumerate(event.cells))
        for index, column in enumerate(self._columns):
            if column.role not in _MERGED_ROLES:
                continue
            if cells.clean(row.get(index)):
                self._above[index] = row[index]
            elif event.short and index in self._above:
                row[index] = self._above[index]
        filled = [value for value in event.cells if cells.clean(value)]
        if not filled:
            return
        by_role = _RowView(self._columns, row)
        code_cell = by_role.first(Role.CODE)
        name_cell = by_role.first(Role.NAME)
        code = cells.find_code(code_cell)
        name = cells.clean_name(name_cell)
        if not code:
            # No code column, or an empty one: the code may sit inside the name cell.
            in_name, rest = cells.split_code_from_name(name_cell)
            if in_name:
                code, name = in_name, rest
        if len(filled) == 1 and not code:
            # A row with one cell and no code is a heading printed across the table.
            self._heading(filled[0])
            return
        stt_cell = by_role.first(Role.STT)
        if not code and is_bare_marker(stt_cell):
            # "II" in the number column, "Lĩnh vực Hộ tịch" beside it: a heading row.
            skip = set(by_role.indices(Role.STT))
            title = next(v for i, v in enumerate(event.cells) if i not in skip and cells.clean(v))
            self._heading(f"{cells.clean(stt_cell).rstrip('.')}. {title}")
            return
        if not name or (not code and _COUNT_WORDS_RE.fullmatch(fold(name))):
            return  # "TTHC" under a count in a summary table is no procedure
        if not code and by_role.has(Role.STT) and not _is_row_number(stt_cell):
            # A summary under the list ("- TTHC sửa đổi, bổ sung:" | "Cấp tỉnh" | "08"): no
            # procedure has text in its number cell and no code.
            return
        stt = cells.clean(by_role.first(Role.STT))
        location = self._location(stt, self._ordinal + 1, event.line)
        warned = len(self.warnings)
        record = self._record(by_role, code, name, location)
        if self._repeats_earlier_table(record):
            del self.warnings[warned:]  # what the repeat would warn of was said of the row
            return
        self._ordinal += 1
        self.procedures.append(record)
        self._locations.append((code, location))
        if code is None:
            printed = cells.clean(code_cell)
            detail = f' (ô mã ghi "{printed}")' if printed else ""
            self.warnings.append(f"{location}: không có mã TTHC{detail}.")
        elif not cells.is_well_formed_code(code):
            self.warnings.append(f'{location}: mã TTHC "{code}" không đủ 6 chữ số sau dấu chấm.')

    def _repeats_earlier_table(self, record: ProcedureRecord) -> bool:
        """A row an earlier table already listed at the same levels: an annex of internal
        workflows or forms that names the list's procedures again. The same procedure in a
        later table of another level (a commune list after the provincial one) is a row of its
        own; repeats inside one table stay too (``finish`` warns of them: the list's slip)."""
        key = record.code or fold(record.name).strip(" .;,")
        earlier = self._seen.get(key)
        if earlier is not None and earlier[0] < self._table:
            levels = earlier[1]
            if not levels or not record.levels or levels == record.levels:
                return True
        if earlier is None:
            self._seen[key] = (self._table, list(record.levels))
        return False

    def _record(
        self, view: "_RowView", code: str | None, name: str, location: str
    ) -> ProcedureRecord:
        section = self._headings.section()
        levels, level_agency = cells.parse_levels(view.first(Role.LEVELS))
        agency = (
            cells.clean(view.first(Role.AGENCY))
            or level_agency
            or cells.labelled_agency(view.joined(Role.PLACE))
            or cells.agency_from_place(view.first(Role.PLACE))
            or self._headings.agency()
        )
        record = ProcedureRecord(
            code=code,
            name=_without_online_phrase(name),
            field=cells.sentence_case(cells.clean(view.first(Role.FIELD)))
            or self._headings.field()
            or self.defaults.field,
            levels=levels or self._headings.levels() or list(self.defaults.levels),
            agency=agency or None,
            online_level=self._online_level(
                view, name, f"{location} (mã {code})" if code else location
            ),
            section=cells.clean(view.first(Role.SECTION)) or (section.section if section else None),
        )
        for role, (key, read) in self.extra_roles.items():
            value = read(view.first(role))
            if value:
                record.extra[key] = value
        return record

    def _online_level(self, view: "_RowView", name: str, location: str) -> str | None:
        marks = [c for c in self._columns if c.role in _MARK_ROLES]
        if marks:
            ticked = [
                column
                for index, column in enumerate(self._columns)
                if column.role in _MARK_ROLES and cells.is_marked(view.row.get(index))
            ]
            kinds = {column.role for column in ticked}
            if len(kinds) == 1:
                return ONLINE_FULL if Role.MARK_FULL in kinds else ONLINE_PARTIAL
            labels = " hay ".join(f"{cells.clean(c.label)}" for c in marks)
            if not kinds:
                level = self._online_from_text(view, name)
                if level is None and self.warn_blank_online:
                    self.warnings.append(f'{location}: không đánh dấu "x" ở cột {labels}.')
                return level
            self.warnings.append(f'{location}: đánh dấu "x" ở cả cột {labels}; lấy "toàn trình".')
            return ONLINE_FULL
        online_columns = view.indices(Role.ONLINE)
        for index in online_columns:
            level = cells.online_level_of_value(view.row.get(index))
            if level:
                return level
        level = self._online_from_text(view, name)
        if level is None and online_columns and self.warn_blank_online:
            label = cells.clean(self._columns[online_columns[0]].label)
            written = next(
                (text for index in online_columns if (text := cells.clean(view.row.get(index)))),
                "",
            )
            if written:
                # Something is written there that names no level: the editor must read it.
                shown = written if len(written) <= 60 else written[:57] + "…"
                self.warnings.append(
                    f'{location}: cột "{label}" ghi "{shown}", không rõ là toàn trình hay một phần.'
                )
            else:
                self.warnings.append(f'{location}: cột "{label}" để trống.')
        return level

    @staticmethod
    def _online_from_text(view: "_RowView", name: str) -> str | None:
        # "Cách thức thực hiện" (read as the place column) often says "Nộp hồ sơ trực tuyến
        # toàn trình qua Cổng Dịch vụ công"; a note may say it too.
        for text in (name, view.joined(Role.PLACE), view.joined(Role.NOTE)):
            level = cells.online_level_in_prose(text)
            if level:
                return level
        return None

    def _location(self, stt: str, ordinal: int, line: int | None) -> str:
        section = self._headings.section()
        if line is not None:
            return f"Dòng {line}"
        number = stt.rstrip(".") or str(ordinal)
        if section and section.marker:
            return f"Mục {section.marker}, STT {number}"
        return f"Dòng {number}"

    def finish(self) -> None:
        """Warn about codes printed for more than one row."""
        rows: dict[str, list[str]] = defaultdict(list)
        for code, location in self._locations:
            if code:
                rows[code].append(location)
        for code, locations in rows.items():
            if len(locations) < 2:
                continue
            names = {fold(p.name) for p in self.procedures if p.code == code}
            what = "thủ tục khác nhau" if len(names) > 1 else "dòng (trùng lặp)"
            self.warnings.append(
                f"Mã {code} in cho {len(locations)} {what} {_join_locations(locations)}."
            )


@dataclass
class _RowView:
    columns: list[Column]
    row: dict[int, str]

    def indices(self, role: Role) -> list[int]:
        return [i for i, column in enumerate(self.columns) if column.role is role]

    def has(self, role: Role) -> bool:
        return bool(self.indices(role))

    def joined(self, role: Role) -> str:
        """Every cell of the columns with ``role`` ("Địa điểm" and "Cách thức" both read as place)."""
        return " ".join(self.row.get(index) or "" for index in self.indices(role))

    def first(self, role: Role) -> str:
        """The first non-empty cell of the columns with ``role`` (some lists print two)."""
        for index in self.indices(role):
            value = self.row.get(index) or ""
            if cells.clean(value):
                return value
        return ""


_COUNT_WORDS_RE = re.compile(r"[\d\s]*(?:(?:tthc|thu tuc(?: hanh chinh)?)\s*)+")


def _is_row_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}(?:\.\d{1,3})*\.?", cells.clean(text)))


def _join_locations(locations: list[str]) -> str:
    prefix = re.match(r"(Mục [^,]+), ", locations[0])
    if prefix and all(loc.startswith(prefix.group(0)) for loc in locations):
        rest = [loc[len(prefix.group(0)) :] for loc in locations]
        return f"ở {prefix.group(1)} ({' và '.join(rest)})"
    return f"({' và '.join(locations)})"


_ONLINE_PARENTHESIS_RE = re.compile(r"\s*\(([^()]*)\)")


def _without_online_phrase(name: str) -> str:
    """Drop a bracketed note that only states the online level: "Cấp phép X (DVCTT toàn trình)"."""

    def keep(match: re.Match[str]) -> str:
        inner = match.group(1)
        if cells.online_level_in_prose(inner) or online.states_only_a_level(inner):
            return ""
        return match.group(0)

    return _ONLINE_PARENTHESIS_RE.sub(keep, name).strip()
