"""Atom feeds: valid Atom, entries with title, number, date, summary and address, the list's
filters honoured, and no draft or restricted page in any of them."""

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def read_feed(client, url: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith(url)
    for entry in feed.iter(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return feed


def entries(feed) -> list[dict]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "number": entry.findtext(f"{DC}identifier") or "",
            "summary": entry.findtext(f"{ATOM}summary") or "",
            "published": entry.findtext(f"{ATOM}published") or "",
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


def assert_nothing_hidden(feed_entries, hidden_titles):
    text = " ".join(entry["title"] + entry["summary"] for entry in feed_entries)
    for title in hidden_titles:
        assert title not in text


def test_directive_feed_has_public_directives_with_their_data(client, portal, hidden_titles):
    """Every public directive is an entry: number, issue date, subject, full address."""
    found = entries(read_feed(client, "/nguon-tin/van-ban/"))
    directive = portal["directive"]
    entry = next(e for e in found if e["number"] == directive.number)
    assert directive.subject in entry["title"]
    assert entry["link"] == directive.get_full_url()
    assert entry["published"].startswith("2024-05-16")
    assert directive.subject in entry["summary"]
    assert {e["number"] for e in found} == {"5436/UBND-VP", "100/UBND-VP", "12/KH-SNV"}
    assert_nothing_hidden(found, hidden_titles)


def test_directive_feed_takes_the_list_filters(client, portal):
    """The list's query string filters the feed exactly as it filters the page."""
    by_type = entries(read_feed(client, "/nguon-tin/van-ban/?doc_type=ke-hoach"))
    assert [e["number"] for e in by_type] == ["12/KH-SNV"]
    by_year = entries(read_feed(client, "/nguon-tin/van-ban/?year=2023"))
    assert [e["number"] for e in by_year] == ["100/UBND-VP"]
    issuer = portal["department"].pk
    assert [
        e["number"] for e in entries(read_feed(client, f"/nguon-tin/van-ban/?issuer={issuer}"))
    ] == ["12/KH-SNV"]


def test_directive_feed_drops_an_invalid_filter(client, portal):
    """A filter that cannot be read is ignored (as on the page), never a server error."""
    feed = read_feed(client, "/nguon-tin/van-ban/?year=1e400&issuer=%00")
    assert len(entries(feed)) == 3
    assert "“Năm ban hành” không hợp lệ" in feed.findtext(f"{ATOM}subtitle")


def test_agency_feed_lists_that_agency_only(client, portal, hidden_titles):
    from syndication.eli import issuer_slug

    slug = issuer_slug(portal["province"])
    found = entries(read_feed(client, f"/co-quan/{slug}/feed/"))
    assert {e["number"] for e in found} == {"5436/UBND-VP", "100/UBND-VP"}
    assert_nothing_hidden(found, hidden_titles)
    assert client.get("/co-quan/khong-co-co-quan-nay/feed/").status_code == 404


def test_news_feed(client, portal, hidden_titles):
    found = entries(read_feed(client, "/nguon-tin/tin-tuc/"))
    assert [e["title"] for e in found] == [portal["news"].title]
    assert found[0]["summary"] == "Tóm tắt tin."
    assert found[0]["number"] == "5436/UBND-VP"
    assert found[0]["published"].startswith("2024-05-18")
    assert_nothing_hidden(found, hidden_titles)


def test_procedure_feed_has_new_procedures_and_level_changes(client, portal, hidden_titles):
    found = entries(read_feed(client, "/nguon-tin/thu-tuc/"))
    procedure = portal["procedure"]
    titles = [e["title"] for e in found]
    assert f"Thủ tục mới: {procedure.title}" in titles
    change = next(e for e in found if e["title"].startswith(f"{procedure.title}: toàn trình"))
    assert change["number"] == "1.000001"
    assert change["published"].startswith("2024-07-01")
    assert "Quyết định số 7/QĐ-UBND" in change["summary"]
    assert_nothing_hidden(found, hidden_titles)


def test_procedure_feed_has_new_obligations_of_public_directives_only(client, portal):
    from procedures.models import Obligation

    Obligation.objects.create(directive=portal["directive"], starts_on="2024-05-20", confirmed=True)
    Obligation.objects.create(directive=portal["directive"], starts_on="2025-01-01")
    Obligation.objects.create(directive=portal["hidden"], confirmed=True)
    Obligation.objects.create(directive=portal["draft"], confirmed=True)
    found = entries(read_feed(client, "/nguon-tin/thu-tuc/"))
    obligations = [e for e in found if "trực tuyến" in e["title"] and "số" in e["title"]]
    assert [e["number"] for e in obligations] == ["5436/UBND-VP"]
    assert "20/05/2024" in obligations[0]["summary"]  # not the importer's unconfirmed proposal


def test_search_feed(client, portal, hidden_titles):
    """A search's feed has the search's public results; the hidden pages never."""
    found = entries(read_feed(client, "/nguon-tin/tim-kiem/?q=ho+so+truc+tuyen"))
    assert portal["directive"].number in [e["number"] for e in found]
    assert any(e["title"] == portal["news"].title for e in found)
    assert_nothing_hidden(found, hidden_titles)
    mat = entries(read_feed(client, "/nguon-tin/tim-kiem/?q=mat"))
    assert_nothing_hidden(mat, hidden_titles)


def test_search_feed_without_a_query_is_empty(client, portal):
    assert entries(read_feed(client, "/nguon-tin/tim-kiem/")) == []


def test_lists_link_their_feed_in_the_head_and_beside_the_list(client, portal):
    """Each list has <link rel="alternate"> in its head and a visible link to the same feed."""
    from bs4 import BeautifulSoup

    pages = {
        "/van-ban/?year=2024": "/nguon-tin/van-ban/?year=2024",
        "/tin-tuc/": "/nguon-tin/tin-tuc/",
        portal["catalogue"].url: "/nguon-tin/thu-tuc/",
        "/tim-kiem/?q=truc+tuyen": "/nguon-tin/tim-kiem/?q=truc+tuyen",
    }
    for url, feed in pages.items():
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        alternate = soup.head.find("link", rel="alternate", type="application/atom+xml")
        assert alternate["href"] == feed, url
        visible = soup.body.find("a", class_="feed-link")
        assert visible["href"] == feed, url
        read_feed(client, feed)
