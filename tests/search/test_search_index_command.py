"""`manage.py search_index --rebuild`: the index made again from the published pages."""

from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from search.models import SearchEntry
from search.query import understand
from search.service import search
from tests.factories import make_directive, make_news

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_every_published_page_and_only_those(site):
    """After the index is emptied by hand, a rebuild brings back the live pages, not drafts."""
    make_directive(number="5436/UBND-VP", subject="V/v thủ tục hành chính nội bộ trực tuyến")
    make_news(title="Tin về thủ tục nội bộ")
    make_directive(number="99/UBND-VP", subject="V/v bản nháp nội bộ", publish=False)
    SearchEntry.objects.all().delete()
    assert search(understand("noi bo")).count == 0

    out = StringIO()
    call_command("search_index", "--rebuild", "--no-progress", stdout=out)
    assert "Đã lập chỉ mục 2 trang" in out.getvalue()
    results = search(understand("noi bo"))
    assert results.count == 2
    assert {hit.kind for hit in results.hits} == {"directive", "news"}


def test_without_rebuild_the_command_says_what_to_do(site):
    """The command does nothing by accident: it asks for --rebuild in Vietnamese."""
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")
