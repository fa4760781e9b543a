"""What listings of mixed pages read: a date and a lead for any page type, and the pages
that carry a tag, whichever page type's tag table holds it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

# The tag tables of the page types that have tags ("app_label.ModelName" of the through
# models); a page type that gains tags adds its table here.
TAG_TABLES: tuple[str, ...] = (
    "content.ContentPageTag",
    "content.SectionPageTag",
    "content.EventPageTag",
    "directives.DirectivePageTag",
    "news.NewsPageTag",
)


def _tag_condition(names=None, slug=None) -> Q:
    if slug is not None:
        return Q(tag__slug=slug)
    return reduce(or_, (Q(tag__name__iexact=name) for name in names), Q(pk__in=[]))


def tagged_page_ids(names=None, *, slug: str | None = None) -> set[int]:
    """The ids of the pages tagged with one of ``names`` (any case) or with the tag whose
    slug is ``slug``."""
    condition = _tag_condition(names or [], slug)
    ids: set[int] = set()
    for label in TAG_TABLES:
        model = apps.get_model(label)
        ids.update(model.objects.filter(condition).values_list("content_object_id", flat=True))
    return ids


@dataclass(frozen=True)
class Entry:
    """One line of a listing: the page, its date and its lead."""

    page: object
    date: dt.date | None
    lead: str


def page_date(page) -> dt.date | None:
    """The date a listing shows: the news item's date, the directive's issue date, the
    event's start, else the day it was first published (in the site's time zone)."""
    for name in ("date", "issued_on"):
        value = getattr(page, name, None)
        if isinstance(value, dt.date):
            return value
    start = getattr(page, "start", None)
    if isinstance(start, dt.datetime):
        return timezone.localtime(start).date()
    published = page.first_published_at or page.last_published_at
    return timezone.localtime(published).date() if published else None


def page_lead(page) -> str:
    for name in ("lead", "subject"):
        value = getattr(page, name, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return (page.search_description or "").strip()


def listing_entries(pages) -> list[Entry]:
    return [Entry(page, page_date(page), page_lead(page)) for page in pages]
