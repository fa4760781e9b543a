"""Document numbers (số ký hiệu) and their comparison key.

"5436/UBND-VP", "5436 ubnd vp", "5436/UBND - VP" and "05436/ubnd-vp" are one number; so are
"012/CT-UBND" and "12/CT-UBND", "76/2025/QĐ-UBND" and "76/2025/QD-UBND". The key folds the
text, keeps its letter and digit runs in order, drops leading zeros from digit runs and joins
the runs with "-".
"""

import re

from vntext.folding import fold_tokens


def number_key(number: str | None) -> str:
    """The normalised key of a document number: ``"012/CT-UBND"`` -> ``"12-ct-ubnd"``.

    Returns "" for a blank number or one with no letters or digits.
    """
    if not number:
        return ""
    parts = []
    for token in fold_tokens(number):
        if token.isdigit():
            token = token.lstrip("0") or "0"
        parts.append(token)
    return "-".join(parts)


# One part of the symbol after the running number: "UBND", "QĐ", "VP7", "TTr", "BNN". At least
# two capitals (or a capital and digits), so an ordinary word such as "Vũng" never passes.
SYMBOL_PART = r"(?:[A-ZĐ]{2}[A-ZĐ0-9]*[a-z]?[A-ZĐ0-9]*|[A-ZĐ][0-9]+)(?!\w)"
# Separators inside a symbol, with the stray space that printed copies put on either side.
SYMBOL_SEP = r" ?[-/&] ?"
SYMBOL = rf"{SYMBOL_PART}(?:{SYMBOL_SEP}{SYMBOL_PART})*"

# A document number as printed in running text: "5436/UBND-VP", "76/2025/QĐ-UBND",
# "57-NQ/TW", "15972/SXD-QLN& TTBĐS", "3236/TTr -SNN".
NUMBER_RE = re.compile(rf"(?<![\w/.])\d{{1,6}}(?:/\d{{4}})?{SYMBOL_SEP}{SYMBOL}")


def clean_number(raw: str) -> str:
    """A printed number without its stray spaces: ``"57- NQ/TW"`` -> ``"57-NQ/TW"``."""
    return re.sub(r"\s+", "", raw)
