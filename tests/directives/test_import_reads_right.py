"""What the importer makes of a document's closing article, task sentences, citations'
relations, a subject printed in capitals and agencies of another province. Each test is a
small invented document of one kind; no text is copied from a real one."""

from __future__ import annotations

from datetime import date

from directives.importing import import_document
from directives.parsing import parse, tasks_from_record


def decision(
    body: str,
    *,
    left: str = "ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM",
    number: str = "Số: 15/QĐ-UBND",
    title: str = "QUYẾT ĐỊNH\nVề việc ban hành kế hoạch thử nghiệm",
) -> str:
    """An invented Quyết định laid out as Decree 30/2020/NĐ-CP prescribes."""
    return f"""{left}

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

{number}

Thử Nghiệm, ngày 04 tháng 3 năm 2025

{title}

ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM

{body}

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trần Văn Bình
"""


# The document's own entry into force ---------------------------------------------------


def test_effective_date_is_read_and_is_no_task():
    text = decision(
        "Điều 1. Giao Sở Tài chính chủ trì lập dự toán, hoàn thành trước ngày 30/6/2025.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2025.\n"
        "Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./."
    )
    record = parse(text)
    assert record.effective_on == "2025-03-15"
    tasks = tasks_from_record(record, text)
    assert [(t.agency, t.deadline) for t in tasks] == [("Sở Tài chính", "2025-06-30")]


def test_effective_from_signing_is_the_issue_date():
    text = decision("Điều 1. Quyết định này có hiệu lực thi hành kể từ ngày ký./.")
    record = parse(text)
    assert record.effective_on == "2025-03-04"
    assert tasks_from_record(record, text) == []


def test_another_documents_entry_into_force_is_not_this_ones():
    text = decision(
        "Điều 1. Các sở triển khai Luật có hiệu lực từ ngày 01/7/2025, hoàn thành trước "
        "ngày 30/9/2025./."
    )
    assert parse(text).effective_on is None


def test_imported_page_has_its_effective_date(site):
    text = decision("Điều 1. Quyết định này có hiệu lực từ ngày 01/4/2025./.")
    page = import_document(text.encode(), "qd-15.txt").page
    assert page.effective_on == date(2025, 4, 1)
    assert not page.tasks.exists()
