"""What every page carries around its content: a favicon, one meta description from its
subject, breadcrumbs below a section and the date it was last updated."""

from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import timezone

from wagtail.models import Site

from tests.factories import make_directive, make_news


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_favicon_is_ours_and_does_not_404(client, site):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
    icon = finders.find("favicon.ico")
    with open(icon, "rb") as file:
        assert file.read(4) == b"\0\0\1\0"  # the ICO signature
    linked = parse(client, "/").select_one("link[rel=icon]")
    assert linked["href"] == static("favicon.ico")


def test_one_meta_description_from_the_subject(client, site):
    page = make_directive(number="12/KH-UBND", subject="Kế hoạch thử nghiệm chuyển đổi số")
    descriptions = parse(client, page.url).select("meta[name=description]")
    assert [meta["content"] for meta in descriptions] == ["Kế hoạch thử nghiệm chuyển đổi số"]


def test_search_description_wins_and_is_not_repeated(client, site):
    page = make_news(title="Tin có mô tả", search_description="Mô tả do biên tập viên viết.")
    descriptions = parse(client, page.url).select("meta[name=description]")
    assert [meta["content"] for meta in descriptions] == ["Mô tả do biên tập viên viết."]


def test_breadcrumbs_below_a_section_only(client, site):
    page = make_directive(number="7/CV-UBND", title="Công văn số 7/CV-UBND")
    crumbs = parse(client, page.url).select(".breadcrumbs li")
    assert [" ".join(li.get_text().split()) for li in crumbs] == [
        "Trang chủ",
        "Văn bản",
        "Công văn số 7/CV-UBND",
    ]
    assert crumbs[-1].select_one("[aria-current=page]") is not None
    assert crumbs[1].a["href"] == "/van-ban/"
    # A section's trail would only repeat the navigation.
    assert parse(client, "/van-ban/").select(".breadcrumbs") == []


def test_last_update_in_vietnam_time(client, site):
    page = make_directive(number="8/CV-UBND")
    page.refresh_from_db()
    updated = parse(client, page.url).select_one(".last-updated")
    assert updated.get_text(" ", strip=True).startswith("Cập nhật lần cuối:")
    local = page.last_published_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert updated.time.get_text() == local.strftime("%H:%M %d/%m/%Y")


def contact(site):
    from home.models import PortalSettings

    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.site_name = "Cổng thử nghiệm"
    portal.address = "Số 2 đường Thử, phường Mẫu"
    portal.phone = "0200 111 222"
    portal.email = "hopthu@example.org"
    portal.responsible_person = "Trưởng ban biên tập thử"
    portal.save()


def test_footer_names_address_phone_email_and_the_person_responsible(client, site):
    contact(site)
    footer = parse(client, "/").select_one(".site-footer")
    lines = [" ".join(li.get_text().split()) for li in footer.select(".site-footer__contact li")]
    assert lines == [
        "Địa chỉ: Số 2 đường Thử, phường Mẫu",
        "Điện thoại: 0200 111 222",
        "Thư điện tử: hopthu@example.org",
        "Chịu trách nhiệm nội dung: Trưởng ban biên tập thử",
    ]
    assert footer.select_one("a[href='tel:0200111222']") is not None
    assert footer.select_one("a[href='mailto:hopthu@example.org']") is not None


def test_footer_leaves_out_what_is_not_filled_in(client, site):
    assert parse(client, "/").select(".site-footer__contact") == []


def test_print_header_names_the_site_its_address_and_the_day(client, site):
    contact(site)
    header = parse(client, "/").select_one(".print-header")
    text = " ".join(header.get_text().split())
    assert "Cổng thử nghiệm" in text and "Số 2 đường Thử, phường Mẫu" in text
    today = timezone.localdate()
    assert header.time["datetime"] == today.isoformat()
    assert header.time.get_text() == today.strftime("%d/%m/%Y")
