"""The directive record: what the importer extracts from one document.

The shape is fixed by docs/directive-record.md (shared with the admin form and the
``import_directives --json`` output), so ``to_dict`` lists the keys in that order and never
adds one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Reference:
    """A document the text cites by number: "Quyết định số 27/QĐ-UBQGCĐS ngày 15/3/2022"."""

    doc_type: str
    number: str
    date: str | None = None  # ISO, None when the citation prints no date
    # How the citing document stands to it (``relations.CITES``, ``BASED_ON``, ...): a page
    # field, not a key of the record's JSON shape.
    relation: str = "dan-chieu"

    def to_dict(self) -> dict[str, Any]:
        return {"doc_type": self.doc_type, "number": self.number, "date": self.date}


@dataclass(slots=True)
class Deadline:
    """A date by which something must be done or from which it applies, with its passage."""

    date: str  # ISO as precise as printed: "2020-06-30", "2025-12", "2020", "--11-15"
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "text": self.text}


@dataclass(slots=True)
class DirectiveRecord:
    """Everything the importer reads from a directive; ``None`` or ``[]`` when not printed."""

    source: str | None = None
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    issued_on: str | None = None
    issued_year: int | None = None
    issued_month: int | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    signer_authority: list[str] = field(default_factory=list)
    signer_title: str | None = None
    signer_name: str | None = None
    distribution: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The body as it reads (after the recipients, before the signature), paragraphs one a
    # line, for the document page; not part of the record's JSON shape.
    body_text: str | None = None
    # The same body as rich text, parts kept as headings, lists and tables
    # (``parsing.body``); not part of the record's JSON shape either.
    body_html: str = ""
    # The date the document applies from ("Quyết định này có hiệu lực kể từ ngày ..."), ISO;
    # a page field rather than a key of the record's JSON shape.
    effective_on: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of directive-record.md, keys in the documented order."""
        return {
            "source": self.source,
            "doc_type": self.doc_type,
            "number": self.number,
            "issuer": self.issuer,
            "parent_issuer": self.parent_issuer,
            "place": self.place,
            "issued_on": self.issued_on,
            "issued_year": self.issued_year,
            "issued_month": self.issued_month,
            "subject": self.subject,
            "recipients": list(self.recipients),
            "signer_authority": list(self.signer_authority),
            "signer_title": self.signer_title,
            "signer_name": self.signer_name,
            "distribution": list(self.distribution),
            "references": [ref.to_dict() for ref in self.references],
            "deadlines": [deadline.to_dict() for deadline in self.deadlines],
            "warnings": list(self.warnings),
        }
