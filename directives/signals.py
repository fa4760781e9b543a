"""Citations linked both ways when a directive is published.

A reference is saved with its number even when the cited document is not on the site yet.
Publishing a page is the moment either side can be resolved: the new page's references find
the live pages they cite, and references elsewhere that were waiting for this number get the
new page as their target. Numbers compare by ``vntext.number_key``, so "012/CT-UBND" and
"12/ct-ubnd" are one number.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from directives.models import DirectivePage, DirectiveReference, find_cited_page

logger = logging.getLogger("directives.citations")


def link_citations(page: DirectivePage) -> tuple[int, int]:
    """Link ``page``'s unresolved references, and the unresolved references to its number.

    Updates rows directly, not through revisions: a link is a fact about the site, not an
    editor's change, and republishing an older revision simply links again. Returns the
    number of outgoing and incoming links made.
    """
    outgoing = 0
    unresolved = DirectiveReference.objects.filter(page=page, target__isnull=True).exclude(
        number_key=""
    )
    for reference in unresolved:
        target = find_cited_page(reference.number_key, reference.cited_on, exclude_pk=page.pk)
        if target:
            DirectiveReference.objects.filter(pk=reference.pk).update(target=target)
            outgoing += 1
    incoming = 0
    if page.number_key:
        incoming = (
            DirectiveReference.objects.filter(number_key=page.number_key, target__isnull=True)
            .exclude(page=page)
            .update(target=page)
        )
    if outgoing or incoming:
        logger.info(
            "page %s (%s): linked %d citation(s) out, %d in",
            page.pk,
            page.number,
            outgoing,
            incoming,
        )
    return outgoing, incoming


def directive_published(sender, instance: DirectivePage, **kwargs) -> None:
    """``page_published`` receiver for DirectivePage."""
    link_citations(instance)


def link_citations_bulk(page_ids: Iterable[int], published_ids: Iterable[int]) -> tuple[int, int]:
    """``link_citations`` for a whole import batch in a handful of queries: the references
    of every page saved (``page_ids``) find the live pages they cite, and references waiting
    for the number of a page published (``published_ids``) link to it. The choice is
    ``find_cited_page``'s: a live page of the same number, the one of the cited date first,
    else the latest issued; pages published earlier in the batch win a shared number."""
    page_ids, published_ids = list(page_ids), list(published_ids)
    unresolved = list(
        DirectiveReference.objects.filter(page_id__in=page_ids, target__isnull=True)
        .exclude(number_key="")
        .values_list("pk", "page_id", "number_key", "cited_on")
    )
    candidates: dict[str, list[tuple[int, object]]] = defaultdict(list)
    for pk, key, issued_on in (
        DirectivePage.objects.live()
        .filter(number_key__in={key for _, _, key, _ in unresolved})
        .values_list("pk", "number_key", "issued_on")
        .order_by("pk")
    ):
        candidates[key].append((pk, issued_on))
    links: dict[int, list[int]] = defaultdict(list)
    for reference_pk, page_id, key, cited_on in unresolved:
        pages = [(pk, issued) for pk, issued in candidates.get(key, ()) if pk != page_id]
        dated = [pk for pk, issued in pages if cited_on and issued == cited_on]
        if dated:
            links[dated[0]].append(reference_pk)
        elif pages:
            latest = max(pages, key=lambda item: (item[1] is not None, item[1] or 0, -item[0]))
            links[latest[0]].append(reference_pk)
    outgoing = sum(len(refs) for refs in links.values())

    claimed: dict[str, list[int]] = defaultdict(list)
    for pk, key in (
        DirectivePage.objects.live()
        .filter(pk__in=published_ids)
        .exclude(number_key="")
        .values_list("pk", "number_key")
        .order_by("pk")
    ):
        claimed[key].append(pk)
    linked = {pk for refs in links.values() for pk in refs}
    incoming = 0
    for reference_pk, page_id, key in DirectiveReference.objects.filter(
        number_key__in=list(claimed), target__isnull=True
    ).values_list("pk", "page_id", "number_key"):
        if reference_pk in linked:
            continue
        target = next((pk for pk in claimed[key] if pk != page_id), None)
        if target is not None:
            links[target].append(reference_pk)
            incoming += 1
    for target, reference_pks in links.items():
        DirectiveReference.objects.filter(pk__in=reference_pks).update(target_id=target)
    if outgoing or incoming:
        logger.info("import batch: linked %d citation(s) out, %d in", outgoing, incoming)
    return outgoing, incoming
