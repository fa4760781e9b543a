"""The read counter: the page counts a reading with a beacon after it has loaded, so a reader
waits for nothing and crawlers, which do not run scripts, do not inflate the figure.

A reading counts when it comes from a page of this site (``Origin`` / ``Sec-Fetch-Site``; the
beacon carries no CSRF token, so this is what keeps other sites from posting readings), for a
live news item that everybody may read, once per reader and item per half hour, and at most
``READ_COUNTER_RATE`` readings per reader per hour. The reader is the client address (behind a
proxy, from ``X-Forwarded-For`` as far as ``PORTAL_PROXY_COUNT`` proxies vouch for it), not the browser's
User-Agent, which a script changes at will.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from home.throttle import client_ip
from news.models import NewsPage, ReadCount
from news.readers import is_same_site, reader_key

logger = logging.getLogger("news")

REPEAT_WINDOW_SECONDS = 30 * 60
RATE_WINDOW_SECONDS = 60 * 60
DEFAULT_RATE = 120
MAX_PAGE_ID = 2**62  # the URL takes any digits; SQLite overflows past 2**63


def reader_address(request) -> str:
    """The client address, read through the reverse proxies the operator declared
    (``PORTAL_PROXY_COUNT``; one reading of it for the whole site, see home.throttle)."""
    return client_ip(request) or ""


@csrf_exempt  # sendBeacon carries no token; the same-site check below stands in for it
@require_POST
def count_read(request, page_id: int):
    """Add one reading; 204 whether or not it counted, 403 cross-site, 429 over the rate."""
    if not is_same_site(
        request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site"), request.get_host()
    ):
        logger.info(
            "read counter: cross-site post refused for page %s (Origin %r, Sec-Fetch-Site %r)",
            page_id,
            (request.headers.get("Origin") or "")[:80],
            (request.headers.get("Sec-Fetch-Site") or "")[:20],
        )
        return HttpResponse(
            "Chỉ trang của cổng mới được ghi lượt đọc.", status=403, content_type="text/plain"
        )
    if page_id > MAX_PAGE_ID:
        return HttpResponse(status=204)
    reader = reader_key(reader_address(request))
    digest = hashlib.blake2b(reader.encode(), digest_size=8).hexdigest()
    if not cache.add(f"news-read:{page_id}:{digest}", 1, REPEAT_WINDOW_SECONDS):
        return HttpResponse(status=204)  # read again within the window
    if not NewsPage.objects.live().public().filter(pk=page_id).exists():
        return HttpResponse(status=204)  # drafts, restricted or unknown items are not counted
    if _over_rate(digest):
        logger.info("read counter: %s over %s readings an hour", reader, _rate())
        response = HttpResponse(
            "Quá nhiều lượt đọc từ một địa chỉ; lượt này không được tính.",
            status=429,
            content_type="text/plain",
        )
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return response
    ReadCount.add_one(page_id)
    return HttpResponse(status=204)


def _rate() -> int:
    return int(getattr(settings, "READ_COUNTER_RATE", DEFAULT_RATE))


def _over_rate(digest: str) -> bool:
    key = f"news-read-rate:{digest}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        return cache.incr(key) > _rate()
    except ValueError:  # the key expired between add and incr: a fresh window
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        return False
