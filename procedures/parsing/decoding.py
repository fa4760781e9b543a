"""Uploaded bytes to text for the procedure importer: the shared ``reading.decoding``.

One decoding for both importers (UTF-8, UTF-16, Windows-1258; binary, damaged or unknown
encodings refused, never guessed into mojibake); here its refusal becomes the procedure
importer's ``ProcedureFileError``.
"""

from procedures.parsing.errors import ProcedureFileError
from reading.decoding import decode_text


def decode(data: bytes, source: str | None) -> str:
    """The text of ``data`` in NFC; raise ProcedureFileError for empty, binary or undecodable
    data (the Windows-1258 warning is not kept: a list's rows are checked in the preview)."""
    return decode_text(data, source, error=ProcedureFileError).text
