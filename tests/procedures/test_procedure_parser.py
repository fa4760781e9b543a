"""The procedure-list parser: real decisions row for row, other table layouts, CSV/XLSX, bad input."""

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from procedures.parsing import (
    HEADER_SPEC,
    ProcedureFileError,
    parse_procedure_csv,
    parse_procedure_text,
    parse_procedure_xlsx,
    read_procedure_file,
)
from tests import paths
from vntext import fold

CORPUS = paths.CORPUS
SHARED_LISTS = sorted((CORPUS / "procedures").glob("*.txt")) if CORPUS.is_dir() else []


def comparable(value):
    """Compare as the contract does: case, whitespace runs, Unicode form and tone marks ignored."""
    if isinstance(value, str):
        return " ".join(fold(value).split())
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    return value


def flattened(*rows: list[str], before: str = "", after: str = "") -> str:
    """Render rows the way the legal-document site's crawl does: each cell between lone "|"."""
    lines = before.splitlines()
    for row in rows:
        lines.append("|")
        for cell in row:
            lines.extend(cell.splitlines())
            lines.append("|")
    return "\n".join(lines + after.splitlines())


# --- the shared real lists -------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.skipif(not SHARED_LISTS, reason=f"the shared corpus is not at {CORPUS}")
@pytest.mark.parametrize("path", SHARED_LISTS, ids=lambda path: path.stem)
def test_shared_list_matches_expected_row_for_row(path: Path) -> None:
    """Every row of a real decision's annex equals the expected record, in order, with the
    decision and the warnings."""
    expected = json.loads((CORPUS / "expected" / "procedures" / f"{path.stem}.json").read_text())
    record = parse_procedure_text(path.read_text(encoding="utf-8"), source=path.name).to_dict()

    got_rows = [comparable(row) for row in record["procedures"]]
    want_rows = [comparable(row) for row in expected["procedures"]]
    matched = sum(got == want for got, want in zip(got_rows, want_rows, strict=False))
    print(f"{path.name}: {matched}/{len(want_rows)} rows match")

    assert record["source"] == expected["source"]
    assert comparable(record["decision"]) == comparable(expected["decision"])
    for index, (got, want) in enumerate(zip(got_rows, want_rows, strict=False), start=1):
        assert got == want, f"row {index}"
    assert len(got_rows) == len(want_rows)
    assert comparable(record["warnings"]) == comparable(expected["warnings"])


# --- other layouts, hand-written -------------------------------------------------------------

LEVEL_COLUMNS_DECISION = flattened(
    ["STT", "Mã số", "Tên thủ tục hành chính", "Cơ quan thực hiện", "Mức độ DVCTT"],
    ["3", "4"],
    ["A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH (2 TTHC)"],
    ["I. Lĩnh vực Hộ tịch"],
    ["1", "2.000305", "Đăng ký khai sinh có yếu\ntố nước ngoài", "Sở Tư pháp", "", "x"],
    ["2", "2.000306", "Đăng ký kết hôn", "Sở Tư pháp", "x", ""],
    ["II. Lĩnh vực Chứng thực"],
    ["3", "2.000307", "Chứng thực bản sao", "Sở Tư pháp", "", ""],
    ["B. THỦ TỤC HÀNH CHÍNH CẤP XÃ (1 TTHC)"],
    ["1", "1.001234", "Đăng ký thường trú", "UBND cấp xã", "x", ""],
    before=(
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
        "Số: 12/QĐ-UBND\n|\nBình Định, ngày 5 tháng 3 năm 2024\n"
    ),
)


def test_level_columns_under_a_group_header_and_nested_headings() -> None:
    """A "Mức độ DVCTT" header split into "3" and "4" reads an "x" under 4 as toàn trình and
    under 3 as một phần; "A." headings give the section and level, "I. Lĩnh vực" the field."""
    record = parse_procedure_text(LEVEL_COLUMNS_DECISION, source="binhdinh.txt")

    assert record.decision.number == "12/QĐ-UBND"
    assert record.decision.issued_on.isoformat() == "2024-03-05"
    assert record.decision.issuer == "Ủy ban nhân dân tỉnh Bình Định"
    rows = [row.to_dict() for row in record.procedures]
    assert [row["code"] for row in rows] == ["2.000305", "2.000306", "2.000307", "1.001234"]
    assert rows[0]["name"] == "Đăng ký khai sinh có yếu tố nước ngoài"
    assert [row["online_level"] for row in rows] == ["toàn trình", "một phần", None, "một phần"]
    assert [row["field"] for row in rows] == ["Hộ tịch", "Hộ tịch", "Chứng thực", None]
    assert [row["levels"] for row in rows] == [["Cấp tỉnh"]] * 3 + [["Cấp xã"]]
    assert [row["section"] for row in rows] == ["Thủ tục hành chính cấp tỉnh"] * 3 + [
        "Thủ tục hành chính cấp xã"
    ]
    assert rows[3]["agency"] == "UBND cấp xã"
    assert record.warnings == ['Mục A, STT 3 (mã 2.000307): không đánh dấu "x" ở cột 3 hay 4.']


INLINE_MARKDOWN_LIST = """\
DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC TƯ PHÁP THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA CẤP HUYỆN
(Kèm theo Quyết định số 345/QĐ-UBND ngày 02/4/2023 của Chủ tịch UBND tỉnh Lâm Đồng)

| TT | Mã TTHC | Tên TTHC | Cơ quan thực hiện | Ghi chú |
|---|---|---|---|---|
| 1 | 1.001193 | Đăng ký khai tử (thực hiện dịch vụ công trực tuyến toàn trình) | Phòng Tư pháp | |
| 2 | 1.001022 | Chuyển nhượng một phần dự án | Phòng Tư pháp | DVC trực tuyến một phần |
| 3 | | Cấp bản sao trích lục | Phòng Tư pháp | |
"""


def test_inline_markdown_table_with_agency_column_and_online_words_in_text() -> None:
    """One-line markdown rows work too: the online level stated in the name (and dropped from
    it) or in a note; "một phần" inside a name is no online level; the title gives field and
    level; a row without a code is kept and named in a warning."""
    record = parse_procedure_text(INLINE_MARKDOWN_LIST, source="lamdong.md")

    assert record.decision.to_dict() == {
        "number": "345/QĐ-UBND",
        "issued_on": "2023-04-02",
        "issuer": "Ủy ban nhân dân tỉnh Lâm Đồng",
    }
    first, second, third = (row.to_dict() for row in record.procedures)
    assert first["name"] == "Đăng ký khai tử"
    assert first["online_level"] == "toàn trình"
    assert first["agency"] == "Phòng Tư pháp"
    assert first["field"] == "Tư pháp"
    assert first["levels"] == ["Cấp huyện"]
    assert second["online_level"] == "một phần"
    assert third["code"] is None and third["online_level"] is None
    assert record.warnings == ["Dòng 3: không có mã TTHC."]


def test_level_cell_brackets_name_the_agency_and_footnotes_are_dropped() -> None:
    """ "Cấp Tỉnh (Sở Tài chính thực hiện)" is level "Cấp tỉnh" with agency "Sở Tài chính";
    a footnote number after a name goes; an old "mức độ 4" in a level column is toàn trình."""
    text = flattened(
        ["Stt", "Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Mức độ"],
        [
            "1",
            "1.012895",
            "Thẩm định giá bán nhà ở 1",
            "Nhà ở",
            "Cấp Tỉnh **(***Sở Tài chính thực hiện)*",
            "Mức độ 4",
        ],
        ["2", "1.012896", "Cấp phép hạng 2", "Nhà ở", "Cấp Tỉnh, Cấp Xã", "3"],
    )
    first, second = parse_procedure_text(text).procedures

    assert (first.name, first.levels, first.agency) == (
        "Thẩm định giá bán nhà ở",
        ["Cấp tỉnh"],
        "Sở Tài chính",
    )
    assert first.online_level == "toàn trình"
    assert (second.name, second.levels, second.online_level) == (
        "Cấp phép hạng 2",
        ["Cấp tỉnh", "Cấp xã"],
        "một phần",
    )


def test_heading_rows_with_their_marker_in_the_number_column() -> None:
    """A heading row printed as "I" in the number column and its text beside it (spanning the
    rest, or with empty cells after it) heads the rows below rather than becoming a procedure."""
    text = flattened(
        ["TT", "Mã TTHC", "Tên TTHC", "Cấp thực hiện"],
        ["A", "THỦ TỤC HÀNH CHÍNH CẤP HUYỆN"],
        ["I", "Lĩnh vực Hộ tịch", "", ""],
        ["1", "1.000010", "Đăng ký khai sinh", ""],
        ["II", "Lĩnh vực Chứng thực"],
        ["2", "1.000011", "Chứng thực chữ ký", "Cấp xã"],
    )
    record = parse_procedure_text(text)

    assert [(p.code, p.field, p.levels, p.section) for p in record.procedures] == [
        ("1.000010", "Hộ tịch", ["Cấp huyện"], "Thủ tục hành chính cấp huyện"),
        ("1.000011", "Chứng thực", ["Cấp xã"], "Thủ tục hành chính cấp huyện"),
    ]
    assert record.warnings == []


def test_duplicate_codes_and_malformed_codes_are_warned_about() -> None:
    """A code printed for two rows and a code with too few digits each give a warning; both
    rows are kept as printed."""
    text = flattened(
        ["STT", "Mã TTHC", "Tên TTHC", "Lĩnh vực"],
        ["1", "1.000001", "Thủ tục một", "A"],
        ["2", "1.000001", "Thủ tục hai", "A"],
        ["3", "1.00002", "Thủ tục ba", "A"],
    )
    record = parse_procedure_text(text)

    assert [row.code for row in record.procedures] == ["1.000001", "1.000001", "1.00002"]
    assert record.warnings == [
        'Dòng 3: mã TTHC "1.00002" không đủ 6 chữ số sau dấu chấm.',
        "Mã 1.000001 in cho 2 thủ tục khác nhau (Dòng 1 và Dòng 2).",
    ]


# --- CSV and XLSX ----------------------------------------------------------------------------

SHEET = [
    ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện",
     "Mức độ DVCTT", "Đối tượng", "Thời hạn giải quyết", "Phí, lệ phí", "Căn cứ pháp lý"],
    ["1.004122", "Cấp giấy phép hoạt động", "Y tế", "Cấp tỉnh; Cấp xã", "Sở Y tế",
     "Toàn trình", "Công dân; Doanh nghiệp", "10 ngày làm việc", "500.000 đồng", "Luật Khám bệnh"],
    ["Thủ tục nội bộ", "", "", "", "", "", "", "", "", ""],
    ["2.000305", "Phê duyệt kế hoạch", "Nội vụ", "Cấp tỉnh", "Sở Nội vụ", "3",
     "Cơ quan nhà nước; doanh nghiệp nhà nước", "", "", ""],
    ["", "Xác nhận hồ sơ", "Nội vụ", "Cấp huyện", "", "", "", "", "", ""],
]  # fmt: skip

EXPECTED_SHEET_ROWS = [
    {
        "code": "1.004122",
        "name": "Cấp giấy phép hoạt động",
        "field": "Y tế",
        "levels": ["Cấp tỉnh", "Cấp xã"],
        "agency": "Sở Y tế",
        "online_level": "toàn trình",
        "section": None,
        "extra": {
            "audience": ["citizen", "business"],
            "processing_time": "10 ngày làm việc",
            "fees": "500.000 đồng",
            "legal_basis": "Luật Khám bệnh",
        },
    },
    {
        "code": "2.000305",
        "name": "Phê duyệt kế hoạch",
        "field": "Nội vụ",
        "levels": ["Cấp tỉnh"],
        "agency": "Sở Nội vụ",
        "online_level": "một phần",
        "section": "Thủ tục nội bộ",
        "extra": {"audience": ["internal"]},
    },
    {
        "code": None,
        "name": "Xác nhận hồ sơ",
        "field": "Nội vụ",
        "levels": ["Cấp huyện"],
        "agency": None,
        "online_level": None,
        "section": "Thủ tục nội bộ",
    },
]


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cp1258_bytes(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks as combining marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in decomposed if c in tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_round_trip(delimiter: str) -> None:
    """A CSV with the documented header gives the rows back, extra columns under "extra",
    a one-cell row as the section of the rows below, and a warning for the row without a code."""
    record = parse_procedure_csv(csv_bytes(SHEET, delimiter).encode("utf-8-sig"), "list.csv")

    assert [row.to_dict() for row in record.procedures] == EXPECTED_SHEET_ROWS
    assert record.warnings == ["Dòng 5: không có mã TTHC."]


def test_csv_in_windows_1258_reads_the_same() -> None:
    """A CSV saved by an older office in Windows-1258 decodes to the same NFC text."""
    data = cp1258_bytes(csv_bytes(SHEET))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    record = parse_procedure_csv(data, "list.csv")

    assert [row.to_dict() for row in record.procedures] == EXPECTED_SHEET_ROWS


def test_csv_header_aliases_and_title_rows_above_the_header() -> None:
    """Aliases ("Mã TTHC", "Tên TTHC", "Cấp giải quyết") are accepted in any case, and title
    rows above the header are skipped but still read for the decision."""
    rows = [
        ["Danh mục kèm theo Quyết định số 99/QĐ-UBND ngày 01/02/2025 của UBND tỉnh Huế)", ""],
        [],
        ["mã tthc", "TÊN TTHC", "Cấp giải quyết"],
        ["1.000002", "Thủ tục A", "Cấp xã"],
    ]
    record = parse_procedure_csv(csv_bytes(rows).encode(), "list.csv")

    assert record.decision.number == "99/QĐ-UBND"
    assert [(p.code, p.name, p.levels) for p in record.procedures] == [
        ("1.000002", "Thủ tục A", ["Cấp xã"])
    ]


def test_xlsx_round_trip_with_mark_columns_under_a_merged_header() -> None:
    """An XLSX with the documented header reads as the CSV does; a code typed as a number gets
    its trailing zero back; "Toàn trình" / "Một phần" under a merged "DVC trực tuyến" cell
    are read as marks."""
    sheet: list[list[object]] = [list(row) for row in SHEET]
    sheet[1][0] = 1.00412  # 1.004120 typed as a number
    sheet[1][1] = "Cấp giấy phép hoạt động"
    record = parse_procedure_xlsx(xlsx_bytes(sheet), "list.xlsx")
    rows = [row.to_dict() for row in record.procedures]

    assert rows[0]["code"] == "1.004120"
    assert rows[1:] == EXPECTED_SHEET_ROWS[1:]

    marked = xlsx_bytes(
        [
            ["STT", "Mã TTHC", "Tên TTHC", "DVC trực tuyến", None],
            [None, None, None, "Toàn trình", "Một phần"],
            [1, "1.000003", "Thủ tục B", None, "x"],
            [2, "1.000004", "Thủ tục C", "x", None],
        ]
    )
    levels = [p.online_level for p in parse_procedure_xlsx(marked, "m.xlsx").procedures]
    assert levels == ["một phần", "toàn trình"]


def test_read_procedure_file_dispatches_on_extension() -> None:
    """.csv, .xlsx, .txt and .md go to their readers; the file name becomes the source."""
    assert read_procedure_file(csv_bytes(SHEET).encode(), "dir/a.CSV").source == "a.CSV"
    assert len(read_procedure_file(xlsx_bytes(SHEET), "b.xlsx").procedures) == 3
    text = LEVEL_COLUMNS_DECISION.encode()
    assert len(read_procedure_file(text, "c.txt").procedures) == 4
    assert len(read_procedure_file(INLINE_MARKDOWN_LIST.encode(), "d.md").procedures) == 3


def test_header_spec_names_every_documented_column() -> None:
    """The documented header (quoted by the README) lists the columns the brief names."""
    names = [column.name for column in HEADER_SPEC]
    for name in ("Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện",
                 "Mức độ DVCTT", "Đối tượng", "Thời hạn giải quyết", "Phí, lệ phí",
                 "Căn cứ pháp lý"):  # fmt: skip
        assert name in names


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.csv", "rỗng"),
        (b"   \n\n", "blank.txt", "rỗng"),
        (b"\x00\x01\x02\x03binary\x00junk", "junk.csv", "nhị phân"),
        (bytes(range(256)) * 4, "junk.txt", "nhị phân"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx", "Excel"),
        (b"this is not a workbook", "plain.xlsx", "Excel"),
        (b"a,b,c\n1,2,3\n", "nohdr.csv", "tiêu đề"),
        ("Một công văn không có bảng nào.".encode(), "prose.txt", "Không tìm thấy bảng"),
        ("Tên thủ tục,Lĩnh vực\nA,B\n".encode()[:-6] + b"\xe1\xba" + "ạ ế ở ư".encode(), "bad.csv", "bảng mã"),
        (b"%PDF-1.7", "list.pdf", "Không hỗ trợ"),
    ],
    ids=["empty", "blank", "nul-bytes", "control-junk", "corrupt-xlsx", "not-zip",
         "no-header", "no-table", "broken-utf8", "unsupported"],
)  # fmt: skip
def test_bad_input_raises_a_vietnamese_message_and_a_log_detail(
    data: bytes, filename: str, message: str
) -> None:
    """Unreadable files raise ProcedureFileError with a message for people and one for the log;
    damaged UTF-8 is refused rather than decoded into mojibake."""
    with pytest.raises(ProcedureFileError) as raised:
        read_procedure_file(data, filename)

    assert message in raised.value.message_vi
    assert filename in raised.value.log_detail


ONLINE_COLUMN_LIST = """\
DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC HỘ TỊCH
(Kèm theo Quyết định số 12/QĐ-UBND ngày 03/01/2025 của Chủ tịch UBND tỉnh Thử)

| TT | Mã TTHC | Tên TTHC | Cơ quan thực hiện | Mức độ DVCTT |
|---|---|---|---|---|
| 1 | 1.001193 | Đăng ký khai tử | UBND cấp xã | Toàn trình |
| 2 | 1.001022 | Đăng ký lại khai sinh | UBND cấp xã | Có |
| 3 | 1.000894 | Đăng ký kết hôn | UBND cấp xã | |
"""


def test_an_online_cell_that_names_no_level_is_quoted_in_the_warning() -> None:
    """A written cell the reader cannot turn into a level is quoted for the editor; an empty
    one is called empty."""
    record = parse_procedure_text(ONLINE_COLUMN_LIST, source="hotich.md")
    levels = [row.to_dict()["online_level"] for row in record.procedures]
    assert levels[0] == "toàn trình"
    assert levels[1] is None and levels[2] is None
    second, third = (w for w in record.warnings if "1.001022" in w or "1.000894" in w)
    assert 'ghi "Có"' in second and "không rõ" in second
    assert "để trống" in third
