"""The procedure page and the catalogue, rendered and read back."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from directives.vocabulary import ValidityStatus
from procedures.models import ProcedureIndexPage, ProcedurePage
from procedures.rules import NO_OBLIGATION
from procedures.vocabulary import OnlineLevel
from tests.factories import catalogue, make_model_case, make_procedure

MODEL_SENTENCE = (
    "Từ ngày 20/05/2022, thủ tục này phải nộp trực tuyến (không nhận hồ sơ giấy) theo "
    "Công văn số 5436/UBND-VP ngày 16/05/2022 của UBND tỉnh Bà Rịa – Vũng Tàu và "
    "Công văn số 1712/UBND-VP ngày 18/05/2022 của UBND thành phố Vũng Tàu "
    "(thực hiện Công văn số 5436/UBND-VP)."
)


@pytest.fixture
def case(site):
    index = catalogue(site)
    return {"index": index, **make_model_case(index)}


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def answer_text(page) -> str:
    return " ".join(page.select_one(".online-answer__sentence").get_text().split())


def test_model_case_page_gives_the_answer_with_its_chain(client, case):
    """The covered procedure says online only since 20/05/2022 under 5436/UBND-VP, and
    links both documents, the city's marked as implementing the province's."""
    page = soup(client, case["covered"].url)
    assert answer_text(page) == MODEL_SENTENCE
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".online-answer a")}
    assert any("5436/UBND-VP" in text for text in links)
    assert case["province"].url in links.values()
    assert case["city"].url in links.values()
    assert "thực hiện Công văn số 5436/UBND-VP" in page.select_one(".online-answer").get_text()
    assert len(page.find_all("h1")) == 1
    assert page.find("html")["lang"] == "vi"


def test_a_procedure_not_covered_says_so(client, case):
    for key in ("citizens", "offline"):
        assert answer_text(soup(client, case[key].url)) == NO_OBLIGATION


def test_before_the_start_date_it_is_not_yet_required(client, case):
    page = soup(client, case["covered"].url + "?ngay=2022-05-19")
    text = answer_text(page)
    assert text == ("Ngày 19/05/2022, thủ tục này chưa bắt buộc nộp trực tuyến. " + MODEL_SENTENCE)
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")


def test_a_bad_date_falls_back_to_today_with_a_message(client, case):
    page = soup(client, case["covered"].url + "?ngay=20-05-2022x")
    assert "không hợp lệ" in page.select_one(".notice").get_text()
    assert answer_text(page) == MODEL_SENTENCE


def test_a_day_written_day_first_is_read_not_ignored(client, case):
    """?ngay=19/05/2022 is the 19th of May, as on every Vietnamese form; the page answers for
    that day, with no notice, and the catalogue filters on it."""
    page = soup(client, case["covered"].url + "?ngay=19/05/2022")
    assert page.select_one(".notice") is None
    assert answer_text(page).startswith("Ngày 19/05/2022, thủ tục này chưa bắt buộc")
    url = case["index"].url
    assert titles(soup(client, url + "?online_now=1&ngay=19/05/2022")) == []
    assert titles(soup(client, url + "?online_now=1&ngay=20/05/2022")) == [case["covered"].title]


def test_an_unreadable_day_says_how_to_write_one(client, case):
    page = soup(client, case["covered"].url + "?ngay=31/02/2022")
    notice = page.select_one(".notice").get_text()
    assert "“31/02/2022” không hợp lệ" in notice
    assert "ngày/tháng/năm" in notice


def test_an_ended_obligation_no_longer_applies(client, case):
    obligation = case["province"].obligations.get()
    obligation.ends_on = date(2023, 12, 31)
    obligation.save()
    city_obligation = case["city"].obligations.get()
    city_obligation.ends_on = date(2023, 12, 31)
    city_obligation.save()
    assert answer_text(soup(client, case["covered"].url + "?ngay=2023-12-31")) == MODEL_SENTENCE
    later = answer_text(soup(client, case["covered"].url + "?ngay=2024-01-01"))
    assert later.startswith("Ngày 01/01/2024, thủ tục này không còn bắt buộc nộp trực tuyến.")
    assert "đã hết áp dụng sau ngày 31/12/2023" in later


def _expire(*pages, on=None):
    for page in pages:
        page.validity = ValidityStatus.EXPIRED
        page.expired_on = on
        page.save_revision().publish()


def test_a_document_no_longer_in_force_binds_until_the_day_it_stopped(client, case):
    """Set to "Hết hiệu lực toàn bộ" from 01/03/2024, the documents bind to the day before;
    the answer for a day before still applies them."""
    _expire(case["province"], case["city"], on=date(2024, 3, 1))
    assert answer_text(soup(client, case["covered"].url + "?ngay=2024-02-29")) == MODEL_SENTENCE
    after = answer_text(soup(client, case["covered"].url + "?ngay=2024-03-01"))
    assert after.startswith("Ngày 01/03/2024, thủ tục này không còn bắt buộc nộp trực tuyến.")
    assert "không còn áp dụng từ ngày 01/03/2024 (văn bản hết hiệu lực)" in after


def test_a_document_no_longer_in_force_from_an_unknown_day_binds_nobody(client, case):
    _expire(case["province"], case["city"])
    text = answer_text(soup(client, case["covered"].url))
    assert "phải nộp trực tuyến (không nhận hồ sơ giấy)" not in text
    assert "văn bản đã hết hiệu lực toàn bộ" in text


def test_an_unpublished_directive_imposes_nothing(client, case):
    case["province"].unpublish()
    case["city"].unpublish()
    assert answer_text(soup(client, case["covered"].url)) == NO_OBLIGATION


def test_procedure_page_shows_its_fields(client, case):
    page = soup(client, case["covered"].url)
    properties = page.select_one(".doc-properties").get_text(" ", strip=True)
    for text in (
        "2.000101",
        "Tổ chức cán bộ",
        "Cấp huyện",
        "Cơ quan nhà nước (nội bộ)",
        "Toàn trình",
    ):
        assert text in properties


def test_directive_page_lists_its_obligations(client, case):
    page = soup(client, case["city"].url)
    section = page.find(id="obligations-title").parent
    text = section.get_text(" ", strip=True)
    assert "Chỉ nhận hồ sơ trực tuyến" in text
    assert "Thực hiện Công văn số 5436/UBND-VP" in text
    assert "Từ 20/05/2022" in text


def titles(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".procedure-item__title a")]


def test_catalogue_lists_and_filters(client, case):
    url = case["index"].url
    assert len(titles(soup(client, url))) == 3
    page = soup(client, url + "?audience=internal")
    assert sorted(titles(page)) == sorted([case["covered"].title, case["offline"].title])
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert titles(soup(client, url + "?online_now=1")) == [case["covered"].title]
    assert titles(soup(client, url + "?online_now=1&ngay=2022-05-19")) == []
    assert titles(soup(client, url + "?level=xa")) == [case["citizens"].title]
    assert titles(soup(client, url + "?online_level=khong")) == [case["offline"].title]
    assert titles(soup(client, url + "?field=H%E1%BB%99%20t%E1%BB%8Bch")) == [
        case["citizens"].title
    ]
    assert titles(soup(client, url + "?level=bogus")) == []


def test_catalogue_search_folds_and_finds_codes(client, case):
    url = case["index"].url
    assert titles(soup(client, url + "?q=dang+ky+khai+sinh")) == [case["citizens"].title]
    assert titles(soup(client, url + "?q=2.000303")) == [case["offline"].title]
    assert titles(soup(client, url + "?q=không+có+gì+như+thế")) == []


def test_catalogue_sorts_and_paginates(client, case, monkeypatch):
    index = case["index"]
    for n in range(30):
        make_procedure(index, f"3.{n:06d}", title=f"Thủ tục phân trang {n:02d}")
    monkeypatch.setattr(ProcedureIndexPage, "page_size", 10)
    first = soup(client, index.url + "?sort=ma")
    assert titles(first)[0] == case["citizens"].title  # 1.000202 sorts first
    assert first.select_one(".pagination")
    last = soup(client, index.url + "?sort=ma&page=4")
    assert titles(last)[-1] == "Thủ tục phân trang 29"
    assert ProcedurePage.objects.count() == 33


def test_catalogue_marks_must_online_items(client, case):
    page = soup(client, case["index"].url)
    online = page.select(".procedure-item__answer--online")
    assert len(online) == 1
    assert "20/05/2022" in online[0].get_text()


def test_page_types_are_placed_right(case):
    from home.models import HomePage

    assert ProcedureIndexPage in HomePage.allowed_subpage_models()
    assert ProcedureIndexPage.allowed_parent_page_models() == [HomePage]
    assert ProcedurePage.allowed_parent_page_models() == [ProcedureIndexPage]
    assert case["covered"].online_level == OnlineLevel.FULL


@pytest.mark.django_db
def test_sample_catalogue_loads_once_with_the_model_case(client):
    """The sample site has at least 50 procedures of every kind, the province's dispatch and
    the city's implementing it; the catalogue is in the menu; loading again adds nothing."""
    from django.core.management import call_command

    from directives.models import DirectivePage
    from news.models import NewsPage

    call_command("load_sample")
    procedures = ProcedurePage.objects.live()
    assert procedures.count() >= 50
    assert procedures.filter(for_internal=True).count() >= 10
    assert procedures.values("field").distinct().count() >= 10
    assert {p.online_level for p in procedures} == set(OnlineLevel.values)
    internal = (
        procedures.filter(for_internal=True, level_district=True)
        .exclude(online_level=OnlineLevel.NONE)
        .first()
    )
    answer = internal.answer(date(2024, 1, 1))
    assert answer.must_online and answer.since == date(2022, 5, 20)
    assert [d.number for d in answer.documents] == ["1836/UBND-VP", "915/UBND-VP"]
    assert NewsPage.objects.filter(target__number="1836/UBND-VP").exists()

    counts = (
        ProcedurePage.objects.count(),
        DirectivePage.objects.count(),
        NewsPage.objects.count(),
    )
    call_command("load_sample")
    assert counts == (
        ProcedurePage.objects.count(),
        DirectivePage.objects.count(),
        NewsPage.objects.count(),
    )
    home = BeautifulSoup(client.get("/").content, "html.parser")
    index = ProcedureIndexPage.objects.get()
    assert home.find("a", href=index.url)
    assert "1836/UBND-VP" in answer_text(soup(client, internal.url))


def test_catalogue_sorts_names_in_vietnamese_order(client, case):
    """A–Z follows the Vietnamese alphabet: "Cấp" before "Chứng" before "Công", "D" before "Đ"."""
    index = case["index"]
    for code, title in [
        ("4.000001", "Đăng ký hộ kinh doanh"),
        ("4.000002", "Công bố hợp quy"),
        ("4.000003", "Cấp giấy phép"),
        ("4.000004", "Dự án đầu tư"),
        ("4.000005", "Chứng thực bản sao"),
    ]:
        make_procedure(index, code, title=title)
    mine = {
        "Cấp giấy phép",
        "Chứng thực bản sao",
        "Công bố hợp quy",
        "Dự án đầu tư",
        "Đăng ký hộ kinh doanh",
    }
    page = soup(client, index.url + "?sort=ten")
    assert [title for title in titles(page) if title in mine] == [
        "Cấp giấy phép",
        "Chứng thực bản sao",
        "Công bố hợp quy",
        "Dự án đầu tư",
        "Đăng ký hộ kinh doanh",
    ]
