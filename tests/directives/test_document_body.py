"""The directive body as it reads (``directives.parsing.body``), built from each format the
importer takes: the corpus texts (.txt, and the crawled markdown of tvpl/), a Word file and a
PDF made here. No header, recipients, distribution list or signature in the body; Điều as
headings with anchors; a table of contents for long documents; annex tables as tables."""

from __future__ import annotations

import io
import re

import docx
import pytest

from directives.parsing import extract_text, parse
from directives.parsing.body import join_paragraphs, outline
from directives.parsing.files import letters_split
from tests.directives.pdf_signing import _bfchars
from tests.paths import CORPUS
from tests.pdf_bytes import assemble_pdf

DIRECTIVES = CORPUS / "directives"
TVPL = CORPUS / "tvpl" / "texts"

# What the page shows from the metadata, never again in the body.
METADATA_MARKERS = ("CỘNG HÒA XÃ HỘI", "Độc lập - Tự do", "Nơi nhận", "Kính gửi")


@pytest.fixture(autouse=True)
def _corpus():
    if not DIRECTIVES.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")


def headings(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<h[34] id="([^"]+)">(.*?)</h[34]>', html)


def assert_no_metadata(html: str, record) -> None:
    for marker in METADATA_MARKERS:
        assert marker not in html, marker
    if record.signer_name:
        assert record.signer_name not in html
    for line in record.distribution:
        assert f">{line}" not in html


@pytest.mark.parametrize("name", sorted(p.name for p in DIRECTIVES.glob("*.txt")))
def test_corpus_text_body_has_no_header_recipients_or_signature(name: str):
    text = (DIRECTIVES / name).read_text(encoding="utf-8")
    record = parse(text, source=name)
    assert record.body_html, name
    assert_no_metadata(record.body_html, record)
    # Nothing of the body is lost: its last words are in the rich text.
    last = record.body_text.split()[-3:]
    assert " ".join(last).replace("&", "&amp;") in record.body_html


def test_a_decision_reads_as_articles_with_anchors_and_grounds_apart():
    text = (DIRECTIVES / "10_hatinh_qd-76-2025-qd-ubnd.txt").read_text(encoding="utf-8")
    html = parse(text).body_html
    assert headings(html) == [
        ("dieu-1", "Điều 1. Bãi bỏ toàn bộ các quyết định"),
        ("dieu-2", "Điều 2. Điều khoản thi hành"),
    ]
    # Each "Căn cứ" clause is its own paragraph, the wrapped lines of one joined.
    grounds = re.findall(r"<p>(Căn cứ[^<]*)</p>", html)
    assert len(grounds) == 3
    assert "Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025" in grounds[2]
    # Khoản are list items under their article.
    assert "<ol><li>1. Quyết định số 43/2017/QĐ-UBND" in html


def test_a_long_decision_gets_a_table_of_contents():
    text = (DIRECTIVES / "12_hanoi-ttpvhcc_qd-1610.txt").read_text(encoding="utf-8")
    body = outline(parse(text).body_html)
    anchors = [heading.anchor for heading in body.contents]
    assert anchors[:4] == ["dieu-1", "dieu-2", "dieu-3", "dieu-4"]
    assert "phu-luc-i" in anchors  # the annexes after the signature are part of it
    # An article whose text starts on its number's line keeps its text as a paragraph.
    assert ("dieu-2", "Điều 2.") in headings(body.html)


def test_a_short_letter_gets_no_table_of_contents():
    text = (DIRECTIVES / "seed-002_brvt_cv-404-ubnd-vp.txt").read_text(encoding="utf-8")
    assert outline(parse(text).body_html).contents == []


def test_crawled_markdown_annex_table_becomes_a_table():
    text = (TVPL / "74e2ddc7b11340da.txt").read_text(encoding="utf-8")
    record = parse(text)
    html = record.body_html
    assert_no_metadata(html, record)
    assert '<h3 id="phu-luc-i">PHỤ LỤC I TỔNG HỢP CÁC NHIỆM VỤ CHẬM MUỘN' in html
    assert "<p><i>(Kèm theo Thông báo kết luận số 624/TB-VPCP" in html
    table = re.search(r"<table>.*?</table>", html).group(0)
    assert '<th scope="col">STT</th><th scope="col">Nhiệm vụ</th>' in table
    first_row = re.search(r"<tbody><tr>(.*?)</tr>", table).group(1)
    cells = re.findall(r"<td>(.*?)</td>", first_row)
    assert cells[0] == "1." and cells[-1] == "18/10/2025"


def make_decision_docx() -> bytes:
    document = docx.Document()
    header = document.add_table(rows=3, cols=2)
    for row, (left, right) in enumerate(
        [
            ("ỦY BAN NHÂN DÂN TỈNH SÔNG XANH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("", "Độc lập - Tự do - Hạnh phúc"),
            ("Số: 15/QĐ-UBND", "Sông Xanh, ngày 02 tháng 12 năm 2025"),
        ]
    ):
        header.cell(row, 0).text = left
        header.cell(row, 1).text = right
    for line in [
        "QUYẾT ĐỊNH",
        "Về việc ban hành danh mục dịch vụ công trực tuyến toàn trình",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SÔNG XANH",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này danh mục tại Phụ lục.",
        "Điều 2. Trách nhiệm thi hành",
        "1. Sở Khoa học và Công nghệ hướng dẫn thực hiện.",
        "2. Các sở, ngành:",
        "a) Công khai danh mục;",
        "b) Báo cáo kết quả hằng quý.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Thử",
        "PHỤ LỤC",
        "DANH MỤC DỊCH VỤ CÔNG TRỰC TUYẾN",
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 02/12/2025 của Chủ tịch UBND tỉnh)",
    ]:
        document.add_paragraph(line)
    annex = document.add_table(rows=3, cols=3)
    for row, cells in enumerate(
        [
            ("STT", "Mã thủ tục", "Tên thủ tục"),
            ("1", "1.004122", "Cấp giấy phép"),
            ("2", "2.000001", "Đăng ký"),
        ]
    ):
        for column, value in enumerate(cells):
            annex.cell(row, column).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_body_keeps_articles_points_and_the_annex_table():
    extracted = extract_text(make_decision_docx(), "qd-15.docx")
    record = parse(extracted.text)
    assert record.signer_name == "Nguyễn Văn Thử"  # the rows kept apart do not hurt the reader
    html = record.body_html
    assert_no_metadata(html, record)
    assert [anchor for anchor, _ in headings(html)] == ["dieu-1", "dieu-2", "dieu-3", "phu-luc"]
    assert "<li>2. Các sở, ngành:<ol><li>a) Công khai danh mục;</li>" in html
    assert (
        '<thead><tr><th scope="col">STT</th><th scope="col">Mã thủ tục</th>'
        '<th scope="col">Tên thủ tục</th></tr></thead>'
        "<tbody><tr><td>1</td><td>1.004122</td><td>Cấp giấy phép</td></tr>"
    ) in html
    assert len(outline(html).contents) == 4


def split_letters_pdf(lines: list[str]) -> bytes:
    """A PDF whose font places every glyph itself, a tenth of an em apart, as common serif
    fonts of office software do: plain extraction reads "Ủ Y  B A N"."""
    alphabet = sorted({char for line in lines for char in line})
    code = {char: index + 1 for index, char in enumerate(alphabet)}
    operations = ["BT /F1 11 Tf 14 TL 50 800 Td"]
    for line in lines:
        glyphs = " ".join(f"<{code[char]:04X}> -100" for char in line)
        operations.append(f"[{glyphs}] TJ T*")
    operations.append("ET")
    content = "\n".join(operations).encode("ascii")
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CMapName /Portal-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            *_bfchars(alphabet, code),
            "endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /PortalSerif /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /PortalSerif /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 500 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /PortalSerif /Flags 32 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 "
        b"/CapHeight 700 /StemV 80 >>",
    ]
    return assemble_pdf(objects, version=b"1.7")


PDF_LINES = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH SÔNG XANH",
    "Số: 21/UBND-VP",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Sông Xanh, ngày 03 tháng 12 năm 2025",
    "V/v triển khai dịch vụ công trực tuyến",
    "Kính gửi: Sở Nội vụ.",
    "Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ triển khai",
    "dịch vụ công trực tuyến toàn trình trước ngày 31/12/2025./.",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Trần Văn Mẫu",
]


def test_pdf_with_split_letters_is_read_in_layout_mode():
    data = split_letters_pdf(PDF_LINES)
    import pypdf

    plain = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Ủ Y  B A N" in plain and letters_split(plain)  # the problem, as pypdf gives it
    extracted = extract_text(data, "cv-21.pdf")
    assert "ỦY BAN NHÂN DÂN" in extracted.text
    assert not letters_split(extracted.text)
    record = parse(extracted.text)
    assert record.number == "21/UBND-VP"
    assert record.signer_name == "Trần Văn Mẫu"
    assert record.body_html == (
        "<p>Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ triển khai dịch vụ công trực tuyến toàn "
        "trình trước ngày 31/12/2025./.</p>"
    )


def test_ordinary_text_is_not_taken_for_split_letters():
    text = (DIRECTIVES / "01_hcm_cv-4085-ubnd-dt.txt").read_text(encoding="utf-8")
    assert not letters_split(text)


def test_wrapped_lines_join_and_parts_stay_apart():
    lines = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày",
        "16 tháng 6 năm 2025;",
        "Căn cứ Nghị định số 45/2020/NĐ-CP;",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy định này quy định việc tiếp nhận hồ sơ trực tuyến",
        "của người dân.",
        "1. Sở Nội vụ hướng dẫn.",
        "Điều 2. Hiệu lực",
    ]
    assert join_paragraphs(lines) == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị định số 45/2020/NĐ-CP;",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy định này quy định việc tiếp nhận hồ sơ trực tuyến của người dân.",
        "1. Sở Nội vụ hướng dẫn.",
        "Điều 2. Hiệu lực",
    ]


def test_a_body_saved_by_the_editor_gets_its_anchors_back():
    """The rich-text editor drops heading ids on save: the page puts them back."""
    body = outline(
        "<h3>Chương I QUY ĐỊNH CHUNG</h3><h4>Điều 1. Phạm vi</h4><p>x</p>"
        "<h4>Điều 2. Đối tượng</h4><h3>Chương II</h3><h4>Điều 3. Hiệu lực</h4>"
        "<table><tr><td>a</td></tr></table>"
    )
    assert [h.anchor for h in body.contents] == [
        "chuong-i",
        "dieu-1",
        "dieu-2",
        "chuong-ii",
        "dieu-3",
    ]
    assert '<h4 id="dieu-3">Điều 3. Hiệu lực</h4>' in body.html
    assert '<div class="table-scroll" role="region" tabindex="0"' in body.html
