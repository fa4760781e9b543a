"""``fold`` removes marks by a regex of the marks a text holds (for speed); it must give
what the plain definition gives: NFD, every combining character dropped, "đ" and the
letters NFD keeps whole made their base letter, case folded."""

import unicodedata

from vntext import fold

_BASE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ơ": "o", "ư": "u"})


def reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_BASE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_BASE).casefold()


def test_every_character_of_the_first_planes_folds_as_the_definition_says():
    for code in range(0x30000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates are not characters
        sample = f"Ả{chr(code)}ệ Ơ{chr(code)}\u0309"
        assert fold(sample) == reference_fold(sample), hex(code)


def test_a_vietnamese_paragraph_and_decomposed_text_fold_alike():
    text = "Ủy ban nhân dân tỉnh: ĐẨY MẠNH chuyển đổi số, dịch vụ công trực tuyến toàn trình"
    assert fold(text) == reference_fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert (
        fold(text)
        == "uy ban nhan dan tinh: day manh chuyen doi so, dich vu cong truc tuyen toan trinh"
    )
