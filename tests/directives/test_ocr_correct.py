"""The OCR post-correction: marks set right by context, rare right words kept, noise dropped."""

from reading.ocr_correct import correct, correct_line, is_noise


def test_a_misread_mark_is_set_right_by_its_neighbours():
    assert correct_line("sửa đổi, bố sung bởi Luật số") == "sửa đổi, bổ sung bởi Luật số"
    assert correct_line("Sô: 12/QĐ-UBND") == "Số: 12/QĐ-UBND"


def test_capitals_keep_their_case():
    assert correct_line("SỬA ĐÓI, BỎ SUNG") == "SỬA ĐỔI, BỔ SUNG"


def test_a_right_word_is_kept_where_its_context_is_plausible():
    """ "công bố" is common: the correction must not turn every "bố" into "bổ"."""
    assert correct_line("Ủy ban nhân dân tỉnh công bố") == "Ủy ban nhân dân tỉnh công bố"


def test_a_dash_run_read_for_a_hyphen_is_one_hyphen():
    assert correct_line("Độc lập —- Tự do - Hạnh phúc") == "Độc lập - Tự do - Hạnh phúc"


def test_noise_lines_go_and_abbreviations_stay():
    assert is_noise('1.99009499490929" .nŸnv906040s4«')
    assert is_noise("^`")
    assert not is_noise("- VPCP: BTCN, PCN, TGĐ Cổng TTĐT;")
    assert not is_noise("Số: 115/NQ-CP")
    assert correct("Căn cứ Luật\n—_.\nNơi nhận:") == "Căn cứ Luật\nNơi nhận:"
