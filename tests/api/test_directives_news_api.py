"""The directive and news API: filters as the list, the whole record with citations both ways,
lookup by a number in any spelling, Vietnamese 422s, and no draft or restricted page anywhere."""

from datetime import date

import pytest

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from directives.models import DirectiveAttachment
from tests.factories import make_agency, make_directive, make_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus_site(site):
    """Two agencies, a cited directive, a citing one with a task and an attachment, a draft,
    a restricted directive and news about the cited directive."""
    province = make_agency()
    department = make_agency("Sở Nội vụ tỉnh Thử", "SNV")
    cited = make_directive(
        number="5436/UBND-VP",
        subject="V/v chuyển đổi số",
        issuer=province,
        issued_on=date(2024, 3, 1),
        signer_name="Trần Thị Ký",
        validity="con-hieu-luc",
    )
    citing = make_directive(
        number="77/SNV-TCBC",
        subject="V/v triển khai chuyển đổi số",
        doc_type="ke-hoach",
        issuer=department,
        issued_on=date(2024, 6, 2),
        references=[{"doc_type": "Công văn", "number": "5436/UBND-VP"}],
        tasks=[{"agency": department, "text": "Báo cáo kết quả", "due_on": date(2024, 12, 31)}],
    )
    document = get_document_model().objects.create(
        title="Phụ lục", file=ContentFile(b"%PDF-1.4\n", name="phu-luc.pdf")
    )
    citing.attachments.add(DirectiveAttachment(document=document, caption="Phụ lục I"))
    citing.save_revision().publish()
    draft = make_directive(number="9/UBND-NV", subject="V/v bản nháp", publish=False)
    hidden = make_directive(number="10/UBND-NV", subject="V/v nội bộ")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    news = make_news(title="Tỉnh đẩy mạnh chuyển đổi số", target=cited)
    make_news(title="Tin nháp", publish=False)
    return {"cited": cited, "citing": citing, "draft": draft, "hidden": hidden, "news": news}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_list_is_public_newest_first(client, corpus_site):
    """Only public directives, newest issue date first; drafts and restricted pages never."""
    listed = ids(client.get("/api/v1/directives"))
    assert listed[:2] == [corpus_site["citing"].pk, corpus_site["cited"].pk]
    assert corpus_site["draft"].pk not in listed
    assert corpus_site["hidden"].pk not in listed


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"doc_type": "ke-hoach"}, ["citing"]),
        ({"year": "2024", "signer": "Trần Thị Ký"}, ["cited"]),
        ({"validity": "con-hieu-luc"}, ["cited"]),
        ({"number": "5436 ubnd vp"}, ["cited"]),
        ({"number": "05436/UBND - VP"}, ["cited"]),
    ],
)
def test_list_filters(client, corpus_site, params, expected):
    """Each filter of the list (and validity, number) narrows the answer."""
    assert ids(client.get("/api/v1/directives", params)) == [corpus_site[k].pk for k in expected]


def test_issuer_filter(client, corpus_site):
    issuer = corpus_site["citing"].issuer_id
    assert ids(client.get("/api/v1/directives", {"issuer": issuer})) == [corpus_site["citing"].pk]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"year": "hai nghìn"}, "Năm ban hành"),
        ({"issuer": "99999999999999999999"}, "Cơ quan ban hành"),
        ({"doc_type": "thu-vien"}, "Loại văn bản"),
        ({"validity": "vinh-vien"}, "Tình trạng hiệu lực"),
        ({"signer": "a\x00b"}, "Người ký"),
    ],
)
def test_bad_filters_are_vietnamese_422(client, corpus_site, params, words):
    response = client.get("/api/v1/directives", params)
    assert response.status_code == 422
    assert words in response.json()["detail"]
    assert "không hợp lệ" in response.json()["detail"]


def test_any_page_number_gives_a_page(client, corpus_site):
    for page in ("0", "-3", "999", "abc", "1e400"):
        response = client.get("/api/v1/directives", {"page": page})
        assert response.status_code == 200
        assert response.json()["page"] in (1, response.json()["num_pages"])


def test_record_has_citations_both_ways_tasks_and_attachments(client, corpus_site):
    citing = client.get(f"/api/v1/directives/{corpus_site['citing'].pk}").json()
    assert citing["cites"][0]["number"] == "5436/UBND-VP"
    assert citing["cites"][0]["directive_id"] == corpus_site["cited"].pk
    assert citing["tasks"] == [
        {
            "agency": "Sở Nội vụ tỉnh Thử",
            "text": "Báo cáo kết quả",
            "due_on": "2024-12-31",
            "due_text": None,
        }
    ]
    attachment = citing["attachments"][0]
    assert attachment["caption"] == "Phụ lục I"
    assert attachment["url"].startswith("http://testserver/documents/")
    assert attachment["signatures"] == []

    cited = client.get(f"/api/v1/directives/{corpus_site['cited'].pk}").json()
    assert [item["id"] for item in cited["cited_by"]] == [corpus_site["citing"].pk]
    assert cited["news"][0]["title"] == "Tỉnh đẩy mạnh chuyển đổi số"
    assert cited["validity_label"] == "Còn hiệu lực"


def test_lookup_by_number_in_any_spelling(client, corpus_site):
    for spelling in ("5436/UBND-VP", "5436 ubnd vp", "05436/ubnd - vp"):
        response = client.get("/api/v1/directives/by-number", {"number": spelling})
        assert response.status_code == 200
        assert response.json()["id"] == corpus_site["cited"].pk


def test_draft_and_restricted_are_404(client, corpus_site):
    for key in ("draft", "hidden"):
        page = corpus_site[key]
        assert client.get(f"/api/v1/directives/{page.pk}").status_code == 404
        response = client.get("/api/v1/directives/by-number", {"number": page.number})
        assert response.status_code == 404
        assert "Không tìm thấy" in response.json()["detail"]
    assert client.get("/api/v1/directives/abc").status_code == 404
    assert client.get("/api/v1/directives/by-number", {"number": "//"}).status_code == 422


def test_news_list_and_item(client, corpus_site):
    listed = client.get("/api/v1/news").json()
    assert [item["title"] for item in listed["items"]] == ["Tỉnh đẩy mạnh chuyển đổi số"]
    item = client.get(f"/api/v1/news/{corpus_site['news'].pk}").json()
    assert item["source_directive_id"] == corpus_site["cited"].pk
    assert item["source"] == "Công văn số 5436/UBND-VP"
    assert "Nội dung tin." in item["body"]
    assert client.get("/api/v1/news", {"year": "20x4"}).status_code == 422
    filtered = client.get("/api/v1/news", {"directive": corpus_site["citing"].pk}).json()
    assert filtered["count"] == 0


def test_schema_documents_directives_and_news(client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/directives",
        "/api/v1/directives/by-number",
        "/api/v1/directives/{directive_id}",
        "/api/v1/news",
        "/api/v1/news/{news_id}",
    } <= paths
