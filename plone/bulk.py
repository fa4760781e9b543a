"""New published pages of a Plone import, written a chunk at a time.

Adding a page the ordinary way (``add_child``, a first revision, publishing) costs some twenty
statements, most of them a page at a time: the parent locked and counted, the slug checked,
the page in two tables, each tag, the revision, the page again, three history entries. Most
items of a Plone site become new published pages under a folder made just before them, so
``PageStage`` keeps them (each read, filled and checked in its own savepoint, as before) and
``write_pages`` gives them what those steps give, one statement per table, with the pieces of
the directive importer's batch write (``directives.import_bulk``): tree paths after the
parent's last child, the specific rows of each page type, the child rows, the revisions, the
pages made live on them, the history, and the signals Wagtail sends for each object.

The importer writes the stage before an item that needs a staged page (its folder, a link in
its text) and at the end of each chunk; if the write fails, the chunk is rolled back and its
items made again one by one. Drafts, scheduled pages, Links and Collections (made in the link
pass) and updates keep the ordinary path.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import router
from django.db.models import F
from django.db.models.signals import post_save, pre_save

from wagtail.models import Page, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from directives.import_bulk import (
    check_slugs,
    child_relations,
    insert_rows,
    publish_first_revisions,
    save_child_relations,
    update_rows,
)

logger = logging.getLogger("plone.importer")

# The dates an imported page keeps from Plone instead of the moment of the import.
KEPT_DATES = ["first_published_at", "last_published_at", "latest_revision_created_at"]


def can_stage(model: type[Page]) -> bool:
    """Whether new pages of ``model`` may be written in bulk: one table of its own below
    Page's. (``add_child`` of a page that is not live yet validates only its title and
    slug, as the bulk write does.)"""
    return model._meta.get_parent_list() == [Page]


@dataclass
class StagedPage:
    """A new page waiting under ``parent``; ``item`` and ``line`` are the importer's (the
    Plone item and its report line, filled in once the page has an id)."""

    uid: str
    kind: str
    page: Page
    parent: Page
    item: object
    line: dict
    dates: dict[str, datetime | None]
    revision_created_at: datetime | None
    written: list[str] = field(default_factory=list)


@dataclass
class PageStage:
    """The new pages of a chunk not written yet, in the order they were made."""

    pages: list[StagedPage] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.pages)

    def holds(self, uids) -> bool:
        staged = {each.uid for each in self.pages}
        return any(uid in staged for uid in uids)

    def slugs_under(self, parent_pk: int) -> set[str]:
        return {each.page.slug for each in self.pages if each.parent.pk == parent_pk}

    def files(self) -> list[str]:
        return [name for each in self.pages for name in each.written]

    def take(self) -> list[StagedPage]:
        pages, self.pages = self.pages, []
        return pages


def write_pages(staged: list[StagedPage], user) -> None:
    """Insert and publish the staged pages, parent by parent; must run in a transaction.
    Each page then has its id, tree path and URL, and the dates it keeps from Plone."""
    by_parent: dict[int, list[StagedPage]] = {}
    for each in staged:
        by_parent.setdefault(each.parent.pk, []).append(each)
    # As the ordinary path in a batch: the batch's flush indexes references once.
    with disable_reference_index_auto_update():
        for group in by_parent.values():
            _write_group(group, user)


def _write_group(group: list[StagedPage], user) -> None:
    parent = group[0].parent
    pages = [each.page for each in group]
    db = router.db_for_write(Page)
    # What add_child() does: lock the parent, number the children after its last one.
    fresh = Page.objects.select_for_update().get(pk=parent.pk)
    last = fresh.get_last_child() if not fresh.is_leaf() else None
    previous = last
    for page in pages:
        page.depth = fresh.depth + 1
        page.path = previous._inc_path() if previous else Page._get_path(fresh.path, page.depth, 1)
        previous = page
    Page.objects.filter(pk=fresh.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild = fresh.numchild + len(pages)
    check_slugs(fresh, pages)

    # What Page.save() does for a new page (minimal_clean, locale, url_path).
    title_field = Page._meta.get_field("title")
    for page in pages:
        page.draft_title = page.draft_title or page.title
        if page.locale_id is None:
            page.locale_id = fresh.locale_id
        page.title = title_field.clean(page.title, page)
        page.set_url_path(fresh)
        if hasattr(page, "fill_derived_fields"):
            page.fill_derived_fields()  # what DirectivePage.save() computes
        pre_save.send(sender=type(page), instance=page, raw=False, using=db, update_fields=None)
    children = [child_relations(page) for page in pages]
    Page.objects.bulk_create(pages)
    by_model: dict[type, list[Page]] = {}
    for page in pages:
        page.page_ptr_id = page.id
        by_model.setdefault(type(page), []).append(page)
    for model, rows in by_model.items():
        insert_rows(model, rows, model._meta.local_concrete_fields, db)
    for page in pages:
        post_save.send(
            sender=type(page), instance=page, created=True, update_fields=None, raw=False, using=db
        )
        logger.info(
            'Page created: "%s" id=%d content_type=%s path=%s',
            page.title,
            page.id,
            page._meta.label,
            page.url_path,
        )
    save_child_relations(pages, children, db)

    # The first revision of each page as saved, then published (directives.importing's
    # publish_new_page, for many pages).
    revisions = publish_first_revisions(pages, [user] * len(pages), db)

    # The dates from Plone (the ordinary path's _keep_dates, in two statements).
    for each, revision in zip(group, revisions, strict=True):
        for name, value in each.dates.items():
            setattr(each.page, name, value)
        revision.created_at = each.revision_created_at or revision.created_at
    update_rows(Page, pages, KEPT_DATES, db)
    update_rows(Revision, revisions, ["created_at"], db)
