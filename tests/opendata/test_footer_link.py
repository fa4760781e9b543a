"""Every page's footer leads to the open data page, the API and the sitemap."""

from bs4 import BeautifulSoup


def test_the_footer_links_open_data_api_and_sitemap(client, site):
    soup = BeautifulSoup(client.get(site.url).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("footer.site-footer a")}
    assert links["Dữ liệu mở"] == "/du-lieu-mo/"
    assert client.get(links["Dữ liệu mở"]).status_code == 200
    assert links["Sơ đồ trang"] == "/sitemap.xml"
    assert links["API"] == "/api/v1/docs"
