"""One spelling of a cited document's name, wherever it is shown."""

from datetime import date

from vntext import citation_label, first_number


def test_every_part_only_when_known():
    assert (
        citation_label("Công văn", "5436/UBND-VP", date(2022, 5, 6), "UBND tỉnh")
        == "Công văn số 5436/UBND-VP ngày 06/05/2022 của UBND tỉnh"
    )
    assert citation_label("Chỉ thị", "12/CT-UBND") == "Chỉ thị số 12/CT-UBND"
    assert citation_label("", "1407/SNV-CCHC") == "Văn bản số 1407/SNV-CCHC"
    assert citation_label("Kế hoạch", "") == "Kế hoạch"
    assert citation_label("  ", " ") == "Văn bản"


def test_the_number_a_citation_sentence_names():
    assert first_number("Quyết định số 2808/QĐ-UBND ngày 19/11/2025 của UBND tỉnh") == (
        "2808/QĐ-UBND"
    )
    assert first_number("Theo Chỉ thị 57- NQ/TW") == "57-NQ/TW"
    assert first_number("Luật Đất đai") == ""
    assert first_number("") == ""
