"""Vietnamese alphabetical order."""

from vntext.collation import sort_key


def test_letters_with_marks_are_letters_of_their_own():
    """a < ă < â, d < đ, o < ô < ơ, u < ư; "Cấp" before "Chuyển" before "Công"."""
    words = [
        "Công bố",
        "Đăng ký",
        "Chuyển trường",
        "Cấp giấy",
        "Dự án",
        "Ăn",
        "An",
        "Âm",
        "Ưu tiên",
        "Uống",
        "Ơn",
        "Ông",
        "Ong",
    ]
    assert sorted(words, key=sort_key) == [
        "An",
        "Ăn",
        "Âm",
        "Cấp giấy",
        "Chuyển trường",
        "Công bố",
        "Dự án",
        "Đăng ký",
        "Ong",
        "Ông",
        "Ơn",
        "Uống",
        "Ưu tiên",
    ]


def test_tones_only_break_ties_and_spelling_variants_agree():
    """Tones order words that are otherwise equal; "hoà" and "hòa" and NFD text are equal."""
    import unicodedata

    assert sorted(["hóa", "hòa", "hoa", "hỏa"], key=sort_key) == ["hoa", "hòa", "hỏa", "hóa"]
    assert sort_key("Hòa Bình") == sort_key(unicodedata.normalize("NFD", "hòa bình"))
    assert sort_key("hoà") == sort_key("hòa")
    assert sort_key("ba") < sort_key("bà con")


def test_the_key_is_digits_only():
    """The key sorts the same under any database collation: digits only."""
    assert sort_key("Thủ tục số 12: cấp phép").isdigit()
