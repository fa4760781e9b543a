"""The importer suggests online-filing obligations for the editor to confirm."""

from datetime import date

import pytest

from directives.importing import import_document

pytestmark = pytest.mark.django_db

DISPATCH = """ỦY BAN NHÂN DÂN
TỈNH SÔNG XANH
Số: 77/UBND-VP
Sông Xanh, ngày 16 tháng 5 năm 2022
V/v thực hiện thủ tục hành chính nội bộ trên môi trường điện tử
Kính gửi: Các Sở, ban, ngành tỉnh.
Kể từ ngày 20/5/2022, các thủ tục hành chính nội bộ giữa các cơ quan nhà nước đã được cung cấp
dịch vụ công trực tuyến mức độ 3, mức độ 4 chỉ thực hiện theo hình thức trực tuyến; Bộ phận
một cửa không tiếp nhận hồ sơ giấy.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Mẫu
"""


def test_a_draft_gets_the_obligation_prefilled_and_a_warning(site):
    """The dispatch's sentence becomes an obligation on the draft: online only, internal,
    both levels, from 20/5/2022, with the sentence as evidence; the editor is told to check."""
    result = import_document(DISPATCH.encode(), "77.txt")
    page = result.page.get_latest_revision_as_object()
    obligations = list(page.obligations.all())
    assert len(obligations) == 1
    obligation = obligations[0]
    assert obligation.requirement == "online_only"
    assert obligation.starts_on.isoformat() == "2022-05-20"
    assert obligation.for_internal and not obligation.for_citizens
    assert obligation.level_full and obligation.level_partial
    assert "không tiếp nhận hồ sơ giấy" in obligation.evidence
    assert any("Đã đề xuất 1 nghĩa vụ" in w for w in result.warnings)
    assert "Đã đề xuất 1 nghĩa vụ" in page.import_warnings
    assert not page.live


def test_publishing_at_once_attaches_nothing_unconfirmed(site):
    """Imported straight to publication, the page only warns; no obligation goes live."""
    result = import_document(DISPATCH.encode(), "77.txt", publish=True)
    assert result.page.live
    assert result.page.obligations.count() == 0
    assert any("chưa gắn" in w for w in result.warnings)


def test_a_text_without_obligation_suggests_nothing(site):
    """An ordinary dispatch gets no obligation and no such warning."""
    text = DISPATCH.replace("chỉ thực hiện theo hình thức trực tuyến", "được rà soát").replace(
        "Bộ phận\nmột cửa không tiếp nhận hồ sơ giấy.", "báo cáo kết quả."
    )
    result = import_document(text.encode(), "78.txt")
    page = result.page.get_latest_revision_as_object()
    assert list(page.obligations.all()) == []
    assert not any("nghĩa vụ" in w for w in result.warnings)


def _internal_procedure(site):
    from procedures.vocabulary import OnlineLevel
    from tests.factories import catalogue, make_procedure

    return make_procedure(
        catalogue(site),
        "2.000909",
        online_level=OnlineLevel.FULL,
        level_province=True,
        for_internal=True,
    )


def test_a_suggestion_published_later_binds_nothing_until_confirmed(site):
    """A draft with the importer's proposal, published by importing it again with --publish,
    is live with the obligation shown for review, but no procedure must be filed online under
    it until an editor confirms it."""
    procedure = _internal_procedure(site)
    import_document(DISPATCH.encode(), "77.txt")
    result = import_document(DISPATCH.encode(), "77.txt", publish=True)
    assert result.page.live
    obligation = result.page.obligations.get()
    assert obligation.confirmed is False
    assert not procedure.answer(date(2024, 1, 1)).must_online

    obligation.confirmed = True
    obligation.save()
    assert procedure.answer(date(2024, 1, 1)).must_online
