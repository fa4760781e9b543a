"""The one decoding both importers use (reading.decoding): right text or a clear refusal."""

import unicodedata

import pytest

from directives.parsing.errors import ImportFileError
from procedures.parsing.errors import ProcedureFileError
from reading.decoding import UndecodableText, decode_text

SAMPLE = "Ủy ban nhân dân tỉnh đề nghị các sở, ngành thực hiện thủ tục hành chính trực tuyến. " * 3


def cp1258(text: str) -> bytes:
    """As Windows-1258 stores Vietnamese: base letters precomposed, tone marks combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_utf8_utf16_and_nfd_give_the_same_nfc_text():
    nfd = unicodedata.normalize("NFD", SAMPLE)
    assert decode_text(SAMPLE.encode("utf-8-sig"), "a.txt").text == SAMPLE
    assert decode_text(SAMPLE.encode("utf-16"), "a.txt").text == SAMPLE
    assert decode_text(nfd.encode(), "a.txt").text == SAMPLE


def test_windows_1258_is_read_with_a_warning():
    decoded = decode_text(cp1258(SAMPLE), "cu.csv")
    assert decoded.text == SAMPLE and decoded.encoding == "cp1258"
    assert "1258" in decoded.warnings[0] and "cu.csv" in decoded.warnings[0]


@pytest.mark.parametrize(
    ("data", "message", "detail"),
    [
        (b"  \n", "rỗng", "no content"),
        (b"\x00\x01binary", "nhị phân", "NUL or control bytes"),
        (("東京都の行政手続き。" * 20).encode("shift_jis"), "bảng mã", "not UTF-8"),
        (SAMPLE.encode()[:-40] + b"\xe1\xba" + SAMPLE.encode()[-38:], "bảng mã", "damaged UTF-8"),
        ("Ελληνικά κείμενα διοίκησης ".encode("cp1253") * 5, "bảng mã", "not Vietnamese"),
    ],
    ids=["empty", "binary", "shift-jis", "damaged-utf8", "greek"],
)
def test_refusals_say_why_to_people_and_operators(data, message, detail):
    with pytest.raises(UndecodableText) as caught:
        decode_text(data, "x.txt")
    assert message in caught.value.message_vi and "x.txt" in caught.value.message_vi
    assert detail in caught.value.log_detail


def test_each_importer_gets_its_own_error_class():
    with pytest.raises(ProcedureFileError):
        decode_text(b"\x00", "a.csv", error=ProcedureFileError)
    with pytest.raises(ImportFileError):
        decode_text(b"\x00", "a.txt", error=ImportFileError)
