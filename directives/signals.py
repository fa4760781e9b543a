"""The one resolver of cited documents: links kept in step with the pages they point to.

A citation (any ``directives.citations.CitedDocument``: a directive's reference, a procedure's
legal basis or online level, an obligation's upstream document, a news item's source) is saved
with its number even when the cited page is not on the site yet. Publishing is the moment
either side can be resolved: the published page's own citations find the live pages they
cite, and citations anywhere that were waiting for its number get it as their target.
Unpublishing or deleting a directive moves the citations that pointed at it to another live
page of the same number, or leaves them unlinked. A move changes neither a number nor whether
a page is live, so it links nothing; whether the public may see a linked page is decided when
the citation is shown (``CitedDocument.linked_page``). Numbers compare by
``vntext.number_key``, so "012/CT-UBND" and "12/ct-ubnd" are one number.

Every step is a handful of bulk queries per citing model, whatever the number of rows.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.db import connections, router

from directives import validity
from directives.citations import cited_models
from directives.models import DirectivePage, find_cited_page
from home import pagecache

logger = logging.getLogger("directives.citations")

__all__ = ["find_cited_page", "link_citations", "link_citations_bulk", "unlink_citations"]


def _choose(rows, candidates) -> dict[int, list[int]]:
    """Targets for unlinked rows ``(pk, citing page id, key, cited date)``: a live page of the
    same key other than the citing page, the one issued on the cited date first, else the
    latest issued (pages without a date last, the earliest created first among equals)."""
    links: dict[int, list[int]] = defaultdict(list)
    for row_pk, citing_id, key, cited_on in rows:
        pages = [(pk, issued) for pk, issued in candidates.get(key, ()) if pk != citing_id]
        dated = [pk for pk, issued in pages if cited_on and issued == cited_on]
        if dated:
            links[dated[0]].append(row_pk)
        elif pages:
            latest = max(pages, key=lambda item: (item[1] is not None, item[1] or 0, -item[0]))
            links[latest[0]].append(row_pk)
    return links


def _candidates(keys: set[str]) -> dict[str, list[tuple[int, object]]]:
    """The live directives of these number keys, oldest first."""
    found: dict[str, list[tuple[int, object]]] = defaultdict(list)
    if not keys:
        return found
    for pk, key, issued_on in (
        DirectivePage.objects.live()
        .filter(number_key__in=keys)
        .values_list("pk", "number_key", "issued_on")
        .order_by("pk")
    ):
        found[key].append((pk, issued_on))
    return found


def _link(model, rows) -> int:
    """Link ``rows`` of ``model`` to the pages ``_choose`` finds; returns the rows linked.

    One UPDATE sent for every row (``executemany``, one round trip), not one per target: an
    import batch links a few hundred rows to almost as many pages."""
    links = _choose(rows, _candidates({key for _, _, key, _ in rows}))
    if not links:
        return 0
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    target = quote(model._meta.get_field("target").column)
    sql = f"UPDATE {table} SET {target} = %s WHERE {pk} = %s AND {target} IS NULL"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(page, row) for page, row_pks in links.items() for row in row_pks])
    return sum(len(row_pks) for row_pks in links.values())


def _unlinked(model):
    return model.objects.filter(target__isnull=True).exclude(number_key="")


def _columns(model):
    return ("pk", model.citing_page, "number_key", "cited_on")


def link_citations_bulk(page_ids: Iterable[int], published_ids: Iterable[int]) -> tuple[int, int]:
    """Link, in a few queries per citing model, the unlinked citations made by the pages
    saved (``page_ids``: outgoing) and the unlinked citations anywhere of the numbers of the
    directives published (``published_ids``: incoming). An import batch calls it once for
    the whole batch; publishing one page calls it for that page. Returns both counts."""
    page_ids, published_ids = list(page_ids), list(published_ids)
    keys = set(
        DirectivePage.objects.live()
        .filter(pk__in=published_ids)
        .exclude(number_key="")
        .values_list("number_key", flat=True)
    )
    outgoing = incoming = 0
    for model in cited_models():
        own = list(
            _unlinked(model)
            .filter(**{f"{model.citing_page}__in": page_ids})
            .values_list(*_columns(model))
        )
        outgoing += _link(model, own)
        if keys:
            waiting = (
                _unlinked(model)
                .filter(number_key__in=keys)
                .exclude(pk__in=[row[0] for row in own])
                .values_list(*_columns(model))
            )
            incoming += _link(model, list(waiting))
    if outgoing or incoming:
        logger.info("linked %d citation(s) out, %d in", outgoing, incoming)
        pagecache.bump_after_commit("citations linked")  # UPDATEs send no signal
    return outgoing, incoming


def link_citations(page) -> tuple[int, int]:
    """Link ``page``'s unlinked citations, and the unlinked citations of its number.

    Updates rows directly, not through revisions: a link is a fact about the site, not an
    editor's change, and republishing an older revision simply links again.
    """
    return link_citations_bulk([page.pk], [page.pk] if isinstance(page, DirectivePage) else [])


def unlink_citations(page_id: int, key: str) -> tuple[int, int]:
    """A directive left the site (unpublished or deleted): the citations that pointed at it
    point at another live page of their number, or at nothing. Returns (unlinked, relinked)."""
    unlinked = relinked = 0
    for model in cited_models():
        unlinked += model.objects.filter(target_id=page_id).update(target=None)
        if key:
            rows = list(_unlinked(model).filter(number_key=key).values_list(*_columns(model)))
            relinked += _link(model, rows)
    if unlinked or relinked:
        pagecache.bump_after_commit("citations unlinked")  # UPDATEs send no signal
        logger.info(
            "page %s left the site: %d citation(s) unlinked, %d linked to another page",
            page_id,
            unlinked,
            relinked,
        )
    return unlinked, relinked


def directive_published(sender, instance, **kwargs) -> None:
    """``page_published`` receiver for every page type that cites or is cited; a directive
    that replaces, amends or repeals another then writes the other's validity."""
    link_citations(instance)
    if isinstance(instance, DirectivePage):
        validity.propagate([instance.pk])


def directive_unpublished(sender, instance: DirectivePage, **kwargs) -> None:
    """``page_unpublished`` receiver for DirectivePage: the validity it set on others is
    undone."""
    unlink_citations(instance.pk, instance.number_key)
    validity.withdraw(instance.pk)


def directive_deleted(sender, instance: DirectivePage, **kwargs) -> None:
    """``post_delete`` receiver for DirectivePage: the database has already cleared the links
    (``SET_NULL``); the citations of its number look for another page."""
    unlink_citations(instance.pk, instance.number_key)


def directive_deleting(sender, instance: DirectivePage, **kwargs) -> None:
    """``pre_delete`` receiver for DirectivePage: the validity it set on others is undone
    while the page still says which it set (the delete then clears the link)."""
    validity.withdraw(instance.pk)
