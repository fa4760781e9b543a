"""Search behaviour against the real database (SQLite by default, PostgreSQL with
DATABASE_URL): pages published through Wagtail are found the way people type."""

import unicodedata
from datetime import date

import pytest

from search.query import understand
from search.service import get_engine, search
from tests.factories import make_agency, make_directive, make_news

pytestmark = pytest.mark.django_db


def titles(text, **filters):
    return [hit.title for hit in search(understand(text, **filters)).hits]


@pytest.fixture
def corpus(site):
    """A handful of directives and news, published the way editors publish them."""
    ubnd = make_agency("Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu", "UBND")
    snv = make_agency("Sở Nội vụ", "SNV")
    pages = {
        "seed": make_directive(
            title="Thực hiện thủ tục hành chính nội bộ trên môi trường điện tử",
            number="5436/UBND-VP",
            subject="V/v thực hiện thủ tục nội bộ trên môi trường điện tử",
            body="<p>Từ ngày 20/5/2022, tiếp nhận hồ sơ trực tuyến mức độ 3, 4.</p>",
            issuer=ubnd,
            issued_on=date(2022, 5, 16),
            signer_name="Nguyễn Thị Thu Hương",
        ),
        "citing": make_directive(
            title="Triển khai dịch vụ công trực tuyến",
            number="1407/SNV-CCHC",
            subject="V/v triển khai dịch vụ công",
            body="<p>Thực hiện Công văn số 5436/UBND-VP ngày 16/5/2022 của UBND tỉnh.</p>",
            doc_type="cong-van",
            issuer=snv,
            issued_on=date(2022, 6, 2),
            signer_name="Trần Văn An",
            references=[{"doc_type": "Công văn", "number": "5436/UBND-VP"}],
        ),
        "directive": make_directive(
            title="Chỉ thị về cải cách hành chính",
            number="012/CT-UBND",
            subject="Về đẩy mạnh cải cách hành chính và hòa giải ở cơ sở",
            doc_type="chi-thi",
            issuer=ubnd,
            issued_on=date(2023, 3, 1),
            signer_name="Lê Minh Khoa",
        ),
        "stopwords": make_directive(
            title="Kế hoạch do An phụ trách",
            number="92/KH-UBND",
            subject="Kế hoạch chuyển đổi số do An phụ trách, gửi to các phường",
            doc_type="ke-hoach",
            issuer=ubnd,
            issued_on=date(2024, 1, 10),
        ),
        "news": make_news(
            title="Người dân nộp hồ sơ trực tuyến",
            lead="Tin về thủ tục hành chính trên cổng dịch vụ công.",
            date=date(2024, 2, 1),
        ),
    }
    return pages


def test_unaccented_words_find_accented_text(corpus):
    """ "thu tuc noi bo" finds "thủ tục nội bộ"."""
    assert corpus["seed"].title in titles("thu tuc noi bo")


def test_tone_placement_and_decomposed_input(corpus):
    """ "hoà" finds "hòa"; an NFD query finds composed text."""
    assert titles("hoà") == [corpus["directive"].title]
    assert corpus["seed"].title in titles(unicodedata.normalize("NFD", "thủ tục nội bộ"))


def test_abbreviation_finds_the_words(corpus):
    """ "TTHC" finds "thủ tục hành chính"."""
    found = titles("TTHC")
    assert corpus["seed"].title in found
    assert corpus["news"].title in found


@pytest.mark.parametrize("text", ["5436 ubnd vp", "cv 5436", "5436/UBND-VP", "số 5436"])
def test_number_first_then_citing(corpus, text):
    """Every spelling of a number puts that document first and the one citing it next."""
    hits = search(understand(text)).hits
    assert [hit.title for hit in hits[:2]] == [corpus["seed"].title, corpus["citing"].title]
    assert [hit.match for hit in hits[:2]] == ["number", "citing"]


def test_leading_zero_number(corpus):
    """ "12/CT-UBND" finds "012/CT-UBND"."""
    assert titles("12/CT-UBND")[0] == corpus["directive"].title


def test_signer_name(corpus):
    assert titles("Lê Minh Khoa") == [corpus["directive"].title]
    assert titles("nguyen thi thu huong") == [corpus["seed"].title]


def test_short_words_are_not_stop_words(corpus):
    """ "An", "do", "to" are searched (PostgreSQL's English configuration drops them)."""
    assert titles("do An to") == [corpus["stopwords"].title]


def test_lone_quote_and_operators(corpus):
    """Query syntax is never syntax: punctuation alone is the empty query (every page), and
    operators are searched as the words they are, so "OR 1=1" matches nothing here."""
    everything = {hit.page_id for hit in search(understand("")).hits}
    assert len(everything) == 5
    for text in ['"', "*", "^"]:
        assert {hit.page_id for hit in search(understand(text)).hits} == everything, text
    for text in ["AND", "NEAR(", "title:", "') OR 1=1 --"]:
        assert search(understand(text)).count == 0, text


def test_facets_count(corpus):
    facets = search(understand("thu tuc")).facets
    kinds = {f.value: f.count for f in facets["kind"]}
    assert kinds == {"directive": 1, "news": 1}
    all_facets = search(understand("", year_from=2022)).facets
    assert {f.value: f.count for f in all_facets["kind"]} == {"directive": 4, "news": 1}
    years = {f.value: f.count for f in all_facets["year"]}
    assert years == {"2022": 2, "2023": 1, "2024": 2}
    doc_types = {f.value: f.count for f in all_facets["doc_type"]}
    assert doc_types == {"cong-van": 2, "chi-thi": 1, "ke-hoach": 1}


def test_filters(corpus):
    assert titles("TTHC", kind="news") == [corpus["news"].title]
    assert titles("", doc_type="chi-thi") == [corpus["directive"].title]
    assert titles("", year_from=2024, year_to=2024, kind="directive") == [corpus["stopwords"].title]
    issuer = corpus["citing"].issuer_id
    assert titles("", issuer=issuer) == [corpus["citing"].title]
    assert titles("", signer="Lê Minh Khoa") == [corpus["directive"].title]


def test_sort_by_date(corpus):
    hits = search(understand("", year_from=2000, sort="date")).hits
    dates = [hit.issued_on for hit in hits]
    assert dates == sorted(dates, reverse=True)


def test_pagination_clamps(corpus):
    results = search(understand("", year_from=2000, page=99, page_size=2))
    assert results.page == results.num_pages == 3
    assert len(results.hits) == 1


def test_unpublish_and_delete_remove_from_results(corpus):
    corpus["seed"].unpublish()
    assert corpus["seed"].title not in titles("thu tuc noi bo")
    corpus["directive"].delete()
    assert titles("hoà") == []


def test_republish_updates_the_index(corpus):
    page = corpus["stopwords"]
    page.title = "Kế hoạch mới về chuyển đổi số"
    page.save_revision().publish()
    assert titles("ke hoach moi") == ["Kế hoạch mới về chuyển đổi số"]


def test_snippet_marks_the_accented_original(corpus):
    hit = search(understand("thu tuc noi bo")).hits[0]
    assert "<mark>thủ</mark> <mark>tục</mark> <mark>nội</mark> <mark>bộ</mark>" in hit.snippet


def test_snippet_escapes_markup(site):
    make_directive(title="Văn bản thử", subject="Thủ tục <script>alert(1)</script>")
    snippet = search(understand("thu tuc")).hits[0].snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_suggestions(corpus):
    labels = [s.label for s in get_engine().suggest("thuc hien thu tu")]
    assert any("thủ tục hành chính nội bộ" in label for label in labels)
    assert get_engine().suggest("5436")[0].url == corpus["seed"].url


def test_rebuild_gives_the_same_results(corpus):
    before = titles("thu tuc")
    assert get_engine().rebuild() == 5
    assert titles("thu tuc") == before


def test_facets_are_the_entries_counted(corpus):
    """Each facet (values, labels, counts) is what counting the index's entries gives, and on
    PostgreSQL its GROUPING SETS and the Python counting SQLite uses agree."""
    from collections import Counter

    from django.db import connection

    from search.models import SearchEntry

    engine = get_engine()
    if engine.name != "database":
        pytest.skip("the database engine's facets")
    entries = list(SearchEntry.objects.all())
    expected = {
        "kind": Counter(e.kind for e in entries),
        "doc_type": Counter((e.doc_type, e.doc_type_label) for e in entries if e.doc_type),
        "issuer": Counter((str(e.issuer_id), e.issuer_name) for e in entries if e.issuer_id),
        "year": Counter(str(e.year) for e in entries if e.year),
        "signer": Counter(e.signer for e in entries if e.signer),
    }
    facets = search(understand("")).facets
    assert {f.value: f.count for f in facets["kind"]} == dict(expected["kind"])
    assert {(f.value, f.label): f.count for f in facets["doc_type"]} == dict(expected["doc_type"])
    assert {(f.value, f.label): f.count for f in facets["issuer"]} == dict(expected["issuer"])
    assert {f.value: f.count for f in facets["year"]} == dict(expected["year"])
    assert {f.value: f.count for f in facets["signer"]} == dict(expected["signer"])
    # Equal counts are ordered by label, so a page of facets reads the same every time.
    counts = [(-f.count, f.label) for f in facets["doc_type"]]
    assert counts == sorted(counts)
    if connection.vendor == "postgresql":
        for text in ("", "thu tuc", "cải cách hành chính"):
            grouped = search(understand(text)).facets
            engine.dialect.grouping_sets = False
            try:
                counted = search(understand(text)).facets
            finally:
                engine.dialect.grouping_sets = True
            assert counted == grouped, text
