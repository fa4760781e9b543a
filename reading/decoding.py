"""Bytes of an uploaded text file (.txt, .md, .csv) turned into text, never guessed wrong silently.

One function for both importers (directives and procedure lists). Vietnamese files come as
UTF-8 (with or without BOM), as UTF-16 from Excel's "Unicode text", or as Windows-1258 from
older offices. A wrong guess produces mojibake ("Thá»§ tá»¥c") that would then be imported as
if it were data, so a file that is not plainly one of these is refused with a message for the
editor (Vietnamese) and a precise detail for the operator's log.

Pure Python, no Django: callers turn ``UndecodableText`` into their own error class, or pass
that class as ``error``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from reading.errors import UserFacingError

WARN_LEGACY_ENCODING = (
    "Tệp “{name}” dùng bảng mã cũ Windows-1258; đã chuyển sang Unicode, hãy kiểm tra lại dấu."
)

# UTF-8 sequences of Vietnamese letters; several of them in a file that failed to decode as
# UTF-8 mean a damaged UTF-8 file, which Windows-1258 would turn into mojibake.
_UTF8_VIETNAMESE_RE = re.compile(rb"[\xc3\xc4\xc6][\x80-\xbf]|\xe1[\xba\xbb][\x80-\xbf]")
_DAMAGED_UTF8_SEQUENCES = 3
_VIETNAMESE_LETTERS = frozenset(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz"
)
# Share of letters outside the Vietnamese alphabet above which a Windows-1258 reading is taken
# to be another encoding (a real Vietnamese text has next to none: foreign names, "ß" ...).
_MAX_FOREIGN_LETTERS = 0.02
# Control bytes (other than tab, new lines, form feed) above this share mean binary data.
_MAX_CONTROL_SHARE = 0.01


class UndecodableText(UserFacingError, ValueError):
    """Bytes that are not a Vietnamese text file: ``message_vi`` for people, ``log_detail``
    for the operator."""


@dataclass(frozen=True)
class DecodedText:
    """The text in NFC, the encoding it was read in, and what the editor should check."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)

    def __iter__(self):
        """``text, warnings = decode_text(...)``: the pair most callers want."""
        return iter((self.text, self.warnings))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * _MAX_CONTROL_SHARE


def _foreign_letter_share(text: str) -> float:
    letters = [ch.lower() for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(ch not in _VIETNAMESE_LETTERS for ch in letters) / len(letters)


def decode_text(
    data: bytes,
    source: str | None = None,
    *,
    error: Callable[[str, str], Exception] = UndecodableText,
) -> DecodedText:
    """The text of ``data`` in NFC; raise ``error(message_vi, log_detail)`` when it is empty,
    binary, damaged or in an encoding other than UTF-8, UTF-16 and Windows-1258."""
    name = source or "(tệp)"
    if not data or not data.strip():
        raise error(
            f"Tệp “{name}” rỗng, không có nội dung (trống).",
            f"{source}: {len(data)} bytes, no content",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(unicodedata.normalize("NFC", data.decode("utf-16")), "utf-16")
        except UnicodeDecodeError as exc:
            raise error(
                f"Tệp “{name}” hỏng: mã UTF-16 không hợp lệ.",
                f"{source}: utf-16 failed at byte {exc.start}: {exc.reason}",
            ) from exc
    if _looks_binary(data):
        raise error(
            f"Tệp “{name}” không phải tệp văn bản hay bảng tính CSV (có dữ liệu nhị phân).",
            f"{source}: NUL or control bytes in the first 8 KB; starts with {data[:16]!r}",
        )
    try:
        return DecodedText(unicodedata.normalize("NFC", data.decode("utf-8-sig")), "utf-8")
    except UnicodeDecodeError as utf8_error:
        not_utf8 = f"{source}: not UTF-8 (byte {utf8_error.start}: {utf8_error.reason})"
        if len(_UTF8_VIETNAMESE_RE.findall(data)) >= _DAMAGED_UTF8_SEQUENCES:
            raise _unknown(error, name, f"{not_utf8}; damaged UTF-8") from utf8_error
        try:
            text = unicodedata.normalize("NFC", data.decode("cp1258"))
        except UnicodeDecodeError as exc:
            detail = f"{not_utf8}; cp1258 failed at byte {exc.start}"
            raise _unknown(error, name, detail) from exc
        share = _foreign_letter_share(text)
        if share > _MAX_FOREIGN_LETTERS:
            detail = f"{not_utf8}; as cp1258, {share:.0%} of the letters are not Vietnamese"
            raise _unknown(error, name, detail) from utf8_error
        return DecodedText(text, "cp1258", [WARN_LEGACY_ENCODING.format(name=name)])


def _unknown(error: Callable[[str, str], Exception], name: str, detail: str) -> Exception:
    return error(
        f"Không nhận ra bảng mã của tệp “{name}”. Hãy lưu lại tệp với bảng mã Unicode "
        "(UTF-8) rồi tải lên lại.",
        detail,
    )
