"""Where a body's documents bind, read from the agency list: by the kind of body and place."""

import pytest

from django.core.exceptions import ValidationError

from directives.models import Agency
from directives.vocabulary import AgencyLevel
from procedures import rules
from procedures.models import Obligation
from procedures.territory import places_of, territory_of
from reading.agencies import place_of


def agency(pk, name, level=AgencyLevel.OTHER, parent=None) -> Agency:
    return Agency(pk=pk, name=name, level=level, parent=parent)


def test_a_peoples_committee_binds_the_place_it_names():
    assert territory_of(agency(1, "Ủy ban nhân dân tỉnh Sông Xanh")) == (
        rules.PROVINCE,
        "Sông Xanh",
    )
    assert territory_of(agency(2, "UBND THÀNH PHỐ BẾN MÂY")) == (rules.DISTRICT, "Bến Mây")
    assert territory_of(agency(3, "Ủy ban nhân dân xã An Bình")) == (rules.COMMUNE, "An Bình")


def test_a_city_run_by_the_centre_is_a_province_by_its_level():
    city = agency(4, "Ủy ban nhân dân thành phố Bến Mây", AgencyLevel.PROVINCE)
    assert territory_of(city) == (rules.PROVINCE, "Bến Mây")


def test_central_bodies_bind_the_whole_country():
    assert territory_of(agency(5, "Bộ Nội vụ")) == (rules.COUNTRY, "")
    assert territory_of(agency(6, "Cục Thử nghiệm", AgencyLevel.MINISTRY)) == (rules.COUNTRY, "")


def test_a_department_named_without_a_place_takes_its_parents():
    province = agency(7, "Ủy ban nhân dân tỉnh Sông Xanh", AgencyLevel.PROVINCE)
    department = agency(8, "Sở Nội vụ", AgencyLevel.DEPARTMENT, parent=province)
    assert territory_of(department) == (rules.PROVINCE, "Sông Xanh")
    assert territory_of(agency(9, "Sở Nội vụ", AgencyLevel.DEPARTMENT)) == (rules.PROVINCE, "")
    assert territory_of(None) == (rules.PROVINCE, "")


def test_xa_hoi_in_a_department_name_is_no_commune():
    name = "Sở Lao động - Thương binh và Xã hội tỉnh Sông Xanh"
    assert place_of(name) == (rules.PROVINCE, "Sông Xanh")


def test_a_procedure_is_carried_out_where_its_agency_serves_in_the_portals_province():
    office = agency(10, "Ủy ban nhân dân huyện Suối Ngọc")
    assert dict(places_of(office, "Sông Xanh")) == {
        rules.DISTRICT: "Suối Ngọc",
        rules.PROVINCE: "Sông Xanh",
    }
    assert places_of(None, "") == ()


def test_a_place_without_its_level_is_refused_in_vietnamese():
    with pytest.raises(ValidationError) as refused:
        Obligation(territory_place="Bến Mây").clean()
    assert "Chọn địa bàn áp dụng" in str(refused.value)
    Obligation(territory_level=rules.DISTRICT, territory_place="Bến Mây").clean()
