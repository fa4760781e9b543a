"""Content pages and events in the site search: the fields the search service indexes."""

from typing import Any

from django.utils import timezone

from search.documents import plain_text
from search.registry import register


def _tag_names(page: Any) -> str:
    return " ".join(tag.name for tag in page.tags.all())


def _content(page: Any) -> dict[str, Any]:
    published = page.first_published_at
    issued_on = timezone.localtime(published).date() if published else None
    return {
        "issued_on": issued_on,
        "summary": page.lead or page.search_description,
        "body": plain_text(page.body),
        "extra": _tag_names(page),
    }


def _event(page: Any) -> dict[str, Any]:
    return {
        "issued_on": timezone.localtime(page.start).date(),
        "summary": page.lead or page.search_description,
        "body": plain_text(page.body),
        "extra": " ".join(filter(None, [page.location, _tag_names(page)])),
    }


def register_content() -> None:
    register("page", "content.ContentPage", _content, label="Trang", prefetch=("tags",))
    register("event", "content.EventPage", _event, label="Sự kiện", prefetch=("tags",))
