"""Error pages in Vietnamese with the site's layout, the security headers, no inline script or
style on public pages (so the strict Content-Security-Policy holds), and the API schema's HTML
field."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import permission_denied

from home.errors import server_error
from home.middleware import ADMIN_CSP, PUBLIC_CSP
from tests.factories import make_directive, make_news, make_site

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def assert_site_layout(document):
    assert document.html["lang"] == "vi"
    assert document.select_one("nav.site-nav") is not None
    assert document.select_one("footer.site-footer") is not None
    assert len(document.find_all("h1")) == 1


def test_404_is_vietnamese_with_the_site_navigation(client):
    make_site()
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    document = soup(response)
    assert_site_layout(document)
    assert document.h1.get_text() == "Không tìm thấy trang"
    # The navigation of the real site: its sections come from the database.
    assert "Văn bản" in document.select_one("nav.site-nav").get_text()


def test_500_renders_without_the_database(django_assert_num_queries):
    """handler500 must work when the database is the thing that failed: zero queries."""
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    document = soup(response)
    assert_site_layout(document)
    assert document.h1.get_text() == "Đã có lỗi xảy ra"


def test_403_is_vietnamese():
    request = RequestFactory().get("/")
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert soup(response).h1.get_text() == "Không có quyền truy cập"


def test_400_is_vietnamese(client):
    """A request for a host the site does not serve is a 400 with the Vietnamese page."""
    response = client.get("/", headers={"host": "khong-phai-cong.example"})
    assert response.status_code == 400
    assert soup(response).h1.get_text() == "Yêu cầu không hợp lệ"


def test_public_pages_send_the_strict_policy_and_the_admin_its_own(client):
    make_site()
    public = client.get("/")
    assert public["Content-Security-Policy"] == PUBLIC_CSP
    assert "unsafe-inline" not in public["Content-Security-Policy"]
    assert "script-src 'self'" in public["Content-Security-Policy"]
    assert "camera=()" in public["Permissions-Policy"]
    assert "geolocation=()" in public["Permissions-Policy"]
    admin = client.get("/admin/login/")
    assert admin["Content-Security-Policy"] == ADMIN_CSP
    assert client.get("/khong-co/")["Content-Security-Policy"] == PUBLIC_CSP
    assert client.get("/api/v1/search?q=abc")["Content-Security-Policy"] == PUBLIC_CSP


DATA_BLOCKS = ("application/json", "application/ld+json")


def inline_code(document) -> list[str]:
    """Everything a strict CSP would block: inline scripts, event-handler attributes,
    javascript: links, style elements and style attributes."""
    found = []
    for script in document.find_all("script"):
        # JSON and JSON-LD are data blocks: never run, so outside script-src.
        if not script.get("src") and script.get("type") not in DATA_BLOCKS:
            found.append(f"inline <script>: {script.get_text()[:60]}")
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"<{element.name} {name}=...>")
            if name == "style":
                found.append(f"<{element.name} style={value!r}>")
            if name == "href" and str(value).strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} href=javascript:...>")
    found += [f"<style>: {style.get_text()[:60]}" for style in document.find_all("style")]
    return found


def test_public_templates_hold_no_inline_script_or_style(client):
    """Every kind of public page, rendered, has nothing the strict policy would block."""
    home = make_site()
    directive = make_directive(
        number="12/CT-UBND",
        subject="Chỉ thị về chuyển đổi số",
        issued_on=date(2024, 3, 1),
        body="<p>Nội dung <b>chỉ thị</b>.</p>",
    )
    news = make_news(title="Tin chuyển đổi số", target=directive, date=date(2024, 3, 2))
    urls = [
        home.url,
        directive.get_parent().url,
        directive.url,
        news.get_parent().url,
        news.url,
        "/tim-kiem/?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91",
        "/khong-co-trang-nay/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert inline_code(soup(response)) == [], url


def test_api_schema_says_the_snippet_is_html(client):
    schema = client.get("/api/v1/openapi.json").json()
    snippet = schema["components"]["schemas"]["ResultOut"]["properties"]["snippet"]
    assert snippet["format"] == "html"
    assert "<mark>" in snippet["description"]
    assert schema["components"]["schemas"]["ResultOut"]["properties"]["title"].get("format") is None
