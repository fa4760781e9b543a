"""Turn uploaded bytes into text without ever guessing wrong silently.

Vietnamese files come as UTF-8 (with or without BOM), as UTF-16 from Excel's "Unicode text",
or as Windows-1258 from older offices. A wrong guess produces mojibake ("Thá»§ tá»¥c") that
would then be imported as if it were data, so an undecodable file is refused instead.
"""

import re

from procedures.parsing.errors import ProcedureFileError
from vntext import nfc

# UTF-8 sequences of Vietnamese letters; many of them in a file that failed to decode as
# UTF-8 means a damaged UTF-8 file, which cp1258 would turn into mojibake.
_UTF8_VIETNAMESE_RE = re.compile(rb"[\xc3\xc4\xc6][\x80-\xbf]|\xe1[\xba\xbb][\x80-\xbf]")


def decode(data: bytes, source: str | None) -> str:
    """The text of ``data`` in NFC; raise ProcedureFileError for empty or binary data."""
    if not data or not data.strip():
        raise ProcedureFileError("Tệp rỗng, không có nội dung.", f"{source}: 0 bytes of content")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return nfc(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise _undecodable(source, exc) from exc
    if b"\x00" in data[:4096]:
        raise ProcedureFileError(
            "Tệp không phải văn bản hay bảng tính CSV (có vẻ là tệp nhị phân).",
            f"{source}: NUL byte in the first 4096 bytes",
        )
    try:
        return nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError as utf8_error:
        if len(_UTF8_VIETNAMESE_RE.findall(data)) >= 3:
            raise _undecodable(source, utf8_error) from utf8_error
        try:
            return nfc(data.decode("cp1258"))
        except UnicodeDecodeError as exc:
            raise _undecodable(source, exc) from exc


def _undecodable(source: str | None, exc: UnicodeDecodeError) -> ProcedureFileError:
    return ProcedureFileError(
        "Không đọc được bảng mã của tệp. Hãy lưu lại tệp với bảng mã UTF-8 rồi tải lên lại.",
        f"{source}: {exc.encoding} failed at byte {exc.start}: {exc.reason}",
    )
