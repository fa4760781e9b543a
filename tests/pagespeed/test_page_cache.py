"""The page cache for anonymous readers, on the real Redis at 127.0.0.1:6379 (its own key prefix
per test run): a kept page is served without the database, and after each change a page may
show, the next visit gets the page as it now is.

Transactional tests: the cache moves to a new generation when a change commits, as it does in
production."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from home import pagecache
from home.models import PortalSettings
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE = True
    settings.PORTAL_PAGE_CACHE_ALIAS = "pages"
    pagecache.bump()  # nothing kept by an earlier test with the same addresses
    return pagecache.store()


def fetch(client, url: str) -> tuple[int, str, str]:
    response = client.get(url)
    return response.status_code, response.content.decode(), response.get("X-Page-Cache", "")


def kept(client, url: str) -> str:
    """Visit until kept; the next visit must come from the cache. Returns the page. (The very
    first view of a site writes its settings row, which is a change like any other.)"""
    fetch(client, url)
    fetch(client, url)
    status, html, state = fetch(client, url)
    assert (status, state) == (200, "hit")
    return html


def test_a_kept_page_costs_no_query_and_is_the_same_page(site, client):
    page = factories.make_directive(number="12/CT-UBND", subject="V/v kho lưu trữ")
    fetch(client, factories.directive_index().url)  # the site's first view writes its settings
    status, first, state = fetch(client, page.url)
    assert (status, state) == (200, "miss")
    with CaptureQueriesContext(connection) as queries:
        status, second, state = fetch(client, page.url)
    assert (status, state) == (200, "hit")
    assert len(queries) == 0
    assert second == first
    response = client.get(page.url)
    assert "Content-Security-Policy" in response and response["Content-Type"].startswith(
        "text/html"
    )


def test_publishing_an_edit_shows_it(site, client):
    page = factories.make_directive(number="1/CT-UBND", subject="Trích yếu cũ")
    assert "Trích yếu cũ" in kept(client, page.url)
    page.subject = "Trích yếu mới"
    page.save_revision().publish()
    status, html, state = fetch(client, page.url)
    assert "Trích yếu mới" in html and state == "miss"


def test_unpublishing_removes_the_page(site, client):
    page = factories.make_directive(number="2/CT-UBND")
    kept(client, page.url)
    page.unpublish()
    assert fetch(client, page.url)[0] == 404


def test_deleting_removes_the_page_and_its_place_in_the_list(site, client):
    page = factories.make_directive(number="3/CT-UBND", subject="Sẽ bị xóa")
    index_url = factories.directive_index().url
    assert "Sẽ bị xóa" in kept(client, index_url)
    kept(client, page.url)
    url = page.url
    Page.objects.get(pk=page.pk).delete()
    assert fetch(client, url)[0] == 404
    assert "Sẽ bị xóa" not in fetch(client, index_url)[1]


def test_moving_a_page_moves_its_address(site, client):
    page = factories.make_directive(number="4/CT-UBND", subject="Sẽ chuyển")
    old_url = page.url
    kept(client, old_url)
    other = factories.add_page(site, factories.DirectiveIndexPage(title="Lưu trữ", slug="luu-tru"))
    page.move(other, pos="last-child")
    moved = Page.objects.get(pk=page.pk).url
    response = client.get(old_url)  # the kept copy is gone: Wagtail's redirect to the new address
    assert response.status_code == 301 and response["Location"].endswith(moved)
    assert "Sẽ chuyển" in fetch(client, moved)[1]


def test_a_view_restriction_hides_a_kept_page(site, client):
    page = factories.make_directive(number="5/CT-UBND", subject="Nội dung nội bộ")
    kept(client, page.url)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    status, html, state = fetch(client, page.url)
    assert status == 302 and state == ""
    # and a restricted page is never kept: the next anonymous visit asks the view again
    assert fetch(client, page.url)[2] == ""


def test_a_renamed_agency_shows_on_the_directive(site, client):
    agency = factories.make_agency("Sở Tên Cũ", "STC")
    page = factories.make_directive(number="6/CT-UBND", issuer=agency)
    assert "Sở Tên Cũ" in kept(client, page.url)
    agency.name = "Sở Tên Mới"
    agency.save()
    html = fetch(client, page.url)[1]
    assert "Sở Tên Mới" in html and "Sở Tên Cũ" not in html


def test_publishing_a_cited_page_links_the_citation(site, client):
    page = factories.make_directive(
        number="7/CT-UBND",
        body="<p>Thực hiện Quyết định 70/QĐ-UBND của tỉnh.</p>",
        references=[{"doc_type": "Quyết định", "number": "70/QĐ-UBND"}],
    )
    assert 'class="citation"' not in kept(client, page.url)
    cited = factories.make_directive(number="70/QĐ-UBND", doc_type="quyet-dinh")
    html = fetch(client, page.url)[1]
    assert f'<a href="{cited.url}" class="citation">70/QĐ-UBND</a>' in html


def test_a_news_item_about_a_directive_shows_on_it(site, client):
    page = factories.make_directive(number="8/CT-UBND")
    assert "Tin tức về văn bản này" not in kept(client, page.url)
    factories.make_news(title="Tin giải thích công văn", target=page)
    html = fetch(client, page.url)[1]
    assert "Tin giải thích công văn" in html


def test_changed_site_settings_show_in_the_footer(site, client):
    page = factories.make_directive(number="9/CT-UBND")
    kept(client, page.url)
    portal = PortalSettings.for_site(factories.Site.objects.get())
    portal.footer_text = "Giấy phép số 99/GP-TTĐT"
    portal.save()
    assert "Giấy phép số 99/GP-TTĐT" in fetch(client, page.url)[1]


def test_logged_in_readers_are_never_served_or_kept(site, client):
    page = factories.make_directive(number="10/CT-UBND")
    kept(client, page.url)
    user = User.objects.create_user("bientap", password="mat-khau-dai-123")  # noqa: S106
    client.force_login(user)
    for _ in range(2):
        status, _html, state = fetch(client, page.url)
        assert status == 200 and state == ""


def test_a_query_string_or_a_post_is_not_kept(site, client):
    index_url = factories.directive_index().url
    factories.make_directive(number="11/CT-UBND")
    for _ in range(2):
        assert fetch(client, index_url + "?page=1")[2] == ""
    assert (
        client.post(factories.make_directive(number="13/CT-UBND").url).get("X-Page-Cache") is None
    )


def test_a_rolled_back_change_keeps_the_generation(site, client, page_cache):
    from django.db import transaction

    before = pagecache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.make_agency("Sở Không Lưu", "SKL")
        raise RuntimeError
    assert pagecache.generation() == before
    factories.make_agency("Sở Có Lưu", "SCL")
    assert pagecache.generation() > before


def test_the_kept_directive_content_follows_changes_too(site, client, settings):
    """With the page cache off (a logged-in editor, a miss), the directive's content fragment
    is kept under the same generation: fewer queries once kept, fresh after a change."""
    settings.PORTAL_PAGE_CACHE = False
    settings.PORTAL_FRAGMENT_CACHE = True
    agency = factories.make_agency("Sở Mảnh Cũ", "SMC")
    page = factories.make_directive(number="14/CT-UBND", issuer=agency, subject="Trích yếu A")
    client.get(page.url)  # the site's first view writes its settings row
    pagecache.bump()
    with CaptureQueriesContext(connection) as first:
        client.get(page.url)  # rendered and kept
    with CaptureQueriesContext(connection) as kept_visit:
        html = client.get(page.url).content.decode()
    assert len(kept_visit) < len(first) and "Sở Mảnh Cũ" in html
    agency.name = "Sở Mảnh Mới"
    agency.save()
    assert "Sở Mảnh Mới" in client.get(page.url).content.decode()
    page.subject = "Trích yếu B"
    page.save_revision().publish()
    assert "Trích yếu B" in client.get(page.url).content.decode()
