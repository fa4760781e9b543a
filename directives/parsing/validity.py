"""The document's own entry into force: "Quyết định này có hiệu lực kể từ ngày ...".

Decree 30/2020/NĐ-CP closes a Quyết định, Chỉ thị or Quy định with the article that says from
when it applies: "<kind> này có hiệu lực (thi hành) (kể) từ ngày 01/7/2025" or "... kể từ ngày
ký (ban hành)". That date is the page's "Ngày có hiệu lực", not a task: nobody is to do
anything by it. Only the document's own sentence counts ("này"): an instruction to apply
another law "có hiệu lực từ ngày ..." is a task like any other.
"""

from __future__ import annotations

import re

from vntext import fold
from vntext.dates import PartialDate, find_dates

# "<kind> này có hiệu lực thi hành kể từ ngày", read on folded text.
_OWN_EFFECT_RE = re.compile(
    r"(?<!\w)nay\s+(?:co|phat sinh)\s+hieu\s+luc(?:\s+thi\s+hanh)?\s+(?:(?:ke\s+)?tu\s+)?"
)
# What may stand between the phrase and its date.
_GAPS = ("", "ngay")
# "kể từ ngày ký", "từ ngày ký ban hành", "từ ngày ban hành": the issue date.
_FROM_SIGNING_RE = re.compile(r"^ngay\s+(?:ky|ban\s+hanh)(?!\w)")


def is_own_effect(passage: str) -> bool:
    """True when ``passage`` is the document's own entry-into-force sentence."""
    return bool(_OWN_EFFECT_RE.search(fold(passage)))


def effective_date(paragraphs: list[str], issued: PartialDate | None) -> str | None:
    """The ISO date from which the document applies, or None when it prints none.

    "kể từ ngày ký" gives the issue date when that is printed in full; a period ("sau 15
    ngày kể từ ngày ký") is left to the editor, who reads the whole article.
    """
    for paragraph in paragraphs:
        folded = fold(paragraph)
        match = _OWN_EFFECT_RE.search(folded)
        if match is None:
            continue
        after = paragraph[_position(paragraph, folded, match.end()) :]
        if _FROM_SIGNING_RE.match(fold(after)):
            return issued.iso if issued and issued.is_complete else None
        for item in find_dates(after[:60], months=False):
            if item.valid and fold(after[: item.start]).strip() in _GAPS:
                return item.value.iso if item.value.is_complete else None
            break
    return None


def _position(text: str, folded: str, folded_at: int) -> int:
    """The position in ``text`` of the character at ``folded_at`` in ``fold(text)``.

    ``fold`` may shorten a text (decomposed accents); counting folded characters per
    original character maps a folded position back.
    """
    if len(text) == len(folded):
        return folded_at
    count = 0
    for i, ch in enumerate(text):
        if count >= folded_at:
            return i
        count += len(fold(ch))
    return len(text)
