""" "Documents citing this one" come from what the index holds (each document's ``cites``),
whichever engine runs, not from the content apps' tables."""

import importlib
from datetime import date

import pytest

from django.apps import apps

from search.documents import document_for
from search.models import SearchCitation
from search.query import understand
from search.service import get_engine, search
from tests.factories import make_directive, make_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site):
    cited = make_directive(
        title="Kế hoạch chuyển đổi số", number="77/KH-UBND", issued_on=date(2023, 4, 3)
    )
    citing = make_directive(
        title="Triển khai kế hoạch chuyển đổi số",
        number="15/SNV-VP",
        issued_on=date(2023, 5, 8),
        references=[{"doc_type": "Kế hoạch", "number": "77/KH-UBND"}],
    )
    news = make_news(title="Tỉnh triển khai chuyển đổi số", date=date(2023, 6, 1))
    return cited, citing, news


def matches(text):
    return {hit.page_id: hit.match for hit in search(understand(text)).hits}


def test_a_citing_page_is_found_through_its_indexed_citations(pages):
    """The number names the cited page; the page whose document cites it follows."""
    cited, citing, news = pages
    assert document_for(citing)["cites"] == ["77-kh-ubnd"]
    found = matches("77/KH-UBND")
    assert found[cited.pk] == "number"
    assert found[citing.pk] == "citing"
    assert news.pk not in found


def test_the_citing_tier_follows_the_index_documents(pages):
    """What a page's indexed document cites decides the tier: a document indexed without
    the citation leaves it, one indexed with it joins it."""
    cited, citing, news = pages
    engine = get_engine()
    engine.index_documents([{**document_for(citing), "cites": []}])
    engine.index_documents([{**document_for(news), "cites": ["77-kh-ubnd"]}])
    found = matches("77 kh ubnd")
    assert found[cited.pk] == "number"
    assert citing.pk not in found
    assert found[news.pk] == "citing"


def test_removing_a_page_removes_its_citations(pages):
    """An unpublished page no longer cites anything from the index."""
    cited, citing, _ = pages
    citing.unpublish()
    assert citing.pk not in matches("77/KH-UBND")
    assert not SearchCitation.objects.filter(entry_id=citing.pk).exists()


def test_the_migration_reads_the_citations_of_an_existing_index(pages):
    """An index built before the citation table existed gets its citations from the pages
    when the table is made, so the tier answers without a rebuild."""
    cited, citing, _ = pages
    SearchCitation.objects.all().delete()
    assert citing.pk not in matches("77/KH-UBND")
    migration = importlib.import_module("search.migrations.0006_search_citations")
    migration.fill_citations(apps, None)
    assert matches("77/KH-UBND")[citing.pk] == "citing"


def test_news_follows_its_source_directive(site):
    """A news item cites its source directive's number as it is now: renumbered, the news
    follows the new number; deleted, the news cites nothing."""
    source = make_directive(title="Quyết định thành lập tổ công tác", number="31/QĐ-UBND")
    news = make_news(title="Ra mắt tổ công tác", date=date(2023, 7, 1), target=source)
    assert matches("31/QĐ-UBND")[news.pk] == "citing"

    source.number = "32/QĐ-UBND"
    source.save_revision().publish()
    assert news.pk not in matches("31/QĐ-UBND")
    assert matches("32/QĐ-UBND")[news.pk] == "citing"

    source.delete()
    assert news.pk not in matches("32/QĐ-UBND")
    assert news.pk in matches("Ra mắt tổ công tác")
