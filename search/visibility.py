"""What the public may see: live pages that no view restriction hides.

Wagtail's privacy setting (PageViewRestriction: login, password, groups) applies to a page and
to everything below it, and ``Page.live`` alone ignores it. Every public list, count, feed,
export, API and the search index asks these functions, so "public" means the same thing
everywhere and a new list cannot forget half of it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wagtail.models import Page


def public_pages(queryset: QuerySet) -> QuerySet:
    """The live pages of ``queryset`` outside every restricted section (the page itself or an
    ancestor). Drafts, unpublished, expired and restricted pages stay out."""
    return queryset.live().public()


def public_ids(model: type[Page]) -> QuerySet:
    """The primary keys of the public pages of ``model``, as a subquery for related lookups
    (``Obligation.objects.filter(directive__in=public_ids(DirectivePage))``)."""
    return public_pages(model.objects.all()).values("pk")


def is_public(page: Any) -> bool:
    """One page: live and under no view restriction. For pages already in memory (a chosen
    related item, a link target); lists use ``public_pages``."""
    if page is None or not page.live or getattr(page, "expired", False):
        return False
    return not page.get_view_restrictions().exists()


def can_view(page: Page, request) -> bool:
    """Whether this request may see ``page`` as Wagtail would serve it: live, and every
    restriction on it or an ancestor accepts the request (logged in, in the group, or the
    password already given in this session)."""
    if not page.live or page.expired:
        return False
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
