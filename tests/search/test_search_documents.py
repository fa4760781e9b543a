"""How pages become search text, and how results name themselves."""

from search.documents import plain_text
from search.engines.base import Hit


def test_list_items_and_paragraphs_do_not_run_together():
    """A procedure's list of papers is searchable word by word and reads right in a snippet."""
    html = "<ul><li>Đơn theo mẫu</li><li>Bản sao</li></ul><p>Dữ liệu mẫu.</p>a<br>b"
    assert plain_text(html) == "Đơn theo mẫu Bản sao Dữ liệu mẫu. a b"


def test_a_result_says_what_it_is():
    """A directive by its type, a news item or a procedure by its kind."""
    assert Hit(1, "directive", "x", "/", doc_type_label="Công văn").label == "Công văn"
    assert Hit(2, "procedure", "x", "/").label == "Thủ tục hành chính"
    assert Hit(3, "news", "x", "/").label == "Tin tức"
