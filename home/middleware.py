"""The operator's middleware: security headers, a 503 while the database is away, and the
throttle on the password form of password-protected pages.

Content-Security-Policy is set here, in a few lines, rather than with django-csp: the public
templates load only their own files (no inline script, no inline style, no third party), so one
fixed header per area is all that is needed, and a dependency that must track Django releases
buys nothing. The Wagtail admin and the API docs (Swagger UI) write inline styles and scripts,
so they get their own, looser policy.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from home import throttle

logger = logging.getLogger(__name__)

# Public pages: only the site's own files; forms post only to the site; no framing by others.
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# The Wagtail admin and Swagger UI: still only the site's own origin, but inline styles and
# scripts (both write them), blob: and data: images (uploads, previews) are allowed.
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# Nothing on the portal needs a camera, a microphone, the position or payments.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)
LOOSE_PREFIXES = ("/admin/", "/django-admin/", "/api/v1/docs")


def csp_for_path(path: str) -> str:
    """The Content-Security-Policy for a request path."""
    return ADMIN_CSP if path.startswith(LOOSE_PREFIXES) else PUBLIC_CSP


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", csp_for_path(request.path))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response() -> HttpResponse:
    """The Vietnamese 503 page. Rendered without the request: every context processor reads
    the database, which is what is missing."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that fails because the database is down or restarting answers 503 with a
    Vietnamese page at once (instead of a 500), and the connection is dropped so the next
    request opens a fresh one (CONN_HEALTH_CHECKS does the same on the next request).

    Errors raised outside views (in other middleware) reach ``home.errors.server_error``, which
    recognises the same exceptions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error(
            "database unavailable: %s %s -> 503 (%s: %s)",
            request.method,
            request.path,
            type(exception).__name__,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
        )
        _close_broken_connections()
        return database_unavailable_response()


def _close_broken_connections() -> None:
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DATABASE_ERRORS:  # the server is gone: nothing to close cleanly
            logger.debug("closing a broken %s connection failed", connection.alias)


class PagePasswordThrottleMiddleware:
    """Limits guesses at the password of a password-protected page, per page and client IP.

    Wagtail's form posts to ``wagtailcore_authenticate_with_password``: a wrong password
    re-renders the form (200), a right one redirects. After ``PORTAL_PAGE_PASSWORD_FAILURE_LIMIT``
    wrong ones within the cool-off, further posts get the lock-out page (429) without the
    password being checked, until the cool-off has passed.
    """

    URL_NAME = "wagtailcore_authenticate_with_password"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = self._key(request)
        if key is None or response.status_code == 429:
            return response
        if response.status_code == 200:  # the form again: a wrong password
            if throttle.record_failure(key):
                logger.warning(
                    "page password: failure limit reached for %s, client %s",
                    request.path,
                    throttle.client_ip(request),
                )
        elif response.status_code in (301, 302):
            throttle.reset(key)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        key = self._key(request)
        if key is not None and throttle.is_locked(key):
            logger.warning(
                "page password locked out: %s, client %s", request.path, throttle.client_ip(request)
            )
            return throttle.lockout_response(request)
        return None

    def _key(self, request: HttpRequest) -> str | None:
        """The counter's key for a post of the page-password form, else None."""
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None or match.url_name != self.URL_NAME:
            return None
        return throttle.cache_key(match.kwargs.get("page_id"), throttle.client_ip(request))


def database_error_in_flight() -> bool:
    """True when the exception being handled is a database outage (see home.errors)."""
    import sys

    return isinstance(sys.exc_info()[1], DATABASE_ERRORS)
