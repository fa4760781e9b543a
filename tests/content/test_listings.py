"""Sections list their children in editors' order; links redirect; collections select by
path, type, tag and date; tags link pages of every type; content pages are searchable."""

from datetime import UTC, date, datetime

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from content.models import CollectionPage, ContentPage, EventPage, LinkPage, SectionPage
from directives.models import DirectivePage
from search.query import understand
from search.service import search
from tests.factories import directive_index, make_directive, make_news, make_page


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(document):
    return [link.get_text(strip=True) for link in document.select(".news-item__title a")]


def published_on(page, when: datetime):
    """Set the day a page was first published (as an import of dated items does)."""
    type(page).objects.filter(pk=page.pk).update(first_published_at=when)


# Sections


def test_a_section_lists_its_public_children_in_editors_order(client, site):
    section = make_page(site, SectionPage, title="Giới thiệu")
    first = make_page(section, ContentPage, title="Lịch sử", lead="Từ năm 1900.")
    second = make_page(section, ContentPage, title="Địa lý")
    third = make_page(
        section, EventPage, title="Lễ hội", start=datetime(2024, 4, 20, 17, tzinfo=UTC)
    )
    make_page(section, ContentPage, title="Bản nháp", publish=False)
    assert listed_titles(html(client, section.url)) == ["Lịch sử", "Địa lý", "Lễ hội"]
    # The editor moves the event first: the section follows.
    third.move(first, pos="left")
    document = html(client, section.url)
    assert listed_titles(document) == ["Lễ hội", "Lịch sử", "Địa lý"]
    entries = document.select(".news-item")
    assert entries[0].select_one("time")["datetime"] == "2024-04-21"  # the local start day
    assert entries[1].select_one(".news-item__lead").get_text() == "Từ năm 1900."
    assert second.title in document.get_text()


def test_a_long_section_is_paginated(client, site):
    section = make_page(site, SectionPage, title="Nhiều trang")
    for number in range(SectionPage.page_size + 3):
        make_page(section, ContentPage, title=f"Trang {number:02d}")
    assert len(listed_titles(html(client, section.url))) == SectionPage.page_size
    second = html(client, section.url + "?page=2")
    assert listed_titles(second) == [f"Trang {n:02d}" for n in range(20, 23)]
    assert second.select_one('meta[name="robots"]')["content"].startswith("noindex")


# Links


def test_a_link_to_a_page_redirects_to_where_the_page_is_now(client, site):
    target = make_directive(number="1/QĐ-UBND", subject="V/v đích")
    link = make_page(site, LinkPage, link_page=target)
    response = client.get(link.url)
    assert response.status_code == 302 and response["Location"] == target.url
    target.slug = "doi-ten"
    target.save_revision().publish()
    target.refresh_from_db()
    assert client.get(link.url)["Location"] == target.url


def test_a_link_is_not_in_the_sitemap_but_its_target_is(client, site):
    target = make_directive(number="4/QĐ-UBND")
    link = make_page(site, LinkPage, link_page=target, slug="loi-tat")
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert target.full_url in sitemap
    assert "loi-tat" not in sitemap and link.full_url not in sitemap


def test_a_link_to_an_address_redirects_there(client, site):
    link = make_page(site, LinkPage, link_url="https://dichvucong.gov.vn/")
    response = client.get(link.url)
    assert response.status_code == 302 and response["Location"] == "https://dichvucong.gov.vn/"


def test_a_link_whose_page_is_unpublished_answers_404(client, site):
    target = make_directive(number="2/QĐ-UBND")
    link = make_page(site, LinkPage, link_page=target)
    target.unpublish()
    assert client.get(link.url).status_code == 404


@pytest.mark.parametrize("both", [True, False])
def test_a_link_needs_exactly_one_target(site, both):
    fields = {"link_page": directive_index(), "link_url": "https://a.vn/"} if both else {}
    with pytest.raises(ValidationError) as error:
        LinkPage(title="x", slug="x", **fields).clean()
    assert "Chọn đúng một đích" in str(error.value.message_dict["link_url"])


# Collections


@pytest.fixture
def tree(site):
    """A section with two directives and a page inside, a news item and a page outside."""
    section = make_page(site, SectionPage, title="Văn bản quản lý")
    old = make_directive(number="1/KH-UBND", title="Kế hoạch cũ", parent=section)
    new = make_directive(number="2/KH-UBND", title="Kế hoạch mới", parent=section)
    inner = make_page(section, ContentPage, title="Hướng dẫn", tags=["Chuyển đổi số"])
    outer = make_page(site, ContentPage, title="Giới thiệu", tags=["du lịch"])
    news = make_news(title="Tin chuyển đổi số")
    news.tags.add("chuyển đổi số")
    news.save_revision().publish()
    make_directive(number="3/KH-UBND", title="Kế hoạch nháp", parent=section, publish=False)
    published_on(old, datetime(2023, 3, 1, 2, tzinfo=UTC))
    published_on(new, datetime(2024, 3, 1, 2, tzinfo=UTC))
    published_on(inner, datetime(2024, 6, 1, 2, tzinfo=UTC))
    published_on(outer, datetime(2022, 1, 1, 2, tzinfo=UTC))
    published_on(news, datetime(2024, 7, 1, 2, tzinfo=UTC))
    return {"section": section, "old": old, "new": new, "inner": inner, "news": news}


def selected(site, **fields):
    collection = make_page(site, CollectionPage, title="Tổng hợp", **fields)
    return [page.title for page in collection.selected_pages()]


def test_collection_by_path(site, tree):
    criteria = {"path": tree["section"].pk}
    assert selected(site, criteria=criteria) == ["Hướng dẫn", "Kế hoạch mới", "Kế hoạch cũ"]


def test_collection_by_type_and_path(site, tree):
    criteria = {"path": tree["section"].pk, "types": ["directives.DirectivePage"]}
    assert selected(site, criteria=criteria) == ["Kế hoạch mới", "Kế hoạch cũ"]
    # Saving refuses an unknown type (clean()); a stored one selects nothing.
    unknown = CollectionPage(title="x", slug="x", criteria={"types": ["khong.CoLoaiNay"]})
    assert list(unknown.selected_pages()) == []


def test_collection_by_tag_in_any_case_and_across_types(site, tree):
    criteria = {"tags": ["chuyển đổi số"]}
    assert selected(site, criteria=criteria) == ["Tin chuyển đổi số", "Hướng dẫn"]


def test_collection_by_dates_sorted_by_title_and_limited(site, tree):
    criteria = {"start": "2024-01-01", "end": "2024-06-30"}
    assert selected(site, criteria=criteria) == ["Hướng dẫn", "Kế hoạch mới"]
    assert selected(site, criteria=criteria, sort_on="title") == ["Hướng dẫn", "Kế hoạch mới"]
    everything = {"types": ["directives.DirectivePage", "content.ContentPage"]}
    assert selected(site, criteria=everything, sort_on="title", limit=2) == [
        "Giới thiệu",
        "Hướng dẫn",
    ]


def test_collection_page_lists_and_shows_unmapped_criteria_to_editors_only(client, site, tree):
    collection = make_page(
        site,
        CollectionPage,
        title="Văn bản mới",
        criteria={"path": tree["section"].pk, "types": ["directives.DirectivePage"]},
        unmapped="review_state: published",
    )
    document = html(client, collection.url)
    assert listed_titles(document) == ["Kế hoạch mới", "Kế hoạch cũ"]
    assert "review_state" not in document.get_text()
    editor = get_user_model().objects.create_superuser("bientap", "b@example.org", "x")
    client.force_login(editor)
    assert "review_state: published" in html(client, collection.url).get_text()


def test_collection_criteria_are_checked_in_vietnamese(site):
    page = CollectionPage(
        title="x",
        slug="x",
        criteria={"path": 999999, "types": ["directives.Agency"], "start": "hôm qua", "x": 1},
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    problems = " ".join(error.value.message_dict["criteria"])
    for expected in ("Không có trang mã 999999", "Không có loại trang directives.Agency"):
        assert expected in problems
    assert "start phải là một ngày" in problems and "không dùng được: x" in problems


# Tags


def test_tags_link_pages_of_every_type_to_one_listing(client, site, tree):
    directive = tree["new"]
    directive.tags.add("chuyển đổi số")
    directive.save_revision().publish()
    document = html(client, directive.url)
    link = document.select_one('.tags a[rel="tag"]')
    assert link.get_text() == "chuyển đổi số"
    listing = html(client, link["href"])
    assert listing.select_one("h1").get_text() == "Chủ đề: chuyển đổi số"
    assert set(listed_titles(listing)) == {"Kế hoạch mới", "Tin chuyển đổi số"}
    news_page = html(client, tree["news"].url)
    assert news_page.select_one('.tags a[rel="tag"]')["href"] == link["href"]
    assert client.get("/chu-de/khong-co-chu-de-nay/").status_code == 404


# Search


def test_content_pages_and_events_are_found_by_the_portal_search(site):
    section = make_page(site, SectionPage, title="Giới thiệu")
    make_page(section, ContentPage, title="Quy chế văn hóa công sở", body="<p>Trang phục.</p>")
    make_page(
        section,
        EventPage,
        title="Hội thi văn hóa công sở",
        start=datetime(2024, 5, 1, 1, tzinfo=UTC),
    )
    hits = {hit.title: hit for hit in search(understand("van hoa cong so")).hits}
    assert hits["Quy chế văn hóa công sở"].label == "Trang"
    assert hits["Hội thi văn hóa công sở"].label == "Sự kiện"
    assert hits["Hội thi văn hóa công sở"].kind == "event"


def test_tag_listing_date_is_the_directive_issue_date(client, site):
    directive = make_directive(number="5/QĐ-UBND", issued_on=date(2021, 2, 3))
    directive.tags.add("an toàn")
    directive.save_revision().publish()
    assert DirectivePage.objects.get(pk=directive.pk).tags.count() == 1
    listing = html(client, "/chu-de/an-toàn/")
    assert listing.select_one(".news-item time")["datetime"] == "2021-02-03"
