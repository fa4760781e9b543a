"""Tasks: which agency a deadline is given to.

A directive's instructions follow one pattern (Decree 30/2020/NĐ-CP, body of a công văn):
"Giao <agency> chủ trì, phối hợp ... Thời gian hoàn thành trước <date>." or "<agency> ...
hoàn thành trước <date>". The agency is the phrase after "Giao" (or "Đề nghị", "Yêu cầu"),
or the subject that opens the sentence, and ends at the first task verb. The deadline's own
sentence often names no agency ("Thời gian hoàn thành trước ..."); the agency is then in the
instruction that opens the point the sentence belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reading.normalize import (
    clean_lines,
    fold_same_length,
    paragraphs,
    squash,
    strip_item_mark,
)

from .record import DirectiveRecord
from .validity import is_own_effect

# Words that open the name of an agency (or a group of agencies) in running text; after
# "các" they may be in lower case ("các phòng ban chuyên môn", "các sở").
_HEADS = (
    r"Ủy ban nhân dân|Uỷ ban nhân dân|UBND|HĐND|Hội đồng nhân dân|Sở|Bộ phận|Bộ|Tổng cục"
    r"|Chi cục|Cục|Công an|Trung tâm|Văn phòng|Ban|Phòng|Đài|Báo|Kho bạc|Thanh tra|Bưu điện"
    r"|Thủ trưởng|Chủ tịch|Giám đốc|Tỉnh đoàn|Đoàn|Hội|Liên đoàn|Cơ quan|Đơn vị|Địa phương"
    r"|Trường|Bệnh viện"
)
_AGENCY_HEAD = rf"(?:[Cc]ác\s+(?i:{_HEADS})|{_HEADS}|[Cc]ơ quan|[Đđ]ơn vị)(?!\w)"
_ASSIGN_RE = re.compile(
    rf"(?<!\w)(?:[Gg]iao|[Đđ]ề nghị|[Yy]êu cầu)\s+(?:trách nhiệm\s+|cho\s+)?(?={_AGENCY_HEAD})"
)
_LEADING_AGENCY_RE = re.compile(rf"^{_AGENCY_HEAD}")
# What ends an agency's name: a task verb or a clause mark. Names capitalise their own words
# ("Bộ phận Tiếp nhận và Trả kết quả"), so most verbs only count in lower case; the few that
# never occur in a name also count capitalised, as when a crawled heading runs into the text.
_STOP_RE = re.compile(
    r"\s(?:(?i:chủ trì|phối hợp|khẩn trương|hoàn thành|tham mưu|chỉ đạo|quán triệt|rà soát"
    r"|có trách nhiệm|chịu trách nhiệm|đôn đốc|nghiêm túc|tăng cường|đảm bảo|bảo đảm"
    r"|đẩy mạnh|theo dõi)"
    r"|thực hiện|triển khai|tổ chức|xây dựng|báo cáo|kiểm tra|hướng dẫn|cập nhật|bố trí"
    r"|tiếp tục|không|nghiên cứu|căn cứ|trình|gửi|ban hành|xem xét|lập|thông báo|cung cấp"
    r"|chuẩn bị|phát huy|khuyến khích|sử dụng|có|được)(?!\w)"
    r"|[:;.(]"
)
_MAX_AGENCY = 150
# How many paragraphs above a deadline to look for the instruction that names the agency.
_LOOKBACK = 8


@dataclass(frozen=True, slots=True)
class Task:
    """A task given by the directive: the agency, the passage and its deadline (ISO)."""

    agency: str | None
    text: str
    deadline: str | None


def _agency_from(text: str) -> str | None:
    stop = _STOP_RE.search(text)
    agency = text[: stop.start()] if stop else text
    agency = squash(agency).rstrip(" ,;-")
    if not agency or len(agency) > _MAX_AGENCY:
        return None
    return agency


def task_agency(text: str) -> str | None:
    """The agency a sentence gives its task to, or None when it names none.

    "Giao Sở Thông tin và Truyền thông chủ trì ... trước ngày 20/5/2022" -> "Sở Thông tin và
    Truyền thông"; "UBND các huyện, thị xã, thành phố ... hoàn thành trước ..." -> "UBND các
    huyện, thị xã, thành phố"; "Thời gian hoàn thành trước 20/5/2022." -> None.
    """
    text = strip_item_mark(squash(text))
    assign = _ASSIGN_RE.search(text)
    if assign:
        return _agency_from(text[assign.end() :])
    if _LEADING_AGENCY_RE.match(text):
        return _agency_from(text)
    return None


_POINT_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.|[IVXL]+\.)\s")


def _is_point(paragraph: str) -> bool:
    """A numbered point ("1.", "2.1.", "II.") opens a new instruction; "a)" or "-" does not."""
    return bool(_POINT_RE.match(paragraph))


def _agency_above(paras: list[str], index: int, position: int) -> str | None:
    """The agency named before ``position`` in paragraph ``index`` or in the point above."""
    head = paras[index][:position]
    for sentence in reversed(re.split(r"(?<=\.)\s+", head)):
        if agency := task_agency(sentence):
            return agency
    if _is_point(paras[index]):
        return None
    for back in range(index - 1, max(-1, index - 1 - _LOOKBACK), -1):
        if agency := task_agency(paras[back]):
            return agency
        if _is_point(paras[back]):
            break
    return None


def tasks_from_record(record: DirectiveRecord, text: str) -> list[Task]:
    """One task per deadline of ``record``, with the agency it is given to when named.

    ``text`` is the document text the record was parsed from. The document's own entry into
    force is a deadline of the record but no task: it is the page's effective date.
    """
    paras = paragraphs(clean_lines(text))
    folded = [fold_same_length(p) for p in paras]
    tasks: list[Task] = []
    cursor = (0, 0)
    for deadline in record.deadlines:
        if is_own_effect(deadline.text):
            continue
        needle = fold_same_length(squash(deadline.text))
        index, position = None, -1
        # Look after the previous deadline first: two deadlines may share the same sentence.
        order = [*range(cursor[0], len(paras)), *range(0, cursor[0])]
        for i in order:
            start = cursor[1] if i == cursor[0] else 0
            position = folded[i].find(needle, start)
            if position >= 0:
                index = i
                break
        agency = task_agency(deadline.text)
        if index is not None:
            cursor = (index, position + 1)
            if agency is None:
                agency = _agency_above(paras, index, position)
        tasks.append(Task(agency=agency, text=deadline.text, deadline=deadline.date))
    return tasks
