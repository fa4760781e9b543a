"""The admin import: an editor uploads a file (or pastes text), sees the extracted record and
its warnings, corrects it, and gets a draft DirectivePage in one step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission

from directives.models import Agency, DirectivePage
from tests import factories

BLANK_NUMBER = "seed-000_vungtau_cv-ubnd-vp_draft.txt"


@pytest.fixture
def editor(client, site):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.invalid", "x")
    client.force_login(user)
    return user


def upload(client, name: str, data: bytes):
    return client.post(
        reverse("directives_import"), {"file": SimpleUploadedFile(name, data), "text": ""}
    )


def review_data(response) -> dict[str, str]:
    """The review form's fields as the browser would post them back."""
    form = BeautifulSoup(response.content, "html.parser").find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            selected = field.find("option", selected=True)
            data[name] = selected["value"] if selected else ""
        else:
            data[name] = field.get("value", "")
    return data


def test_menu_item_and_upload_form(client, editor):
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("directives_import") in response.content.decode()  # the sidebar's menu
    response = client.get(reverse("directives_import"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page and "Đọc văn bản" in page


def test_directive_index_offers_the_import(client, editor):
    index = factories.directive_index()
    page = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert f"{reverse('directives_import')}?parent={index.pk}" in page


def test_upload_review_correct_and_create_a_draft(client, editor, corpus: Path):
    """The blank-number draft shows its warnings; the editor fills the number and date and
    fixes the signer; the draft page holds the corrected values and the original file."""
    data = (corpus / "directives" / BLANK_NUMBER).read_bytes()
    response = upload(client, BLANK_NUMBER, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Văn bản chưa ghi số" in html and "chưa ghi ngày ban hành" in html
    assert "Ủy ban nhân dân thành phố Vũng Tàu" in html
    assert DirectivePage.objects.count() == 0 and get_document_model().objects.count() == 0

    form = review_data(response)
    assert form["subject"].startswith("V/v thực hiện dịch vụ công trực tuyến")
    assert "5436/UBND-VP" in form["references"]
    form.update(
        number="1234/UBND-VP",
        issued_on="18/05/2022",
        signer_name="Vũ Hồng Thuận",
        subject="V/v thực hiện dịch vụ công trực tuyến (đã sửa)",
    )
    response = client.post(reverse("directives_import_review"), form)
    page = DirectivePage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.number == "1234/UBND-VP" and page.number_key == "1234-ubnd-vp"
    assert page.issued_on == date(2022, 5, 18)
    assert page.subject == "V/v thực hiện dịch vụ công trực tuyến (đã sửa)"
    assert page.issuer.name == "Ủy ban nhân dân thành phố Vũng Tàu"
    assert page.references.filter(number="5436/UBND-VP").exists()
    assert page.tasks.exists()
    assert page.attachments.get().document.title == BLANK_NUMBER
    assert "chưa ghi số" not in page.import_warnings  # resolved by the editor
    message = client.get(response.url).content.decode()
    assert "Đã tạo bản nháp" in message


def test_pasted_text_creates_a_draft_without_attachment(client, editor, corpus: Path):
    text = (corpus / "directives" / "seed-002_brvt_cv-404-ubnd-vp.txt").read_text()
    response = client.post(reverse("directives_import"), {"text": text})
    assert response.status_code == 200
    response = client.post(reverse("directives_import_review"), review_data(response))
    assert response.status_code == 302
    page = DirectivePage.objects.get()
    assert page.number == "404/UBND-VP" and not page.attachments.exists()


def test_a_bad_file_shows_the_parser_message_and_creates_nothing(client, editor):
    agencies = Agency.objects.count()
    response = upload(client, "hong.docx", b"PK\x03\x04 broken")
    assert response.status_code == 200
    assert "bị hỏng hoặc không phải tệp Word" in response.content.decode()
    assert DirectivePage.objects.count() == 0
    assert get_document_model().objects.count() == 0
    assert Agency.objects.count() == agencies


def test_neither_file_nor_text_is_a_form_error(client, editor):
    response = client.post(reverse("directives_import"), {"text": "  "})
    assert "Hãy chọn một tệp hoặc dán nội dung" in response.content.decode()


def test_an_invalid_correction_is_shown_and_nothing_is_created(client, editor, corpus: Path):
    response = upload(client, BLANK_NUMBER, (corpus / "directives" / BLANK_NUMBER).read_bytes())
    form = review_data(response)
    form["deadlines"] = "ngày mai | làm ngay"
    response = client.post(reverse("directives_import_review"), form)
    assert response.status_code == 200
    assert "không đúng dạng" in response.content.decode()
    assert DirectivePage.objects.count() == 0


def test_a_forged_upload_token_is_refused(client, editor, corpus: Path):
    response = upload(client, BLANK_NUMBER, (corpus / "directives" / BLANK_NUMBER).read_bytes())
    form = review_data(response)
    form["upload"] = "forged:token"
    response = client.post(reverse("directives_import_review"), form)
    assert "hãy tải tệp lên lại" in response.content.decode()
    assert DirectivePage.objects.count() == 0


def test_only_editors_who_can_add_directives_may_import(client, site):
    """A user with admin access but no right to add pages under the index is refused."""
    user = get_user_model().objects.create_user("doc", "doc@example.invalid", "x")
    group = Group.objects.create(name="Chỉ đọc")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    # Wagtail turns the view's PermissionDenied into a redirect to the dashboard.
    response = client.get(reverse("directives_import"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert reverse("directives_import") not in client.get(response.url).content.decode()

    GroupPagePermission.objects.create(
        group=group,
        page=factories.directive_index(),
        permission=Permission.objects.get(codename="add_page"),
    )
    assert client.get(reverse("directives_import")).status_code == 200
    assert reverse("directives_import") in client.get(reverse("wagtailadmin_home")).content.decode()
