"""The catalogue import: a procedure list's record in, procedure pages created or updated by
their national code, with the decision as their legal basis and a dated online level.

The parser (``procedures.parsing``) is pure; this module owns the database side. One file is
one transaction: a file that fails leaves nothing behind, and a re-import updates the pages it
made before instead of adding new ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from wagtail.models import Site

from directives.import_mapping import agency_for
from directives.importing import ImportRefused, import_document
from directives.models import DirectiveIndexPage, DirectivePage
from procedures.models import (
    OnlineLevelChange,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
)
from procedures.parsing import ProcedureListRecord, ProcedureRecord
from procedures.parsing.audience import audiences_in
from procedures.vocabulary import (
    AUDIENCE_FLAGS,
    LEVEL_FLAGS,
    ProcedureStatus,
    government_level_from_label,
    online_level_from_label,
)
from vntext import citation_label, fold, number_key

logger = logging.getLogger("procedures")

TITLE_MAX = 255
REPEALED_WORDS = ("bai bo", "huy bo")


@dataclass
class FileResult:
    """What one file did: counts by outcome, warnings for the editor, and the error if any."""

    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    directive: DirectivePage | None = None

    @property
    def failed(self) -> bool:
        return bool(self.error)


def catalogue_page() -> ProcedureIndexPage | None:
    """The catalogue of the default site, or the first one anywhere."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        found = ProcedureIndexPage.objects.descendant_of(site.root_page).first()
        if found is not None:
            return found
    return ProcedureIndexPage.objects.first()


def import_list(
    record: ProcedureListRecord,
    *,
    data: bytes | None = None,
    filename: str = "",
    index: ProcedureIndexPage | None = None,
    progress: Callable[[], None] | None = None,
) -> FileResult:
    """Create or update the procedures of ``record`` in one transaction. ``data`` and
    ``filename`` are the file itself: a decision's text is imported as a draft directive."""
    source = record.source or filename
    result = FileResult(source)
    try:
        with transaction.atomic():
            index = index or catalogue_page()
            if index is None:
                raise ImportRefused(
                    "Chưa có trang danh mục thủ tục hành chính: hãy tạo trang này trước khi nhập."
                )
            decision = _decision_page(record, data, filename, result)
            citation = decision_citation(record)
            seen: set[str] = set()
            for row_number, row in enumerate(record.procedures, start=1):
                if not row.code:
                    result.warnings.append(
                        f"Dòng {row_number} (“{row.name[:60]}”) không có mã thủ tục: bỏ qua."
                    )
                elif row.code in seen:
                    result.warnings.append(
                        f"Mã {row.code} xuất hiện lại ở dòng {row_number}: cập nhật theo dòng sau."
                    )
                if row.code:
                    outcome = save_procedure(index, row, record, citation, decision)
                    if row.code not in seen:
                        setattr(result, outcome, getattr(result, outcome) + 1)
                    seen.add(row.code)
                if progress:
                    progress()
            result.warnings[:0] = list(record.warnings)
    except ImportRefused as error:
        logger.warning("%s: refused: %s", source, error.message_vi)
        return FileResult(source, error=error.message_vi)
    except ValidationError as error:
        # A page the catalogue refuses (a slug an editor already gave another page): the
        # whole file is rolled back, the editor told which rule it broke.
        logger.warning("%s: refused by page validation, rolled back: %s", source, error)
        details = "; ".join(error.messages)[:300]
        return FileResult(
            source,
            error=f"Không nhập được danh mục “{source}” ({details}); chưa có gì thay đổi.",
        )
    except DatabaseError as error:
        logger.exception("%s: %s while saving, rolled back", source, type(error).__name__)
        return FileResult(
            source,
            error=f"Không lưu được danh mục “{source}” do lỗi hệ thống; chưa có gì thay đổi.",
        )
    logger.info(
        "%s: %d created, %d updated, %d unchanged, %d warnings",
        source,
        result.created,
        result.updated,
        result.unchanged,
        len(result.warnings),
    )
    return result


def decision_citation(record: ProcedureListRecord) -> str:
    """ "Quyết định số 2808/QĐ-UBND ngày 19/11/2025 của Ủy ban nhân dân tỉnh Đồng Nai"."""
    decision = record.decision
    if not decision.number:
        return ""
    doc_type = "Quyết định" if "QĐ" in decision.number else ""
    return citation_label(doc_type, decision.number, decision.issued_on, decision.issuer or "")


def save_procedure(
    index: ProcedureIndexPage,
    row: ProcedureRecord,
    record: ProcedureListRecord,
    citation: str,
    decision: DirectivePage | None,
) -> str:
    """Create or update one procedure; returns "created", "updated" or "unchanged"."""
    page = ProcedurePage.objects.filter(code=row.code).first()
    created = page is None
    if created:
        page = ProcedurePage(code=row.code, slug=_slug(row.code), title="")
    before = snapshot(page)
    _apply_row(page, row)
    repealed = any(word in fold(row.section or "") for word in REPEALED_WORDS)
    if repealed:
        page.status = ProcedureStatus.REPEALED
    elif row.online_level:
        page.status = ProcedureStatus.IN_FORCE
    number = record.decision.number or ""
    if citation and not any(
        b.number_key == number_key(number) or b.citation == citation for b in page.legal_basis.all()
    ):
        page.legal_basis.add(ProcedureLegalBasis(citation=citation, number=number, target=decision))
    if row.online_level and not repealed:
        level = online_level_from_label(row.online_level)
        valid_from = record.decision.issued_on
        if not any(
            c.level == level and c.valid_from == valid_from and c.citation == citation
            for c in page.online_levels.all()
        ):
            page.online_levels.add(
                OnlineLevelChange(
                    level=level,
                    valid_from=valid_from,
                    citation=citation,
                    number=number,
                    target=decision,
                )
            )
    if created:
        index.add_child(instance=page)
        page.save_revision().publish()
        return "created"
    if snapshot(page) == before:
        return "unchanged"
    revision = page.save_revision()
    if page.live:
        revision.publish()
    return "updated"


def snapshot(page: ProcedurePage) -> tuple:
    """The imported fields, to tell an update from a re-import that changes nothing."""
    return (
        page.title,
        page.full_name,
        page.field,
        page.agency_id,
        tuple(getattr(page, flag) for flag in (*LEVEL_FLAGS.values(), *AUDIENCE_FLAGS.values())),
        page.status,
        page.processing_time,
        page.fees,
        tuple((b.citation, b.number) for b in page.legal_basis.all()),
        tuple((c.level, c.valid_from, c.citation) for c in page.online_levels.all()),
    )


def _apply_row(page: ProcedurePage, row: ProcedureRecord) -> None:
    if len(row.name) > TITLE_MAX:
        logger.info(
            "%s: name of %d characters cut to the title's %d", row.code, len(row.name), TITLE_MAX
        )
    page.title = row.name[:TITLE_MAX]
    page.full_name = row.name if len(row.name) > TITLE_MAX else ""
    page.field = (row.field or page.field)[:255]
    if row.agency:
        page.agency = agency_for(row.agency)
    levels = {government_level_from_label(label) for label in row.levels} - {None}
    if levels:
        for level, flag in LEVEL_FLAGS.items():
            setattr(page, flag, level in levels)
    audiences = row.extra.get("audience") or audiences_in(row.section)
    if audiences:
        for audience, flag in AUDIENCE_FLAGS.items():
            setattr(page, flag, audience in audiences)
    if row.extra.get("processing_time"):
        page.processing_time = str(row.extra["processing_time"])[:255]
    if row.extra.get("fees"):
        page.fees = str(row.extra["fees"])
    if row.extra.get("legal_basis"):
        text = str(row.extra["legal_basis"])
        for line in [part.strip() for part in text.replace(";", "\n").splitlines() if part.strip()]:
            if not any(b.citation == line[:255] for b in page.legal_basis.all()):
                page.legal_basis.add(ProcedureLegalBasis(citation=line[:255]))


def _slug(code: str) -> str:
    return "thu-tuc-" + code.replace(".", "-").lower()


# The decision itself, as a draft directive -------------------------------------------


def _decision_page(
    record: ProcedureListRecord, data: bytes | None, filename: str, result: FileResult
) -> DirectivePage | None:
    """The decision's page: an existing one with its number, or a draft imported from the
    file's text when the text has a header. None for spreadsheets and headerless lists."""
    decision = record.decision
    if not decision.number:
        return None
    existing = _existing_directive(decision.number, decision.issued_on)
    if existing is not None or data is None or not filename.lower().endswith((".txt", ".md")):
        return existing
    if DirectiveIndexPage.objects.first() is None:
        result.warnings.append(
            "Chưa có trang danh sách văn bản: không nhập được văn bản quyết định."
        )
        return None
    imported = import_document(data, filename)
    if imported.failed or imported.page is None:
        result.warnings.append(f"Không nhập được văn bản quyết định: {imported.message_vi}")
        return None
    result.directive = _complete(imported.page, record)
    return result.directive


def _complete(page: DirectivePage, record: ProcedureListRecord) -> DirectivePage:
    """Fill in what the list's reader found and the directive's reader missed (crawled copies
    often lose the header table), so a re-import finds the decision by its number."""
    decision = record.decision
    changed = False
    if not page.number and decision.number:
        page.number, changed = decision.number, True
    if not page.issued_on and decision.issued_on:
        page.issued_on, changed = decision.issued_on, True
    if not page.issuer_id and decision.issuer:
        page.issuer = agency_for(decision.issuer)
        changed = True
    if changed:
        page.save()
        page.save_revision()
        logger.info("directive %s: number, date or issuer taken from the procedure list", page.pk)
    return page


def _existing_directive(number: str, issued_on: date | None) -> DirectivePage | None:
    candidates = DirectivePage.objects.filter(number_key=number_key(number))
    if issued_on:
        dated = candidates.filter(issued_on=issued_on).first()
        if dated:
            return dated
    return candidates.order_by("-issued_on").first()


__all__ = ["FileResult", "catalogue_page", "import_list"]
