"""The online-filing answer counts only public directives: a restricted directive's
obligation requires nothing and is cited nowhere (page, API, exports, catalogue), and a
public directive that implements a draft or a restricted one does not show its number."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from wagtail.models import PageViewRestriction

from procedures.rules import NO_OBLIGATION
from tests.factories import catalogue, make_model_case

API = "/api/v1/procedures"


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.fixture
def case(site):
    index = catalogue(site)
    return {"index": index, **make_model_case(index)}


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def everything_public(client, case) -> str:
    """The procedure page, its API answer, the catalogue and its three exports, as text."""
    index = case["index"].url
    return "\n".join(
        [
            page_text(client, case["covered"].url),
            page_text(client, index + "?online_now=1"),
            client.get(f"{API}/2.000101").content.decode(),
            client.get(API).content.decode(),
            client.get(index + "?xuat=csv").content.decode("utf-8-sig"),
            client.get(index + "?xuat=json").content.decode(),
        ]
    )


@pytest.mark.django_db
def test_restricted_directives_impose_nothing_and_are_cited_nowhere(client, case):
    restrict(case["province"])
    restrict(case["city"])
    text = everything_public(client, case)
    for number in ("5436/UBND-VP", "1712/UBND-VP"):
        assert number not in text
    data = client.get(f"{API}/2.000101").json()
    assert data["must_online_now"] is False
    assert data["answer_detail"]["sentence"] == NO_OBLIGATION
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(case["index"].url + "?xuat=csv").content.decode("utf-8-sig"))
        )
    )
    assert {row["Bắt buộc nộp trực tuyến"] for row in rows} == {"Không"}
    exported = json.loads(client.get(case["index"].url + "?xuat=json&online_now=1").content)
    assert exported["count"] == 0


@pytest.mark.django_db
def test_implementing_a_restricted_directive_keeps_its_number_out(client, case):
    """The city's public dispatch still applies; the province's restricted one is neither
    a document of the answer nor named in the chain, on the page, the API or the exports."""
    restrict(case["province"])
    data = client.get(f"{API}/2.000101").json()
    assert data["must_online_now"] is True
    assert [d["number"] for d in data["answer_detail"]["documents"]] == ["1712/UBND-VP"]
    assert "5436/UBND-VP" not in everything_public(client, case)
    # Nor on the city's own directive page ("Thực hiện ...").
    assert "5436/UBND-VP" not in page_text(client, case["city"].url)


@pytest.mark.django_db
def test_implementing_a_draft_shows_the_editors_citation_instead(client, case):
    obligation = case["city"].obligations.get()
    obligation.citation = "công văn của UBND tỉnh (đang dự thảo)"
    obligation.save()
    case["province"].unpublish()
    data = client.get(f"{API}/2.000101").json()
    assert "5436/UBND-VP" not in json.dumps(data, ensure_ascii=False)
    implements = [d["implements"] for d in data["answer_detail"]["documents"]]
    assert "công văn của UBND tỉnh (đang dự thảo)" in implements
    assert "5436/UBND-VP" not in page_text(client, case["city"].url)
    assert "Thực hiện công văn của UBND tỉnh (đang dự thảo)" in page_text(client, case["city"].url)


@pytest.mark.django_db
def test_a_restricted_section_hides_its_directives_obligations(client, case):
    from tests.factories import directive_index

    restrict(directive_index())
    data = client.get(f"{API}/2.000101").json()
    assert data["must_online_now"] is False
    assert data["answer_detail"]["documents"] == []
