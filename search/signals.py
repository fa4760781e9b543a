"""Keep the search index in step with the page tree.

Handlers run synchronously inside the publishing transaction, so a page is searchable the
moment its publication commits, and a rolled-back publication leaves no trace in the
database engine's index.

Wagtail sends no page signal when a page's privacy changes (a PageViewRestriction saved or
deleted, from the admin's "Privacy" dialog or code) nor when a snippet a page shows is
renamed, so those models' own save and delete signals re-index the pages concerned: the
whole subtree for a restriction, the pages that show the agency for an agency.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import service
from search.documents import pages_showing, searchable_models

logger = logging.getLogger("search")


def _searchable(page: Any) -> bool:
    return isinstance(page, Page) and page.specific_class in searchable_models()


def on_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    if _searchable(instance):
        service.update_pages([instance])


def on_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    if _searchable(instance):
        service.remove_pages([instance.pk])


def on_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _searchable(instance):
        service.remove_pages([instance.pk])


def refresh_subtree(page: Page) -> None:
    """Index again the public pages at and below ``page``, and remove the others."""
    service.refresh(
        model.objects.descendant_of(page, inclusive=True) for model in searchable_models()
    )


def on_moved(sender: Any, instance: Page, **kwargs: Any) -> None:
    """A move or a slug change alters the URL of the page and of everything below it, and a
    move into or out of a restricted section changes who may see them."""
    refresh_subtree(instance)


def on_restriction_changed(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    """A restriction added, changed or removed on a page hides or shows its whole subtree."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # the page itself is being deleted; its own signal cleans up
        return
    logger.info("search: view restriction on page %s changed, re-indexing its subtree", page.pk)
    refresh_subtree(page)


def on_related_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """An agency renamed: the pages that show its name are indexed again."""
    if created or kwargs.get("raw") or isinstance(instance, Page):
        return
    querysets = pages_showing(type(instance), [instance.pk])
    if querysets:
        service.refresh(querysets)


def on_related_deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Before an agency or a directive goes, remember the pages that show it: the delete
    clears their reference with an UPDATE that sends no signal."""
    querysets = pages_showing(type(instance), [instance.pk])
    if querysets:
        instance._search_dependents = [
            (queryset.model, list(queryset.values_list("pk", flat=True))) for queryset in querysets
        ]


def on_related_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    dependents = getattr(instance, "_search_dependents", None)
    if dependents:
        service.refresh(model.objects.filter(pk__in=ids) for model, ids in dependents if ids)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="portal_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="portal_search_unpublished")
    post_delete.connect(on_deleted, dispatch_uid="portal_search_deleted")
    post_page_move.connect(on_moved, dispatch_uid="portal_search_moved")
    page_slug_changed.connect(on_moved, dispatch_uid="portal_search_slug_changed")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"portal_search_restriction_{signal is post_save}",
        )
    # Any model, filtered in the handler: the related models are known only once every
    # app has registered its searchable kinds.
    post_save.connect(on_related_saved, dispatch_uid="portal_search_related_saved")
    pre_delete.connect(on_related_deleting, dispatch_uid="portal_search_related_deleting")
    post_delete.connect(on_related_deleted, dispatch_uid="portal_search_related_deleted")
