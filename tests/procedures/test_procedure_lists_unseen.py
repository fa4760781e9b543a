"""The procedure-list reader on the kinds of list it failed on before (issue 9).

Each test is a small invented table of one kind — the online level in the "cách thức" text,
ticks among several mark columns, the code inside the name cell, a short internal-workflow
table, an abolishing annex, a merged cell, a dropped empty cell — and the last test runs the
evaluation over every labelled real list with its floors.
"""

import pytest

from bench import eval_procedures
from procedures.parsing import online, parse_procedure_text
from procedures.parsing.cells import find_code, split_code_from_name
from procedures.parsing.columns import Role, classify
from procedures.vocabulary import OnlineLevel, online_level_from_label


def flattened(*rows: list[str], before: str = "", after: str = "") -> str:
    """Rows as the legal-document site's crawl prints them: each cell between lone "|"."""
    lines = before.splitlines()
    for row in rows:
        lines.append("|")
        for cell in row:
            lines.extend(cell.splitlines())
            lines.append("|")
    return "\n".join(lines + after.splitlines())


def rows(text: str) -> list[dict]:
    return parse_procedure_text(text, "thu.txt").to_dict()["procedures"]


# --- online-level words, one place ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Toàn trình", online.ONLINE_FULL),
        ("một phần", online.ONLINE_PARTIAL),
        ("Mức độ 4", online.ONLINE_FULL),
        ("3", online.ONLINE_PARTIAL),
        ("", None),
        ("Trực tiếp", None),
    ],
)
def test_level_of_a_cell(text: str, level: str | None) -> None:
    assert online.level_of_value(text) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("- Nộp hồ sơ trực tuyến toàn\ntrình qua Cổng Dịch vụ công quốc gia", online.ONLINE_FULL),
        ("- Qua dịch vụ công trực tuyến một phần.", online.ONLINE_PARTIAL),
        ("Trực tuyến (đủ điều kiện dịch vụ công trực tuyến toàn trình)", online.ONLINE_FULL),
        ("Chuyển nhượng một phần dự án bất động sản", None),  # a name, not a level
        ("Nộp hồ sơ trực tuyến qua Cổng Dịch vụ công quốc gia", None),  # online, level unsaid
    ],
)
def test_level_in_running_text(text: str, level: str | None) -> None:
    assert online.level_in_prose(text) == level


def test_the_importer_vocabulary_reads_the_same_words() -> None:
    assert online_level_from_label("Dịch vụ công trực tuyến toàn trình") == OnlineLevel.FULL
    assert online_level_from_label("Mức độ 3") == OnlineLevel.PARTIAL
    assert online_level_from_label("DVC mức 4") == OnlineLevel.FULL
    assert online_level_from_label("") == OnlineLevel.NONE


# --- columns by meaning ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Toàn trình", Role.MARK_FULL),
        ("DVC trực tuyến một phần", Role.MARK_PARTIAL),
        ("Toàn trình/Một phần", Role.ONLINE),
        ("Trực tiếp", Role.OTHER),
        ("Qua dịch vụ bưu chính công ích", Role.OTHER),
        ("Tên quy trình", Role.NAME),
        ("Số TT", Role.STT),
        ("Cách thức thực hiện", Role.PLACE),
    ],
)
def test_columns_are_classified_by_their_header(label: str, role: Role) -> None:
    assert classify(label) is role


def test_marks_under_a_two_row_header_of_filing_channels() -> None:
    """A "Cách thức thực hiện" group over "Trực tiếp | Bưu chính công ích | Toàn trình | Một
    phần": the second row splits the group, it is neither a heading nor a procedure."""
    text = flattened(
        ["STT", "Mã TTHC", "Tên TTHC", "Cách thức thực hiện", "Ghi chú"],
        [
            "Trực tiếp",
            "Qua bưu chính công ích",
            "Trực tuyến toàn trình",
            "Trực tuyến một phần",
            "Không phụ thuộc địa giới hành chính",
        ],  # fmt: skip
        ["1", "1.100011", "Cấp phép nuôi cá cảnh", "x", "x", "", "x", "x", ""],
        ["2", "1.100012", "Cấp lại phép nuôi cá cảnh", "x", "", "x", "", "", "Mới"],
    )
    got = rows(text)
    assert [(r["code"], r["online_level"], r["section"]) for r in got] == [
        ("1.100011", "một phần", None),
        ("1.100012", "toàn trình", None),
    ]


def test_the_mark_column_decides_not_its_position() -> None:
    """Ticks under "Trực tiếp" and "Bưu chính" say nothing of the online level; the tick
    under "Một phần" does, wherever that column sits."""
    text = flattened(
        [
            "STT",
            "Mã TTHC",
            "Tên thủ tục hành chính",
            "Trực tiếp",
            "Bưu chính công ích",
            "Một phần",
            "Toàn trình",
            "Không phụ thuộc địa giới",
        ],  # fmt: skip
        ["1", "1.100001", "Cấp phép nuôi chim cảnh", "x", "x", "x", "", "x"],
        ["2", "1.100002", "Cấp lại phép nuôi chim cảnh", "x", "", "", "x", ""],
        ["3", "1.100003", "Gia hạn phép nuôi chim cảnh", "x", "x", "", "", "x"],
    )
    got = rows(text)
    assert [row["online_level"] for row in got] == ["một phần", "toàn trình", None]
    assert all(row["section"] is None for row in got), "header text is no section"


# --- online level written in the "cách thức" text --------------------------------------------


def test_online_level_read_from_the_way_of_filing_column() -> None:
    text = flattened(
        ["TT", "Mã TTHC", "Tên thủ tục hành chính", "Cách thức, địa điểm thực hiện"],
        ["A. Thủ tục thuộc thẩm quyền cấp tỉnh (2 TTHC)"],
        [
            "1",
            "1.200001",
            "Đăng ký tàu\nđánh cá",
            "- Nộp trực tiếp;\n- Nộp hồ sơ trực tuyến toàn\ntrình qua Cổng Dịch vụ công quốc gia",
        ],  # fmt: skip
        ["2", "1.200002", "Xóa đăng ký tàu cá", "- Qua dịch vụ công trực tuyến một\nphần."],
    )
    got = rows(text)
    assert [(r["name"], r["online_level"]) for r in got] == [
        ("Đăng ký tàu đánh cá", "toàn trình"),
        ("Xóa đăng ký tàu cá", "một phần"),
    ]
    assert got[0]["levels"] == ["Cấp tỉnh"]


# --- code inside the name cell ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "code", "name"),
    [
        ("Cấp giấy phép tổ chức lễ hội (1.300001)", "1.300001", "Cấp giấy phép tổ chức lễ hội"),
        ("Cấp giấy phép lễ hội **(1.300002)**", "1.300002", "Cấp giấy phép lễ hội"),
        ("Cấp thẻ hướng dẫn viên\nMã TTHC: 2.300003", "2.300003", "Cấp thẻ hướng dẫn viên"),
        ("Cấp thẻ (1.300004.H42)", "1.300004", "Cấp thẻ"),
        ("Đổi thẻ (1.300.005.H42)", "1.300005", "Đổi thẻ"),
        ("Gia hạn thẻ (1.300006. H42 )", "1.300006", "Gia hạn thẻ"),
        (
            "Đăng ký kết quả\n*Thời gian thực hiện:* 03 ngày\nMã TTHC: 1.300007.H35",
            "1.300007",
            "Đăng ký kết quả",
        ),
        ("Cấp thẻ hội viên", None, "Cấp thẻ hội viên"),
    ],
)
def test_code_taken_out_of_the_name_cell(cell: str, code: str | None, name: str) -> None:
    assert split_code_from_name(cell) == (code, name)


def test_amounts_are_no_codes() -> None:
    assert find_code("Lệ phí 1.000.000 đồng") is None
    assert find_code("tối đa 200.000 đồng/bản") is None


def test_list_without_a_code_column_takes_codes_from_the_names() -> None:
    text = flattened(
        ["TT", "Tên thủ tục hành chính (Mã TTHC)", "Thời hạn giải quyết", "Cách thức thực hiện"],
        ["I", "DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP TỈNH (02 TTHC)"],
        ["1", "Cấp phép biểu diễn **(1.400001)**", "05 ngày", "Qua dịch vụ công trực tuyến\ntoàn trình."],
        ["2", "Thông báo biểu diễn (1.400002)", "03 ngày", "Trực tiếp"],
    )  # fmt: skip
    got = rows(text)
    assert [(r["code"], r["name"], r["online_level"]) for r in got] == [
        ("1.400001", "Cấp phép biểu diễn", "toàn trình"),
        ("1.400002", "Thông báo biểu diễn", None),
    ]


# --- short tables, summaries, repeats ---------------------------------------------------------


def test_a_two_column_workflow_list_is_read() -> None:
    text = flattened(
        ["STT", "Tên\nquy trình"],
        ["A", "QUY TRÌNH NỘI BỘ THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ VĂN HÓA"],
        ["I", "Lĩnh vực di sản (02 tthc)"],
        ["1", "Cấp chứng chỉ tu bổ (1.500001.H42)"],
        ["2", "Cấp lại chứng chỉ tu bổ (1.500002.H42)"],
        before="Giám đốc Sở Văn hóa chịu trách nhiệm thi hành.",
    )
    got = rows(text)
    assert [r["code"] for r in got] == ["1.500001", "1.500002"]
    assert got[0]["field"] == "Di sản"
    assert got[0]["agency"] == "Sở Văn hóa", "spelled as the body spells it"


def test_summary_rows_and_repeats_in_a_later_annex_are_no_procedures() -> None:
    text = flattened(
        ["STT", "Mã TTHC", "Tên TTHC", "Ghi chú"],
        ["1", "1.600001", "Cấp phép khai thác nước", ""],
        ["- TTHC mới ban hành:", "Cấp tỉnh", "01", "TTHC"],
    ) + "\n" + flattened(
        ["STT", "Mã TTHC", "Tên TTHC", "Quy trình nội bộ"],
        ["1", "1.600001", "Cấp phép khai thác nước", "Bước 1: tiếp nhận"],
    )  # fmt: skip
    got = rows(text)
    assert [(r["code"], r["name"]) for r in got] == [("1.600001", "Cấp phép khai thác nước")]


def test_the_same_procedure_in_a_later_table_of_another_level_is_kept() -> None:
    province = flattened(
        ["STT", "Mã TTHC", "Tên TTHC", "Ghi chú"],
        ["1", "1.610001", "Hỗ trợ học phí", ""],
        before="**I. THỦ TỤC HÀNH CHÍNH CẤP TỈNH**",
    )
    commune = flattened(
        ["STT", "Mã TTHC", "Tên TTHC", "Ghi chú"],
        ["1", "1.610001", "Hỗ trợ học phí", ""],
        before="**II. THỦ TỤC HÀNH CHÍNH CẤP XÃ**",
    )
    got = rows(province + "\n" + commune)
    assert [(r["code"], r["levels"]) for r in got] == [
        ("1.610001", ["Cấp tỉnh"]),
        ("1.610001", ["Cấp xã"]),
    ]


# --- sections: letters after B, agency in a heading, abolishing annexes -----------------------


def test_letter_c_after_b_is_a_letter_heading() -> None:
    text = flattened(
        ["TT", "Mã TTHC", "Tên thủ tục hành chính", "Ghi chú"],
        ["A. TTHC cấp tỉnh (1 TTHC)"],
        ["1", "1.700001", "Cấp phép A", ""],
        ["B. TTHC cấp xã: Không"],
        ["C.", "TTHC dùng chung cho các cấp: 01 TTHC"],
        ["1", "1.700002", "Cấp phép C", ""],
    )
    got = rows(text)
    assert got[1]["section"] == "TTHC dùng chung cho các cấp"
    assert got[1]["levels"] != ["Cấp xã"]


def test_agency_given_once_in_a_section_heading() -> None:
    text = flattened(
        ["STT", "Tên TTHC", "Mã TTHC", "Lĩnh vực"],
        ["I", "TTHC thuộc phạm vi, chức năng quản lý của Sở Xây dựng"],
        ["1", "Cấp phép đào đường", "1.800001", "Đường bộ[2]"],
        ["2", "Chấp thuận đấu nối", "", "Đường bộ"],
    )
    got = rows(text)
    assert [r["agency"] for r in got] == ["Sở Xây dựng", "Sở Xây dựng"]
    assert [r["code"] for r in got] == ["1.800001", None]
    assert got[0]["field"] == "Đường bộ", "footnote mark dropped"


def test_rows_of_an_abolishing_annex_say_so_in_their_section() -> None:
    applied = flattened(
        ["STT", "Tên TTHC", "Mã TTHC", "Lĩnh vực"],
        ["I", "TTHC thuộc phạm vi quản lý của Sở Y tế"],
        ["1", "Cấp phép hành nghề", "1.900001", "Y tế"],
        before="**PHỤ LỤC 1**\nDANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC CHUẨN HÓA\n*(Kèm theo Quyết định)*",
    )
    abolished = flattened(
        ["STT", "Tên TTHC", "Mã TTHC", "Lĩnh vực"],
        ["I", "TTHC thuộc phạm vi quản lý của Sở Y tế"],
        ["1", "Cấp phép hành nghề cũ", "1.900002", "Y tế"],
        before="**PHỤ LỤC 2**\nDANH MỤC THỦ TỤC HÀNH CHÍNH TRÊN ĐỊA BÀN TỈNH BỊ\nBÃI BỎ\n"
        "*(Kèm theo Quyết định)*",
    )
    got = rows(applied + "\n" + abolished)
    assert "bãi bỏ" not in got[0]["section"]
    assert got[1]["section"] == (
        "Danh mục thủ tục hành chính trên địa bàn tỉnh bị bãi bỏ – "
        "TTHC thuộc phạm vi quản lý của Sở Y tế"
    )


def test_an_annex_that_both_applies_and_abolishes_leaves_it_to_its_parts() -> None:
    text = flattened(
        ["Số TT", "Tên TTHC", "Thời hạn", "Cách thức thực hiện"],
        ["01", "Công nhận trung tâm ươm tạo", "15 ngày", "- Cơ quan thực hiện: Sở Khoa học.\n"
         "- Trực tiếp."],
        before="**PHỤ LỤC I**\nDANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, BỊ BÃI BỎ\n"
        "*(Kèm theo Quyết định)*\n**I. DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH (01 TTHC)**",
    )  # fmt: skip
    got = rows(text)
    assert got[0]["section"] == "Danh mục thủ tục hành chính mới ban hành"
    assert got[0]["agency"] == "Sở Khoa học"
    assert got[0]["code"] is None


def test_a_workflow_decision_without_a_list_names_procedures_in_its_headings() -> None:
    text = (
        "QUYẾT ĐỊNH\nPhê duyệt quy trình nội bộ\n"
        "**I. Cấp phép đào\nđường đô thị (mã số 1.030001)**\nBước 1: tiếp nhận hồ sơ.\n"
        "**II. Gia hạn phép đào đường (Mã TTHC: 1.030002)**\nBước 1: tiếp nhận hồ sơ.\n"
        "Theo Quyết định số 12/QĐ-UBND ngày 01/01/2025 (mã 1.030001) đã công bố.\n"
    )
    record = parse_procedure_text(text, "thu.txt").to_dict()
    assert [(r["code"], r["name"]) for r in record["procedures"]] == [
        ("1.030001", "Cấp phép đào đường đô thị"),
        ("1.030002", "Gia hạn phép đào đường"),
    ]
    assert record["warnings"], "the editor is told the list came from headings"


LAYOUT_LIST = """QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính

                              PHỤ LỤC
 STT   Mã TTHC    Tên thủ tục hành chính          Lĩnh vực        Toàn trình   Một phần
                                                                  (mức độ 4)   (mức độ 3)
 A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH
 1     1.050001   Cấp giấy phép khai thác thủy    Thủy sản            x
                  sản
 2     1.050002   Cấp lại giấy phép khai thác     Thủy sản                          x
                  thủy sản
 B. THỦ TỤC HÀNH CHÍNH CẤP XÃ
 1     2.050003   Xác nhận nguồn gốc giống        Thủy sản
"""


def test_a_pdf_text_layer_kept_in_columns() -> None:
    got = rows(LAYOUT_LIST)
    assert [(r["code"], r["name"], r["online_level"], r["levels"]) for r in got] == [
        ("1.050001", "Cấp giấy phép khai thác thủy sản", "toàn trình", ["Cấp tỉnh"]),
        ("1.050002", "Cấp lại giấy phép khai thác thủy sản", "một phần", ["Cấp tỉnh"]),
        ("2.050003", "Xác nhận nguồn gốc giống", None, ["Cấp xã"]),
    ]
    assert got[0]["field"] == "Thủy sản"


# --- merged and dropped cells -----------------------------------------------------------------


def test_a_merged_agency_cell_holds_for_the_rows_it_spans() -> None:
    text = flattened(
        [
            "TT",
            "Số hồ sơ TTHC",
            "Tên thủ tục hành chính",
            "Căn cứ pháp lý",
            "Lĩnh vực",
            "Cơ quan thực hiện",
        ],  # fmt: skip
        ["A. Thủ tục hành chính cấp Trung ương"],
        ["1.", "1.010001", "Cấp số lưu hành", "Thông tư 1", "Thiết bị y tế", "Cục Thiết bị"],
        ["2.", "1.010002", "Cấp lại số lưu hành"],
        ["B. Thủ tục hành chính cấp tỉnh"],
        ["3.", "1.010003", "Công bố đủ điều kiện", "Thông tư 1", "Thiết bị y tế", "Sở Y tế"],
    )
    got = rows(text)
    assert [r["agency"] for r in got] == ["Cục Thiết bị", "Cục Thiết bị", "Sở Y tế"]
    assert [r["levels"] for r in got] == [["Cấp trung ương"], ["Cấp trung ương"], ["Cấp tỉnh"]]
    assert got[1]["section"] == "Thủ tục hành chính cấp Trung ương"


def test_an_empty_code_cell_the_crawl_dropped_is_put_back() -> None:
    """The crawl printed "2 | Name | Way" for "2 | (empty) | Name | Way"."""
    text = flattened(
        ["TT", "Mã hồ sơ TTHC", "Tên thủ tục hành chính", "Cách thức, địa điểm thực hiện"],
        ["1", "1.020001", "Miễn học phí", "Nộp hồ sơ trực tuyến toàn trình qua Cổng"],
        ["2", "Hỗ trợ chi phí học tập cho học sinh", "Nộp hồ sơ trực tuyến toàn trình qua Cổng"],
        ["3", "1.020003", "Cấp học bổng", "Nộp hồ sơ trực tuyến toàn trình qua Cổng"],
    )
    got = rows(text)
    assert [(r["code"], r["name"], r["online_level"]) for r in got] == [
        ("1.020001", "Miễn học phí", "toàn trình"),
        (None, "Hỗ trợ chi phí học tập cho học sinh", "toàn trình"),
        ("1.020003", "Cấp học bổng", "toàn trình"),
    ]


# --- the real lists, with floors -------------------------------------------------------------


@pytest.mark.corpus
def test_evaluation_on_every_labelled_list_is_above_its_floors(corpus) -> None:
    """The reader over the shared lists and the tvpl keys (tests/keys/procedures): rows right,
    printed codes read, online levels and each field at or above ``FLOORS``."""
    scores = eval_procedures.evaluate()
    figures = eval_procedures.totals(scores)
    print(eval_procedures.report(scores, worst=10))
    assert len([s for s in scores if s.group != "shared" and s.keyed]) == 14
    assert all(s.error is None for s in scores), [s.name for s in scores if s.error]
    assert eval_procedures.check(figures) == []
    holdout = eval_procedures.totals([s for s in scores if s.group == "holdout"])
    assert holdout["rows_right"] >= eval_procedures.FLOORS["rows_right"]
