"""The site's 500 handler. Django renders 400.html, 403.html and 404.html itself (templates/);
a 500 needs its own handler only to tell a database outage (503, "try again shortly") from a
fault in the code, and it renders without the request so that it never touches the database.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

from home.middleware import database_error_in_flight, database_unavailable_response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the Vietnamese 500 page, or the 503 page when the database is the cause
    (an error raised outside a view, which DatabaseUnavailableMiddleware does not see)."""
    if database_error_in_flight():
        return database_unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))
