"""Citations linked both ways: a reference to a number already on the site links to its page,
and when a cited document is published later, the pages that cited it link to it from then
on. Numbers compare by their key: case, spaces, "đ"/"d" and leading zeros do not matter."""

from __future__ import annotations

from datetime import date

from directives.importing import import_document
from directives.models import DirectivePage, DirectiveReference
from directives.signals import link_citations
from tests import factories

CITING_TEXT = """ỦY BAN NHÂN DÂN
THÀNH PHỐ THỬ
Số: 77/UBND-VP
V/v triển khai Chỉ thị số 012/CT-UBND
Thử, ngày 02 tháng 4 năm 2024
Kính gửi: Các phòng, ban.
Thực hiện Chỉ thị số 012/CT-UBND ngày 15/3/2024 của UBND tỉnh, UBND thành phố đề nghị
các phòng, ban triển khai.
Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH
Lê Văn Bình
"""


def cite(number: str, *, publish: bool = True, cited_on: date | None = None) -> DirectivePage:
    return factories.make_directive(
        number="88/UBND-VP",
        subject="V/v trích dẫn",
        publish=publish,
        references=[{"doc_type": "Chỉ thị", "number": number, "cited_on": cited_on}],
    )


def test_a_reference_links_to_a_page_already_on_the_site(site):
    cited = factories.make_directive(number="012/CT-UBND", doc_type="chi-thi")
    citing = cite("012/CT-UBND")
    reference = citing.references.get()
    assert reference.target == cited
    assert reference.linked_page == cited
    assert list(cited.cited_by()) == [citing]


def test_publishing_later_links_the_pages_that_cited_it(site):
    """Cite first; once the cited page is published, the citation points at it."""
    citing = cite("12/ct-ubnd")
    reference = citing.references.get()
    assert reference.target is None and reference.linked_page is None

    cited = factories.make_directive(number="012/CT-UBND", doc_type="chi-thi", publish=False)
    assert DirectiveReference.objects.get(pk=reference.pk).target is None  # a draft links nothing
    cited.get_latest_revision().publish()

    reference = DirectiveReference.objects.get(pk=reference.pk)
    assert reference.target_id == cited.pk
    assert reference.linked_page == cited
    assert list(cited.cited_by()) == [citing]


def test_an_imported_draft_links_its_citations_when_published(site):
    """The importer's draft cites a number; the cited page arrives later; publishing either
    one resolves the link, and the cited page lists the citing one."""
    result = import_document(CITING_TEXT.encode(), "cv-77.txt")
    draft = result.page
    assert draft.references.get().number == "012/CT-UBND"
    assert draft.references.get().target is None

    cited = factories.make_directive(
        number="12/CT-UBND", doc_type="chi-thi", issued_on=date(2024, 3, 15)
    )
    assert DirectiveReference.objects.get(page=draft).target == cited  # linked on publish
    draft.get_latest_revision().publish()
    assert list(cited.cited_by()) == [DirectivePage.objects.get(pk=draft.pk)]


def test_number_keys_ignore_case_spaces_d_and_leading_zeros(site):
    cited = factories.make_directive(number="012/CT-UBND", doc_type="chi-thi")
    for spelling in ("12/ct-ubnd", "012 / CT - UBND", "0012/CT-UBND"):
        assert cite(spelling).references.get().target == cited
    decision = factories.make_directive(number="76/2025/QĐ-UBND", doc_type="quyet-dinh")
    assert cite("76/2025/QD-UBND").references.get().target == decision
    assert cite("13/CT-UBND").references.get().target is None


def test_the_cited_date_picks_between_issuers_that_share_a_number(site):
    """Two provinces' "5/CT-UBND": the citation's date chooses the right one."""
    first = factories.make_directive(number="5/CT-UBND", issued_on=date(2023, 1, 9))
    second = factories.make_directive(number="5/CT-UBND", issued_on=date(2024, 2, 1))
    assert cite("5/CT-UBND", cited_on=date(2023, 1, 9)).references.get().target == first
    assert cite("5/CT-UBND", cited_on=date(2024, 2, 1)).references.get().target == second


def test_republishing_keeps_the_link(site):
    """A link is a fact of the site: republishing the citing page from its revision (which
    predates the link) links again."""
    citing = cite("99/KH-UBND")
    cited = factories.make_directive(number="99/KH-UBND", doc_type="ke-hoach")
    citing.get_latest_revision().publish()
    assert citing.references.get().target == cited
    assert link_citations(citing) == (0, 0)


def test_cited_by_shows_on_the_cited_page(site, client):
    cited = factories.make_directive(number="012/CT-UBND", doc_type="chi-thi", subject="V/v gốc")
    citing = cite("12/CT-UBND")
    assert list(cited.cited_by()) == [citing]
    html = client.get(cited.url).content.decode()
    assert "Văn bản dẫn chiếu đến văn bản này" in html
    assert f'href="{citing.url}"' in html
