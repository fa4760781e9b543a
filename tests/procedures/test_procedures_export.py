"""Exports of the filtered catalogue: CSV, XLSX and JSON read back, with the same answer."""

import csv
import io
import json

import pytest

from procedures.export import COLUMNS
from tests.factories import catalogue, make_model_case

HEADERS = [header for _, header in COLUMNS]


@pytest.fixture
def case(site):
    index = catalogue(site)
    return {"index": index, **make_model_case(index)}


def download(client, case, query: str):
    response = client.get(case["index"].url + query)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_xlsx(response) -> list[dict]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    return [dict(zip(rows[0], [value or "" for value in row], strict=True)) for row in rows[1:]]


def test_model_case_is_the_same_in_every_format(client, case):
    """CSV, XLSX and JSON all say 2.000101 must be filed online since 2022-05-20 under
    5436/UBND-VP and the city's dispatch, and that 1.000202 is not covered."""
    by_code = {}
    for fmt, reader in (("csv", read_csv), ("xlsx", read_xlsx)):
        rows = {row["Mã thủ tục"]: row for row in reader(download(client, case, f"?xuat={fmt}"))}
        assert set(rows) == {"2.000101", "1.000202", "2.000303"}
        by_code[fmt] = rows
    data = json.loads(download(client, case, "?xuat=json").content)
    items = {item["code"]: item for item in data["procedures"]}
    for rows in by_code.values():
        covered = rows["2.000101"]
        assert covered["Bắt buộc nộp trực tuyến"] == "Có"
        assert covered["Từ ngày"] == "2022-05-20"
        assert covered["Theo văn bản"].startswith("Công văn số 5436/UBND-VP ngày 16/05/2022")
        assert "Công văn số 1712/UBND-VP" in covered["Theo văn bản"]
        assert covered["Chuỗi văn bản"] == "Công văn số 1712/UBND-VP → Công văn số 5436/UBND-VP"
        assert covered["Trả lời"] == items["2.000101"]["answer"]
        assert rows["1.000202"]["Bắt buộc nộp trực tuyến"] == "Không"
        assert rows["1.000202"]["Theo văn bản"] == ""
    assert items["2.000101"]["must_online_now"] is True
    assert items["2.000101"]["since"] == "2022-05-20"
    assert len(items["2.000101"]["documents"]) == 2
    assert items["1.000202"]["must_online_now"] is False
    assert items["1.000202"]["documents"] == []


def test_the_api_and_the_export_agree(client, case):
    api = client.get("/api/v1/procedures/2.000101").json()
    exported = json.loads(download(client, case, "?xuat=json").content)
    item = next(i for i in exported["procedures"] if i["code"] == "2.000101")
    assert item["must_online_now"] == api["must_online_now"]
    assert item["since"] == api["since"]
    assert item["documents"] == api["documents"]
    assert item["answer"] == api["answer"]


def test_an_api_item_is_the_export_record(client, case):
    """The API list and the JSON export carry one record per procedure, answer and chain
    included, key for key and value for value."""
    listed = {i["code"]: i for i in client.get("/api/v1/procedures").json()["items"]}
    exported = json.loads(download(client, case, "?xuat=json").content)["procedures"]
    assert {i["code"]: i for i in exported} == listed
    assert listed["2.000101"]["chain"] == "Công văn số 1712/UBND-VP → Công văn số 5436/UBND-VP"
    assert listed["2.000101"]["answer"].startswith("Từ ngày 20/05/2022")


def test_export_follows_the_filters(client, case):
    rows = read_csv(download(client, case, "?xuat=csv&audience=internal"))
    assert sorted(row["Mã thủ tục"] for row in rows) == ["2.000101", "2.000303"]
    rows = read_csv(download(client, case, "?xuat=csv&online_now=1"))
    assert [row["Mã thủ tục"] for row in rows] == ["2.000101"]
    data = json.loads(download(client, case, "?xuat=json&online_now=1&ngay=2022-05-19").content)
    assert data["count"] == 0
    assert data["on"] == "2022-05-19"


def test_export_has_every_column_and_lists_joined(client, case):
    rows = read_csv(download(client, case, "?xuat=csv&q=2.000101"))
    assert list(rows[0]) == HEADERS
    assert rows[0]["Cấp thực hiện"] == "Cấp huyện"
    assert rows[0]["Mức độ DVCTT"] == "toàn trình"
    assert rows[0]["Địa chỉ"].startswith("http://")


def test_unknown_export_format_renders_the_page(client, case):
    response = client.get(case["index"].url + "?xuat=pdf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
