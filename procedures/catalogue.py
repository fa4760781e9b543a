"""The catalogue's query: filters, full-text search, sorting and the answers for a listing.

One class reads the query string (the page, the exports and the API share it), so a filtered
page and its export always hold the same procedures:

    ?q=&field=&agency=&level=&audience=&online_level=&online_now=1&sort=&ngay=19/05/2022 (or 2022-05-19)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from functools import cached_property

from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from procedures.answers import AnswerBook, day_from_query
from procedures.rules import Answer
from procedures.vocabulary import (
    AUDIENCE_FLAGS,
    LEVEL_FLAGS,
    Audience,
    GovernmentLevel,
    OnlineLevel,
)
from search import service
from search.query import MAX_PAGE_SIZE
from vntext import fold_tokens
from vntext.collation import by_label

logger = logging.getLogger("procedures")

FILTERS = ("q", "field", "agency", "level", "audience", "online_level", "online_now")
SORTS = {
    "ten": ("Tên thủ tục (A–Z)", ("sort_name", "pk")),
    "ma": ("Mã thủ tục", ("code",)),
    "linh-vuc": ("Lĩnh vực", ("field", "sort_name", "pk")),
    "moi-cap-nhat": ("Mới cập nhật", ("-last_published_at", "-pk")),
}
DEFAULT_SORT = "ten"
RELEVANCE = "phu-hop"
TRUE_VALUES = {"1", "true", "yes", "co", "on"}
MAX_SEARCH_HITS = 2000
MAX_ID = 2**62
MAX_PARAM_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# What ``procedures.export.procedure_record`` reads of each procedure beyond its row.
RECORD_PREFETCH = ("online_levels", "steps", "forms__document")


class Catalogue:
    """The procedures a query string selects, in its order, with the rule's answers."""

    def __init__(
        self, params: Mapping[str, str], queryset: QuerySet, obligations: QuerySet
    ) -> None:
        """``queryset``: the procedures to choose from; ``obligations``: the ``Obligation``
        queryset the answers are read from (passed in: the models import this module)."""
        self.params = {key: _clean(params.get(key)) for key in (*FILTERS, "sort", "ngay")}
        self.base = queryset.select_related("agency__parent__parent")
        self.obligations = obligations
        self.day, self.day_error = day_from_query(self.params["ngay"])
        self._book: AnswerBook | None = None
        self._answers: dict[int, Answer] = {}

    @property
    def is_filtered(self) -> bool:
        return any(self.params[name] for name in FILTERS) or bool(self.params["ngay"])

    @property
    def query(self) -> str:
        return self.params["q"]

    @property
    def sort(self) -> str:
        sort = self.params["sort"]
        if sort == RELEVANCE and self.query:
            return sort
        return sort if sort in SORTS else (RELEVANCE if self.query else DEFAULT_SORT)

    @property
    def sort_choices(self) -> list[tuple[str, str]]:
        choices = [(key, label) for key, (label, _) in SORTS.items()]
        return [(RELEVANCE, "Phù hợp nhất"), *choices] if self.query else choices

    @property
    def book(self) -> AnswerBook:
        if self._book is None:
            self._book = AnswerBook(self.obligations)
        return self._book

    @cached_property
    def qs(self) -> QuerySet:
        """The selected procedures, sorted (search rank first when sorting by relevance)."""
        qs = self._selection()
        if self.sort == RELEVANCE and self._ranked:
            return _in_rank_order(qs, self._ranked)
        return qs.order_by(*SORTS.get(self.sort, SORTS[DEFAULT_SORT])[1])

    @cached_property
    def _ranked(self) -> list[int]:
        """The procedures matching the text, best first, computed once for the listing and
        every facet."""
        return self._search_ids(self.base) if self.query else []

    def _selection(self, skip: str = "") -> QuerySet:
        """The procedures every filter but ``skip`` selects, unordered."""
        qs = self._filtered(self.base, skip)
        if self.query:
            qs = qs.filter(pk__in=self._ranked)
        if self.params["online_now"].lower() in TRUE_VALUES:
            must = [pk for pk, answer in self.answers_for(qs).items() if answer.must_online]
            qs = qs.filter(pk__in=must)
        return qs.order_by()

    def page(self, number: str | None, size: int) -> PaginatorPage:
        """A page of the selection, each procedure carrying its ``online_answer``."""
        page = Paginator(self.qs, size).get_page(number)
        answers = self.answers_for(list(page.object_list))
        for procedure in page.object_list:
            procedure.online_answer = answers[procedure.pk]
        return page

    def answers_for(self, procedures) -> dict[int, Answer]:
        """The rule's answers on ``self.day``, computed once per procedure."""
        if isinstance(procedures, QuerySet):
            procedures = procedures.prefetch_related("online_levels")
        missing = [p for p in procedures if p.pk not in self._answers]
        self._answers.update(self.book.answers(missing, self.day))
        return {p.pk: self._answers[p.pk] for p in procedures}

    def rows(self):
        """Every selected procedure with its answer, for the exports."""
        procedures = list(self.qs.prefetch_related(*RECORD_PREFETCH))
        answers = self.answers_for(procedures)
        for procedure in procedures:
            yield procedure, answers[procedure.pk]

    def facets(self) -> dict[str, list[dict]]:
        """Every value of each filter with its count, in Vietnamese alphabetical order. Each
        list is counted under the other filters only, so a chosen value keeps its siblings."""
        fields = (
            self._selection("field").exclude(field="").values_list("field").annotate(n=Count("pk"))
        )
        agencies = (
            self._selection("agency")
            .exclude(agency=None)
            .values_list("agency__pk", "agency__name")
            .annotate(n=Count("pk"))
        )
        online = dict(
            self._selection("online_level").values_list("online_level").annotate(n=Count("pk"))
        )
        return {
            "field": by_label({"value": value, "label": value, "count": n} for value, n in fields),
            "agency": by_label(
                {"value": str(pk), "label": name, "count": n} for pk, name, n in agencies
            ),
            "level": self._flag_counts("level", LEVEL_FLAGS, GovernmentLevel.choices),
            "audience": self._flag_counts("audience", AUDIENCE_FLAGS, Audience.choices),
            "online_level": [
                {"value": value, "label": label, "count": online.get(value, 0)}
                for value, label in OnlineLevel.choices
            ],
        }

    def _flag_counts(self, name: str, flags: dict[str, str], choices) -> list[dict]:
        """Counts of a filter stored as one boolean column per value, in the vocabulary's
        order (a fixed short list read as a scale: province, district, commune)."""
        counts = self._selection(name).aggregate(
            **{value: Count("pk", filter=Q(**{flags[value]: True})) for value, _ in choices}
        )
        return [
            {"value": value, "label": label, "count": counts[value]} for value, label in choices
        ]

    # The filters.

    def _filtered(self, qs: QuerySet, skip: str = "") -> QuerySet:
        p = {**self.params, skip: ""} if skip else self.params
        if p["field"]:
            qs = qs.filter(field=p["field"])
        if p["agency"]:
            agency = _as_id(p["agency"])
            qs = qs.filter(agency_id=agency) if agency else qs.none()
        if p["level"]:
            field = LEVEL_FLAGS.get(p["level"])
            qs = qs.filter(**{field: True}) if field else qs.none()
        if p["audience"]:
            field = AUDIENCE_FLAGS.get(p["audience"])
            qs = qs.filter(**{field: True}) if field else qs.none()
        if p["online_level"]:
            valid = p["online_level"] in OnlineLevel.values
            qs = qs.filter(online_level=p["online_level"]) if valid else qs.none()
        return qs

    def _search_ids(self, qs: QuerySet) -> list[int]:
        """Ids matching the text, best first: the search service's ranking, then every
        procedure whose folded name, code, field or agency holds all the words."""
        ranked = _service_ids(self.query)
        words = fold_tokens(self.query)
        folded = qs
        for word in words:
            folded = folded.filter(Q(search_text__contains=word) | Q(code__contains=word))
        matched = list(folded.order_by("title").values_list("pk", flat=True)) if words else []
        return list(dict.fromkeys([*ranked, *matched]))


def _clean(value: object) -> str:
    """A parameter without control characters (PostgreSQL refuses NUL bytes in a query)."""
    text = value if isinstance(value, str) else ""
    return _CONTROL.sub("", text).strip()[:MAX_PARAM_LENGTH]


def _as_id(value: str) -> int | None:
    """A database id, or None: "²" passes isdigit() and twenty nines overflow SQLite."""
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def _service_ids(text: str) -> list[int]:
    """Procedure page ids the site search ranks for ``text``; [] when no engine is set up."""
    try:
        ids: list[int] = []
        page = 1
        while len(ids) < MAX_SEARCH_HITS:
            query = service.understand(text, kind="procedure", page=page, page_size=MAX_PAGE_SIZE)
            results = service.search(query)
            ids.extend(hit.page_id for hit in results.hits)
            if page >= results.num_pages or not results.hits:
                break
            page += 1
        return ids
    except (ImportError, ImproperlyConfigured, AttributeError) as error:
        logger.debug("procedures: search service unavailable, folded filter only (%s)", error)
        return []


def _in_rank_order(qs: QuerySet, ranked: list[int]) -> QuerySet:
    order = Case(
        *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked)),
        output_field=IntegerField(),
    )
    return qs.order_by(order, "title")
