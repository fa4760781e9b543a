"""sitemap.xml: an index of sections, each a valid sitemap of the live, public pages with
their last change; split when the pages outnumber a section's limit; named in robots.txt."""

from lxml import etree

from django.utils import timezone

from wagtail.models import Page

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def get_xml(client, url: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def sitemap_urls(client) -> dict[str, str]:
    index = get_xml(client, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    found = {}
    for location in index.iter(f"{SM}loc"):
        section = get_xml(client, location.text.replace("http://testserver", ""))
        assert section.tag == f"{SM}urlset"
        for url in section.iter(f"{SM}url"):
            found[url.findtext(f"{SM}loc")] = url.findtext(f"{SM}lastmod")
    return found


def test_sitemap_lists_public_pages_with_lastmod(client, portal):
    found = sitemap_urls(client)
    for name in ("directive", "cited", "other", "news", "procedure"):
        page = Page.objects.get(pk=portal[name].pk)
        published = timezone.localtime(page.last_published_at).date()
        assert found[page.get_full_url()] == published.isoformat(), name
    # A list changes when an item in it does: the catalogue's lastmod is its procedure's.
    procedure = Page.objects.get(pk=portal["procedure"].pk)
    assert found[portal["catalogue"].get_full_url()] == found[procedure.get_full_url()]
    home = procedure.get_parent().get_parent()
    assert found[home.get_full_url()] == max(found.values())
    for name in ("draft", "hidden", "news_draft", "news_hidden", "procedure_hidden"):
        assert portal[name].get_full_url() not in found, name


def test_sitemap_is_split_past_the_limit(client, portal, settings):
    """Past ``PORTAL_SITEMAP_LIMIT`` addresses the index names several sections, together
    holding every public page once."""
    whole = sitemap_urls(client)
    settings.PORTAL_SITEMAP_LIMIT = 3
    index = get_xml(client, "/sitemap.xml")
    sections = [loc.text for loc in index.iter(f"{SM}loc")]
    assert len(sections) == -(-len(whole) // 3) > 1
    assert sitemap_urls(client) == whole


def test_robots_txt_names_the_sitemap(client, site):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.splitlines()
