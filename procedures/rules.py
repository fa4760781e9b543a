"""The online-filing rule: must this procedure be filed online on this date, since when, and
which documents say so?

Pure Python, no Django import, so the rule is tested directly and the page, the API and the
exports all give the one answer it computes. ``procedures.answers`` turns models into the
facts below; this module knows nothing about pages.

An obligation applies to a procedure on a date when the date lies within the obligation's
days (``starts_on`` to ``ends_on``, both inclusive) and every criterion of its scope that is
set matches the procedure *as it was on that date*: its online level has a dated history, so
an internal procedure that became "toàn trình" in 2025 is covered by a 2022 obligation for
"mức độ 3, 4" only from 2025, and the answer says "since 2025".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reading.agencies import abbreviate
from vntext import citation_label, fold
from vntext.dates import format_short

# Online service levels since Decree 42/2022/NĐ-CP; the old levels 4 and 3 map to them.
FULL = "toan-trinh"
PARTIAL = "mot-phan"
NONE = "khong"

# Who files a procedure (the values of the procedure parser's audience reader).
CITIZEN = "citizen"
BUSINESS = "business"
INTERNAL = "internal"

# Levels of government that handle a procedure.
PROVINCE = "tinh"
DISTRICT = "huyen"
COMMUNE = "xa"
OTHER = "khac"
# The whole country: the territory of a central body's documents.
COUNTRY = "ca-nuoc"

# What an obligation requires (the values of the obligation suggester).
ONLINE_ONLY = "online_only"
ONLINE_ENCOURAGED = "online_encouraged"

NO_OBLIGATION = "Chưa có văn bản nào bắt buộc nộp trực tuyến thủ tục này."


@dataclass(frozen=True)
class Document:
    """A directive as the answer cites it, and the document it implements, if known."""

    key: str
    doc_type: str = "Văn bản"
    number: str = ""
    issued_on: date | None = None
    issuer: str = ""
    url: str | None = None
    implements: Document | None = None
    # "Hết hiệu lực toàn bộ": the document binds nobody from ``expired_on`` (the first day it
    # is no longer in force); with no known day it binds nobody on any day, since no day can
    # be shown to lie before the end.
    expired: bool = False
    expired_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        """Whether the document itself is still in force on ``day``."""
        if not self.expired:
            return True
        return self.expired_on is not None and day < self.expired_on

    @property
    def label(self) -> str:
        """ "Công văn số 5436/UBND-VP", or the type alone for a document without a number."""
        return citation_label(self.doc_type, self.number)

    @property
    def citation(self) -> str:
        """ "Công văn số 5436/UBND-VP ngày 16/05/2022 của UBND tỉnh Bà Rịa – Vũng Tàu"."""
        return citation_label(self.doc_type, self.number, self.issued_on, abbreviate(self.issuer))

    def chain(self) -> tuple[Document, ...]:
        """This document, then the one it implements, and so on up (a cycle stops the walk)."""
        chain: list[Document] = []
        seen: set[str] = set()
        current: Document | None = self
        while current is not None and current.key not in seen:
            chain.append(current)
            seen.add(current.key)
            current = current.implements
        return tuple(chain)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.doc_type,
            "number": self.number or None,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "issuer": self.issuer or None,
            "citation": self.citation,
            "url": self.url,
            "implements": self.implements.citation if self.implements else None,
        }


@dataclass(frozen=True)
class LevelChange:
    """From ``valid_from`` (None: since before any dated entry) the procedure's online level
    is ``level``, as ``document`` set it."""

    level: str
    valid_from: date | None = None
    document: str = ""


@dataclass(frozen=True)
class ProcedureFacts:
    """What the rule needs to know about a procedure."""

    code: str
    audiences: frozenset[str] = frozenset()
    government_levels: frozenset[str] = frozenset()
    field: str = ""
    agency: str = ""
    online_level: str = NONE
    level_history: tuple[LevelChange, ...] = ()
    # Where the procedure is carried out, by level of government ({PROVINCE: "Sông Xanh"});
    # a level not given is not known, and no territory is refused for want of it.
    places: tuple[tuple[str, str], ...] = ()

    def place(self, level: str) -> str:
        return fold(dict(self.places).get(level, "")).strip()

    def online_level_on(self, day: date) -> str:
        """The online level on ``day``: the latest history entry in force then; the current
        level when there is no history; NONE before the first dated entry."""
        if not self.level_history:
            return self.online_level
        in_force = [c for c in self.level_history if c.valid_from is None or c.valid_from <= day]
        if not in_force:
            return NONE
        dated = [c for c in in_force if c.valid_from is not None]
        if dated:
            return max(dated, key=lambda c: c.valid_from).level
        return in_force[-1].level

    def level_changes_between(self, start: date, end: date) -> list[date]:
        """Days in (start, end] on which the online level may have changed."""
        return sorted(
            {
                c.valid_from
                for c in self.level_history
                if c.valid_from and start < c.valid_from <= end
            }
        )


@dataclass(frozen=True)
class Territory:
    """Where an obligation binds: the place its issuer governs, at that level of government
    (the whole country for a central body). An empty ``place`` is a level whose place is not
    known: any place at that level."""

    level: str = COUNTRY
    place: str = ""

    def covers(self, procedure: ProcedureFacts) -> bool:
        """A province's document binds what is carried out in that province; a district's or
        a commune's binds only procedures carried out at its own level or below, in it (never
        a province-level procedure, which no district carries out)."""
        if self.level == COUNTRY:
            return True
        if self.level in (DISTRICT, COMMUNE):
            below = {DISTRICT, COMMUNE} if self.level == DISTRICT else {COMMUNE}
            if not below & procedure.government_levels:
                return False
        mine, theirs = procedure.place(self.level), fold(self.place).strip()
        return not (mine and theirs) or mine == theirs


@dataclass(frozen=True)
class Scope:
    """Which procedures an obligation covers. Every criterion that is set must match; an
    empty scope covers every procedure."""

    audiences: frozenset[str] = frozenset()
    online_levels: frozenset[str] = frozenset()
    government_levels: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    agency: str = ""
    codes: frozenset[str] = frozenset()
    territory: Territory = field(default_factory=Territory)

    def covers(self, procedure: ProcedureFacts, day: date) -> bool:
        if self.codes and procedure.code not in self.codes:
            return False
        if not self.territory.covers(procedure):
            return False
        if self.audiences and not self.audiences & procedure.audiences:
            return False
        if self.government_levels and not self.government_levels & procedure.government_levels:
            return False
        if self.fields and fold(procedure.field).strip() not in {
            fold(f).strip() for f in self.fields
        }:
            return False
        if self.agency and fold(self.agency).strip() != fold(procedure.agency).strip():
            return False
        return not (self.online_levels and procedure.online_level_on(day) not in self.online_levels)


@dataclass(frozen=True)
class ObligationFacts:
    """A directive's requirement on a set of procedures, for a span of days."""

    key: str
    requirement: str
    document: Document
    scope: Scope = field(default_factory=Scope)
    starts_on: date | None = None
    ends_on: date | None = None

    @property
    def last_day(self) -> date | None:
        """The last day the obligation binds: its own end, or the day before its document
        stopped being in force, whichever comes first; None when neither is known."""
        days = [self.ends_on] if self.ends_on else []
        if self.document.expired_on:
            days.append(self.document.expired_on - timedelta(days=1))
        return min(days, default=None)

    def in_force(self, day: date) -> bool:
        return (
            (self.starts_on is None or self.starts_on <= day)
            and (self.ends_on is None or day <= self.ends_on)
            and self.document.in_force_on(day)
        )

    def covered_since(self, procedure: ProcedureFacts, day: date) -> date | None:
        """The first day of the unbroken run of days up to ``day`` on which this obligation
        covered the procedure; None when it has covered it from the very beginning."""
        since = self.starts_on
        floor = self.starts_on or date.min
        for change in procedure.level_changes_between(floor, day):
            if not self.scope.covers(procedure, change - timedelta(days=1)):
                since = change
        return since


@dataclass(frozen=True)
class Applied:
    """An obligation that applies on the answer's day, since when, and its chain of documents."""

    obligation: ObligationFacts
    since: date | None

    @property
    def chain(self) -> tuple[Document, ...]:
        return self.obligation.document.chain()

    @property
    def phrase(self) -> str:
        """ "Công văn số 12/UBND-VP ngày ... (thực hiện Công văn số 5436/UBND-VP ...)"."""
        document = self.obligation.document
        if document.implements is None:
            return document.citation
        upstream = "; ".join(d.label for d in self.chain[1:])
        return f"{document.citation} (thực hiện {upstream})"


@dataclass(frozen=True)
class Answer:
    """Must the procedure be filed online on ``on``: the verdict, the obligations behind it,
    and what is coming or has lapsed, for people and for machines."""

    code: str
    on: date
    required: tuple[Applied, ...] = ()
    encouraged: tuple[Applied, ...] = ()
    upcoming: tuple[Applied, ...] = ()
    lapsed: tuple[ObligationFacts, ...] = ()

    @property
    def must_online(self) -> bool:
        return bool(self.required)

    @property
    def since(self) -> date | None:
        """The first day of the current obligation to file online; None when there is none
        (or when it holds with no start date, which the sentence then says)."""
        days = [a.since for a in self.required]
        if not days or None in days:
            return None
        return min(days)  # type: ignore[type-var]

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every document behind the answer, the implemented ones first, each once."""
        seen: dict[str, Document] = {}
        for applied in self.required or self.encouraged:
            for document in reversed(applied.chain):
                seen.setdefault(document.key, document)
        return tuple(seen.values())

    @property
    def chain_text(self) -> str:
        """ "Công văn số 12/UBND-VP → Công văn số 5436/UBND-VP" for each obligation, "; "-joined."""
        chains = [a.chain for a in self.required or self.encouraged if len(a.chain) > 1]
        return "; ".join(" → ".join(d.label for d in chain) for chain in chains)

    @property
    def sentence(self) -> str:
        """The answer in plain Vietnamese, as the procedure page shows it."""
        if self.required:
            start = f"Từ ngày {format_short(self.since)}, thủ" if self.since else "Thủ"
            return (
                f"{start} tục này phải nộp trực tuyến (không nhận hồ sơ giấy) theo "
                f"{_join(a.phrase for a in _roots_first(self.required))}."
            )
        if not (self.encouraged or self.upcoming or self.lapsed):
            return NO_OBLIGATION
        # One verdict for the day asked about; what came before and comes after is told by
        # its own date, never in the future tense (the day asked about may be long past).
        state = "chưa" if self.upcoming else "không còn" if self.lapsed else "không"
        parts = [f"Ngày {format_short(self.on)}, thủ tục này {state} bắt buộc nộp trực tuyến."]
        if self.encouraged:
            parts.append(
                "Văn bản khuyến khích nộp trực tuyến: "
                f"{_join(a.phrase for a in _roots_first(self.encouraged))}."
            )
        for lapsed in self.lapsed:
            parts.append(_lapsed_phrase(lapsed))
        if self.upcoming:
            first = min(a.since for a in self.upcoming if a.since)
            binding = tuple(a for a in self.upcoming if a.since == first)
            parts.append(
                f"Từ ngày {format_short(first)}, thủ tục này phải nộp trực tuyến "
                f"(không nhận hồ sơ giấy) theo {_join(a.phrase for a in _roots_first(binding))}."
            )
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The answer columns shared by the API and the exports."""
        return {
            "on": self.on.isoformat(),
            "must_online": self.must_online,
            "since": self.since.isoformat() if self.since else None,
            "documents": [d.to_dict() for d in self.documents],
            "chain": self.chain_text,
            "encouraged": bool(self.encouraged),
            "upcoming_since": (
                min((a.since for a in self.upcoming if a.since), default=None).isoformat()
                if any(a.since for a in self.upcoming)
                else None
            ),
            "sentence": self.sentence,
        }


def answer(procedure: ProcedureFacts, obligations: list[ObligationFacts], on: date) -> Answer:
    """Which of ``obligations`` apply to ``procedure`` on ``on``, and what they require."""
    required: list[Applied] = []
    encouraged: list[Applied] = []
    upcoming: list[Applied] = []
    lapsed: list[ObligationFacts] = []
    for obligation in obligations:
        if obligation.in_force(on):
            if obligation.scope.covers(procedure, on):
                applied = Applied(obligation, obligation.covered_since(procedure, on))
                (required if obligation.requirement == ONLINE_ONLY else encouraged).append(applied)
            continue
        if obligation.requirement != ONLINE_ONLY:
            continue
        starts, last = obligation.starts_on, obligation.last_day
        if starts and starts > on:
            if obligation.in_force(starts) and obligation.scope.covers(procedure, starts):
                upcoming.append(Applied(obligation, starts))
        elif last and last < on:
            if obligation.scope.covers(procedure, last):
                lapsed.append(obligation)
        elif obligation.document.expired and obligation.scope.covers(procedure, on):
            lapsed.append(obligation)
    return Answer(
        code=procedure.code,
        on=on,
        required=tuple(required),
        encouraged=tuple(encouraged),
        upcoming=tuple(upcoming),
        lapsed=tuple(lapsed),
    )


def _lapsed_phrase(obligation: ObligationFacts) -> str:
    """Why an obligation no longer binds: its end, or its document no longer in force."""
    document = obligation.document
    last = obligation.last_day
    if document.expired_on and last == document.expired_on - timedelta(days=1):
        return (
            f"Yêu cầu nộp trực tuyến theo {document.citation} không còn áp dụng từ ngày "
            f"{format_short(document.expired_on)} (văn bản hết hiệu lực)."
        )
    if last:
        return (
            f"Yêu cầu nộp trực tuyến theo {document.citation} đã hết áp dụng "
            f"sau ngày {format_short(last)}."
        )
    return (
        f"Yêu cầu nộp trực tuyến theo {document.citation} không còn áp dụng: "
        "văn bản đã hết hiệu lực toàn bộ."
    )


def _roots_first(applied: tuple[Applied, ...]) -> list[Applied]:
    """The implemented (upstream) documents' obligations before those implementing them."""
    return sorted(applied, key=lambda a: (len(a.chain), a.since or date.min, a.obligation.key))


def _join(phrases) -> str:
    items = list(dict.fromkeys(phrases))
    if len(items) <= 1:
        return "".join(items)
    return "; ".join(items[:-1]) + " và " + items[-1]
