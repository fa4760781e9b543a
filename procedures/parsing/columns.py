"""What a table's columns mean, read from their header text.

Provinces title the same column a dozen ways ("Mã TTHC", "Mã số", "Số hồ sơ TTHC"; "DVC trực
tuyến" over "Toàn trình" / "Một phần"; "Mức độ" over "3" / "4"), so columns are mapped by
meaning on folded text, never by position.
"""

from dataclasses import dataclass
from enum import StrEnum

from procedures.parsing import online
from procedures.parsing.cells import folded


class Role(StrEnum):
    STT = "stt"
    CODE = "code"
    NAME = "name"
    FIELD = "field"
    LEVELS = "levels"
    AGENCY = "agency"
    ONLINE = "online"  # the level written in the cell ("Toàn trình", "4")
    MARK_FULL = "mark_full"  # an "x" here means toàn trình
    MARK_PARTIAL = "mark_partial"  # an "x" here means một phần
    PLACE = "place"
    AUDIENCE = "audience"
    PROCESSING_TIME = "processing_time"
    FEES = "fees"
    LEGAL_BASIS = "legal_basis"
    SECTION = "section"
    NOTE = "note"
    OTHER = "other"


@dataclass(frozen=True)
class Column:
    role: Role
    label: str


_ONLINE_GROUP_WORDS = ("truc tuyen", "dvc", "dich vu cong", "muc do", "hinh thuc")


def classify(label: str) -> Role:
    """The role of a column from its header text alone."""
    text = folded(label).strip(" .:")
    words = text.split()
    if not text:
        return Role.OTHER
    if text in {"stt", "tt", "so tt", "so thu tu", "thu tu"}:
        return Role.STT
    mark = online.column_level(text)
    if mark is not None:
        return Role.MARK_FULL if mark == online.ONLINE_FULL else Role.MARK_PARTIAL
    if any(word in text for word in online.FULL_WORDS + online.PARTIAL_WORDS):
        return Role.ONLINE  # "Toàn trình/Một phần": the level is written in the cell
    if words[0] == "ma" or text.startswith("so ho so"):
        return Role.CODE
    if words[0] == "ten" and not any(w in text for w in ("van ban", "vbqppl", "co quan")):
        return Role.NAME
    if text.startswith("linh vuc"):
        return Role.FIELD
    if text.startswith(("cap thuc hien", "cap giai quyet", "cap co tham quyen")) or text == "cap":
        return Role.LEVELS
    if text.startswith(("co quan", "don vi thuc hien", "don vi giai quyet")):
        return Role.AGENCY
    if text.startswith(("cach thuc", "dia diem", "noi tiep nhan", "noi thuc hien")):
        return Role.PLACE
    if text.startswith("doi tuong"):
        return Role.AUDIENCE
    if text.startswith("thoi han") or text.startswith("thoi gian giai quyet"):
        return Role.PROCESSING_TIME
    if text.startswith(("phi", "le phi", "muc thu")):
        return Role.FEES
    if text.startswith("can cu") or "vbqppl" in text or text.startswith("van ban quy dinh"):
        return Role.LEGAL_BASIS
    if text in {"muc", "phan", "phan muc", "nhom"}:
        return Role.SECTION
    if text.startswith("ghi chu"):
        return Role.NOTE
    if any(word in text for word in _ONLINE_GROUP_WORDS):
        return Role.ONLINE
    return Role.OTHER


def is_sub_header(label: str) -> bool:
    """A cell of a second header row: the parts of an online-service group column."""
    return classify(label) in {Role.MARK_FULL, Role.MARK_PARTIAL}


# The ways of filing a list may tick beside the online levels, under one "Cách thức" group.
_CHANNEL_WORDS = ("truc tiep", "buu chinh", "truc tuyen", "khong phu thuoc", "dia gioi", "qua mang")


def is_split_row(labels: list[str]) -> bool:
    """A second header row that splits a group into mark columns: at least one online-level
    part, and every other cell a way of filing ("Trực tiếp", "Qua bưu chính công ích")."""
    filled = [label for label in labels if folded(label)]
    if not filled or not any(is_sub_header(label) for label in filled):
        return False
    return all(
        is_sub_header(label) or any(word in folded(label) for word in _CHANNEL_WORDS)
        for label in filled
    )


def _group_index(columns: list[Column]) -> int | None:
    """The first-row cell a second row splits: the online-service group, else the "Cách
    thức / Hình thức" group."""
    for roles in ({Role.ONLINE}, {Role.PLACE}):
        found = next((i for i, column in enumerate(columns) if column.role in roles), None)
        if found is not None:
            return found
    return next(
        (
            i
            for i, c in enumerate(columns)
            if "hinh thuc" in folded(c.label) or c.role is Role.OTHER
        ),
        None,
    )


def is_column_numbering(cells: list[str]) -> bool:
    """The "(1) (2) (3) ..." row some lists print under the header."""
    values = [folded(cell).strip("()") for cell in cells if folded(cell)]
    return (
        len(values) >= 3 and all(v.isdigit() for v in values) and values == sorted(values, key=int)
    )


def map_header(first: list[str], second: list[str] | None = None) -> list[Column] | None:
    """The leaf columns of a header of one or two rows, or None if it is no procedure header.

    With two rows, the first row's online-service group cell spans the second row's cells;
    every other first-row cell spans both rows.
    """
    columns = [Column(classify(label), label) for label in first]
    if second:
        group = _group_index(columns)
        if group is None:
            return None
        # A way-of-filing part ("Trực tiếp") is a column of marks that says nothing of the level.
        children = [Column(_child_role(label), label) for label in second]
        columns[group : group + 1] = children
    return columns if looks_like_header(columns) else None


def _child_role(label: str) -> Role:
    role = classify(label)
    return role if role in {Role.MARK_FULL, Role.MARK_PARTIAL} else Role.OTHER


def looks_like_header(columns: list[Column]) -> bool:
    """A procedure table names its procedures and numbers or codes them."""
    roles = {column.role for column in columns}
    known = sum(column.role is not Role.OTHER for column in columns)
    if Role.NAME not in roles or not roles & {Role.CODE, Role.STT}:
        return False
    # A short table (number, name, internal workflow) is still a list when its name column
    # says it names procedures.
    return known >= 3 or any(
        column.role is Role.NAME and any(word in folded(column.label) for word in _PROCEDURE_WORDS)
        for column in columns
    )


_PROCEDURE_WORDS = ("thu tuc", "tthc", "quy trinh")


def find_role(columns: list[Column], role: Role) -> int | None:
    return next((i for i, column in enumerate(columns) if column.role is role), None)


def split_header(first: list[str], second: list[str], columns: list[Column]) -> list[Column]:
    """Apply a second header row: in place when it is as wide, else as the group's parts."""
    if len(second) == len(columns):
        return [
            Column(classify(text), text) if text else column
            for text, column in zip(second, columns, strict=True)
        ]
    return map_header(first, [text for text in second if text]) or columns
