"""A document that replaces, amends or repeals another changes the other's validity.

Publishing a directive whose references say "thay thế", "bãi bỏ" (the other ends: "Hết hiệu
lực toàn bộ") or "sửa đổi, bổ sung" (the other changes in part: "Hết hiệu lực một phần")
writes that status on the other page, from the new document's effective date (its issue date
when it prints none), on a new revision, published when the other page is live. The page
remembers which document set it and what it was before, so unpublishing (or deleting) that
document puts the other page back as it was, unless an editor has changed it since.

Either side may be published first: publishing the other page later looks at the live
documents whose linked references point at it. Every change is logged for operators.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from directives.models import DirectivePage, DirectiveReference
from directives.vocabulary import Relation, ValidityStatus

logger = logging.getLogger("directives.validity")

# The status a relation gives the document it names; the stronger wins.
STATUS_OF = {
    Relation.REPLACES: ValidityStatus.EXPIRED,
    Relation.REPEALS: ValidityStatus.EXPIRED,
    Relation.AMENDS: ValidityStatus.PARTLY_EXPIRED,
}
_STRENGTH = {ValidityStatus.PARTLY_EXPIRED: 1, ValidityStatus.EXPIRED: 2}


def _from_date(page: DirectivePage) -> date:
    return page.effective_on or page.issued_on or timezone.localdate()


def _editable(target: DirectivePage) -> DirectivePage:
    """The version of ``target`` a change is written on: its live content when it is live
    (what the public sees changes, and a draft in progress stays in its history), else its
    latest revision."""
    if target.live:
        return target
    return target.get_latest_revision_as_object()


def _save(target: DirectivePage, page: DirectivePage, message: str) -> None:
    revision = page.save_revision(log_action=True, clean=False)
    if target.live:
        revision.publish()
    logger.info("page %s (%s): %s", target.pk, target.label, message)


def _apply(source: DirectivePage, target: DirectivePage, relation: str) -> bool:
    status = STATUS_OF[relation]
    if (
        target.validity_source_id == source.pk
        and (target.validity_before or {}).get("set") != target.validity
    ):
        # An editor has set the validity since: theirs stands, and stays when the
        # document leaves.
        DirectivePage.objects.filter(pk=target.pk).update(validity_source=None, validity_before={})
        logger.info("page %s: validity set by an editor, no longer by %s", target.pk, source.pk)
        return False
    if (
        target.validity_source_id != source.pk
        and _STRENGTH.get(target.validity, 0) >= _STRENGTH[status]
    ):
        return False  # another document, or an editor, already set as much or more
    expired_on = _from_date(source) if status == ValidityStatus.EXPIRED else target.expired_on
    if (
        target.validity_source_id == source.pk
        and target.validity == status
        and target.expired_on == expired_on
    ):
        return False
    page = _editable(target)
    if page.validity_source_id is None or not page.validity_before:
        page.validity_before = {
            "validity": page.validity,
            "expired_on": page.expired_on.isoformat() if page.expired_on else None,
        }
    page.validity_before["set"] = status
    page.validity = status
    page.expired_on = expired_on
    page.validity_source_id = source.pk
    _save(target, page, f"{status.label} by {source.label} ({relation}) from {_from_date(source)}")
    return True


def _pairs(
    page_ids: list[int], leaving: int | None = None
) -> Iterable[tuple[DirectivePage, DirectivePage, str]]:
    """(source, target, relation) for the linked changing references made by the live
    pages ``page_ids`` and the ones made by any live page to them."""
    rows = list(
        DirectiveReference.objects.filter(relation__in=list(STATUS_OF), page__live=True)
        .filter(Q(page_id__in=page_ids) | Q(target_id__in=page_ids))
        .exclude(target=None)
        .exclude(page_id=F("target_id"))
        .exclude(page_id=leaving)
        .values_list("page_id", "target_id", "relation")
        .order_by("pk")
    )
    pages = DirectivePage.objects.in_bulk({pk for row in rows for pk in row[:2]})
    for source_id, target_id, relation in rows:
        if source_id in pages and target_id in pages:
            yield pages[source_id], pages[target_id], relation


def propagate(page_ids: Iterable[int], leaving: int | None = None) -> int:
    """Write the validity the published pages ``page_ids`` give the pages they replace,
    amend or repeal (and the one live pages give them); returns the changes made.
    ``leaving`` is a page on its way out (being deleted), whose references no longer count."""
    page_ids = list(page_ids)
    if not page_ids:
        return 0
    changed = 0
    with transaction.atomic():
        for source, target, relation in _pairs(page_ids, leaving):
            target.refresh_from_db()
            changed += _apply(source, target, relation)
    return changed


def withdraw(source_id: int) -> int:
    """The document ``source_id`` left the site: the pages whose validity it set go back
    to what they were, unless an editor changed it since (then the editor's stays)."""
    restored: list[int] = []
    with transaction.atomic():
        for target in DirectivePage.objects.filter(validity_source_id=source_id):
            before = target.validity_before or {}
            page = _editable(target)
            if page.validity == before.get("set"):
                page.validity = before.get("validity") or ValidityStatus.UNKNOWN
                page.expired_on = (
                    date.fromisoformat(before["expired_on"]) if before.get("expired_on") else None
                )
            page.validity_source = None
            page.validity_before = {}
            _save(target, page, f"validity back to {page.validity}: document {source_id} left")
            restored.append(target.pk)
        # Another live document may still replace or amend them.
        propagate(restored, leaving=source_id)
    return len(restored)
