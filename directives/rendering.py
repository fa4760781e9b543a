"""What a directive page shows, fetched in a fixed number of queries.

A directive page lists its references, tasks, attachments (with their signature checks) and
obligations. Read one by one, each row costs its own queries (the cited page, whether the
public may see it, the task's agency, the file, its signatures): a page citing twenty documents
cost over a hundred queries. ``prepare`` loads each list once, with what its rows show, and
decides in one query which cited pages the public may see, so the page costs the same number of
queries whatever it lists. The lists are put where the template and the citation component
already read them (``page.references.all()``, ``reference.linked_page``), so the templates and
the body's format stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

from directives.models import DirectivePage
from search.visibility import public_pages


def public_page_ids(pages: Iterable[Page | None]) -> set[int]:
    """The ids of ``pages`` the public may see (live, under no view restriction), in one
    query, or none when no page is given."""
    ids = {page.pk for page in pages if page is not None and page.live and not page.expired}
    if not ids:
        return set()
    return set(public_pages(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def _set_linked_pages(citations: list) -> None:
    """Fill each citation's ``linked_page`` (a cached property) from one visibility query."""
    visible = public_page_ids(citation.target for citation in citations)
    for citation in citations:
        target = citation.target
        citation.__dict__["linked_page"] = target if target and target.pk in visible else None


def _hold(page: Page, name: str, rows: list) -> None:
    """Make ``page.<name>.all()`` answer ``rows`` without a query (modelcluster's in-memory
    state of a child relation, as it keeps for a page built from a revision)."""
    related = page.__dict__.setdefault("_cluster_related_objects", {})
    related[name] = rows


def prepare(page: DirectivePage) -> None:
    """Load the child rows a directive page shows, each list in one query."""
    if page.pk is None or getattr(page, "_cluster_related_objects", None):
        return  # a preview or an unsaved page: its rows are already in memory
    references = list(page.references.select_related("target").order_by("sort_order"))
    _set_linked_pages(references)
    _hold(page, "references", references)
    _hold(page, "tasks", list(page.tasks.select_related("agency").order_by("sort_order")))
    attachments = list(
        page.attachments.select_related("document", "document__signature_check").order_by(
            "sort_order"
        )
    )
    for attachment in attachments:
        attachment.__dict__["signature_check"] = getattr(
            attachment.document, "signature_check", None
        )
    _hold(page, "attachments", attachments)
    obligations_manager = getattr(page, "obligations", None)
    if obligations_manager is not None:
        obligations = list(
            obligations_manager.select_related("target", "agency").order_by("sort_order")
        )
        _set_linked_pages(obligations)
        _hold(page, "obligations", obligations)
