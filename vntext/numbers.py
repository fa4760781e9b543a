"""Document numbers (số ký hiệu) and their comparison key.

"5436/UBND-VP", "5436 ubnd vp", "5436/UBND - VP" and "05436/ubnd-vp" are one number; so are
"012/CT-UBND" and "12/CT-UBND", "76/2025/QĐ-UBND" and "76/2025/QD-UBND". The key folds the
text, keeps its letter and digit runs in order, drops leading zeros from digit runs and joins
the runs with "-".
"""

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
