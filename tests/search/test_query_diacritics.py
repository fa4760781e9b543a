"""Query understanding and snippets: a word typed with its diacritics marks only itself, a
type abbreviation glued to its number and a term's abbreviation are understood."""

from search.query import understand
from search.snippets import accent_key, highlight, snippet

TEXT = "Thủ tục cấp chứng thư số; hồ sơ sơ bộ gửi kèm thư mời, số 5."


def marked(html: str) -> list[str]:
    return [part.split("</mark>", 1)[0] for part in html.split("<mark>")[1:]]


def test_an_accented_query_marks_only_words_with_the_same_diacritics():
    html = highlight(TEXT, understand("chứng thư số").highlight_words)
    assert marked(html) == ["chứng", "thư", "số", "thư", "số"]
    assert "<mark>Thủ</mark>" not in html and "<mark>sơ</mark>" not in html


def test_a_query_without_diacritics_marks_every_spelling():
    html = highlight(TEXT, understand("chung thu so").highlight_words)
    assert {"Thủ", "sơ", "thư", "số", "chứng"} <= set(marked(html))


def test_each_word_is_read_on_its_own_and_tone_placement_does_not_matter():
    html = highlight("Uỷ ban nhân dân; thư và thủ", understand("ủy ban thu").highlight_words)
    assert marked(html) == ["Uỷ", "ban", "thư", "thủ"]
    assert accent_key("hoà") == accent_key("hòa") and accent_key("thư") != accent_key("thủ")


def test_abbreviation_expansions_still_mark_the_accented_words():
    html = snippet(["Ủy ban nhân dân tỉnh và UBND huyện"], understand("ubnd").highlight_words)
    assert marked(html) == ["Ủy", "ban", "nhân", "dân", "UBND"]


def test_a_type_abbreviation_glued_to_the_number_is_read_as_spaced():
    glued, spaced = understand("CV1836"), understand("cv 1836")
    assert glued.number_keys == spaced.number_keys == ("1836",)
    assert glued.terms == spaced.terms
    assert understand("QĐ12/2024").number_keys[0] == "12-2024"
    # Letters and digits that are not a type and a number stay one word.
    assert understand("covid19").terms[0].alternatives == (("covid19",),)


def test_an_abbreviation_of_a_term_is_understood_both_ways():
    (term,) = understand("GPXD").terms
    assert ("giay", "phep", "xay", "dung") in term.alternatives
    (term,) = understand("giấy phép xây dựng").terms
    assert ("gpxd",) in term.alternatives
