"""The Django side of the online-filing rule: models in, ``procedures.rules`` facts out, and
one ``AnswerBook`` that loads the published obligations once and answers for many procedures
(a page, a catalogue filter, an export of thousands of rows).

The procedure models call this module (a page's ``save`` and ``answer``), so it imports none
of them: the caller hands the book its obligations, and a page is read by its attributes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from directives.models import DirectivePage
from directives.vocabulary import ValidityStatus
from procedures import rules
from procedures.territory import places_of, portal_province
from search.visibility import public_ids

logger = logging.getLogger(__name__)


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_day(value: str) -> date:
    """The day a visitor typed, as Vietnamese write it (19/05/2022, 19-5-2022, 19.05.2022)
    or in ISO form (2022-05-19); ``ValueError`` with a Vietnamese message otherwise. A
    visitor writes the day first: 01/02/2024 is the first of February."""
    text = value.strip()
    found = _DAY_MONTH_YEAR.fullmatch(text)
    try:
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"Ngày “{value[:40]}” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 19/05/2022."
        ) from None


def day_from_query(value: str | None) -> tuple[date, str | None]:
    """The day a visitor asked about (``?ngay=19/05/2022`` or ``?ngay=2022-05-19``), today
    when absent; with a Vietnamese message, and today, when the value is not a date."""
    today = timezone.localdate()
    if not value:
        return today, None
    try:
        return parse_day(value), None
    except ValueError as error:
        logger.info("procedure answer: unreadable day %r in the query, answering for today", value)
        return today, f"{error} Đang xem ngày hôm nay."


def procedure_facts(page, province: str = "") -> rules.ProcedureFacts:
    """What the rule needs from a ProcedurePage (saved or not: its history may be in memory);
    ``province`` is the portal's, where the procedure is carried out unless its agency's
    name says otherwise."""
    history = tuple(
        rules.LevelChange(
            level=change.level,
            valid_from=change.valid_from,
            document=change.citation,
        )
        for change in page.online_levels.all()
    )
    return rules.ProcedureFacts(
        code=page.code,
        audiences=frozenset(page.audiences),
        government_levels=frozenset(page.levels),
        field=page.field,
        agency=page.agency_name,
        online_level=page.online_level,
        level_history=history,
        places=places_of(page.agency if page.agency_id else None, province),
    )


class AnswerBook:
    """The obligations of public directives as rule facts, loaded once per book.

    An obligation no editor has confirmed (the importer's proposal) counts for nothing; nor
    does one of a draft, unpublished or view-restricted directive: its
    obligations do not apply, and a public directive that implements it cites it only by
    the text the editor wrote (the obligation's ``citation``), never by its page.

    ``obligations`` is any queryset of ``Obligation`` (``Obligation.objects.all()``); the book
    keeps those of public directives.
    """

    def __init__(self, obligations: QuerySet) -> None:
        self.obligations = list(
            obligations.filter(directive__in=public_ids(DirectivePage), confirmed=True)
            .select_related("directive__issuer__parent__parent", "target__issuer", "agency__parent")
            .order_by("directive__issued_on", "pk")
        )
        implemented = {o.target_id for o in self.obligations if o.target_id}
        self._public_upstream = set(
            public_ids(DirectivePage).filter(pk__in=implemented).values_list("pk", flat=True)
        )
        # What each directive implements, as its obligations say.
        self._upstream: dict[int, object] = {}
        for obligation in self.obligations:
            target = self._implements(obligation)
            if target is not None:
                self._upstream.setdefault(obligation.directive_id, target)
        self._documents: dict[str, rules.Document] = {}
        self.province = portal_province()
        self.facts = [self._obligation_facts(o) for o in self.obligations]

    def answer(self, page, on: date) -> rules.Answer:
        return rules.answer(procedure_facts(page, self.province), self.facts, on)

    def answers(self, pages: Iterable, on: date) -> dict[int, rules.Answer]:
        """Answers by page id; pass pages with ``online_levels`` prefetched."""
        return {page.pk: self.answer(page, on) for page in pages}

    def _obligation_facts(self, obligation) -> rules.ObligationFacts:
        directive = obligation.directive
        scope = rules.Scope(
            audiences=_flags(
                {
                    rules.CITIZEN: obligation.for_citizens,
                    rules.BUSINESS: obligation.for_businesses,
                    rules.INTERNAL: obligation.for_internal,
                }
            ),
            online_levels=_flags(
                {rules.FULL: obligation.level_full, rules.PARTIAL: obligation.level_partial}
            ),
            government_levels=_flags(
                {
                    rules.PROVINCE: obligation.level_province,
                    rules.DISTRICT: obligation.level_district,
                    rules.COMMUNE: obligation.level_commune,
                }
            ),
            fields=frozenset(obligation.field_list),
            agency=obligation.agency.name if obligation.agency_id else "",
            codes=frozenset(obligation.code_list),
            territory=rules.Territory(*obligation.territory),
        )
        upstream = self._implements(obligation)
        return rules.ObligationFacts(
            key=f"obligation:{obligation.pk}",
            requirement=obligation.requirement,
            document=self._document(directive, upstream, set()),
            scope=scope,
            starts_on=obligation.starts_on or directive.effective_on or directive.issued_on,
            ends_on=obligation.ends_on,
        )

    def _implements(self, obligation):
        """The upstream document: its page when public, else the editor's citation text."""
        if obligation.target_id in self._public_upstream:
            return obligation.target
        return obligation.cited_label or None

    def _document(self, directive, upstream, seen: set[int]) -> rules.Document:
        """The directive as the rule cites it, with the chain of documents it implements."""
        key = f"directive:{directive.pk}:{getattr(upstream, 'pk', upstream)}"
        if key in self._documents:
            return self._documents[key]
        seen = seen | {directive.pk}
        implements = None
        if isinstance(upstream, str):
            implements = rules.Document(key=f"cited:{upstream}", doc_type=upstream)
        elif upstream is not None and upstream.pk not in seen:
            implements = self._document(upstream, self._upstream.get(upstream.pk), seen)
        document = rules.Document(
            key=f"directive:{directive.pk}",
            doc_type=directive.doc_type_label,
            number=directive.number,
            issued_on=directive.issued_on,
            issuer=directive.issuer.name if directive.issuer_id else "",
            # Only public directives get here (public obligations, public upstream pages).
            url=directive.url,
            implements=implements,
            expired=directive.validity == ValidityStatus.EXPIRED
            or directive.expired_on is not None,
            expired_on=directive.expired_on,
        )
        self._documents[key] = document
        return document


def _flags(flags: dict[str, bool]) -> frozenset[str]:
    return frozenset(value for value, on in flags.items() if on)
