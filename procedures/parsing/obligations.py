"""Suggest the online-filing obligations a directive imposes, for an editor to confirm.

Directives turn online service levels into obligations with dates: 5436/UBND-VP says "Kể từ
ngày 20/5/2022, tất cả hồ sơ thủ tục hành chính trong nội bộ cơ quan nhà nước ... sẽ thực hiện
theo hình thức trực tuyến ...; không nộp hồ sơ trực tiếp ... (trừ các thủ tục chưa được cung
cấp dịch vụ công trực tuyến mức độ 3, 4)". This module finds such sentences and reads from
each the date, the filers, the service levels and whether paper is refused ("online_only")
or online filing is only promoted ("online_encouraged"). It suggests; people decide.
"""

import re
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date
from typing import Any, Literal

from procedures.parsing import online
from procedures.parsing._dates import find_date
from procedures.parsing.audience import audiences_in
from procedures.parsing.online import ONLINE_FULL, ONLINE_PARTIAL
from vntext import fold, nfc

Requirement = Literal["online_only", "online_encouraged"]

MAX_EVIDENCE = 300

# A sentence about filing procedures online, not about online meetings or classes.
_ONLINE_RE = re.compile(r"truc tuyen|dvctt|cong dich vu cong")
_FILING_RE = re.compile(r"ho so|thu tuc|tthc|dich vu cong|dvc")
_ONLY_RE = re.compile(
    r"khong (?:nop|tiep nhan|nhan|giai quyet)\s+(?:cac\s+)?ho so(?:\s+\S+){0,8}?\s+(?:truc tiep|giay|ban giay)"
    r"|(?:chi|bat buoc)\s+(?:\S+\s+){0,4}?(?:tiep nhan|nop|thuc hien|giai quyet)\s+(?:\S+\s+){0,8}?truc tuyen"
    r"|(?:phai|se|bat buoc)\s+(?:\S+\s+){0,3}?thuc hien\s+(?:\S+\s+){0,3}?truc tuyen"
)
_ENCOURAGE_RE = re.compile(
    r"khuyen khich|van dong|uu tien|day manh|tang cuong|nang cao ty le|ho tro nguoi dan"
)
# Sentences that cite or describe other documents, or a dispatch's subject line.
_CITATION_RE = re.compile(
    r"^(?:v/v|ve viec|thuc hien (?:cong van|van ban|quyet dinh|ke hoach|chi thi|thong bao)"
    r"|can cu|theo (?:cong van|van ban|quyet dinh)|nham tiep tuc)"
    r"|ban hanh (?:van ban|cong van|ke hoach|quyet dinh|chi thi)"
    r"|^ngay \d{1,2}/\d{1,2}/\d{4},"
)
_STARTS_RE = re.compile(r"\b(?:ke tu|bat dau tu|ap dung tu|tu)\s+(?=(?:ngay\s+)?\d)")
_ENDS_RE = re.compile(r"\b(?:den het|den)\s+(?=(?:ngay\s+)?\d)")
_ITEM_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[-–•+])\s+")


@dataclass
class ObligationSuggestion:
    """One obligation a directive appears to impose, with the sentence that says so."""

    requirement: Requirement
    evidence: str
    starts_on: date | None = None
    ends_on: date | None = None
    audience: list[str] = _field(default_factory=list)
    online_levels: list[str] = _field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "requirement": self.requirement,
            "audience": list(self.audience),
            "online_levels": list(self.online_levels),
            "evidence": self.evidence,
        }


def suggest_obligations(text: str) -> list[ObligationSuggestion]:
    """The online-filing obligations ``text`` imposes, one per requirement and audience.

    Sentences restating one obligation (a dispatch often repeats it for each level of
    government) are merged: the first sentence is the evidence, dates and levels are pooled.
    Returns [] when the text imposes nothing.
    """
    merged: dict[tuple[str, tuple[str, ...]], ObligationSuggestion] = {}
    for sentence in sentences(text):
        suggestion = _read_sentence(sentence)
        if suggestion is None:
            continue
        key = (suggestion.requirement, tuple(suggestion.audience))
        if key not in merged:
            merged[key] = suggestion
            continue
        kept = merged[key]
        if kept.starts_on is None and suggestion.starts_on is not None:
            kept.starts_on, kept.evidence = suggestion.starts_on, suggestion.evidence
        kept.ends_on = kept.ends_on or suggestion.ends_on
        kept.online_levels = [
            level
            for level in (ONLINE_FULL, ONLINE_PARTIAL)
            if level in kept.online_levels or level in suggestion.online_levels
        ]
    suggestions = list(merged.values())
    required = {key[1] for key in merged if key[0] == "online_only"}
    # Promoting online filing to people who must already file online adds nothing.
    return [
        s
        for s in suggestions
        if s.requirement == "online_only" or tuple(s.audience) not in required
    ]


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, with lines broken by a crawl or a PDF joined back.

    A new paragraph starts after a blank line or at a list item ("1.", "a)", "-").
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in nfc(text).replace("*", "").splitlines():
        if not line.strip() or _ITEM_RE.match(line):
            if current:
                paragraphs.append(" ".join(current))
            current = [line.strip()] if line.strip() else []
        else:
            current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    paragraphs = _rejoin_broken(paragraphs)
    result: list[str] = []
    for paragraph in paragraphs:
        for piece in re.split(r"(?<=[.!?])\s+(?=[\"“(]?[^\W_a-zđ])", paragraph):
            piece = re.sub(r"\s+", " ", _ITEM_RE.sub("", piece)).strip()
            if piece:
                result.append(piece)
    return result


def _rejoin_broken(paragraphs: list[str]) -> list[str]:
    """Rejoin a sentence that a stray blank line cut ("phục vụ người dân -" / "doanh nghiệp")."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if (
            joined
            and paragraph[:1].islower()
            and not joined[-1].endswith((".", ";", ":", "!", "?"))
        ):
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def _read_sentence(sentence: str) -> ObligationSuggestion | None:
    folded = fold(sentence)
    if not (_ONLINE_RE.search(folded) and _FILING_RE.search(folded)):
        return None
    if _CITATION_RE.search(folded):
        return None
    if _ONLY_RE.search(folded):
        requirement: Requirement = "online_only"
    elif _ENCOURAGE_RE.search(folded) and audiences_in(sentence):
        # Promotion with no filer named is about agencies offering services, not about filing.
        requirement = "online_encouraged"
    else:
        return None
    return ObligationSuggestion(
        requirement=requirement,
        evidence=_evidence(sentence),
        starts_on=_date_after(_STARTS_RE, sentence, folded),
        ends_on=_date_after(_ENDS_RE, sentence, folded),
        audience=audiences_in(sentence),
        online_levels=online.levels_in_sentence(folded),
    )


def _date_after(pattern: re.Pattern[str], sentence: str, folded: str) -> date | None:
    for match in pattern.finditer(folded):
        found = find_date(sentence[match.end() : match.end() + 40])
        if found and found[1] <= 6:
            return found[0]
    return None


def _evidence(sentence: str) -> str:
    if len(sentence) <= MAX_EVIDENCE:
        return sentence
    cut = sentence[: MAX_EVIDENCE - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
