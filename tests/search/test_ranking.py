"""Relevance against the real database (SQLite by default, PostgreSQL with DATABASE_URL):
where and how close the words are, the signer's field, accents typed, and large match sets
whose answer is old (issue 17)."""

from datetime import date

import pytest

from search.engines.database import engine as database_engine
from search.query import understand
from search.service import get_engine, search
from tests.factories import make_agency, make_directive

pytestmark = pytest.mark.django_db


def ranked_titles(text, **filters):
    return [hit.title for hit in search(understand(text, **filters)).hits]


def rank_of(title, text):
    found = ranked_titles(text)
    return found.index(title) + 1 if title in found else None


@pytest.fixture
def scattered(site):
    """A phrase in one document's title or signer, its words scattered in newer ones."""
    issuer = make_agency("Ủy ban nhân dân tỉnh Thử", "UBND")
    pages = {
        "phrase": make_directive(
            title="Quy chế tiếp nhận hồ sơ trực tuyến",
            subject="Ban hành quy chế tiếp nhận hồ sơ trực tuyến",
            number="15/QĐ-UBND",
            doc_type="quyet-dinh",
            issuer=issuer,
            issued_on=date(2019, 3, 4),
            signer_name="Lê Văn Tám",
        ),
        "signed": make_directive(
            title="Kế hoạch kiểm tra công vụ năm 2019",
            subject="Kế hoạch kiểm tra công vụ năm 2019",
            number="40/KH-UBND",
            doc_type="ke-hoach",
            issuer=issuer,
            issued_on=date(2019, 1, 8),
            signer_name="Phạm Quốc Hưng",
        ),
    }
    for serial in range(4):
        pages[f"scattered{serial}"] = make_directive(
            title=f"Tiếp nhận ý kiến về hồ sơ đất đai và dịch vụ trực tuyến lần {serial}",
            subject="Về hồ sơ đất đai",
            number=f"{100 + serial}/UBND-VP",
            issuer=issuer,
            issued_on=date(2025, 6, 1 + serial),
            signer_name="Trần Thị Mai",
            body=(
                "<p>Phạm vi áp dụng: tuyến Quốc lộ 5 qua tỉnh Hưng Yên; hồ sơ được tiếp "
                "nhận tại bộ phận một cửa, trả kết quả trực tuyến.</p>"
            ),
        )
    return pages


def test_phrase_in_title_beats_scattered_words(scattered):
    assert rank_of(scattered["phrase"].title, "tiếp nhận hồ sơ trực tuyến") == 1
    assert rank_of(scattered["phrase"].title, "tiep nhan ho so truc tuyen") == 1


def test_signer_name_beats_the_same_words_in_bodies(scattered):
    assert rank_of(scattered["signed"].title, "Phạm Quốc Hưng") == 1
    assert rank_of(scattered["signed"].title, "pham quoc hung") == 1


def test_accented_exact_match_outranks_the_folded_one(site):
    older = make_directive(
        title="Hòa giải ở cơ sở",
        subject="Về công tác hòa giải ở cơ sở",
        number="7/UBND-TP",
        issued_on=date(2020, 1, 1),
    )
    newer = make_directive(
        title="Hoa giải thưởng ở cơ sở",
        subject="Về hoa giải thưởng ở cơ sở",
        number="8/UBND-TP",
        issued_on=date(2024, 1, 1),
    )
    assert ranked_titles("hòa giải ở cơ sở")[:2] == [older.title, newer.title]
    assert ranked_titles("hoa giải thưởng")[0] == newer.title


@pytest.fixture
def large(site, monkeypatch):
    """A match set above the dialect's rank limit, made small: the engine then chooses its
    candidates by the cheap indexed score instead of ranking every match."""
    engine = get_engine()
    monkeypatch.setattr(type(engine.dialect), "rank_limit", 4)
    monkeypatch.setattr(database_engine, "LARGE_WINDOW", 3)
    issuer = make_agency("Sở Nội vụ tỉnh Thử", "SNV")
    pages = {
        "old_signed": make_directive(
            title="Báo cáo công tác cải cách hành chính quý I",
            subject="Báo cáo công tác cải cách hành chính quý I",
            number="3/BC-SNV",
            doc_type="bao-cao",
            issuer=issuer,
            issued_on=date(2018, 2, 1),
            signer_name="Nguyễn Văn An",
        ),
        "old_subject": make_directive(
            title="Kế hoạch cải cách hành chính năm 2018",
            subject="Kế hoạch cải cách hành chính năm 2018",
            number="9/KH-SNV",
            doc_type="ke-hoach",
            issuer=issuer,
            issued_on=date(2018, 3, 1),
            signer_name="Đỗ Thị Lan",
        ),
    }
    for serial in range(8):
        pages[f"new{serial}"] = make_directive(
            title=f"Công văn về cải cách hành chính số {serial}",
            subject=f"V/v cải cách hành chính năm 2025, đợt {serial}",
            number=f"{200 + serial}/SNV-CCHC",
            issuer=issuer,
            issued_on=date(2025, 1, 10 + serial),
            signer_name="Hoàng Minh Đức",
            body=(
                "<p>Nguyễn Thị Hoa, Văn phòng Sở, kiểm tra an toàn thông tin; kế hoạch "
                "năm 2018 được tổng kết.</p>"
            ),
        )
    return pages


def test_old_answer_to_a_common_query_is_still_found(large):
    query = understand("cải cách hành chính")
    assert get_engine().search(query).count > 4  # above the (lowered) rank limit
    for text in ("Nguyễn Văn An", "nguyen van an"):
        assert rank_of(large["old_signed"].title, text) == 1, text
    for text in ("Kế hoạch cải cách hành chính năm 2018", "ke hoach cai cach hanh chinh nam 2018"):
        assert rank_of(large["old_subject"].title, text) == 1, text


def test_sentence_citing_a_number_is_read_as_text(site):
    """A number inside a typed subject names no other document numbered alike."""
    target = make_directive(
        title="Sửa đổi Quyết định số 48/2024/QĐ-UBND về định mức kinh tế kỹ thuật",
        subject="Sửa đổi, bổ sung Quyết định số 48/2024/QĐ-UBND về định mức kinh tế kỹ thuật",
        number="70/2025/QĐ-UBND",
        doc_type="quyet-dinh",
        issued_on=date(2025, 10, 1),
        references=[{"doc_type": "Quyết định", "number": "48/2024/QĐ-UBND"}],
    )
    make_directive(
        title="Quy định danh mục đồ dùng học phẩm",
        subject="Quy định danh mục đồ dùng học phẩm",
        number="48/2025/QĐ-UBND",
        doc_type="quyet-dinh",
        issued_on=date(2025, 11, 1),
    )
    text = "sửa đổi Quyết định 48/2024/QĐ-UBND về định mức kinh tế kỹ thuật"
    assert ranked_titles(text)[0] == target.title
    # The number alone still names its documents first.
    assert ranked_titles("48/2025/QĐ-UBND")[0] == "Quy định danh mục đồ dùng học phẩm"


def test_pages_of_a_large_match_set_hold_every_match_once(large):
    """Above the rank limit a page may come from the candidate tiers alone; the next pages
    go on with the other matches, none twice and none left out."""
    engine = get_engine()
    if engine.name != "database":
        pytest.skip("the database engine's candidate tiers")
    for text in ("cải cách hành chính", "cong van ve cai cach hanh chinh"):
        first = engine.search(understand(text, page_size=2))
        seen = []
        for page in range(1, -(-first.count // 2) + 1):  # a page past the last shows the last
            seen += [
                hit.page_id for hit in engine.search(understand(text, page=page, page_size=2)).hits
            ]
        assert len(seen) == len(set(seen)) == first.count, text


def test_fields_table_follows_the_index(large):
    """SQLite's small table of titles, numbers and signers (read by the candidate tiers and
    suggestions) gains and loses a page with the main one."""
    from django.db import connection

    if connection.vendor != "sqlite" or get_engine().name != "database":
        pytest.skip("SQLite's FTS tables")

    def rows(table: str) -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {table}")
            return {row[0] for row in cursor.fetchall()}

    assert rows("portal_search_fields_fts") == rows("portal_search_fts")
    assert large["old_signed"].pk in rows("portal_search_fields_fts")
    large["old_signed"].unpublish()
    assert large["old_signed"].pk not in rows("portal_search_fields_fts")
    assert rows("portal_search_fields_fts") == rows("portal_search_fts")
    large["old_subject"].delete()
    assert rows("portal_search_fields_fts") == rows("portal_search_fts")
    assert rank_of(large["old_signed"].title, "Nguyễn Văn An") is None
