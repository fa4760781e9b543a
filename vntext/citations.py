"""How the portal names a cited document: "Công văn số 5436/UBND-VP ngày 16/05/2022 của UBND
tỉnh X". One spelling for directive pages, their references, procedures' legal basis, online
levels, obligations, news sources and the online-filing answer, so a reader sees a document
named the same way wherever it is cited."""

from __future__ import annotations

from datetime import date

from vntext.dates import format_short
from vntext.numbers import NUMBER_RE, clean_number

DEFAULT_TYPE = "Văn bản"


def citation_label(
    doc_type: str = "", number: str = "", issued_on: date | None = None, issuer: str = ""
) -> str:
    """ "X số N ngày D của I", each part only when known; a document without a number is
    named by its type alone ("Kế hoạch"), and one without a type is a "Văn bản"."""
    kind = (doc_type or "").strip() or DEFAULT_TYPE
    parts = [f"{kind} số {number.strip()}" if number and number.strip() else kind]
    if issued_on:
        parts.append(f"ngày {format_short(issued_on)}")
    if issuer:
        parts.append(f"của {issuer}")
    return " ".join(parts)


def first_number(text: str) -> str:
    """The first document number written in ``text`` ("" when there is none): what a citation
    typed as a sentence ("Quyết định số 2808/QĐ-UBND ngày …") is linked by."""
    match = NUMBER_RE.search(text or "")
    return clean_number(match.group()) if match else ""
