"""The admin's "Nhập danh mục thủ tục": upload a list, preview its rows with warnings, import;
permission-checked, and a failed import leaves everything as it was."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import GroupPagePermission

from procedures.models import ProcedurePage
from tests.factories import catalogue, make_procedure

HEADER = "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Mức độ DVCTT\n"
ROWS = (
    "1.000801,Cấp giấy phép xây dựng nhà ở riêng lẻ,Xây dựng,Cấp huyện,UBND cấp huyện,toàn trình\n"
    ",Thủ tục không có mã,Xây dựng,Cấp huyện,UBND cấp huyện,một phần\n"
    "1.000802,Điều chỉnh giấy phép xây dựng,Xây dựng,Cấp huyện,UBND cấp huyện,mức 9\n"
)


@pytest.fixture
def index(site):
    return catalogue(site)


@pytest.fixture
def editor(client, index):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.invalid", "x")
    client.force_login(user)
    return user


def upload(client, name: str, data: bytes):
    return client.post(reverse("procedures_import"), {"file": SimpleUploadedFile(name, data)})


def preview(response) -> list[dict[str, str]]:
    page = BeautifulSoup(response.content, "html.parser")
    table = page.select_one(".procedure-import-preview table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    return [
        dict(zip(headers, (td.get_text(" ", strip=True) for td in tr.select("td")), strict=True))
        for tr in table.select("tbody tr")
    ]


def confirm(client, response):
    token = BeautifulSoup(response.content, "html.parser").find("input", {"name": "upload"})
    return client.post(reverse("procedures_import_confirm"), {"upload": token["value"]})


def test_menu_and_upload_screen_in_vietnamese(client, editor):
    assert reverse("procedures_import") in client.get(reverse("wagtailadmin_home")).content.decode()
    page = BeautifulSoup(client.get(reverse("procedures_import")).content, "html.parser")
    assert (
        page.find("label", attrs={"for": "id_file"}).get_text(strip=True).startswith("Tệp danh mục")
    )
    assert "Đọc danh mục" in page.get_text()


def test_csv_preview_shows_rows_and_warnings_then_imports(client, editor, index):
    make_procedure(index, "1.000802", title="Điều chỉnh giấy phép (cũ)")
    response = upload(client, "danh-muc.csv", (HEADER + ROWS).encode("utf-8"))
    assert response.status_code == 200
    rows = preview(response)
    assert [(r["Mã thủ tục"], r["Sẽ làm"]) for r in rows] == [
        ("1.000801", "Thêm mới"),
        ("—", "Bỏ qua"),
        ("1.000802", "Cập nhật"),
    ]
    assert rows[0]["Cấp thực hiện"] == "Cấp huyện" and rows[0]["Mức độ trực tuyến"] == "toàn trình"
    assert "Không có mã thủ tục" in rows[1]["Cảnh báo"]
    assert "Không đọc được mức độ trực tuyến" in rows[2]["Cảnh báo"]
    assert not ProcedurePage.objects.filter(code="1.000801").exists()  # nothing saved yet

    done = confirm(client, response)
    assert done.status_code == 302
    assert (
        ProcedurePage.objects.get(code="1.000801").title == "Cấp giấy phép xây dựng nhà ở riêng lẻ"
    )
    assert ProcedurePage.objects.get(code="1.000802").title == "Điều chỉnh giấy phép xây dựng"
    message = client.get(done["Location"]).content.decode()
    assert "1 thủ tục mới, 1 cập nhật" in message
    # The token is spent: confirming again changes nothing and says why.
    again = confirm(client, response)
    assert again.status_code == 302 and again["Location"] == reverse("procedures_import")


def test_a_docx_decision_previews_the_rows_its_text_gives(client, editor, corpus):
    import docx

    from procedures.parsing import read_procedure_file

    path = corpus / "procedures" / "04_phutho_qd-1805-ubnd_khcn.txt"
    text = path.read_text("utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    rows = preview(upload(client, "quyet-dinh.docx", buffer.getvalue()))
    expected = read_procedure_file(text.encode("utf-8"), path.name).procedures
    assert [r["Mã thủ tục"] for r in rows] == [row.code or "—" for row in expected]


def test_bad_files_get_a_vietnamese_message_and_change_nothing(client, editor):
    for name, data in [("danh-muc.doc", b"\xd0\xcf\x11\xe0"), ("danh-muc.xlsx", b"not a zip")]:
        page = BeautifulSoup(upload(client, name, data).content, "html.parser")
        error = page.select_one(".error-message, .w-field__errors").get_text(" ", strip=True)
        assert "tệp" in error.lower(), error
    assert not ProcedurePage.objects.exists()


def test_a_failed_import_rolls_the_whole_file_back(client, editor, index):
    # An editor already gave another page the slug the second row's page would take.
    make_procedure(index, "9.999999", slug="thu-tuc-1-000802")
    response = upload(client, "danh-muc.csv", (HEADER + ROWS).encode("utf-8"))
    failed = confirm(client, response)
    assert failed.status_code == 200
    error = BeautifulSoup(failed.content, "html.parser").select_one(".procedure-import-error")
    assert "chưa có gì thay đổi" in error.get_text()
    assert not ProcedurePage.objects.filter(code__in=["1.000801", "1.000802"]).exists()


def test_who_may_not_publish_in_the_catalogue_may_not_import(client, index):
    user = get_user_model().objects.create_user("xem", "x@example.invalid", "x")
    group = Group.objects.create(name="Chỉ sửa")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    client.force_login(user)
    assert (
        reverse("procedures_import")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    # Wagtail turns the refusal into a return to the dashboard with its message.
    refused = client.get(reverse("procedures_import"))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    response = client.post(
        reverse("procedures_import"),
        {"file": SimpleUploadedFile("a.csv", HEADER.encode() + ROWS.encode())},
    )
    assert response.status_code == 302 and not ProcedurePage.objects.exists()
