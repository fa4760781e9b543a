"""The admin's page search (Wagtail's, on the site's search backend) finds a procedure by its
code and any page by its title typed without diacritics."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories


@pytest.fixture
def search(client, site):
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", "x")
    client.force_login(user)

    def titles(query: str) -> str:
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
        assert response.status_code == 200
        return response.content.decode()

    return titles


@pytest.fixture
def pages(site):
    index = factories.catalogue(site)
    procedure = factories.make_procedure(index, "1.004122", title="Cấp giấy phép xây dựng nhà ở")
    factories.make_procedure(index, "1.009994", title="Đăng ký khai sinh")
    directive = factories.make_directive(title="Kế hoạch phòng chống thiên tai năm nay")
    return {"procedure": procedure, "directive": directive}


def test_finds_a_procedure_by_its_code(search, pages):
    html = search("1.004122")
    assert "Cấp giấy phép xây dựng nhà ở" in html
    assert "Đăng ký khai sinh" not in html


def test_finds_a_procedure_typed_without_diacritics(search, pages):
    html = search("giay phep xay dung")
    assert "Cấp giấy phép xây dựng nhà ở" in html
    assert "Đăng ký khai sinh" not in html


def test_finds_a_directive_typed_without_diacritics(search, pages):
    html = search("phong chong thien tai")
    assert "Kế hoạch phòng chống thiên tai năm nay" in html


@pytest.mark.parametrize("query", ["12/KH-UBND", "12/kh-ubnd", "KH-UBND", "12 KH UBND"])
def test_finds_a_directive_by_its_number_however_typed(search, site, query):
    """PostgreSQL reads "12/KH-UBND" as one token; the number's parts are indexed as words."""
    factories.make_directive(title="Kế hoạch kiểm tra công vụ", number="12/KH-UBND")
    factories.make_directive(title="Công văn về lịch tiếp dân", number="48/UBND-VP")
    html = search(query)
    assert "Kế hoạch kiểm tra công vụ" in html
    assert "Công văn về lịch tiếp dân" not in html
