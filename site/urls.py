"""The portal's URLconf (a top-level module: site/ is on the import path, not a package)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api import api
from content import views as content_views
from home import views as home_views
from news import views as news_views
from opendata import views as opendata_views
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("tim-kiem/", search_views.search, name="search"),
    path("du-lieu-mo/", opendata_views.open_data, name="open_data"),
    path("du-lieu-mo/<str:name>", opendata_views.open_data_file, name="open_data_file"),
    path("nhan-thu-bao/", include("alerts.urls")),
    path("tin-tuc/doc/<int:page_id>/", news_views.count_read, name="news_count_read"),
    path("chu-de/<str:slug>/", content_views.tag_listing, name="tag_listing"),
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)lich\.ics$", content_views.event_calendar, name="event_calendar"
    ),
    path("", include("syndication.urls")),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# Error pages: 400/403/404 are Django's handlers with templates/4xx.html; 500 tells a database
# outage (503) from a fault and renders without the database.
handler500 = "home.errors.server_error"
