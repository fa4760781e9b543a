"""Query understanding, pure: folding, numbers, abbreviations, phrases, hostile text."""

import unicodedata

from search.query import MAX_QUERY_LENGTH, understand


def alternatives(text):
    return [term.alternatives for term in understand(text).terms]


def test_folds_marks_and_d():
    """Accents, "đ" and capitals fold away, so unaccented typing matches."""
    assert understand("Thủ tục NỘI BỘ đất").words == ("thu", "tuc", "noi", "bo", "dat")


def test_tone_placement_and_decomposed_input_fold_alike():
    """ "hoà", "hòa" and an NFD string from a PDF are the same word."""
    nfd = unicodedata.normalize("NFD", "hòa")
    assert understand("hoà").words == understand("hòa").words == understand(nfd).words


def test_number_in_every_spelling_gives_the_key():
    """ "5436/UBND-VP", "5436 ubnd vp" and "5436 UBND VP" name the same document first."""
    for text in ("5436/UBND-VP", "5436 ubnd vp", "5436 UBND VP"):
        assert understand(text).number_keys[0] == "5436-ubnd-vp"


def test_trigger_words_announce_a_bare_number():
    """ "cv 5436" and "số 5436" look for number 5436 and do not require the trigger word."""
    for text in ("cv 5436", "số 5436"):
        query = understand(text)
        assert query.number_keys == ("5436",)
        assert query.words[-1] == "5436"
        assert [t.alternatives for t in query.terms] == [(("5436",),)]


def test_leading_zeros_drop_from_the_key():
    """ "12/CT-UBND" and "012/CT-UBND" have one key."""
    assert understand("12/CT-UBND").number_keys[0] == understand("012/CT-UBND").number_keys[0]


def test_year_in_the_number_is_not_a_second_number():
    assert understand("76/2025/QĐ-UBND").number_keys[0] == "76-2025-qd-ubnd"
    assert "2025" not in understand("76/2025/QĐ-UBND").number_keys


def test_plain_year_in_text_is_not_a_number():
    assert understand("kế hoạch 2022").number_keys == ()


def test_abbreviation_expands_both_ways():
    """ "TTHC" also looks for "thu tuc hanh chinh" and the phrase also looks for "tthc"."""
    assert alternatives("TTHC") == [(("tthc",), ("thu", "tuc", "hanh", "chinh"))]
    assert alternatives("thủ tục hành chính") == [(("thu", "tuc", "hanh", "chinh"), ("tthc",))]
    assert (("hdnd",), ("hoi", "dong", "nhan", "dan")) in alternatives("HĐND tỉnh")


def test_quoted_phrase_is_one_term():
    query = understand('"nội bộ" thủ tục')
    assert query.phrases == ("noi bo",)
    assert query.terms[0].alternatives == (("noi", "bo"),)


def test_stop_words_are_kept():
    """Short words such as "An", "do", "to" are searched, not dropped."""
    assert understand("An do to").words == ("an", "do", "to")


def test_any_character_is_text():
    """Operators, quotes, wildcards and SQL become words or nothing, never syntax."""
    query = understand("\" AND OR NOT NEAR * ^ : ( ) '; DROP TABLE x; -- <b>")
    assert set(query.words) <= {"and", "or", "not", "near", "drop", "table", "x", "b"}
    assert understand('"').terms == ()


def test_control_characters_and_length():
    query = understand("a\x00b\x07c" + "x" * 20_000)
    assert "\x00" not in query.raw and "\x07" not in query.raw
    assert len(query.raw) <= MAX_QUERY_LENGTH


def test_filters_are_read_leniently():
    """Bad filters are dropped and named; page numbers are clamped."""
    query = understand("x", year_from="abc", sort="xyz", kind="bogus", page="-5")
    assert set(query.dropped) == {"year_from", "sort", "kind"}
    assert (query.page, query.sort, query.kind, query.year_from) == (1, "relevance", None, None)
    assert understand("x", page="999999999999").page >= 1
    assert understand("x", year_from="2025", year_to="2020").year_from == 2020
