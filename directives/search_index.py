"""Directive pages in the site search: the fields the search service indexes for them."""

from typing import Any

from search.documents import plain_text
from search.registry import register


def _directive(page: Any) -> dict[str, Any]:
    issuer = page.issuer
    return {
        "number": page.number,
        "doc_type": page.doc_type,
        "doc_type_label": page.get_doc_type_display(),
        "issuer_id": issuer.pk if issuer else None,
        "issuer_name": issuer.name if issuer else "",
        "issued_on": page.issued_on,
        "year": page.year,
        "signer": page.signer_name,
        "summary": page.subject,
        "body": plain_text(page.body),
        "extra": " ".join(
            filter(None, [issuer.abbreviation if issuer else "", page.signer_title, page.place])
        ),
        # The numbers this directive cites: a search for one of them lists it among the
        # documents citing that number.
        "cites": sorted({ref.number_key for ref in page.references.all() if ref.number_key}),
    }


def register_directives() -> None:
    register(
        "directive",
        "directives.DirectivePage",
        _directive,
        label="Văn bản",
        related=("issuer",),
        prefetch=("references",),
    )
