"""Read a procedure list out of a decision's text (clean text or a crawled markdown page)."""

import re

from procedures.parsing.assemble import Assembler, HeaderEvent
from procedures.parsing.cells import clean, find_code, split_code_from_name
from procedures.parsing.decision import read_decision, read_defaults
from procedures.parsing.errors import ProcedureFileError
from procedures.parsing.flattened import table_events
from procedures.parsing.layout import layout_events
from procedures.parsing.record import ProcedureListRecord, ProcedureRecord
from vntext import nfc

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_procedure_text(text: str, source: str | None = None) -> ProcedureListRecord:
    """Parse the annex table(s) of a decision publishing a procedure list.

    Columns beyond the contract (processing time, fees, legal basis) are not carried into
    ``extra`` here: in an annex they are paragraphs of prose, and the text lists keep exactly
    the contract's shape. Raises ProcedureFileError when the text is empty, is not text, or holds no table whose
    header names procedures (a "Tên TTHC" column beside a code or row-number column).
    """
    if not text or not text.strip():
        raise ProcedureFileError("Tệp rỗng, không có nội dung.", f"{source}: empty text")
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(8, len(text) // 100):
        raise ProcedureFileError(
            "Tệp không phải văn bản (có vẻ là tệp nhị phân).",
            f"{source}: {controls} control characters in {len(text)} characters",
        )
    text = nfc(text)
    events = list(table_events(text))
    if not any(isinstance(event, HeaderEvent) for event in events):
        events = list(layout_events(text))  # a PDF text layer kept in columns
    if not any(isinstance(event, HeaderEvent) for event in events):
        headed = _headed_procedures(text)
        if headed:
            # A decision that only approves workflows names each procedure in a heading
            # ("I. Khấu trừ kinh phí … (mã số 1.012994)") and has no list table.
            return ProcedureListRecord(
                source=source,
                decision=read_decision(text),
                procedures=headed,
                warnings=[
                    "Không có bảng danh mục thủ tục; danh sách lấy từ các đề mục có mã TTHC."
                ],
            )
        raise ProcedureFileError(
            "Không tìm thấy bảng danh mục thủ tục hành chính (cần dòng tiêu đề có cột "
            '"Tên thủ tục" và cột "Mã TTHC" hoặc "STT").',
            f"{source}: no table header with a name column and a code/number column",
        )
    assembler = Assembler(defaults=read_defaults(text))
    assembler.feed(events)
    assembler.finish()
    _restore_agency_case(assembler.procedures, text)
    if not assembler.procedures:
        assembler.warnings.append("Bảng danh mục không có dòng thủ tục nào.")
    return ProcedureListRecord(
        source=source,
        decision=read_decision(text),
        procedures=assembler.procedures,
        warnings=assembler.warnings,
    )


def _restore_agency_case(procedures: list, text: str) -> None:
    """Give an agency read from a heading in capitals its spelling from the decision's body.

    "THUỘC THẨM QUYỀN CỦA SỞ VĂN HÓA VÀ THỂ THAO" can only be lowered to "sở văn hóa và thể
    thao" by rule (Vietnamese capitalises the first syllable of some words only); the body of
    the same decision names the body in running text, spelled as it should be.
    """
    spellings: dict[str, str] = {}
    for procedure in procedures:
        agency = procedure.agency
        if not agency or agency[:1].isupper():
            continue
        if agency not in spellings:
            words = [re.escape(word) for word in agency.split()]
            pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
            spelled = next(
                (
                    " ".join(match.group(0).split())
                    for match in pattern.finditer(text)
                    if match.group(0)[:1].isupper() and not match.group(0).isupper()
                ),
                None,
            )
            spellings[agency] = spelled or agency[:1].upper() + agency[1:]
        procedure.agency = spellings[agency]


_BOLD_BLOCK_RE = re.compile(r"\*\*(.{3,400}?)\*\*", re.DOTALL)
_HEADING_MARKER_RE = re.compile(r"^(?:[IVXLC]+|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s+")


def _headed_procedures(text: str) -> list[ProcedureRecord]:
    """Procedures named by numbered headings that carry their code, once each, in order."""
    found: list[ProcedureRecord] = []
    seen: set[str] = set()
    candidates = [match.group(1) for match in _BOLD_BLOCK_RE.finditer(text)]
    candidates += [line for line in text.splitlines() if "**" not in line]
    for raw in candidates:
        value = clean(raw)
        marker = _HEADING_MARKER_RE.match(value)
        if not marker or not find_code(value):
            continue
        code, name = split_code_from_name(value[marker.end() :])
        if code and name and code not in seen:
            seen.add(code)
            found.append(ProcedureRecord(code=code, name=name))
    order = {code: text.find(code) for code in seen}
    return sorted(found, key=lambda record: order.get(record.code or "", 0))
