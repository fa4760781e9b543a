"""Wagtail's ``publish_scheduled``, recording each successful run for the dashboard.

Named like Wagtail's so the scheduled job (README, "Lịch chạy định kỳ") keeps calling
``manage.py publish_scheduled``; home comes before wagtail in INSTALLED_APPS, so this one runs."""

import logging

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from home.schedule import record_run

logger = logging.getLogger(__name__)


class Command(WagtailCommand):
    help = "Publish the revisions whose go-live time has come, unpublish expired pages, record the run."

    def handle(self, *args, **options):
        try:
            super().handle(*args, **options)
        except Exception:
            # The previous run stays recorded, so the dashboard warns once it is too old.
            logger.exception("publish_scheduled failed; the last successful run stays recorded")
            raise
        if not options.get("dryrun"):
            run = record_run()
            logger.info("publish_scheduled finished at %s", run.finished_at.isoformat())
