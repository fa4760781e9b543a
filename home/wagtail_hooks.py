"""The portal's additions to the admin dashboard."""

from wagtail import hooks

from home.schedule import PublishScheduledPanel


@hooks.register("construct_homepage_panels")
def add_publish_scheduled_panel(request, panels):
    panels.insert(0, PublishScheduledPanel())
