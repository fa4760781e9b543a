"""Vietnamese text handling for the portal: folding, document numbers, dates.

Pure Python, no Django import, so the importer, the search service and the tests can use it
anywhere.
"""

from vntext.folding import fold, fold_tokens, nfc
from vntext.numbers import number_key

__all__ = ["fold", "fold_tokens", "nfc", "number_key"]
