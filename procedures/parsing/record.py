"""What the importer extracts from a procedure list, shaped as docs/procedure-record.md says.

Plain dataclasses so the Django command, the tests and any later API share one shape; the
JSON form comes only from ``to_dict()`` so the contract lives in one place.
"""

from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date
from typing import Any


@dataclass
class Decision:
    """The document that publishes the list; any part may be missing from a crawled copy."""

    number: str | None = None
    issued_on: date | None = None
    issuer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "issuer": self.issuer,
        }


@dataclass
class ProcedureRecord:
    """One procedure row of a list.

    ``extra`` carries what only spreadsheets give (keys ``audience``, ``processing_time``,
    ``fees``, ``legal_basis``); it is left out of ``to_dict()`` when empty so a decision's
    text yields exactly the contract's shape.
    """

    code: str | None
    name: str
    field: str | None = None
    levels: list[str] = _field(default_factory=list)
    agency: str | None = None
    online_level: str | None = None
    section: str | None = None
    extra: dict[str, Any] = _field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "field": self.field,
            "levels": list(self.levels),
            "agency": self.agency,
            "online_level": self.online_level,
            "section": self.section,
        }
        if self.extra:
            data["extra"] = dict(self.extra)
        return data


@dataclass
class ProcedureListRecord:
    """A whole list: its decision, its procedures in the list's order, and row warnings."""

    source: str | None
    decision: Decision = _field(default_factory=Decision)
    procedures: list[ProcedureRecord] = _field(default_factory=list)
    warnings: list[str] = _field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "decision": self.decision.to_dict(),
            "procedures": [procedure.to_dict() for procedure in self.procedures],
            "warnings": list(self.warnings),
        }
