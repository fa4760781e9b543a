"""Every kind of cited document is linked by one resolver: a directive's reference, a
procedure's legal basis and online level, an obligation's upstream document and a news item's
source all link to a directive when it is published, and move to another live page of the
same number (or to none) when it is unpublished or deleted. Pages show the stored link; none
looks a number up while it renders."""

from __future__ import annotations

from datetime import date

from bs4 import BeautifulSoup

from directives.models import DirectiveReference
from directives.signals import link_citations
from procedures.models import (
    Obligation,
    OnlineLevelChange,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
)
from tests import factories

NUMBER = "2808/QĐ-UBND"


def make_procedure(home, **children) -> ProcedurePage:
    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc")
    home.add_child(instance=index)
    page = ProcedurePage(title="Thủ tục thử nghiệm", slug="thu-tuc-1", code="1.000001")
    for relation, rows in children.items():
        for row in rows:
            getattr(page, relation).add(row)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def citing_everything(home):
    """One citation of ``NUMBER`` of each kind, made before the cited page exists."""
    procedure = make_procedure(
        home,
        legal_basis=[ProcedureLegalBasis(citation=f"Quyết định số {NUMBER}", number=NUMBER)],
        online_levels=[OnlineLevelChange(valid_from=date(2025, 12, 1), number=NUMBER)],
    )
    directive = factories.make_directive(
        number="77/UBND-VP",
        references=[{"doc_type": "Quyết định", "number": NUMBER}],
        obligations=[Obligation(for_citizens=True, number=NUMBER, doc_type="Quyết định")],
    )
    news = factories.make_news(title="Tin về quyết định", number=NUMBER, doc_type="Quyết định")
    return [
        procedure.legal_basis.get(),
        procedure.online_levels.get(),
        directive.references.get(),
        directive.obligations.get(),
        news,
    ]


def targets(rows) -> list:
    return [type(row).objects.get(pk=row.pk).target_id for row in rows]


def test_publishing_the_cited_page_links_every_kind(site):
    rows = citing_everything(site)
    assert targets(rows) == [None] * 5
    cited = factories.make_directive(number=NUMBER.lower(), doc_type="quyet-dinh", publish=False)
    assert targets(rows) == [None] * 5  # a draft links nothing
    cited.get_latest_revision().publish()
    assert targets(rows) == [cited.pk] * 5


def test_a_page_published_after_the_cited_one_links_its_own_citations(site):
    cited = factories.make_directive(number=NUMBER, doc_type="quyet-dinh")
    assert targets(citing_everything(site)) == [cited.pk] * 5


def test_unpublishing_moves_citations_to_another_page_of_the_number_or_unlinks_them(site):
    older = factories.make_directive(number=NUMBER, issued_on=date(2020, 1, 2))
    newer = factories.make_directive(number=NUMBER, issued_on=date(2025, 11, 19))
    rows = citing_everything(site)
    assert targets(rows) == [newer.pk] * 5  # the latest issued of a shared number
    newer.unpublish()
    assert targets(rows) == [older.pk] * 5
    older.delete()
    assert targets(rows) == [None] * 5
    newer.get_latest_revision().publish()
    assert targets(rows) == [newer.pk] * 5


def test_pages_show_the_link_and_hide_a_page_the_public_may_not_open(site, client):
    cited = factories.make_directive(number=NUMBER, doc_type="quyet-dinh")
    legal_basis, level, _, _, news = citing_everything(site)
    procedure = legal_basis.page
    html = BeautifulSoup(client.get(procedure.url).content, "html.parser")
    links = [a.get_text(strip=True) for a in html.find_all("a", href=cited.url)]
    assert links == [f"Quyết định số {NUMBER}"] * 2  # the online level and the legal basis
    news_html = BeautifulSoup(client.get(news.url).content, "html.parser")
    source = news_html.find(class_="news__source")
    assert source.find("a", href=cited.url).get_text(strip=True) == f"Quyết định số {NUMBER}"

    cited.unpublish()
    factories.make_directive(number=NUMBER, doc_type="quyet-dinh", publish=False)
    html = client.get(procedure.url).content.decode()
    assert cited.url not in html and f"Quyết định số {NUMBER}" in html


def test_linking_takes_a_few_queries_whatever_the_number_of_citations(
    site, django_assert_max_num_queries
):
    page = factories.make_directive(number="1/UBND", publish=False)
    citing = [
        factories.make_directive(number=f"{n}/UBND-VP", references=[{"number": "1/UBND"}])
        for n in range(2, 32)
    ]
    page.live = True
    page.save()
    with django_assert_max_num_queries(20):
        assert link_citations(page) == (0, len(citing))
    assert DirectiveReference.objects.filter(target=page).count() == len(citing)
