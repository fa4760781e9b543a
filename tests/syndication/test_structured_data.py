"""JSON-LD and Open Graph in each page's head, parsed back and checked against the page's
own data: Legislation, NewsArticle, GovernmentService, BreadcrumbList on every page."""

import json

from bs4 import BeautifulSoup

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

from directives.models import DirectiveAttachment
from syndication.eli import permanent_path


def head(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def json_ld(client, url: str) -> dict[str, dict]:
    """The page's JSON-LD objects by their @type (each appears once)."""
    found = {}
    for script in head(client, url).find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] not in found
        found[data["@type"]] = data
    return found


def open_graph(client, url: str) -> dict[str, str]:
    return {
        meta["property"]: meta["content"]
        for meta in head(client, url).find_all("meta", property=True)
    }


def test_directive_is_legislation(client, portal):
    directive = portal["directive"]
    data = json_ld(client, directive.url)["Legislation"]
    assert data["@id"] == "http://testserver" + permanent_path(directive)
    assert data["url"] == directive.get_full_url()
    assert data["name"] == directive.subject
    assert data["legislationIdentifier"] == directive.number
    assert data["legislationType"] == "Công văn"
    assert data["legislationDate"] == "2024-05-16"
    assert data["legislationDateOfApplicability"] == "2024-05-20"
    assert data["legislationPassedBy"]["name"] == portal["province"].name
    assert data["legislationJurisdiction"]["name"] == "tỉnh Thử Nghiệm"
    assert data["legislationLegalForce"] == "https://schema.org/PartiallyInForce"
    citations = {c["legislationIdentifier"]: c for c in data["citation"]}
    assert set(citations) == {"100/UBND-VP", "27/QĐ-TTg"}
    assert citations["100/UBND-VP"]["url"] == portal["cited"].get_full_url()
    assert citations["27/QĐ-TTg"]["legislationDate"] == "2022-03-15"
    assert "url" not in citations["27/QĐ-TTg"]
    assert [b["legislationIdentifier"] for b in data["isBasedOn"]] == ["100/UBND-VP"]


def test_department_jurisdiction_is_its_province(client, portal):
    data = json_ld(client, portal["other"].url)["Legislation"]
    assert data["legislationPassedBy"]["name"] == "Sở Nội vụ"
    assert data["legislationJurisdiction"]["name"] == "tỉnh Thử Nghiệm"
    assert "legislationLegalForce" not in data  # validity not known: nothing claimed


def test_signed_file_is_the_encoding(client, portal):
    directive = portal["directive"]
    document = Document(title="Bản ký số")
    document.file.save("5436-ky-so.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    DirectiveAttachment.objects.create(page=directive, document=document)
    data = json_ld(client, directive.url)["Legislation"]
    assert data["encoding"] == [
        {
            "@type": "MediaObject",
            "name": "Bản ký số",
            "contentUrl": "http://testserver" + document.url,
            "encodingFormat": "application/pdf",
        }
    ]


def test_citation_of_a_hidden_page_does_not_name_its_address(client, portal):
    from tests.factories import make_directive

    citing = make_directive(
        number="2/UBND-VP",
        issuer=portal["province"],
        references=[{"doc_type": "Công văn", "number": portal["hidden"].number}],
    )
    data = json_ld(client, citing.url)["Legislation"]
    assert data["citation"] == [
        {
            "@type": "Legislation",
            "name": f"Công văn {portal['hidden'].number}",
            "legislationIdentifier": portal["hidden"].number,
        }
    ]


def test_news_is_a_news_article_about_its_directive(client, portal):
    news = portal["news"]
    data = json_ld(client, news.url)["NewsArticle"]
    assert data["headline"] == news.title
    assert data["description"] == news.lead
    assert data["datePublished"] == "2024-05-18"
    assert data["url"] == news.get_full_url()
    about = data["about"]
    assert about["@type"] == "Legislation"
    assert about["legislationIdentifier"] == portal["directive"].number
    assert about["url"] == portal["directive"].get_full_url()


def test_procedure_is_a_government_service(client, portal):
    procedure = portal["procedure"]
    data = json_ld(client, procedure.url)["GovernmentService"]
    assert data["name"] == procedure.title
    assert data["identifier"] == "1.000001"
    assert data["serviceType"] == "Nội vụ"
    assert data["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "Sở Nội vụ",
        "alternateName": "SNV",
    }
    assert [a["audienceType"] for a in data["audience"]] == ["Công dân"]


def test_every_page_has_breadcrumbs_from_the_home_page(client, portal):
    home = portal["directive"].get_parent().get_parent()
    for name in ("directive", "news", "procedure", "catalogue"):
        page = portal[name]
        trail = json_ld(client, page.url)["BreadcrumbList"]["itemListElement"]
        assert [item["position"] for item in trail] == list(range(1, len(trail) + 1))
        assert trail[0]["item"] == home.get_full_url()
        assert trail[-1] == {
            "@type": "ListItem",
            "position": len(trail),
            "name": page.title,
            "item": page.get_full_url(),
        }
        assert [item["name"] for item in trail[1:-1]] == [
            p.title for p in page.get_ancestors().filter(depth__gt=home.depth)
        ]
    search = json_ld(client, "/tim-kiem/?q=thu")["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in search] == [home.title, "Tìm kiếm"]
    assert json_ld(client, home.url)["WebSite"]["url"] == home.get_full_url()


def test_open_graph(client, portal):
    directive = portal["directive"]
    tags = open_graph(client, directive.url)
    assert tags["og:type"] == "article"
    assert tags["og:title"] == directive.title
    assert tags["og:url"] == directive.get_full_url()
    assert tags["og:description"] == directive.subject
    assert tags["og:locale"] == "vi_VN"
    assert tags["article:published_time"] == "2024-05-16"
    assert open_graph(client, portal["news"].url)["og:description"] == portal["news"].lead
    assert open_graph(client, "/van-ban/")["og:type"] == "website"


def test_text_cannot_break_out_of_the_script(client, portal):
    """A subject containing "</script>" stays inside the JSON (escaped), and parses back."""
    from tests.factories import make_directive

    subject = 'V/v thử </script><script>alert("x")</script> & <b>'
    page = make_directive(number="3/UBND-VP", subject=subject, issuer=portal["province"])
    html = client.get(page.url).content.decode()
    assert "</script><script>alert" not in html
    assert json_ld(client, page.url)["Legislation"]["name"] == subject


def test_error_pages_carry_no_metadata(client, portal):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.head.find("script", type="application/ld+json") is None
