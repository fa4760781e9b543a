"""The admin's page of Plone imports (Settings → Nhập từ Plone)."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from plone.models import ImportRun


@pytest.mark.django_db
def test_the_last_run_shows_its_summary_items_and_problems(client):
    """A superuser sees each item with what it became and what was not carried over."""
    run = ImportRun.objects.create(
        source="/srv/plone-export",
        export_format="plone.exportimport",
        summary="Đã nhập: 2 mục từ Plone",
        report={
            "items": [
                {
                    "path": "/tin-tuc/a",
                    "portal_type": "News Item",
                    "status": "created",
                    "became": "tin tức #5",
                    "kind": "news",
                    "id": 5,
                    "message": "",
                }
            ],
            "problems": [{"path": "/van-ban/b", "uid": "", "message": "Thiếu tệp (blob)"}],
            "users": [{"username": "nguoidung", "status": "created"}],
        },
    )
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin)
    response = client.get(reverse("plone_import_runs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert run.summary in html
    assert "/tin-tuc/a" in html and "tin tức #5" in html
    assert "Thiếu tệp (blob)" in html
    assert "nguoidung" in html


@pytest.mark.django_db
def test_only_superusers_see_the_reports(client):
    editor = get_user_model().objects.create_user("bientap", "bt@example.vn", "x")
    client.force_login(editor)
    response = client.get(reverse("plone_import_runs"))
    assert response.status_code in (302, 403)
