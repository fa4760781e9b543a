"""The sample site's general pages: a section holding a page, a recurring event and a link,
labelled as sample. Idempotent: what is there is kept, what is missing is added."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.html import escape

from content.models import ContentPage, EventPage, LinkPage, SectionPage
from home.sample.content import PROVINCE

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SECTION_SLUG = "gioi-thieu"
SAMPLE_NOTE = "Dữ liệu mẫu: trang này do dự án soạn để minh họa cổng thông tin."


def load_sample_content(home, directives_index) -> dict[str, int]:
    """Add the sample section and its pages under ``home``; return how many pages were made."""
    made = 0
    section = SectionPage.objects.child_of(home).filter(slug=SECTION_SLUG).first()
    if section is None:
        section = home.add_child(
            instance=SectionPage(
                title="Giới thiệu",
                slug=SECTION_SLUG,
                show_in_menus=True,
                search_description=f"Giới thiệu {PROVINCE} và các sự kiện của tỉnh (mẫu).",
                intro=f"<p>Thông tin chung về {escape(PROVINCE)}, sự kiện và liên kết hữu ích. "
                f"{escape(SAMPLE_NOTE)}</p>",
            )
        )
        section.save_revision().publish()
        made += 1
    children = {page.slug for page in section.get_children()}
    if "tong-quan" not in children:
        page = ContentPage(
            title=f"Tổng quan về {PROVINCE}",
            slug="tong-quan",
            lead=f"Vị trí, dân số và đơn vị hành chính của {PROVINCE} (dữ liệu mẫu).",
            body=(
                f"<p>{escape(SAMPLE_NOTE)}</p>"
                "<h2>Vị trí địa lý</h2>"
                f"<p>{escape(PROVINCE[0].upper() + PROVINCE[1:])} là tỉnh giả định, nằm ven một dòng sông "
                "xanh, có đồng bằng, trung du và một đoạn bờ biển ngắn.</p>"
                "<h2>Đơn vị hành chính</h2>"
                "<ul><li>1 thành phố</li><li>2 thị xã</li><li>7 huyện</li></ul>"
            ),
        )
        section.add_child(instance=page)
        page.tags.add("giới thiệu", "chuyển đổi số")
        page.save_revision().publish()
        made += 1
    if "ngay-hoi-chuyen-doi-so" not in children:
        event = EventPage(
            title="Ngày hội Chuyển đổi số",
            slug="ngay-hoi-chuyen-doi-so",
            lead="Ngày hội hằng năm giới thiệu các dịch vụ công trực tuyến tới người dân "
            "(sự kiện mẫu).",
            body=f"<p>Trưng bày, hướng dẫn nộp hồ sơ trực tuyến, giải đáp thắc mắc. "
            f"{escape(SAMPLE_NOTE)}</p>",
            start=dt.datetime(2024, 10, 10, 8, 0, tzinfo=ZONE),
            end=dt.datetime(2024, 10, 10, 11, 30, tzinfo=ZONE),
            recurrence="RRULE:FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=10",
            location="Quảng trường trung tâm, tỉnh Sông Xanh (giả định)",
            contact_name="Văn phòng Sở Thông tin và Truyền thông (giả định)",
            contact_email="lienhe@example.org",
            contact_phone="0200 000 001",
            attendees="Người dân\nDoanh nghiệp\nCán bộ một cửa",
        )
        section.add_child(instance=event)
        event.tags.add("chuyển đổi số", "sự kiện")
        event.save_revision().publish()
        made += 1
    if "tra-cuu-van-ban" not in children:
        link = LinkPage(
            title="Tra cứu văn bản chỉ đạo",
            slug="tra-cuu-van-ban",
            search_description="Lối tắt tới danh sách văn bản chỉ đạo điều hành (mẫu).",
            link_page=directives_index,
        )
        section.add_child(instance=link)
        link.save_revision().publish()
        made += 1
    return {"content": made}
