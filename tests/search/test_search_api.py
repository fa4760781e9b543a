"""The search API: shape, errors in Vietnamese, the OpenAPI schema, suggestions."""

from datetime import date

import pytest

from tests.factories import make_directive

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(site):
    return make_directive(
        title="Thực hiện thủ tục hành chính nội bộ",
        number="5436/UBND-VP",
        subject="V/v thực hiện thủ tục nội bộ",
        issued_on=date(2022, 5, 16),
    )


def test_search_shape(client, seed):
    response = client.get("/api/v1/search", {"q": "5436 ubnd vp"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["page"] == 1 and data["num_pages"] == 1
    result = data["results"][0]
    assert {"kind", "title", "number", "url", "issued_on", "snippet"} <= result.keys()
    assert result["number"] == "5436/UBND-VP"
    assert result["issued_on"] == "2022-05-16"
    assert result["url"].endswith(seed.url)
    assert {f["value"] for f in data["facets"]["kind"]} == {"directive"}


def test_trailing_slash_free_path_and_snippet(client, seed):
    data = client.get("/api/v1/search?q=thu+tuc+noi+bo").json()
    assert "<mark>thủ</mark>" in data["results"][0]["snippet"]


@pytest.mark.parametrize(
    ("params", "word"),
    [({"year_from": "abc"}, "năm"), ({"sort": "xyz"}, "sắp xếp"), ({"kind": "x"}, "Loại")],
)
def test_bad_parameters_are_422_in_vietnamese(client, seed, params, word):
    response = client.get("/api/v1/search", {"q": "x", **params})
    assert response.status_code == 422
    assert word in response.json()["detail"]


@pytest.mark.parametrize("page", ["-5", "0", "abc", "99999", "1e9"])
def test_any_page_is_a_valid_page(client, seed, page):
    response = client.get("/api/v1/search", {"q": "thu tuc", "page": page})
    assert response.status_code == 200
    assert response.json()["page"] == 1


def test_suggest(client, seed):
    data = client.get("/api/v1/search/suggest", {"q": "thuc hien thu"}).json()
    assert data["suggestions"][0] == {
        "label": "5436/UBND-VP – Thực hiện thủ tục hành chính nội bộ",
        "url": seed.url,
    }
    assert client.get("/api/v1/search/suggest", {"q": '"'}).json() == {"suggestions": []}


def test_openapi_documents_search(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/search" in paths and "/api/v1/search/suggest" in paths
    names = {p["name"] for p in paths["/api/v1/search"]["get"]["parameters"]}
    assert {
        "q",
        "kind",
        "doc_type",
        "issuer",
        "year_from",
        "year_to",
        "signer",
        "sort",
        "page",
    } <= names


def test_search_page(client, seed):
    response = client.get("/tim-kiem/", {"q": "TTHC"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'content="noindex' in html
    assert seed.title in html and "<mark>" in html
    assert '<label for="f-kind">' in html


def test_search_page_nothing_found_helps(client, seed):
    html = client.get("/tim-kiem/", {"q": "zzqx", "kind": "news"}).content.decode()
    assert "Không tìm thấy" in html and "bỏ các bộ lọc" in html and "5436/UBND-VP" in html


def test_search_reports_whether_counts_are_exact(client, seed):
    data = client.get("/api/v1/search", {"q": "thu tuc"}).json()
    assert data["count_exact"] is True and data["facets_exact"] is True
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["SearchOut"]
    assert {"count_exact", "facets_exact"} <= set(schema["properties"])


class _DownEngine:
    """Stands in for the engine's availability only: a cluster that cannot be reached."""

    def search(self, *args, **kwargs):
        from search.engines.base import SearchUnavailable

        raise SearchUnavailable("connection refused")

    suggest = search


@pytest.fixture
def engine_down(monkeypatch):
    from search import service

    monkeypatch.setattr(service, "get_engine", lambda name=None: _DownEngine())


def test_engine_down_is_503_in_vietnamese_on_the_api(client, db, engine_down):
    response = client.get("/api/v1/search", {"q": "thu tuc"})
    assert response.status_code == 503
    assert "thử lại sau" in response.json()["detail"]
    response = client.get("/api/v1/search/suggest", {"q": "thu tuc"})
    assert response.status_code == 503
    assert "thử lại sau" in response.json()["detail"]


def test_engine_down_is_503_in_vietnamese_on_the_page(client, site, engine_down):
    response = client.get("/tim-kiem/", {"q": "thu tuc"})
    assert response.status_code == 503
    assert "tạm thời không hoạt động" in response.content.decode()


def test_search_page_says_when_counts_are_estimated(client, seed, monkeypatch):
    from search import service

    engine = service.get_engine()
    real = engine.search

    def capped(query):
        results = real(query)
        results.count_exact = results.facets_exact = False
        return results

    monkeypatch.setattr(engine, "search", capped)
    html = client.get("/tim-kiem/", {"q": "thu tuc"}).content.decode()
    assert "Hơn 1 kết quả" in html and "ước tính" in html
