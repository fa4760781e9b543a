"""The site's URLs and a bare Django view (``/bench/bare/``): a response built without a
template or a query, through the same middleware, as the ceiling a page could reach."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

BARE_PAGE = "<!DOCTYPE html><html lang='vi'><head><title>Django</title></head><body><p>Django</p></body></html>"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE_PAGE)


urlpatterns = [path("bench/bare/", bare), path("", include("urls"))]
handler500 = "home.errors.server_error"
