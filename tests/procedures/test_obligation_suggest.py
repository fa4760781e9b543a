"""Suggesting the online-filing obligations a directive imposes."""

from datetime import date

import pytest

from procedures.parsing.obligations import MAX_EVIDENCE, suggest_obligations
from tests import paths

CORPUS = paths.CORPUS

MODEL_SENTENCE = (
    "1. Kể từ ngày 20/5/2022, tất cả hồ sơ thủ tục hành chính trong nội bộ cơ quan nhà nước "
    "trên địa bàn tỉnh (sau đây gọi tắt là hồ sơ thủ tục nội bộ) sẽ thực hiện theo hình thức "
    "trực tuyến thông qua Cổng dịch vụ công của tỉnh; không nộp hồ sơ trực tiếp tại Trung tâm "
    "Phục vụ hành chính công và Bộ phận một cửa các cấp (trừ các thủ tục chưa được cung cấp "
    "dịch vụ công trực tuyến mức độ 3, 4)."
)


def test_model_case_is_an_online_only_obligation_for_internal_procedures() -> None:
    """5436/UBND-VP's sentence: from 2022-05-20, internal procedures offered at the old levels
    3 and 4 (một phần, toàn trình) are online only; the sentence is the evidence, shortened."""
    (suggestion,) = suggest_obligations(MODEL_SENTENCE)

    assert suggestion.starts_on == date(2022, 5, 20)
    assert suggestion.ends_on is None
    assert suggestion.requirement == "online_only"
    assert suggestion.audience == ["internal"]
    assert sorted(suggestion.online_levels) == ["một phần", "toàn trình"]
    assert suggestion.evidence.startswith("Kể từ ngày 20/5/2022, tất cả hồ sơ")
    assert len(suggestion.evidence) <= MAX_EVIDENCE
    assert suggestion.to_dict()["starts_on"] == "2022-05-20"


def test_crawled_line_breaks_and_emphasis_do_not_change_the_reading() -> None:
    """A sentence broken across lines with stray "**" reads as the clean sentence does."""
    words = MODEL_SENTENCE.split(" ")
    crawled = "\n".join(" ".join(words[i : i + 7]) for i in range(0, len(words), 7))
    crawled = crawled.replace("Kể từ ngày", "**Kể từ ngày**")

    assert [s.to_dict() for s in suggest_obligations(crawled)] == [
        s.to_dict() for s in suggest_obligations(MODEL_SENTENCE)
    ]


def test_restatements_merge_into_one_obligation() -> None:
    """A dispatch repeating the rule for each level of government (the one-stop desks refuse
    paper from state bodies, political-social organisations and state enterprises) yields one
    suggestion, with the dated sentence as evidence."""
    text = (
        MODEL_SENTENCE
        + "\n\nHồ sơ thủ tục nội bộ gồm: hồ sơ do cơ quan nhà nước này nộp cho cơ quan nhà nước khác."
        "\n\n4. Trung tâm Phục vụ hành chính công tỉnh, Bộ phận một cửa các cấp không tiếp nhận hồ "
        "sơ trực tiếp của các cơ quan nhà nước, các tổ chức chính trị - xã hội, doanh nghiệp nhà "
        "nước đối với các thủ tục nội bộ đã được cung ứng mức độ 3, 4 trên Cổng dịch vụ công."
    )
    (suggestion,) = suggest_obligations(text)

    assert suggestion.starts_on == date(2022, 5, 20)
    assert suggestion.audience == ["internal"]


def test_encouragement_only_gives_online_encouraged() -> None:
    """Promoting online filing to citizens and businesses is online_encouraged, not a duty."""
    text = (
        "- Đẩy mạnh tuyên truyền, hướng dẫn, khuyến khích người dân, doanh nghiệp sử dụng dịch "
        "vụ công trực tuyến mức độ 3, mức độ 4 trên Cổng dịch vụ công quốc gia."
    )
    (suggestion,) = suggest_obligations(text)

    assert suggestion.requirement == "online_encouraged"
    assert suggestion.audience == ["citizen", "business"]
    assert sorted(suggestion.online_levels) == ["một phần", "toàn trình"]
    assert suggestion.starts_on is None


def test_period_level_four_and_paper_refused_for_the_public() -> None:
    """ "Từ ngày ... đến hết ngày ..." gives both dates; "mức độ 4" alone is toàn trình; refusing
    paper files from citizens and businesses is online_only for them."""
    text = (
        "Từ ngày 01/7/2024 đến hết ngày 31/12/2024, Bộ phận một cửa không tiếp nhận hồ sơ giấy "
        "của công dân, doanh nghiệp đối với các thủ tục đã cung cấp dịch vụ công trực tuyến "
        "mức độ 4."
    )
    (suggestion,) = suggest_obligations(text)

    assert (suggestion.starts_on, suggestion.ends_on) == (date(2024, 7, 1), date(2024, 12, 31))
    assert suggestion.requirement == "online_only"
    assert suggestion.audience == ["citizen", "business"]
    assert suggestion.online_levels == ["toàn trình"]


@pytest.mark.parametrize(
    "text",
    [
        "Giao Sở Nội vụ tổng hợp báo cáo kết quả thực hiện trước ngày 20/5/2022.",
        "Khuyến khích các cơ quan, đơn vị triển khai hình thức họp, làm việc trực tuyến.",
        "Thực hiện Công văn số 5436/UBND-VP ngày 16/5/2022 của UBND tỉnh về việc tăng cường "
        "thực hiện dịch vụ công trực tuyến đối với các thủ tục hành chính nội bộ;",
        "",
    ],
    ids=["no-online", "online-meetings", "citation", "empty"],
)
def test_text_that_imposes_nothing_gives_no_suggestion(text: str) -> None:
    """Tasks without online filing, online meetings, and citations of other documents impose
    no online-filing obligation."""
    assert suggest_obligations(text) == []


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS}")
def test_city_dispatch_implementing_5436_suggests_the_same_obligation() -> None:
    """The Vũng Tàu dispatch carrying 5436 down to the city yields one online_only obligation
    for internal procedures from 2022-05-20."""
    text = (CORPUS / "directives" / "seed-000_vungtau_cv-ubnd-vp_draft.txt").read_text()
    (suggestion,) = suggest_obligations(text)

    assert suggestion.requirement == "online_only"
    assert suggestion.starts_on == date(2022, 5, 20)
    assert suggestion.audience == ["internal"]
    assert sorted(suggestion.online_levels) == ["một phần", "toàn trình"]
