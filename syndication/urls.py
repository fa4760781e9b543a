"""Feeds, the sitemap and permanent addresses, included once from the site's URLconf."""

from django.urls import path, re_path

from wagtail.contrib.sitemaps import views as sitemap_views

from syndication import feeds, views
from syndication.sitemaps import SITEMAPS

urlpatterns = [
    path("nguon-tin/van-ban/", feeds.DirectiveListFeed(), name="feed_directives"),
    path("nguon-tin/tin-tuc/", feeds.NewsFeed(), name="feed_news"),
    path("nguon-tin/thu-tuc/", feeds.ProcedureChangesFeed(), name="feed_procedures"),
    path("nguon-tin/tim-kiem/", feeds.SearchFeed(), name="feed_search"),
    path("co-quan/<slug:slug>/feed/", feeds.AgencyFeed(), name="feed_agency"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    re_path(
        r"^eli/(?P<issuer>[a-z0-9-]{1,120})/(?P<year>[a-z0-9-]{1,16})/(?P<number>[a-z0-9-]{1,80})/?$",
        views.permanent_address,
        name="permanent_address",
    ),
]
