"""sitemap.xml: every public page of the site with its last change, split into sections of
at most ``PORTAL_SITEMAP_LIMIT`` (50,000, the protocol's maximum) addresses behind an index."""

from django.conf import settings

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


SITEMAPS = {"pages": PublicPagesSitemap}
