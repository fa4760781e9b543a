"""Agencies: one name can be two bodies in two provinces."""

import pytest

from django.db import IntegrityError, transaction

from directives.import_mapping import agency_for
from directives.importing import import_document
from directives.models import Agency

pytestmark = pytest.mark.django_db

HEADER = """ỦY BAN NHÂN DÂN {province}
SỞ NỘI VỤ
Số: {number}/SNV-CCHC
{place}, ngày 02 tháng 5 năm 2024
V/v rà soát thủ tục hành chính nội bộ
Kính gửi: Các cơ quan, đơn vị.
Đề nghị các cơ quan, đơn vị rà soát và báo cáo.
GIÁM ĐỐC
Nguyễn Văn An
"""


def test_the_same_department_of_two_provinces_is_two_agencies(site):
    """Importing "Sở Nội vụ" under two provinces' UBND makes two agencies, each under its own
    province, and re-importing finds each again."""
    first = import_document(
        HEADER.format(province="TỈNH SÔNG XANH", number=1407, place="Sông Xanh").encode(), "a.txt"
    )
    second = import_document(
        HEADER.format(province="TỈNH NÚI BẠC", number=1407, place="Núi Bạc").encode(), "b.txt"
    )
    assert first.status == second.status == "created"
    one, two = first.page.issuer, second.page.issuer
    assert one.name == two.name == "Sở Nội vụ"
    assert one.pk != two.pk
    assert {one.parent.name, two.parent.name} == {
        "Ủy ban nhân dân tỉnh Sông Xanh",
        "Ủy ban nhân dân tỉnh Núi Bạc",
    }
    again = import_document(
        HEADER.format(province="TỈNH NÚI BẠC", number=1407, place="Núi Bạc").encode(), "b.txt"
    )
    assert again.page.pk == second.page.pk
    assert Agency.objects.filter(name="Sở Nội vụ").count() == 2


def test_a_name_is_unique_under_its_parent(site):
    """The database refuses a second "Sở Nội vụ" under the same parent, or at the top."""
    province = agency_for("Ủy ban nhân dân tỉnh Sông Xanh")
    Agency.objects.create(name="Sở Nội vụ", parent=province)
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(name="Sở Nội vụ", parent=province)
    Agency.objects.create(name="Sở Tư pháp")
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(name="Sở Tư pháp")
