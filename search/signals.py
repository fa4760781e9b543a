"""Keep the search index in step with the page tree.

Handlers run synchronously inside the publishing transaction, so a page is searchable the
moment its publication commits, and a rolled-back publication leaves no trace in the
database engine's index.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import post_delete

from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import service

logger = logging.getLogger("search")


def _searchable(page: Any) -> bool:
    return isinstance(page, Page) and page.specific_class in service.searchable_models()


def on_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    if _searchable(instance):
        service.update_pages([instance])


def on_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    if _searchable(instance):
        service.remove_pages([instance.pk])


def on_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _searchable(instance):
        service.remove_pages([instance.pk])


def on_moved(sender: Any, instance: Page, **kwargs: Any) -> None:
    """A move or a slug change alters the URL of the page and of everything below it."""
    pages = Page.objects.descendant_of(instance, inclusive=True).live().specific()
    service.update_pages(page for page in pages if _searchable(page))


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="portal_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="portal_search_unpublished")
    post_delete.connect(on_deleted, dispatch_uid="portal_search_deleted")
    post_page_move.connect(on_moved, dispatch_uid="portal_search_moved")
    page_slug_changed.connect(on_moved, dispatch_uid="portal_search_slug_changed")
