"""The read counter: one reading per reader (the client address, read through trusted proxies,
not the User-Agent), only from pages of this site, only for live public news, rate-limited per
address, and kept out of page revisions so publishing never loses readings."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import PageViewRestriction

from news.models import NewsPage, ReadCount
from news.readers import is_same_site
from tests.factories import make_news, make_site

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def url(news) -> str:
    return f"/tin-tuc/doc/{news.pk}/"


def reads(news) -> int:
    return NewsPage.objects.get(pk=news.pk).read_count


# Who is a reader ---------------------------------------------------------------------------


def test_a_new_user_agent_is_not_a_new_reader(site, client):
    """The same address with another User-Agent was counted again; now it is one reader."""
    news = make_news()
    for agent in ("Mozilla/5.0 A", "Mozilla/5.0 B", "curl/8", ""):
        client.post(url(news), HTTP_USER_AGENT=agent, **SAME_SITE)
    assert reads(news) == 1


def test_ipv6_readers_are_counted_per_64_block(site, client):
    news = make_news()
    client.post(url(news), REMOTE_ADDR="2001:db8:1:2::1", **SAME_SITE)
    client.post(url(news), REMOTE_ADDR="2001:db8:1:2::ffff", **SAME_SITE)
    assert reads(news) == 1
    client.post(url(news), REMOTE_ADDR="2001:db8:1:3::1", **SAME_SITE)
    assert reads(news) == 2


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_reader(site, client, settings):
    settings.PORTAL_PROXY_COUNT = 1
    news = make_news()
    proxy = {"REMOTE_ADDR": "127.0.0.1", **SAME_SITE}
    client.post(url(news), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    client.post(url(news), HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)
    assert reads(news) == 2
    # A reader who writes their own X-Forwarded-For only adds hops to the left.
    client.post(url(news), HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.5", **proxy)
    assert reads(news) == 2


def test_forwarded_for_without_a_declared_proxy_is_ignored(site, client, settings):
    settings.PORTAL_PROXY_COUNT = 0
    news = make_news()
    for forged in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        client.post(url(news), REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=forged, **SAME_SITE)
    assert reads(news) == 1


# Where the reading comes from --------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {},
    ],
)
def test_cross_site_posts_are_refused(site, client, headers):
    """A form or a script on another site posted readings; now it gets a 403."""
    news = make_news()
    response = client.post(url(news), **headers)
    assert response.status_code == 403
    assert "Chỉ trang của cổng" in response.content.decode()
    assert reads(news) == 0


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_ORIGIN": "http://testserver"}],
)
def test_same_site_beacons_count_without_a_csrf_token(site, headers):
    from django.test import Client

    news = make_news()
    response = Client(enforce_csrf_checks=True).post(url(news), **headers)
    assert response.status_code == 204
    assert reads(news) == 1


def test_is_same_site():
    assert is_same_site("https://cong.example.vn", None, "cong.example.vn")
    assert not is_same_site("https://khac.example.vn", None, "cong.example.vn")
    assert is_same_site(None, "same-origin", "cong.example.vn")
    assert not is_same_site("https://cong.example.vn", "cross-site", "cong.example.vn")
    assert not is_same_site(None, None, "cong.example.vn")


# What is counted ---------------------------------------------------------------------------


def test_restricted_news_is_not_counted(site, client):
    news = make_news()
    PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    assert client.post(url(news), **SAME_SITE).status_code == 204
    assert reads(news) == 0


def test_news_under_a_restricted_section_is_not_counted(site, client):
    news = make_news()
    PageViewRestriction.objects.create(
        page=news.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    client.post(url(news), **SAME_SITE)
    assert reads(news) == 0


def test_draft_and_unknown_pages_are_not_counted(site, client):
    draft = make_news(publish=False)
    client.post(url(draft), **SAME_SITE)
    assert reads(draft) == 0
    assert client.post("/tin-tuc/doc/987654/", **SAME_SITE).status_code == 204
    assert not ReadCount.objects.exists()


def test_an_overflowing_page_id_is_not_a_server_error(site, client):
    """/tin-tuc/doc/99999999999999999999/ overflowed SQLite (a 500)."""
    response = client.post("/tin-tuc/doc/99999999999999999999/", **SAME_SITE)
    assert response.status_code == 204


def test_readings_are_rate_limited_per_address(site, client, settings):
    settings.READ_COUNTER_RATE = 3
    items = [make_news(title=f"Tin {number}") for number in range(4)]
    statuses = [client.post(url(news), **SAME_SITE).status_code for news in items]
    assert statuses == [204, 204, 204, 429]
    assert [reads(news) for news in items] == [1, 1, 1, 0]
    # Another address still counts.
    assert client.post(url(items[3]), REMOTE_ADDR="10.0.0.2", **SAME_SITE).status_code == 204
    assert reads(items[3]) == 1


# Readings and revisions --------------------------------------------------------------------


def test_publishing_a_revision_keeps_the_readings(site, client):
    """Publishing restored the count stored in the revision (0): readings were lost."""
    news = make_news()
    client.post(url(news), **SAME_SITE)
    client.post(url(news), REMOTE_ADDR="10.0.0.2", **SAME_SITE)
    assert reads(news) == 2
    page = NewsPage.objects.get(pk=news.pk)
    page.title = "Tin đã sửa"
    page.save_revision().publish()
    assert reads(news) == 2
    assert "read_count" not in page.latest_revision.content


def test_the_count_is_shown_on_the_page(site, client):
    news = make_news()
    ReadCount.objects.create(page=news, count=958)
    assert '<span class="news__reads">958</span>' in client.get(news.url).content.decode()


def test_a_page_made_with_a_starting_count_keeps_it(site):
    """The sample loader starts its news at a figure: ``NewsPage(read_count=...)``."""
    news = make_news(read_count=37)
    assert reads(news) == 37


def test_migration_keeps_todays_counts(transactional_db):
    """Going from the count on the page to ReadCount keeps every figure."""
    page_id = make_site().pk  # any page row will do for a bare news row
    executor = MigrationExecutor(connection)
    executor.migrate([("news", "0001_initial")])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO news_newspage (page_ptr_id, date, lead, body, image_alt, source_text, "
            "read_count) VALUES (%s, '2024-05-16', '', '<p>x</p>', '', '', 958)",
            [page_id],
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert ReadCount.objects.get(page_id=page_id).count == 958
