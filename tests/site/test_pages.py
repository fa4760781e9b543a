"""What readers see on each page type, read from the rendered HTML."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from news.models import NewsPage
from tests.factories import make_agency, make_directive, make_news

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_every_page_is_vietnamese_with_one_h1_and_a_skip_link(site, client):
    """lang="vi", a skip link to <main>, exactly one h1, labelled navigation."""
    directive = make_directive(number="5/UBND-VP")
    news = make_news()
    for url in ("/", "/van-ban/", directive.url, "/tin-tuc/", news.url, "/tim-kiem/?q=x"):
        page = soup(client.get(url))
        assert page.html["lang"] == "vi", url
        assert len(page.find_all("h1")) == 1, url
        skip = page.find("a", class_="skip-link")
        assert skip["href"] == "#main" and page.find("main", id="main"), url
        assert page.find("nav", attrs={"aria-label": "Chuyên mục chính"}), url


def test_navigation_marks_the_current_section(site, client):
    """The section a reader is in carries aria-current in the main navigation."""
    directive = make_directive(number="6/UBND-VP")
    nav = soup(client.get(directive.url)).find("nav", attrs={"aria-label": "Chuyên mục chính"})
    current = nav.find("a", attrs={"aria-current": True})
    assert current.get_text(strip=True) == "Văn bản"
    nav = soup(client.get("/van-ban/")).find("nav", attrs={"aria-label": "Chuyên mục chính"})
    assert nav.find("a", attrs={"aria-current": "page"}).get_text(strip=True) == "Văn bản"


def test_home_page_lists_latest_directives_news_and_sections(site, client):
    """The front page shows the newest directive and news item, a search box and the sections."""
    make_directive(number="100/UBND-VP", subject="V/v cũ", issued_on=date(2020, 1, 1))
    make_directive(number="200/UBND-VP", subject="V/v mới nhất", issued_on=date(2025, 1, 1))
    make_news(title="Tin mới về chuyển đổi số", date=date(2025, 2, 1))
    page = soup(client.get("/"))
    directives = page.find(id="latest-directives").find_parent("section")
    titles = [a.get_text(strip=True) for a in directives.select(".doc-item__title a")]
    assert titles[0] == "Công văn số 200/UBND-VP"
    assert "Tin mới về chuyển đổi số" in page.find(id="latest-news").find_parent("section").text
    assert page.find("form", attrs={"role": "search"}).find("input", attrs={"name": "q"})
    sections = [a.get_text(strip=True) for a in page.select(".sections a")]
    assert sections == ["Văn bản", "Tin tức"]


def test_directive_page_shows_its_properties_the_vietnamese_way(site, client):
    """The "Thuộc tính" block gives number, type, issuer, date, signer, status, effective date."""
    issuer = make_agency("Ủy ban nhân dân thành phố Vũng Tàu")
    directive = make_directive(
        number="4945/UBND-NV",
        subject="V/v triển khai Thông báo kết luận",
        issuer=issuer,
        issued_on=date(2023, 7, 13),
        effective_on=date(2023, 7, 20),
        validity="con-hieu-luc",
        place="Vũng Tàu",
        signer_authority="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Thị Thu Hương",
        recipients="Thủ trưởng các cơ quan chuyên môn\nChủ tịch UBND các phường, xã",
        distribution="Như trên\nLưu: VT, NV.",
        tasks=[{"agency": issuer, "text": "Báo cáo kết quả", "due_on": date(2023, 8, 30)}],
    )
    page = soup(client.get(directive.url))
    properties = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in page.select(".doc-properties dl > div")
    }
    assert properties["Số, ký hiệu"] == "4945/UBND-NV"
    assert properties["Loại văn bản"] == "Công văn"
    assert properties["Cơ quan ban hành"] == "Ủy ban nhân dân thành phố Vũng Tàu"
    assert properties["Ngày ban hành"] == "13/07/2023"
    assert properties["Người ký"] == "Nguyễn Thị Thu Hương (Phó chủ tịch)"
    assert properties["Tình trạng hiệu lực"] == "Còn hiệu lực"
    assert properties["Ngày có hiệu lực"] == "20/07/2023"
    document = page.find("article", class_="document")
    assert "Vũng Tàu, ngày 13 tháng 7 năm 2023" in document.get_text(" ", strip=True)
    assert [li.text for li in document.select(".document__recipients li")] == [
        "Thủ trưởng các cơ quan chuyên môn",
        "Chủ tịch UBND các phường, xã",
    ]
    assert "KT. CHỦ TỊCH" in document.select_one(".document__signature").text
    row = page.select_one(".tasks tbody tr")
    assert [td.get_text(strip=True) for td in row.find_all("td")] == [
        "Ủy ban nhân dân thành phố Vũng Tàu",
        "Báo cáo kết quả",
        "30/08/2023",
    ]


def test_a_day_left_blank_shows_the_printed_parts(site, client):
    """A document stamped without a day shows month and year, and says the day is missing."""
    directive = make_directive(number="", issued_on=None, issued_year=2022, issued_month=5)
    page = soup(client.get(directive.url))
    text = page.select_one(".doc-properties").get_text(" ", strip=True)
    assert "Chưa có số" in text
    assert "Tháng 5/2022 (chưa ghi ngày)" in text


def test_references_link_both_ways(site, client):
    """A cited document on the site is linked from the citing page, in its body too, and the
    cited page lists the citing one under "văn bản dẫn chiếu đến văn bản này"."""
    cited = make_directive(
        number="5436/UBND-VP", subject="V/v thực hiện trực tuyến", issued_on=date(2022, 5, 16)
    )
    citing = make_directive(
        number="3009/UBND-VP",
        subject="V/v triển khai",
        body="<p>Thực hiện Công văn số 5436/UBND-VP ngày 16/5/2022 và Văn bản số 1407/SNV-CCHC.</p>",
        references=[
            {"doc_type": "Công văn", "number": "5436/UBND-VP", "cited_on": date(2022, 5, 16)},
            {"doc_type": "Văn bản", "number": "1407/SNV-CCHC"},
        ],
    )
    page = soup(client.get(citing.url))
    refs = page.find(id="refs-title").find_parent("section")
    assert refs.find("a", href=cited.url).get_text(strip=True) == "Công văn số 5436/UBND-VP"
    assert "1407/SNV-CCHC" in refs.text and not refs.find("a", string=lambda s: "1407" in s)
    body_link = page.select_one(".document__body a.citation")
    assert body_link["href"] == cited.url and body_link.text == "5436/UBND-VP"

    back = soup(client.get(cited.url)).find(id="citedby-title").find_parent("section")
    assert back.find("a", href=citing.url)


def test_a_reference_links_once_the_cited_document_is_published(site, client):
    """Citing a number before its page exists leaves text; publishing the page links it."""
    citing = make_directive(
        number="1/UBND-VP", references=[{"doc_type": "Chỉ thị", "number": "012/CT-UBND"}]
    )
    refs = soup(client.get(citing.url)).find(id="refs-title").find_parent("section")
    assert refs.find("a") is None
    cited = make_directive(number="12/CT-UBND", doc_type="chi-thi", publish=False)
    assert (
        soup(client.get(citing.url)).find(id="refs-title").find_parent("section").find("a") is None
    )
    cited.save_revision().publish()
    refs = soup(client.get(citing.url)).find(id="refs-title").find_parent("section")
    assert refs.find("a")["href"] == cited.url


def test_listing_filters_count_and_noindex(site, client):
    """Filters from the query string narrow the list, options show counts, and a filtered
    page asks search engines not to index it."""
    sở = make_agency("Sở Nội vụ", "SNV")
    ubnd = make_agency()
    make_directive(
        number="1/QĐ-UBND", doc_type="quyet-dinh", issuer=ubnd, issued_on=date(2023, 3, 1)
    )
    make_directive(
        number="2/UBND-VP", issuer=ubnd, issued_on=date(2024, 3, 1), signer_name="Lê Văn A"
    )
    make_directive(
        number="3/SNV-CCHC", issuer=sở, issued_on=date(2024, 6, 1), signer_name="Lê Văn A"
    )

    page = soup(client.get("/van-ban/"))
    assert page.select_one(".results__count").text.strip() == "3 văn bản"
    assert page.find("meta", attrs={"name": "robots"}) is None
    years = {o["value"]: o.text for o in page.select("#f-year option") if o["value"]}
    assert years == {"2024": "2024 (2)", "2023": "2023 (1)"}

    page = soup(client.get("/van-ban/", {"year": 2024, "signer": "Lê Văn A", "issuer": sở.pk}))
    assert page.select_one(".results__count").text.strip() == "1 văn bản"
    assert [a.text for a in page.select(".doc-item__title a")] == ["Công văn số 3/SNV-CCHC"]
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"

    page = soup(client.get("/van-ban/", {"doc_type": "quyet-dinh"}))
    assert [a.text for a in page.select(".doc-item__title a")] == ["Quyết định số 1/QĐ-UBND"]


def test_listing_is_paginated_newest_first_and_bad_pages_are_harmless(site, client):
    """21 directives make two pages, newest first; a nonsense page number shows a real page."""
    for day in range(1, 22):
        make_directive(number=f"{day}/UBND-VP", issued_on=date(2024, 1, day))
    first = soup(client.get("/van-ban/"))
    assert first.select_one(".doc-item__title a").text == "Công văn số 21/UBND-VP"
    assert len(first.select(".doc-item")) == 20
    assert soup(client.get("/van-ban/", {"page": "2"})).select_one(".doc-item__title a").text == (
        "Công văn số 1/UBND-VP"
    )
    assert len(soup(client.get("/van-ban/", {"page": "abc"})).select(".doc-item")) == 20
    assert len(soup(client.get("/van-ban/", {"page": "999"})).select(".doc-item")) == 1


def test_news_page_shows_source_reads_tools_and_other_news(site, client):
    """A news item links its source directive, shows the read count, the reading tools and
    other news."""
    directive = make_directive(number="5436/UBND-VP")
    older = make_news(title="Tin cũ hơn", date=date(2022, 5, 1))
    news = make_news(
        title="Tin về 5436", date=date(2022, 5, 20), target=directive, lead="Tóm tắt tin."
    )
    page = soup(client.get(news.url))
    source = page.select_one(".news__source")
    assert source.find("a")["href"] == directive.url
    assert "Công văn số 5436/UBND-VP" in source.text
    assert page.select_one(".news__reads").text == "0"
    labels = [b.get_text() for b in page.select(".reading-tools button")]
    assert labels == [
        "A- (giảm cỡ chữ)",
        "A (cỡ chữ mặc định)",
        "A+ (tăng cỡ chữ)",
        "In trang này",
    ]
    others = page.find(id="other-news-title").find_parent("section")
    assert others.find("a", href=older.url)
    assert "20/05/2022" in page.select_one(".news__meta").text


def test_news_source_as_text(site, client):
    """Without a directive on the site the source is the editor's text."""
    news = make_news(citation="Văn bản số 5436/UBND-VP")
    assert "Văn bản số 5436/UBND-VP" in soup(client.get(news.url)).select_one(".news__source").text


def test_read_counter_counts_once_per_reader(site, client):
    """The beacon adds one reading; the same reader again within the window adds nothing."""
    news = make_news()
    url = f"/tin-tuc/doc/{news.pk}/"
    same_site = {"HTTP_ORIGIN": "http://testserver"}
    assert client.post(url, **same_site).status_code == 204
    assert client.post(url, **same_site).status_code == 204
    assert NewsPage.objects.get(pk=news.pk).read_count == 1
    assert client.get(url).status_code == 405
    client.post(url, REMOTE_ADDR="10.0.0.9", **same_site)
    assert NewsPage.objects.get(pk=news.pk).read_count == 2


def test_draft_news_is_not_counted(site, client):
    """A draft cannot be counted through the beacon."""
    news = make_news(publish=False)
    client.post(f"/tin-tuc/doc/{news.pk}/", HTTP_ORIGIN="http://testserver")
    assert NewsPage.objects.get(pk=news.pk).read_count == 0


def test_metadata_has_its_own_admin_tab(site, client, django_user_model):
    """The editor finds the document's properties in a "Thuộc tính văn bản" tab of the editor."""
    directive = make_directive(number="7/UBND-VP")
    editor = django_user_model.objects.create_superuser("bientap", "b@example.vn", "x")
    client.force_login(editor)
    response = client.get(f"/admin/pages/{directive.pk}/edit/")
    page = soup(response)
    tab = next(t for t in page.select("[role=tab]") if "Thuộc tính văn bản" in t.get_text())
    panel = page.find(id=tab["href"].lstrip("#"))
    assert panel.find("input", attrs={"name": "number"})
    assert panel.find("select", attrs={"name": "doc_type"})
