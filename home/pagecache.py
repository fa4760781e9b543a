"""Whole pages kept in Redis for anonymous readers, and never shown stale.

A page is kept when an anonymous visitor's GET (no query string, no session or messages
cookie) of a public Wagtail page answers 200 without setting a cookie or using a CSRF token;
the next such visitor of the same address gets the kept copy without a database query.

Always right, by one rule: every kept page carries the site's *generation*, a number in the
cache read in the same round trip as the page, and is served only while it is current. Any
change that could show on a page — a page published, unpublished, moved or deleted, a view
restriction, a snippet (an agency renamed), the site settings, a document's title, a citation
linked — moves the generation on once its transaction has committed. A page of an older
generation is rendered again on its next visit and kept anew; the rest expire
(``PORTAL_PAGE_CACHE_SECONDS``). The price of so simple a rule: one publication empties the cache of every page, not only of the
pages it touches; the next visitor of each page renders it once again.

What changes without a signal is not followed: a news item's read count (``ReadCount``,
counted with ``UPDATE``) is as of when the page was kept, at most ``PORTAL_PAGE_CACHE_SECONDS``
old. Code or template changes: run ``manage.py clear_page_cache`` after a deployment.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

from wagtail.signals import post_page_move, published, unpublished

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"

# Models whose rows no public page shows: saving them leaves every kept page right. Anything
# not listed here moves the generation on (a new model is safe by default).
UNSEEN_MODELS = {
    "sessions.session",
    "admin.logentry",
    "auth.user",
    "auth.permission",
    "contenttypes.contenttype",
    "home.jobrun",
    "news.readcount",
    "alerts.subscriber",
    "alerts.subscription",
    "alerts.delivery",
    "wagtailforms.formsubmission",
    "wagtailusers.userprofile",
    "wagtailimages.rendition",
    "wagtailcore.revision",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.apitoken",
    "django_tasks_database.dbtaskresult",
}
UNSEEN_APPS = {"axes", "wagtailadmin", "wagtailsearch", "portal_search"}


def enabled() -> bool:
    return bool(getattr(settings, "PORTAL_PAGE_CACHE", False))


def fragments_enabled() -> bool:
    """Template fragments kept under the generation (home/templatetags/kept_fragments.py)."""
    return bool(getattr(settings, "PORTAL_FRAGMENT_CACHE", False))


def tracking() -> bool:
    """Whether anything is filed under the generation, so changes must move it on."""
    return enabled() or fragments_enabled()


def store():
    return caches[getattr(settings, "PORTAL_PAGE_CACHE_ALIAS", "default")]


def timeout() -> int:
    return int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 300))


def generation() -> int:
    """The current generation; a fresh one (the clock in ms, above any earlier number) when
    the cache lost it, so an evicted generation can never bring old pages back."""
    cache = store()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1_000_000, None)
        value = cache.get(GENERATION_KEY)
    return int(value or 0)


def bump() -> None:
    """Move the generation on: every kept page is out of date from now on."""
    cache = store()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # lost (evicted, flushed, Redis away): start above every earlier one
        cache.set(GENERATION_KEY, time.time_ns() // 1_000_000, None)


def bump_after_commit(reason: str = "") -> None:
    """Bump once the current transaction commits (at once outside a transaction): a reader
    who sees the new generation then reads the committed change. One bump per transaction;
    none when it rolls back."""
    if not tracking():
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(entry[1], "page_cache_bump", False) for entry in connection.run_on_commit
    ):
        return

    def run() -> None:
        bump()
        logger.debug("page cache: new generation (%s)", reason)

    run.page_cache_bump = True
    transaction.on_commit(run)


def _seen(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return True
    return meta.app_label not in UNSEEN_APPS and meta.label_lower not in UNSEEN_MODELS


def _on_change(sender, **kwargs) -> None:
    if tracking() and _seen(sender) and not kwargs.get("raw"):
        bump_after_commit(f"{sender._meta.label} changed")


def _on_page_event(sender, **kwargs) -> None:
    bump_after_commit(f"{getattr(sender, '__name__', sender)} published, unpublished or moved")


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"page-cache-{id(signal)}")
    # ``published`` and ``unpublished`` come after ``page_published``/``page_unpublished``, whose
    # receivers (the citation resolver) change rows with UPDATE; those also bump on their own.
    for signal in (published, unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"page-cache-page-{id(signal)}")


# Serving.

# Headers worth keeping with a page (Vary: Cookie tells a proxy that a session changes it).
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Last-Modified",
    "Vary",
)


def _request_key(request: HttpRequest) -> str | None:
    """The key a request may be served from, or None when it must reach the view."""
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None  # logged in, a page password given, a message waiting: not anonymous
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    return "page:" + hashlib.sha1(address.encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    page = getattr(request, "_page_cache_page", None)
    if page is None or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_USED"):
        return False  # the answer belongs to this visitor
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    if getattr(request, "is_preview", False):
        return False
    # Public only: a restricted page answers with its password form or a redirect, but its
    # content must not be kept even when a cookie-less request somehow got it.
    return not page.get_view_restrictions().exists()


def mark_page(page, request) -> None:
    """``before_serve_page`` hook: this request serves a Wagtail page (the only kind kept)."""
    request._page_cache_page = page


class PageCacheMiddleware:
    """Serves kept pages before the session, CSRF and authentication middleware run; keeps
    pages as described in the module's docstring. Adds ``X-Page-Cache: hit|miss``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return self.get_response(request)
        key = _request_key(request)
        current = None
        if key is not None:
            # One round trip: the generation and the kept page, which carries the generation it
            # was kept under; a page of another generation is out of date.
            found = store().get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY)
            if current is None:
                current = generation()
            kept = found.get(key)
            if kept is not None and kept[0] == current:
                _, content, headers = kept
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if key is not None and _storable(request, response):
            headers = [(name, response[name]) for name in _KEPT_HEADERS if name in response]
            store().set(key, (current, response.content, headers), timeout())
            response["X-Page-Cache"] = "miss"
        return response
