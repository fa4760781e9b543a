"""sitemap.xml: every public page of the site with its last change, split into sections of
at most ``PORTAL_SITEMAP_LIMIT`` (50,000, the protocol's maximum) addresses behind an index."""

from django.conf import settings
from django.db.models import Max

from wagtail.contrib.sitemaps import Sitemap

from search.visibility import public_pages


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap over ``public_pages``: the same notion of public as every list."""

    @property
    def limit(self) -> int:
        return getattr(settings, "PORTAL_SITEMAP_LIMIT", 50_000)

    def items(self):
        root = self.get_wagtail_site().root_page
        return (
            public_pages(root.get_descendants(inclusive=True))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        """Wagtail's, with a list page's lastmod raised to the newest change below it: a list
        changes whenever an item in it does, and crawlers revisit by lastmod."""
        urls = []
        for item in self.paginator.page(page).object_list.iterator():
            newest = newest_change(item) if item.numchild else None
            for info in item.get_sitemap_urls(self.request):
                if newest and (info.get("lastmod") is None or info["lastmod"] < newest):
                    info["lastmod"] = newest
                urls.append(info)
        lastmods = {info.get("lastmod") for info in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def newest_change(page):
    """When anything public below ``page`` last changed (NULLs ignored on every database)."""
    return public_pages(page.get_descendants()).aggregate(newest=Max("last_published_at"))["newest"]


SITEMAPS = {"pages": PublicPagesSitemap}
