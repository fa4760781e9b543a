"""What every template needs: the site's root page and its sections for the navigation."""

from wagtail.models import Site


def portal(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"portal_root": None, "portal_sections": []}
    root = site.root_page
    return {
        "portal_root": root,
        "portal_sections": root.get_children().live().in_menu(),
    }
