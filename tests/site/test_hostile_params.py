"""Hostile query parameters (integer overflow, NUL bytes, odd digits, control characters) on
every public listing: the directive list, the procedure catalogue (page, exports, API), the
search page and its API. Each gives a page or a clear 4xx, never a server error, on SQLite and
on PostgreSQL (run the suite with DATABASE_URL to cover the second)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import catalogue, make_agency, make_directive, make_procedure

pytestmark = pytest.mark.django_db

HOSTILE = [
    "99999999999999999999",
    "-99999999999999999999",
    "9223372036854775808",
    "1e400",
    "\x00",
    "a\x00b",
    "²",
    "١٢",
    "%",
    "' OR 1=1 --",
    "\ud800".encode("utf-8", "replace").decode(),
    "x" * 5000,
    " ",
]
DIRECTIVE_PARAMS = ("doc_type", "issuer", "year", "signer", "page")
CATALOGUE_PARAMS = (
    "q",
    "field",
    "agency",
    "level",
    "audience",
    "online_level",
    "online_now",
    "sort",
    "ngay",
    "page",
)
SEARCH_PARAMS = ("q", "kind", "doc_type", "issuer", "year_from", "year_to", "signer", "sort")
HYPOTHESIS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALUE = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers().map(str),
    st.text(max_size=30).map(lambda s: s.encode("utf-8", "replace").decode()),
)


@pytest.fixture
def seeded(site):
    agency = make_agency()
    make_directive(number="12/UBND-VP", issuer=agency, signer_name="Nguyễn Văn Thử")
    index = catalogue(site)
    make_procedure(index, "1.000001", field="Tư pháp")
    return index


def _assert_not_server_error(response, url, params):
    assert response.status_code < 500, (url, params, response.status_code)


@pytest.mark.parametrize("name", DIRECTIVE_PARAMS)
def test_directive_list_filters(client, seeded, name):
    """?year=99999999999999999999 overflowed SQLite; ?signer=%00 broke PostgreSQL."""
    for value in HOSTILE:
        response = client.get("/van-ban/", {name: value})
        _assert_not_server_error(response, "/van-ban/", {name: value})
        assert response.status_code == 200


def test_directive_list_overflowing_year_is_a_clear_message(client, seeded):
    response = client.get("/van-ban/", {"year": "99999999999999999999"})
    assert response.status_code == 200
    assert "Bộ lọc “Năm ban hành” không hợp lệ nên đã được bỏ qua." in response.content.decode()


def test_catalogue_agency_overflow_selects_nothing(client, seeded):
    """?agency= with twenty digits overflowed SQLite; now it matches no agency."""
    response = client.get(seeded.url, {"agency": "99999999999999999999"})
    assert response.status_code == 200
    assert "1.000001" not in response.content.decode()


@pytest.mark.parametrize("name", CATALOGUE_PARAMS)
def test_catalogue_filters(client, seeded, name):
    url = seeded.url
    for value in HOSTILE:
        for extra in ({}, {"xuat": "csv"}):
            params = {name: value, **extra}
            _assert_not_server_error(client.get(url, params), url, params)


@pytest.mark.parametrize("name", [*CATALOGUE_PARAMS, "on"])
def test_procedures_api(client, seeded, name):
    for value in HOSTILE:
        response = client.get("/api/v1/procedures", {name: value})
        _assert_not_server_error(response, "/api/v1/procedures", {name: value})
        assert response.status_code in (200, 422)


def test_procedure_api_code(client, seeded):
    from urllib.parse import quote

    for value in HOSTILE:
        url = "/api/v1/procedures/" + quote(value, safe="")
        _assert_not_server_error(client.get(url), url, {})


@pytest.mark.parametrize("name", [*SEARCH_PARAMS, "page"])
def test_search_page_and_api(client, seeded, name):
    for value in HOSTILE:
        params = {"q": "thử", name: value}
        _assert_not_server_error(client.get("/tim-kiem/", params), "/tim-kiem/", params)
        response = client.get("/api/v1/search", params)
        _assert_not_server_error(response, "/api/v1/search", params)
        assert response.status_code in (200, 422)


@HYPOTHESIS
@given(
    params=st.dictionaries(st.sampled_from(DIRECTIVE_PARAMS + CATALOGUE_PARAMS), VALUE, max_size=4)
)
def test_any_mix_of_filters_is_never_a_server_error(client, seeded, params):
    for url in ("/van-ban/", seeded.url, "/api/v1/procedures", "/tim-kiem/", "/api/v1/search"):
        _assert_not_server_error(client.get(url, params), url, params)
