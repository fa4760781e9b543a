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
from vntext import fold
from vntext.dates import find_dates

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
    r"|tiếp tục|không|nghiên cứu|căn cứ|trình|gửi|ban hành|xem xét|lập|thông báo|cung cấp|tổng hợp"
    r"|chuẩn bị|phát huy|khuyến khích|sử dụng|có|được)(?!\w)"
    r"|[:;.(]"
)
_MAX_AGENCY = 150
# How many paragraphs above a deadline to look for the instruction that names the agency.
_LOOKBACK = 8


@dataclass(frozen=True, slots=True)
class Task:
    """A task given by the directive: the agency, what is to be done and its deadline (ISO)."""

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


def _agency_above(paras: list[str], index: int, position: int) -> tuple[str, str] | None:
    """The agency named before ``position`` in paragraph ``index`` or in the point above,
    with the instruction (sentence or paragraph) that names it."""
    head = paras[index][:position]
    for sentence in reversed(re.split(r"(?<=\.)\s+", head)):
        if agency := task_agency(sentence):
            return agency, sentence
    if _is_point(paras[index]):
        return None
    for back in range(index - 1, max(-1, index - 1 - _LOOKBACK), -1):
        if agency := task_agency(paras[back]):
            return agency, paras[back]
        if _is_point(paras[back]):
            break
    return None


# What leads a date in a deadline phrase: "thời gian hoàn thành: trước ngày", "chậm nhất
# đến hết ngày", "trong tháng", ", hoàn thành trước".
_DEADLINE_LEAD_RE = re.compile(
    r"[\s,;:(–-]*(?:(?:thời gian|thời hạn)(?:\s+(?:hoàn thành|thực hiện))?\s*:?\s*)?"
    r"(?:(?:hoàn thành|xong)\s+)?"
    r"(?:(?:chậm nhất|muộn nhất|trước|trong|đến hết|đến|tới|kể từ|từ|vào|là)\s*:?\s+)*"
    r"(?:(?:ngày|tháng|năm|quý)\s*)?$",
    re.IGNORECASE,
)
_DEADLINE_TAIL_RE = re.compile(r"^[\s,;:.)/]*(?:(?:hằng|hàng)\s+năm)?[\s,;:.)/]*", re.IGNORECASE)
_ASSIGN_WORDS = {"", "giao", "giao cho", "giao trach nhiem", "de nghi", "yeu cau"}
_MAX_NAME = 200
# Fewer words than this left once the agency and the date are taken out name no task
# ("Thời gian hoàn thành trước ..." alone).
_MIN_NAME_WORDS = 3


def _without_deadline(text: str, iso: str) -> str:
    """``text`` with the date ``iso`` and the words that lead it taken out."""
    dates = list(find_dates(text, years=True, day_months=True))
    item = next((d for d in dates if d.value.iso == iso), dates[-1] if dates else None)
    if item is None:
        return text
    before = text[: item.start]
    lead = _DEADLINE_LEAD_RE.search(before)
    before = before[: lead.start()] if lead else before
    after = text[item.end :]
    after = after[_DEADLINE_TAIL_RE.match(after).end() :]
    return squash(f"{before.rstrip(' ,;:(')} {after}".strip())


def _without_agency(text: str, agency: str | None) -> str:
    """``text`` without the opening that gives it to ``agency`` ("Giao <agency> ...")."""
    if not agency:
        return text
    at = text.find(agency)
    if at < 0 or fold(text[:at]).strip() not in _ASSIGN_WORDS:
        return text
    return text[at + len(agency) :].lstrip(" ,:")


def _name(text: str, agency: str | None, iso: str) -> str | None:
    """What is to be done, in a few words: ``text`` without its agency and its deadline."""
    name = _without_agency(_without_deadline(strip_item_mark(squash(text)), iso), agency)
    name = name.rstrip(" ,;:./")
    if len(name.split()) < _MIN_NAME_WORDS or fold(name).startswith(("thoi gian", "thoi han")):
        return None
    return name[:1].upper() + name[1:]


def task_name(passage: str, agency: str | None, iso: str, instructions: list[str]) -> str:
    """The task a deadline belongs to, named as a task list shows it: "Giao Sở Tài chính lập
    dự toán, hoàn thành trước ngày 30/6/2025" -> "Lập dự toán". When the deadline's sentence
    says nothing but the date ("Thời gian hoàn thành trước ..."), the sentence before it or
    the instruction that names the agency names the task; failing all, the passage as
    printed."""
    for text in (passage, *instructions):
        if name := _name(text, agency, iso):
            if len(name) > _MAX_NAME:
                name = name[: name.rfind(" ", 0, _MAX_NAME)].rstrip(" ,;:") + "…"
            return name
    return passage.rstrip(" ./")


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
        instructions = []
        if index is not None:
            cursor = (index, position + 1)
            before = re.split(r"(?<=\.)\s+", paras[index][:position].strip())
            instructions.append(before[-1])
            if agency is None and (above := _agency_above(paras, index, position)):
                agency = above[0]
                instructions.append(above[1])
        text = task_name(deadline.text, agency, deadline.date, instructions)
        tasks.append(Task(agency=agency, text=text, deadline=deadline.date))
    return tasks
