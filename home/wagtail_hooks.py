"""The portal's additions to the admin dashboard, and the page cache's mark on served pages."""

from wagtail import hooks

from home.pagecache import mark_page
from home.schedule import PublishScheduledPanel


@hooks.register("construct_homepage_panels")
def add_publish_scheduled_panel(request, panels):
    panels.insert(0, PublishScheduledPanel())


@hooks.register("before_serve_page")
def mark_page_for_the_page_cache(page, request, serve_args, serve_kwargs):
    """The page cache keeps only Wagtail pages (home/pagecache.py)."""
    mark_page(page, request)
