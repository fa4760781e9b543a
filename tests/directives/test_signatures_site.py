"""Signatures on the site: stored with each directive file when it is attached or
imported, checked again when the file changes, shown beside the file, in the API payload,
in the import review and in ``import_directives --json``."""

# ruff: noqa: F811 - the fixtures imported from pdf_signing are test arguments here

from __future__ import annotations

import json
from io import StringIO

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from wagtail.documents import get_document_model

from directives.document_signatures import signature_check_error, signatures_payload
from directives.importing import import_document
from directives.models import DirectiveAttachment, DocumentSignatures
from tests import factories
from tests.directives.pdf_signing import (  # noqa: F401 - the fixtures authority, signed
    LETTER,
    SIGNER,
    append_revision,
    authority,
    make_signer,
    sign,
    signed,
    text_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def signed_by_someone_else(authority) -> bytes:
    return sign(text_pdf(LETTER), make_signer(authority, "Phạm Quốc Việt", "Văn thư"))


def attach(page, data: bytes, name: str = "ban-goc.pdf"):
    document = get_document_model().objects.create(title=name, file=ContentFile(data, name=name))
    page.attachments.add(DirectiveAttachment(document=document, caption=f"Tệp gốc: {name}"))
    page.save_revision().publish()
    return document


def file_notes(client, page) -> str:
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return soup.select_one("ul.attachments").get_text(" ", strip=True)


def test_an_attached_signed_pdf_is_checked_stored_and_shown(client, site, signed):
    page = factories.make_directive(number="215/UBND-VP")
    document = attach(page, signed)
    check = DocumentSignatures.objects.get(document=document)
    assert [s["common_name"] for s in check.signatures] == [SIGNER]
    assert check.file_hash and not check.error
    notes = file_notes(client, page)
    assert f"Đã ký số bởi {SIGNER} (UBND tỉnh Sông Xanh) lúc " in notes
    assert "văn bản không bị thay đổi sau khi ký" in notes
    assert "chưa xác thực được tới chứng thư gốc tin cậy" in notes


def test_a_replaced_file_is_checked_again(client, site, signed):
    """An editor replaces the document's file with one changed after signing: the stored
    check follows the file, and the page says the document changed."""
    page = factories.make_directive(number="216/UBND-VP")
    document = attach(page, signed)
    document.file.save("ban-goc.pdf", ContentFile(append_revision(signed, "Sua")), save=False)
    document.file_hash = ""
    document._set_file_hash()
    document.save()
    check = DocumentSignatures.objects.get(document=document)
    assert check.signatures[0]["intact"] and not check.signatures[0]["unchanged"]
    notes = file_notes(client, page)
    assert "tệp đã bị thay đổi sau khi ký" in notes
    assert "văn bản không bị thay đổi" not in notes


def test_configured_roots_apply_after_check_signatures(
    client, site, signed, authority, tmp_path, settings
):
    page = factories.make_directive(number="217/UBND-VP")
    document = attach(page, signed)
    [attachment] = page.attachments.all()
    assert signatures_payload(attachment)[0]["trusted"] is False
    authority.write_pem(tmp_path)
    settings.SIGNATURE_TRUST_ROOTS_DIR = str(tmp_path)
    out = StringIO()
    call_command("check_signatures", stdout=out)
    assert "Đã kiểm tra 1 tệp PDF: 1 tệp có chữ ký số" in out.getvalue()
    attachment = DirectiveAttachment.objects.get(page=page)  # read again, not the cached row
    [payload] = signatures_payload(attachment)
    assert payload["trusted"] is True and payload["valid"] is True
    assert payload["signer"] == f"{SIGNER} (UBND tỉnh Sông Xanh)"
    assert signature_check_error(attachment) == ""
    assert DocumentSignatures.objects.get(document=document).signatures[0]["trusted"]
    assert "xác thực được tới chứng thư gốc tin cậy." in file_notes(client, page)


def test_an_unreadable_pdf_keeps_its_reason_and_the_page_still_saves(client, site):
    page = factories.make_directive(number="218/UBND-VP")
    document = attach(page, b"%PDF-1.7 rubbish", "hong.pdf")
    check = DocumentSignatures.objects.get(document=document)
    assert check.signatures == [] and "không phải tệp PDF đọc được" in check.error
    assert "Không kiểm tra được chữ ký số" in file_notes(client, page)
    [attachment] = page.attachments.all()
    assert signatures_payload(attachment) == []
    assert signature_check_error(attachment) == check.error


def test_an_unsigned_pdf_says_so_and_other_files_say_nothing(client, site):
    page = factories.make_directive(number="219/UBND-VP")
    attach(page, text_pdf(LETTER))
    attach(page, b"phu luc", "phu-luc.txt")
    notes = file_notes(client, page)
    assert notes.count("Tệp không có chữ ký số.") == 1
    assert DocumentSignatures.objects.count() == 1


def test_import_warns_of_a_holder_other_than_the_signer_and_keeps_the_signatures(
    site, signed_by_someone_else
):
    result = import_document(signed_by_someone_else, "cv-215.pdf")
    assert not result.failed, result.message_vi
    assert [s["common_name"] for s in result.signatures] == ["Phạm Quốc Việt"]
    page = result.page
    assert "khác người ký đọc được trong văn bản (“Trần Thị Hoa”)" in page.import_warnings
    [attachment] = page.attachments.all()
    [payload] = signatures_payload(attachment)
    assert payload["common_name"] == "Phạm Quốc Việt" and payload["valid"]


def test_dry_run_json_lists_the_signatures(site, signed, tmp_path):
    path = tmp_path / "cv-215.pdf"
    path.write_bytes(signed)
    out, err = StringIO(), StringIO()
    call_command("import_directives", str(path), "--dry-run", "--json", stdout=out, stderr=err)
    record = json.loads(out.getvalue())
    [signature] = record["signatures"]
    assert signature["common_name"] == SIGNER
    assert signature["intact"] and signature["unchanged"] and signature["coverage"] == "entire_file"
    assert not any("chữ ký số" in warning.lower() for warning in record["warnings"])
    assert DocumentSignatures.objects.count() == 0  # a dry run stores nothing


def test_the_import_review_shows_signature_warnings(client, site, signed):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.invalid", "x")
    client.force_login(user)
    changed = append_revision(signed, "Sua")
    response = client.post(
        reverse("directives_import"),
        {"file": SimpleUploadedFile("cv-215.pdf", changed), "text": ""},
    )
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert f"Tệp đã bị thay đổi sau khi “{SIGNER} (UBND tỉnh Sông Xanh)” ký số" in text


def test_the_directive_api_lists_an_attachments_signatures(client, site, signed):
    page = factories.make_directive(number="216/UBND-VP")
    attach(page, signed)
    body = client.get(f"/api/v1/directives/{page.pk}").json()
    [attachment] = body["attachments"]
    [signature] = attachment["signatures"]
    assert signature["common_name"] == SIGNER
    assert signature["intact"] is True and signature["valid"] is True
    assert signature["trusted"] is False  # no root configured
