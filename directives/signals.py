"""Citations linked both ways when a directive is published.

A reference is saved with its number even when the cited document is not on the site yet.
Publishing a page is the moment either side can be resolved: the new page's references find
the live pages they cite, and references elsewhere that were waiting for this number get the
new page as their target. Numbers compare by ``vntext.number_key``, so "012/CT-UBND" and
"12/ct-ubnd" are one number.
"""

from __future__ import annotations

import logging

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
