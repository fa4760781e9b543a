"""News items as plain records, for the API and the open-data export alike."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from directives.records import page_url
from news.models import NewsPage
from search.visibility import public_pages


def public_news() -> QuerySet:
    """Every public news item, newest first, as the news list orders them."""
    return public_pages(NewsPage.objects.all()).order_by("-date", "-first_published_at", "-pk")


def summary(item: NewsPage, request=None) -> dict[str, Any]:
    source = item.linked_page
    return {
        "id": item.pk,
        "url": page_url(item, request),
        "title": item.title,
        "date": item.date,
        "lead": item.lead or None,
        "source_directive_id": source.pk if source else None,
        "source": item.cited_label or None,
    }


def record(item: NewsPage, request=None) -> dict[str, Any]:
    return {**summary(item, request), "body": str(item.body)}
