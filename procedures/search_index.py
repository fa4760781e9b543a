"""Procedure pages in the site search: the fields the search service indexes for them."""

from typing import Any

from search.documents import plain_text
from search.registry import register


def _procedure(page: Any) -> dict[str, Any]:
    agency = page.agency.name if page.agency_id else ""
    return {
        "summary": " · ".join(filter(None, [f"Mã {page.code}", page.field, agency])),
        "body": plain_text(f"{page.required_papers} {page.how_to_file}"),
        "issuer_id": page.agency_id,
        "issuer_name": agency,
        "extra": " ".join(filter(None, [page.code, page.field, page.processing_time])),
    }


def register_procedures() -> None:
    register(
        "procedure",
        "procedures.ProcedurePage",
        _procedure,
        label="Thủ tục hành chính",
        related=("agency",),
    )
