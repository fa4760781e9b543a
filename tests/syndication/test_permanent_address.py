"""Permanent addresses /eli/<issuer>/<year>/<number>: built from the issuer's stored slug,
the year and the number; they redirect to the page wherever it moves, survive renaming the
agency, and never lead to a draft, a restricted page or the wrong one of two documents."""

from datetime import date

from bs4 import BeautifulSoup

from directives.models import Agency
from syndication.eli import agency_slug_base, issuer_slug, permanent_path
from tests.factories import make_agency, make_directive


def test_address_is_issuer_year_number(portal):
    assert issuer_slug(portal["province"]) == "ubnd-tinh-thu-nghiem"
    assert permanent_path(portal["directive"]) == "/eli/ubnd-tinh-thu-nghiem/2024/5436-ubnd-vp"


def test_slug_shortens_the_governing_body_and_folds_accents():
    assert agency_slug_base("Ủy ban nhân dân thành phố Đồi Thông") == "ubnd-thanh-pho-doi-thong"
    assert agency_slug_base("Sở Thông tin và Truyền thông tỉnh Sông Xanh") == "stttt-tinh-song-xanh"
    assert agency_slug_base("  ") == "co-quan"


def test_two_agencies_with_one_name_get_two_slugs(site):
    first = make_agency("Ủy ban nhân dân tỉnh Một", "UBND")
    second = make_agency("Ủy ban nhân dân tỉnh Hai", "UBND")
    one = make_agency("Sở Nội vụ", "SNV", parent=first)
    # make_agency finds agencies by name; this one is made directly.
    two = Agency.objects.create(name="Sở Nội vụ", abbreviation="SNV", parent=second)
    assert issuer_slug(one) == "so-noi-vu"
    assert issuer_slug(two) == "so-noi-vu-ubnd-tinh-hai"


def test_address_redirects_to_the_page_and_follows_a_move(client, portal):
    directive = portal["directive"]
    address = permanent_path(directive)
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"] == directive.url
    directive.slug = "cong-van-moi"
    directive.save_revision().publish()
    directive.refresh_from_db()
    response = client.get(address)
    assert response["Location"] == directive.url
    assert response["Location"].endswith("/cong-van-moi/")


def test_address_survives_renaming_the_agency(client, portal):
    address = permanent_path(portal["directive"])
    province = portal["province"]
    province.name = "Ủy ban nhân dân tỉnh Đổi Tên"
    province.save()
    assert permanent_path(portal["directive"]) == address
    assert client.get(address).status_code == 302


def test_drafts_and_restricted_pages_have_no_address(client, portal):
    for name in ("draft", "hidden"):
        assert client.get(permanent_path(portal[name])).status_code == 404, name


def test_unknown_address_is_a_vietnamese_404(client, portal):
    response = client.get("/eli/ubnd-tinh-thu-nghiem/2024/1-khong-co")
    assert response.status_code == 404
    assert client.get("/eli/ubnd-tinh-thu-nghiem/nam-nao/5436-ubnd-vp").status_code == 404


def test_document_without_number_is_addressed_by_its_id(client, site):
    issuer = make_agency("Ủy ban nhân dân tỉnh Thử Nghiệm", "UBND")
    page = make_directive(number="", issuer=issuer, issued_on=None, issued_year=2022)
    address = permanent_path(page)
    assert address == f"/eli/ubnd-tinh-thu-nghiem/2022/khong-so-{page.pk}"
    assert client.get(address)["Location"] == page.url
    # Stamped with a number later: the old address still leads to it.
    page.number = "77/UBND-VP"
    page.save_revision().publish()
    assert client.get(address)["Location"] == page.url
    assert client.get("/eli/ubnd-tinh-thu-nghiem/2022/77-ubnd-vp").status_code == 302


def test_one_number_twice_in_a_year_gives_a_choice_not_a_guess(client, site):
    issuer = make_agency("Ủy ban nhân dân tỉnh Thử Nghiệm", "UBND")
    first = make_directive(number="15/UBND-VP", subject="V/v thứ nhất", issuer=issuer)
    second = make_directive(
        number="15/UBND-VP", subject="V/v thứ hai", issuer=issuer, issued_on=date(2024, 9, 1)
    )
    response = client.get(permanent_path(first))
    assert response.status_code == 300
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a["href"] for a in soup.select("main ul a")}
    assert links == {first.url, second.url}
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")


def test_directive_page_prints_its_address(client, portal):
    directive = portal["directive"]
    soup = BeautifulSoup(client.get(directive.url).content, "html.parser")
    section = soup.find(id="eli-title").parent
    assert section.find("h2").get_text() == "Địa chỉ trích dẫn"
    assert section.find("a")["href"] == "http://testserver" + permanent_path(directive)


def test_new_agency_gets_its_slug_when_saved(site):
    from syndication.models import IssuerSlug

    agency = make_agency("Ủy ban nhân dân xã Mới", "UBND")
    assert IssuerSlug.objects.get(agency=agency).slug == "ubnd-xa-moi"
