"""When ``publish_scheduled`` last ran, and the dashboard panel that says so.

Scheduled publishing and expiry happen only when that command runs (README, "Lịch chạy định
kỳ"); without the job a page set to go live stays a draft and a page set to expire stays online,
and nothing in the admin tells the editor. The portal's ``publish_scheduled`` (home's command,
which replaces Wagtail's) records each successful run here; the dashboard shows the time and
warns when it is older than the schedule allows."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision

logger = logging.getLogger(__name__)

PUBLISH_SCHEDULED = "publish_scheduled"
# The job runs every minute; a few missed runs are tolerated before the dashboard warns.
DEFAULT_MAX_AGE = timedelta(minutes=5)


class JobRun(models.Model):
    """The last successful run of a periodic job, one row per job."""

    name = models.CharField("tác vụ", max_length=64, unique=True)
    finished_at = models.DateTimeField("lần chạy gần nhất")

    class Meta:
        app_label = "home"
        verbose_name = "lần chạy tác vụ định kỳ"
        verbose_name_plural = "lần chạy tác vụ định kỳ"

    def __str__(self) -> str:
        return f"{self.name} {self.finished_at:%Y-%m-%d %H:%M:%S}"


def record_run(name: str = PUBLISH_SCHEDULED) -> JobRun:
    run, _ = JobRun.objects.update_or_create(name=name, defaults={"finished_at": timezone.now()})
    return run


def last_run(name: str = PUBLISH_SCHEDULED):
    """The time of the job's last successful run, or None if it never ran here."""
    return JobRun.objects.filter(name=name).values_list("finished_at", flat=True).first()


def max_age() -> timedelta:
    return getattr(settings, "PORTAL_PUBLISH_SCHEDULED_MAX_AGE", DEFAULT_MAX_AGE)


class PublishScheduledPanel(Component):
    """The dashboard's "Xuất bản theo lịch" panel: the last run, what waits for the next one,
    and a warning when the job has stopped."""

    name = "publish_scheduled"
    order = 50
    template_name = "home/admin/publish_scheduled_panel.html"

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        finished_at = last_run()
        stale = finished_at is None or now - finished_at > max_age()
        waiting = Revision.objects.filter(approved_go_live_at__isnull=False).count()
        overdue = Page.objects.filter(live=True, expire_at__lt=now).count()
        if stale and (waiting or overdue):
            logger.warning(
                "publish_scheduled last ran %s (allowed %s): %d scheduled revisions, "
                "%d live pages past expiry",
                finished_at.isoformat() if finished_at else "never",
                max_age(),
                waiting,
                overdue,
            )
        return {
            "finished_at": finished_at,
            "stale": stale,
            "max_minutes": int(max_age().total_seconds() // 60),
            "waiting": waiting,
            "overdue": overdue,
        }

    def render_html(self, parent_context=None):
        return render_to_string(self.template_name, self.get_context_data(parent_context))
