"""A directive page costs a fixed number of queries, whatever it shows: N references, N tasks,
N attachments, N news items and N citing directives cost what one of each costs."""

from __future__ import annotations

from datetime import date

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document

from directives.models import DirectiveAttachment
from tests import factories

pytestmark = pytest.mark.django_db


def build(n: int, serial: str):
    """A directive citing n published directives, with n tasks, n attachments, cited by n
    directives and explained by n news items."""
    agency = factories.make_agency(f"Sở Thử {serial}", "ST")
    cited = [
        factories.make_directive(number=f"{i + 1}/{serial}-UBND", subject=f"Được dẫn {i}")
        for i in range(n)
    ]
    refs = [{"doc_type": "Công văn", "number": page.number} for page in cited]
    body = "".join(f"<p>Căn cứ Công văn {page.number} về việc thử.</p>" for page in cited)
    page = factories.make_directive(
        number=f"99/{serial}-UBND",
        issuer=agency,
        body=body,
        references=refs,
        tasks=[
            {"text": f"Nhiệm vụ {i}", "agency": agency, "due_on": date(2025, 1, 1)}
            for i in range(n)
        ],
    )
    for i in range(n):
        document = Document.objects.create(
            title=f"Tệp {i}", file=ContentFile(b"%PDF-1.4 thu", name=f"tep-{serial}-{i}.pdf")
        )
        DirectiveAttachment.objects.create(page=page, document=document, sort_order=i)
    for i in range(n):
        factories.make_directive(
            number=f"{i + 1}/{serial}-CT",
            subject=f"Dẫn đến {i}",
            references=[{"doc_type": "Công văn", "number": page.number}],
        )
        factories.make_news(title=f"Tin {i}", target=page)
    return page


def queries_for(client, url: str) -> tuple[int, list[str]]:
    client.get(url)  # the first request may fill caches that live for the process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


def test_directive_page_queries_do_not_grow_with_what_it_lists(site, client):
    small = build(1, "A")
    large = build(20, "B")
    few, few_sql = queries_for(client, small.url)
    many, many_sql = queries_for(client, large.url)
    assert many == few, "\n".join(many_sql)
    response = client.get(large.url)
    html = response.content.decode()
    # Everything is still shown: 20 linked citations in the body and in the list, 20 tasks,
    # 20 files, 20 citing directives and 20 news items.
    assert html.count('class="citation"') == 20
    assert html.count("Nhiệm vụ ") >= 20
    assert html.count("tep-B-") >= 20 or html.count("Tệp ") >= 20
    assert html.count("Dẫn đến") == 20
    assert html.count("news-item__title") == 20
