"""Faults: a database that cannot be reached gives the Vietnamese 503 page at once and the site
recovers by itself; a Redis that cannot be reached leaves the site serving, uncached."""

import socket

import pytest
from bs4 import BeautifulSoup

from django.db import OperationalError, connections
from django.test import RequestFactory, override_settings

from home.cache import ForgivingRedisCache
from home.errors import server_error


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broken_database(django_db_blocker):
    """Swap the default connection for a real one to a database that cannot be reached: a
    PostgreSQL port nobody listens on, or a SQLite file in a folder that does not exist."""
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-folder/portal.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    broken = original.__class__(settings_dict, alias="default")
    with django_db_blocker.unblock():
        connections["default"] = broken
        try:
            yield
        finally:
            broken.close()
            connections["default"] = original


def test_a_view_without_its_database_answers_503_in_vietnamese(client, broken_database):
    response = client.get("/tim-kiem/?q=thu+tuc")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    document = BeautifulSoup(response.content.decode(), "html.parser")
    assert document.h1.get_text() == "Hệ thống tạm thời gián đoạn"
    assert document.html["lang"] == "vi"
    # Wagtail's page serving and the API fail the same way.
    assert client.get("/").status_code == 503
    assert client.get("/api/v1/search?q=abc").status_code == 503


@pytest.mark.django_db
def test_the_site_recovers_when_the_database_is_back(client, django_db_blocker):
    """The same client, after an outage, is served normally: no restart needed."""
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-folder/portal.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    connections["default"] = original.__class__(settings_dict, alias="default")
    try:
        assert client.get("/tim-kiem/?q=thu+tuc").status_code == 503
    finally:
        connections["default"].close()
        connections["default"] = original
    assert client.get("/tim-kiem/?q=thu+tuc").status_code == 200


def test_handler500_turns_a_database_error_outside_a_view_into_503(broken_database):
    """Errors raised in middleware never reach the view middleware; handler500 sees the
    exception being handled and answers 503 for a database outage, 500 for anything else."""
    request = RequestFactory().get("/")
    try:
        connections["default"].ensure_connection()
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    try:
        raise ValueError("a fault in the code")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def redis_cache(port: int) -> ForgivingRedisCache:
    return ForgivingRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}},
    )


def test_unreachable_redis_answers_as_a_miss():
    cache = redis_cache(closed_port())
    assert cache.get("k", "default") == "default"
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.delete("k") is False
    assert cache.get_or_set("k", 5) == 5
    with pytest.raises(ValueError):
        cache.incr("k")


def redis_running() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.mark.skipif(not redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_reachable_redis_is_a_real_cache():
    cache = redis_cache(6379)
    cache.set("portal-ops-test", {"a": 1}, 30)
    assert cache.get("portal-ops-test") == {"a": 1}
    cache.delete("portal-ops-test")


@pytest.mark.django_db
def test_site_serves_uncached_when_redis_is_down(client):
    """With the production cache backend pointed at a dead Redis, pages, the API and the read
    counter (which writes to the cache) answer normally."""
    from tests.factories import make_news, make_site

    make_site()
    news = make_news(title="Tin thử khi Redis ngừng")
    caches = {
        "default": {
            "BACKEND": "home.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    with override_settings(CACHES=caches):
        assert client.get(news.url).status_code == 200
        assert client.get("/tim-kiem/?q=redis").status_code == 200
        assert client.get("/api/v1/search?q=redis").status_code == 200
        assert (
            client.post(f"/tin-tuc/doc/{news.pk}/", HTTP_SEC_FETCH_SITE="same-origin").status_code
            == 204
        )
