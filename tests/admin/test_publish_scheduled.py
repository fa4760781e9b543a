"""publish_scheduled records its runs, and the dashboard says when it last ran and warns when
the job has stopped."""

from datetime import timedelta
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from home.schedule import JobRun, last_run
from tests import factories


@pytest.fixture
def dashboard(client, site):
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", "x")
    client.force_login(user)
    return lambda: client.get(reverse("wagtailadmin_home")).content.decode()


def schedule(page, go_live_at):
    """What "Đặt lịch xuất bản" does: a revision approved to go live at ``go_live_at``."""
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()


def test_a_run_publishes_what_is_due_and_is_recorded(db, site):
    page = factories.make_directive(title="Quyết định đặt lịch", publish=False)
    schedule(page, timezone.now() + timedelta(hours=1))
    assert not page.live
    # An hour passes: the go-live time is now behind.
    revision = page.revisions.get(approved_go_live_at__isnull=False)
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    assert last_run() is None

    call_command("publish_scheduled", stdout=StringIO())

    page.refresh_from_db()
    assert page.live
    assert timezone.now() - last_run() < timedelta(minutes=1)


def test_a_dry_run_is_not_recorded(db):
    call_command("publish_scheduled", "--dryrun", stdout=StringIO())
    assert last_run() is None


def test_dashboard_shows_the_last_run(dashboard):
    call_command("publish_scheduled", stdout=StringIO())
    html = dashboard()
    assert "Xuất bản theo lịch" in html
    assert f"Lần chạy gần nhất lúc {timezone.localtime(last_run()):%d/%m/%Y %H:%M}" in html
    assert "đã ngừng" not in html


def test_dashboard_warns_when_the_job_never_ran(dashboard):
    html = dashboard()
    assert "chưa từng chạy" in html
    assert 'role="alert"' in html


def test_dashboard_warns_when_the_last_run_is_too_old(dashboard, site, caplog):
    page = factories.make_directive(title="Quyết định chờ xuất bản", publish=False)
    schedule(page, timezone.now() + timedelta(days=1))
    JobRun.objects.create(name="publish_scheduled", finished_at=timezone.now() - timedelta(hours=2))
    html = dashboard()
    assert "Tác vụ xuất bản theo lịch đã ngừng" in html
    assert "Đang chờ xuất bản theo lịch: 1 phiên bản" in html
    assert any("publish_scheduled last ran" in r.getMessage() for r in caplog.records)
