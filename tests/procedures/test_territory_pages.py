"""On the procedure page and in the API: documents bind only where their issuer governs."""

from datetime import date

import pytest

from wagtail.models import Site

from home.models import PortalSettings
from procedures.models import Obligation
from procedures.vocabulary import OnlineLevel, Requirement
from tests.factories import catalogue, make_dispatch, make_procedure

API = "/api/v1/procedures"


def internal(requirement=Requirement.ONLINE_ONLY, **scope) -> Obligation:
    return Obligation(
        requirement=requirement, starts_on=date(2022, 5, 20), for_internal=True, **scope
    )


@pytest.fixture
def here(site):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.authority_name = "Ủy ban nhân dân tỉnh Sông Xanh"
    settings.save()
    index = catalogue(site)
    return {
        "province_level": make_procedure(
            index, "2.000501", online_level=OnlineLevel.FULL, level_province=True, for_internal=True
        ),
        "district_level": make_procedure(
            index, "2.000502", online_level=OnlineLevel.FULL, level_district=True, for_internal=True
        ),
    }


def sentence(client, code):
    response = client.get(f"{API}/{code}?on=01/01/2024")
    assert response.status_code == 200
    return response.json()["answer_detail"]


def test_another_provinces_dispatch_changes_nothing_here(client, here):
    """Published for reference, another province's dispatch neither binds nor encourages."""
    make_dispatch(
        "90/UBND-VP",
        date(2022, 5, 16),
        "Ủy ban nhân dân tỉnh Núi Đỏ",
        [internal(Requirement.ONLINE_ENCOURAGED), internal()],
    )
    answer = sentence(client, "2.000501")
    assert answer["must_online"] is False
    assert answer["encouraged"] is False
    assert "khuyến khích" not in answer["sentence"]
    assert Obligation.objects.filter(territory_place="Núi Đỏ", territory_level="tinh").count() == 2


def test_a_citys_dispatch_binds_its_district_level_procedures_only(client, here):
    make_dispatch(
        "91/UBND-VP", date(2022, 5, 18), "Ủy ban nhân dân thành phố Bến Mây", [internal()]
    )
    assert sentence(client, "2.000501")["must_online"] is False
    assert sentence(client, "2.000502")["must_online"] is True


def test_the_provinces_own_dispatch_binds_here(client, here):
    make_dispatch("92/UBND-VP", date(2022, 5, 16), "Ủy ban nhân dân tỉnh Sông Xanh", [internal()])
    assert sentence(client, "2.000501")["must_online"] is True
    assert sentence(client, "2.000502")["must_online"] is True


def test_an_editor_may_narrow_the_territory(client, here):
    """A province's dispatch an editor limits to one city binds no province-level procedure."""
    make_dispatch(
        "93/UBND-VP",
        date(2022, 5, 16),
        "Ủy ban nhân dân tỉnh Sông Xanh",
        [internal(territory_level="huyen", territory_place="Bến Mây")],
    )
    assert sentence(client, "2.000501")["must_online"] is False
    assert sentence(client, "2.000502")["must_online"] is True
