"""Renaming an agency (the Agency snippet) re-indexes the pages that show its name: the
directives it issued and the procedures it carries out, so search and its facets say the
new name; deleting it leaves no stale name either."""

from datetime import date

import pytest

from search.query import understand
from search.service import search
from tests.factories import catalogue, make_agency, make_directive, make_procedure

pytestmark = pytest.mark.django_db


def issuer_labels(text: str = "") -> list[str]:
    return [value.label for value in search(understand(text)).facets["issuer"]]


@pytest.fixture
def agency(site):
    agency = make_agency("Sở Thông tin và Truyền thông thử", "STTTT")
    make_directive(number="31/STTTT-VP", subject="V/v chuyển đổi số", issuer=agency)
    make_directive(
        number="32/STTTT-VP",
        subject="V/v an toàn thông tin",
        issuer=agency,
        issued_on=date(2023, 1, 5),
    )
    make_procedure(catalogue(site), "2.000900", title="Cấp giấy phép bưu chính", agency=agency)
    return agency


def test_renaming_an_agency_updates_search_and_facets(agency):
    assert issuer_labels() == ["Sở Thông tin và Truyền thông thử"]
    agency.name = "Sở Khoa học và Công nghệ thử"
    agency.abbreviation = "SKHCN"
    agency.save()

    assert issuer_labels() == ["Sở Khoa học và Công nghệ thử"]
    hits = search(understand("khoa hoc cong nghe")).hits
    assert {hit.number for hit in hits} >= {"31/STTTT-VP", "32/STTTT-VP"}
    assert any(hit.kind == "procedure" for hit in hits)
    assert {hit.issuer_name for hit in hits} == {"Sở Khoa học và Công nghệ thử"}
    assert search(understand("truyen thong")).hits == []


def test_deleting_an_agency_drops_its_name_from_the_index(agency):
    agency.delete()
    assert issuer_labels() == []
    assert search(understand("truyen thong")).hits == []
