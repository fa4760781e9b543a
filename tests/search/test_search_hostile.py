"""Hostile input: any text and any page value gives a page or a clear message, never a
server error, on the search page, the API and the suggestions."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.query import understand
from search.service import search
from tests.factories import make_directive

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    [
        '"',
        "'",
        '""',
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "*",
        "^",
        ":",
        "title:x",
        "a*",
        "(",
        ")",
        "'; DROP TABLE portal_search_searchentry; --",
        "<script>alert(1)</script>",
        "\x00",
        "\x07\x1b",
        "5436/UBND-VP",
        "-",
        "{title}: x",
        "\\",
        "%",
        "_",
        "'a':*",
        "!",
        "&",
        "|",
        "<->",
        "x" * 10_000,
    ]
)
TEXT = st.one_of(st.text(max_size=300), NASTY, st.lists(NASTY, max_size=6).map(" ".join))
PAGE = st.one_of(st.integers(), st.text(max_size=12), st.just("-5"), st.just("1e9"))
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _clean_for_url(text: str) -> str:
    # A real request cannot carry lone surrogates; the understood query strips them anyway.
    return text.encode("utf-8", "replace").decode("utf-8")


@pytest.fixture
def seeded(site):
    make_directive(title="Thủ tục nội bộ", number="5436/UBND-VP", subject="Thủ tục hành chính")


@HYPOTHESIS
@given(text=TEXT, page=PAGE)
def test_engine_never_fails(seeded, text, page):
    results = search(understand(text, page=page))
    assert 1 <= results.page <= results.num_pages


@HYPOTHESIS
@given(text=TEXT, page=PAGE, year=st.one_of(st.none(), st.text(max_size=6)))
def test_api_never_500(client, seeded, text, page, year):
    params = {"q": _clean_for_url(text), "page": _clean_for_url(str(page))}
    if year is not None:
        params["year_from"] = _clean_for_url(year)
    assert client.get("/api/v1/search", params).status_code in (200, 422)
    assert client.get("/api/v1/search/suggest", {"q": params["q"]}).status_code == 200


@HYPOTHESIS
@given(text=TEXT, page=PAGE)
def test_page_never_500(client, seeded, text, page):
    params = {"q": _clean_for_url(text), "page": _clean_for_url(str(page)), "sort": "date"}
    assert client.get("/tim-kiem/", params).status_code == 200
