"""Vietnamese text handling for the portal: folding, document numbers, dates, citations.

Pure Python, no Django import, so the importer, the search service and the tests can use it
anywhere.
"""

from vntext.citations import citation_label, first_number
from vntext.dates import PartialDate, format_short, format_vn_date, parse_vn_date
from vntext.folding import fold, fold_tokens, nfc
from vntext.numbers import NUMBER_RE, clean_number, number_key

__all__ = [
    "NUMBER_RE",
    "PartialDate",
    "citation_label",
    "clean_number",
    "first_number",
    "fold",
    "fold_tokens",
    "format_short",
    "format_vn_date",
    "nfc",
    "number_key",
    "parse_vn_date",
]
