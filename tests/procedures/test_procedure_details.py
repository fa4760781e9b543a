"""A procedure page gives what the national portal gives: steps, forms to download, where to
file, fees, time limit and a link to file online, and the API record carries the same."""

import json

import pytest
from bs4 import BeautifulSoup

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from procedures.models import ProcedureForm, ProcedurePage, ProcedureStep
from procedures.sample import load_sample_procedures
from tests.factories import catalogue, make_procedure

PORTAL_PATTERN = "https://dvc.example.vn/thu-tuc?ma={code}"


@pytest.fixture
def procedure(site):
    document = get_document_model()(title="Tờ khai đăng ký khai sinh")
    document.file.save("to-khai.docx", ContentFile(b"PK\x03\x04 not really a docx"))
    page = make_procedure(
        catalogue(site),
        "1.001193",
        title="Đăng ký khai sinh",
        processing_time="Ngay trong ngày",
        fees="Miễn lệ phí",
        filing_place="Bộ phận Một cửa UBND xã\nSố 5 đường Chợ",
        publish=False,
    )
    page.steps.add(ProcedureStep(text="Người đi đăng ký nộp tờ khai."))
    page.steps.add(ProcedureStep(text="Công chức tư pháp – hộ tịch ghi vào Sổ hộ tịch."))
    page.forms.add(ProcedureForm(title="Tờ khai (Mẫu TP/HT-2020-KS.1)", document=document))
    page.forms.add(ProcedureForm(document=document))
    page.save_revision().publish()
    return ProcedurePage.objects.get(pk=page.pk)


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_lists_steps_forms_place_fees_and_time(client, procedure, settings):
    settings.PORTAL_PROCEDURE_ONLINE_URL = PORTAL_PATTERN
    page = read(client, procedure.url)
    steps = [li.get_text(strip=True) for li in page.select("ol.procedure-steps li")]
    assert steps == [
        "Người đi đăng ký nộp tờ khai.",
        "Công chức tư pháp – hộ tịch ghi vào Sổ hộ tịch.",
    ]
    forms = page.select(".procedure-forms a")
    assert [a.get_text(strip=True) for a in forms] == [
        "Tờ khai (Mẫu TP/HT-2020-KS.1)",
        "Tờ khai đăng ký khai sinh",
    ]
    assert all(a["href"].endswith(".docx") and a.has_attr("download") for a in forms)
    properties = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in page.select(".doc-properties dl > div")
    }
    assert properties["Địa điểm tiếp nhận hồ sơ"] == "Bộ phận Một cửa UBND xã Số 5 đường Chợ"
    assert properties["Phí, lệ phí"] == "Miễn lệ phí"
    assert properties["Thời hạn giải quyết"] == "Ngay trong ngày"
    assert len(page.find_all("h1")) == 1


def test_file_online_links_to_the_national_portal_page_of_the_code(client, procedure, settings):
    settings.PORTAL_PROCEDURE_ONLINE_URL = PORTAL_PATTERN
    link = read(client, procedure.url).select_one(".online-filing a")
    assert link["href"] == "https://dvc.example.vn/thu-tuc?ma=1.001193"
    assert link.get_text(" ", strip=True).startswith("Nộp hồ sơ trực tuyến")


def test_the_default_pattern_is_the_national_portal_and_empty_means_no_link(
    client, procedure, settings
):
    assert procedure.online_filing_url.startswith("https://dichvucong.gov.vn/")
    assert procedure.online_filing_url.endswith("=1.001193")
    settings.PORTAL_PROCEDURE_ONLINE_URL = ""
    assert read(client, procedure.url).select_one(".online-filing") is None


def test_the_api_and_json_export_carry_the_details(client, procedure, settings):
    settings.PORTAL_PROCEDURE_ONLINE_URL = PORTAL_PATTERN
    detail = client.get("/api/v1/procedures/1.001193").json()
    listed = client.get("/api/v1/procedures").json()["items"][0]
    exported = json.loads(client.get(procedure.get_parent().url + "?xuat=json").content)
    for record in (detail, listed, exported["procedures"][0]):
        assert record["steps"] == [
            "Người đi đăng ký nộp tờ khai.",
            "Công chức tư pháp – hộ tịch ghi vào Sổ hộ tịch.",
        ]
        assert record["filing_place"] == "Bộ phận Một cửa UBND xã\nSố 5 đường Chợ"
        assert record["fees"] == "Miễn lệ phí"
        assert record["processing_time"] == "Ngay trong ngày"
        assert record["online_filing_url"] == "https://dvc.example.vn/thu-tuc?ma=1.001193"
        assert record["forms"][0].startswith("Tờ khai (Mẫu TP/HT-2020-KS.1): http")
        assert record["forms"][0].endswith(".docx")


def test_the_sample_procedures_have_steps_a_form_and_a_place(site):
    load_sample_procedures(site)
    page = ProcedurePage.objects.order_by("code").first()
    assert page.steps.count() >= 3
    form = page.forms.get()
    assert "(mẫu)" in form.label and form.document.file.name.endswith(".docx")
    assert "mẫu" in page.filing_place
