"""What the importer makes of a document's closing article, task sentences, citations'
relations, a subject printed in capitals and agencies of another province. Each test is a
small invented document of one kind; no text is copied from a real one."""

from __future__ import annotations

from datetime import date

from wagtail.models import Site

from directives.importing import import_document
from directives.models import Agency
from directives.parsing import parse, tasks_from_record
from directives.parsing.references import find_references
from directives.vocabulary import Relation
from home.models import PortalSettings
from tests import factories
from tests.directives.test_parser_unit import document


def decision(
    body: str, *, left: str = "ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM", number: str = "Số: 15/QĐ-UBND"
) -> str:
    """An invented Quyết định laid out as Decree 30/2020/NĐ-CP prescribes."""
    return document(
        left=left,
        number=number,
        dateline="Thử Nghiệm, ngày 04 tháng 3 năm 2025",
        title="QUYẾT ĐỊNH\nVề việc ban hành kế hoạch thử nghiệm",
        body=body,
        signature="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Bình",
    )


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


# The relation of each citation ---------------------------------------------------------


def relations(*paragraphs: str) -> list[tuple[str, str]]:
    found, _warnings = find_references(list(paragraphs))
    return [(r.number, r.relation) for r in found]


def test_based_on_clauses_are_based_on_even_with_an_amending_title():
    assert relations(
        "Căn cứ Luật Thử nghiệm số 11/2025/QH15 được sửa đổi, bổ sung bởi Luật số 12/2025/QH15;",
        "Căn cứ Nghị định sửa đổi, bổ sung một số điều của Nghị định về thử nghiệm số "
        "13/2025/NĐ-CP;",
    ) == [
        ("11/2025/QH15", Relation.BASED_ON),
        ("12/2025/QH15", Relation.BASED_ON),
        ("13/2025/NĐ-CP", Relation.BASED_ON),
    ]


def test_acts_of_the_document_name_their_relation():
    assert relations(
        "Thực hiện Chỉ thị số 21/CT-UBND ngày 1/2/2025 và Công văn số 22/UBND-VP, Sở đề nghị.",
        "Sửa đổi, bổ sung Điều 3 Quyết định số 23/2024/QĐ-UBND như sau:",
        "Bãi bỏ Quyết định số 24/QĐ-UBND ngày 2/2/2024, số 25/QĐ-UBND.",
        "Quyết định này có hiệu lực từ ngày 1/4/2025 và thay thế Quyết định số 26/2020/QĐ-UBND.",
        "Hướng dẫn thực hiện Thông tư số 27/2025/TT-BTC như sau.",
    ) == [
        ("21/CT-UBND", Relation.IMPLEMENTS),
        ("22/UBND-VP", Relation.IMPLEMENTS),
        ("23/2024/QĐ-UBND", Relation.AMENDS),
        ("24/QĐ-UBND", Relation.REPEALS),
        ("25/QĐ-UBND", Relation.REPEALS),
        ("26/2020/QĐ-UBND", Relation.REPLACES),
        ("27/2025/TT-BTC", Relation.GUIDES),
    ]


def test_the_act_of_a_cited_document_is_not_this_ones():
    """The verb after a citation belongs to that citation's title, or lies far off."""
    assert relations(
        "Theo Nghị định số 31/2025/NĐ-CP của Chính phủ sửa đổi một số điều của Nghị định số "
        "32/2020/NĐ-CP, Sở rà soát.",
        "Thực hiện Kế hoạch số 33/KH-UBND về việc bãi bỏ Quyết định số 34/QĐ-UBND.",
        "Sở hướng dẫn thực hiện chỉnh lý dữ liệu, xây dựng mã, cập nhật hệ thống và báo cáo "
        "kết quả theo văn bản số 35/STC-QLNS.",
    ) == [
        ("31/2025/NĐ-CP", Relation.CITES),
        ("32/2020/NĐ-CP", Relation.CITES),
        ("33/KH-UBND", Relation.IMPLEMENTS),
        ("34/QĐ-UBND", Relation.CITES),
        ("35/STC-QLNS", Relation.CITES),
    ]


def test_imported_references_keep_their_relation(site):
    text = decision(
        "Căn cứ Luật Thử nghiệm số 41/2025/QH15;\n"
        "Điều 1. Quyết định này thay thế Quyết định số 42/2020/QĐ-UBND./."
    )
    page = import_document(text.encode(), "qd-15.txt").page
    assert [(r.number, r.relation) for r in page.references.all()] == [
        ("41/2025/QH15", Relation.BASED_ON),
        ("42/2020/QĐ-UBND", Relation.REPLACES),
    ]


# Agencies of another province ----------------------------------------------------------

HOME = "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG"
OTHER = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"


def home_site() -> None:
    """The portal of a province: its settings name its own top agency."""
    PortalSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"authority_name": "Ủy ban nhân dân tỉnh Cao Bằng"},
    )


def assigning(left: str, agency: str, number: str) -> str:
    return decision(
        f"Điều 1. Giao {agency} chủ trì thẩm định, hoàn thành trước ngày 30/6/2025./.",
        left=left,
        number=f"Số: {number}",
    )


def test_another_provinces_department_is_not_the_sites(site):
    home_site()
    own = factories.make_agency("Sở Xây dựng", abbreviation="SXD")
    home_page = import_document(assigning(HOME, "Sở Xây dựng", "1/QĐ-UBND").encode(), "a.txt").page
    assert home_page.tasks.get().agency == own

    page = import_document(assigning(OTHER, "Sở Xây dựng", "2/QĐ-UBND").encode(), "b.txt").page
    agency = page.tasks.get().agency
    assert agency != own
    assert (agency.name, agency.parent.name) == ("Sở Xây dựng", "Ủy ban nhân dân tỉnh Lạng Sơn")
    assert Agency.objects.get(pk=own.pk).parent is None


def test_another_provinces_issuer_does_not_adopt_the_sites_department(site):
    home_site()
    own = factories.make_agency("Sở Xây dựng", abbreviation="SXD")
    page = import_document(
        assigning("UBND TỈNH LẠNG SƠN\nSỞ XÂY DỰNG", "Phòng Quản lý nhà", "3/QĐ-SXD").encode(),
        "c.txt",
    ).page
    assert page.issuer != own
    assert page.issuer.parent.name == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert Agency.objects.get(pk=own.pk).parent is None


def test_a_name_that_is_no_single_body_is_left_unlinked_with_a_warning(site, caplog):
    """ "Văn phòng UBND tỉnh" means the issuing province's office; the site's is not it."""
    home_site()
    factories.make_agency("Văn phòng UBND tỉnh", abbreviation="VP")
    with caplog.at_level("WARNING", logger="directives.importing"):
        page = import_document(
            assigning(OTHER, "Văn phòng UBND tỉnh", "4/QĐ-UBND").encode(), "d.txt"
        ).page
    assert page.tasks.get().agency is None
    assert "Văn phòng UBND tỉnh" in page.import_warnings
    assert "left unlinked" in caplog.text


# Task names ----------------------------------------------------------------------------


def test_a_task_is_named_by_what_is_to_be_done():
    """Neither the agency nor the deadline phrase is part of the task's name; a sentence that
    holds only the deadline takes its name from the instruction above."""
    text = decision(
        "1. Giao Sở Nội vụ chủ trì rà soát biên chế các đơn vị. Thời gian hoàn thành trước "
        "ngày 20/5/2025.\n"
        "2. Các sở bảo đảm gửi, nhận văn bản điện tử trước ngày 30/6/2025 và xử lý hồ sơ trên "
        "môi trường mạng.\n"
        "3. Giao Sở Tài chính tổng hợp, báo cáo UBND tỉnh trước ngày 15/7/2025./."
    )
    tasks = tasks_from_record(parse(text), text)
    assert [(t.agency, t.text, t.deadline) for t in tasks] == [
        ("Sở Nội vụ", "Chủ trì rà soát biên chế các đơn vị", "2025-05-20"),
        (
            "Các sở",
            "Bảo đảm gửi, nhận văn bản điện tử và xử lý hồ sơ trên môi trường mạng",
            "2025-06-30",
        ),
        ("Sở Tài chính", "Tổng hợp, báo cáo UBND tỉnh", "2025-07-15"),
    ]


def test_a_deadline_with_nothing_else_to_name_keeps_its_passage():
    text = decision("1. UBND các huyện hoàn thành trước ngày 30/6/2025./.")
    (task,) = tasks_from_record(parse(text), text)
    assert (task.agency, task.text) == (
        "UBND các huyện",
        "UBND các huyện hoàn thành trước ngày 30/6/2025",
    )
