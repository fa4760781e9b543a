"""The API's documentation page works on a machine with no internet."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_docs_use_local_assets_only(client):
    """Swagger UI comes from our static files, never from a CDN, and the page is Vietnamese."""
    html = client.get("/api/v1/docs").content.decode()
    assert '<html lang="vi">' in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_openapi_schema_lists_search_and_procedures(client):
    """One OpenAPI schema documents the search and the procedure endpoints."""
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/v1/search", "/api/v1/search/suggest", "/api/v1/procedures"} <= paths
    assert any(path.startswith("/api/v1/procedures/{") for path in paths)
