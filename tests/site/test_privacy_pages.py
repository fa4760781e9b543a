"""View-restricted pages stay off every public list: the directive list and its facet
counts, "Văn bản dẫn chiếu đến văn bản này", the links to cited documents, the news on a
directive page and "Tin tức khác"."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from wagtail.models import PageViewRestriction

from tests.factories import make_agency, make_directive, make_news

pytestmark = pytest.mark.django_db


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def pages(site):
    public = make_directive(
        number="100/UBND-VP",
        subject="V/v công khai",
        issuer=make_agency("Sở Công khai thử", "SCK"),
        signer_name="Người Ký Công",
        body="<p>Thực hiện Công văn số 200/UBND-MAT của UBND tỉnh.</p>",
        references=[{"doc_type": "Công văn", "number": "200/UBND-MAT"}],
    )
    secret = make_directive(
        number="200/UBND-MAT",
        subject="V/v nội bộ không công bố",
        doc_type="ke-hoach",
        issuer=make_agency("Ban Nội bộ thử", "BNB"),
        signer_name="Người Ký Mật",
        issued_on=date(2019, 1, 2),
        references=[{"doc_type": "Công văn", "number": "100/UBND-VP"}],
    )
    restrict(secret)
    return {"public": public, "secret": secret}


def test_the_directive_list_and_its_facets_count_only_public_pages(client, pages):
    page = BeautifulSoup(html(client, "/van-ban/"), "html.parser")
    items = [a.get_text() for a in page.select(".doc-item__title a")]
    assert items == ["Công văn số 100/UBND-VP"]
    options = " ".join(option.get_text() for option in page.select("option"))
    for hidden in ("Ban Nội bộ thử", "Người Ký Mật", "2019", "Kế hoạch"):
        assert hidden not in options
    assert "Sở Công khai thử (1)" in options
    # A filter naming the restricted page's issuer finds nothing.
    filtered = html(client, f"/van-ban/?issuer={pages['secret'].issuer_id}")
    assert "200/UBND-MAT" not in filtered


def test_a_restricted_citing_document_is_not_listed_and_not_linked(client, pages):
    text = html(client, pages["public"].url)
    assert "Văn bản dẫn chiếu đến văn bản này" not in text
    assert pages["secret"].url not in text
    # The citation stays as the text the document prints, unlinked.
    soup = BeautifulSoup(text, "html.parser")
    assert not soup.select(f'a[href="{pages["secret"].url}"]')
    assert "200/UBND-MAT" in soup.select_one(".references").get_text()


def test_an_explicit_link_to_a_restricted_page_is_not_followed(client, pages):
    reference = pages["public"].references.get()
    reference.target = pages["secret"]
    reference.save()
    assert pages["secret"].url not in html(client, pages["public"].url)


def test_news_lists_on_a_directive_page_show_only_public_news(client, pages):
    shown = make_news(title="Tin công khai về văn bản", target=pages["public"])
    hidden = make_news(title="Tin nội bộ về văn bản", target=pages["public"])
    restrict(hidden)
    text = html(client, pages["public"].url)
    assert shown.title in text
    assert hidden.title not in text


def test_other_news_leaves_out_restricted_news_even_when_chosen(client, site):
    reader = make_news(title="Tin đang đọc", date=date(2024, 1, 1))
    chosen = make_news(title="Tin liên quan bị hạn chế", date=date(2024, 1, 2))
    latest = make_news(title="Tin mới nhất bị hạn chế", date=date(2024, 6, 1))
    public = make_news(title="Tin công khai khác", date=date(2024, 2, 1))
    reader.related_news.add(chosen)
    reader.save_revision().publish()
    restrict(chosen)
    restrict(latest)
    titles = [item.title for item in reader.other_news()]
    assert titles == [public.title]
    text = html(client, reader.url)
    assert chosen.title not in text and latest.title not in text
