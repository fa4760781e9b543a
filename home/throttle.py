"""Who is asking, and how often they may guess: the client address behind a reverse proxy and
the failure counter for the password form of password-protected pages.

The counter lives in the cache (Redis in production), keyed by page and client address. If the
cache is unreachable the counter reads as empty: guessing is then limited only by the rate the
site can answer, which is logged by the cache backend (see home.cache).
"""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

KEY_PREFIX = "page-password-failures"


def client_ip_from(remote_addr: str, forwarded_for: str, proxy_count: int) -> str:
    """The client's address. ``proxy_count`` is how many reverse proxies the operator runs in
    front of the site, each appending the address it saw to X-Forwarded-For; the client is the
    entry that many places from the right. With no proxy (0), or a header too short to hold
    that many hops (forged or missing), the socket's address is used: a client cannot choose
    its own address by sending the header."""
    if proxy_count > 0 and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        if len(hops) >= proxy_count:
            candidate = hops[-proxy_count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote_addr


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for this request (``PORTAL_PROXY_COUNT`` proxies trusted); None
    when the request has none (a request built in code: django-axes stores None, and an
    inet column refuses anything else)."""
    return (
        client_ip_from(
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            getattr(settings, "PORTAL_PROXY_COUNT", 0),
        )
        or None
    )


def _now() -> float:
    return time.time()


def failure_limit() -> int:
    return settings.PORTAL_PAGE_PASSWORD_FAILURE_LIMIT


def cooloff_seconds() -> int:
    return int(settings.PORTAL_PAGE_PASSWORD_COOLOFF.total_seconds())


def locked(failures: int, last_failure: float, now: float, limit: int, cooloff: float) -> bool:
    """Locked: the limit was reached and the cool-off since the last failure has not passed."""
    return failures >= limit and now < last_failure + cooloff


def cache_key(page_id, ip: str | None) -> str:
    return f"{KEY_PREFIX}:{page_id}:{ip or 'unknown'}"


def is_locked(key: str) -> bool:
    record = cache.get(key)
    if not record:
        return False
    return locked(record["failures"], record["last"], _now(), failure_limit(), cooloff_seconds())


def record_failure(key: str) -> bool:
    """Count one wrong password; True when this failure reaches the limit. Failures older than
    the cool-off are forgotten."""
    now = _now()
    record = cache.get(key)
    if not record or now >= record["last"] + cooloff_seconds():
        record = {"failures": 0, "last": now}
    record = {"failures": record["failures"] + 1, "last": now}
    cache.set(key, record, cooloff_seconds() + 60)
    return record["failures"] == failure_limit()


def reset(key: str) -> None:
    cache.delete(key)


def lockout_response(request: HttpRequest) -> HttpResponse:
    """The Vietnamese lock-out page, 429, with the minutes to wait."""
    minutes = max(1, cooloff_seconds() // 60)
    body = render_to_string("lockout.html", {"cooloff_minutes": minutes}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(cooloff_seconds())
    return response


def login_lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """django-axes' lock-out answer (AXES_LOCKOUT_CALLABLE): the same Vietnamese page, 429."""
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds())
    body = render_to_string(
        "lockout.html", {"cooloff_minutes": max(1, cooloff // 60), "admin_login": True}, request
    )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(cooloff)
    return response
