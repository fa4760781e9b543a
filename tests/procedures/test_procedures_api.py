"""``/api/v1/procedures``: the same answers as the page, in JSON."""

import pytest

from tests.factories import catalogue, make_model_case

API = "/api/v1/procedures"


@pytest.fixture
def case(site):
    index = catalogue(site)
    return {"index": index, **make_model_case(index)}


def test_model_case_answer(client, case):
    """2.000101 must be filed online since 2022-05-20 under 5436/UBND-VP, with the city's
    dispatch implementing it."""
    response = client.get(f"{API}/2.000101")
    assert response.status_code == 200
    data = response.json()
    assert data["must_online_now"] is True
    assert data["since"] == "2022-05-20"
    answer = data["answer_detail"]
    assert answer["must_online"] is True
    assert [d["number"] for d in answer["documents"]] == ["5436/UBND-VP", "1712/UBND-VP"]
    assert answer["documents"][1]["implements"].startswith("Công văn số 5436/UBND-VP")
    assert answer["chain"] == "Công văn số 1712/UBND-VP → Công văn số 5436/UBND-VP"
    assert answer["sentence"].startswith("Từ ngày 20/05/2022, thủ tục này phải nộp trực tuyến")
    assert data["documents"][0].startswith("Công văn số 5436/UBND-VP ngày 16/05/2022")


def test_answer_on_a_date_before_the_start(client, case):
    data = client.get(f"{API}/2.000101?on=2022-05-19").json()
    assert data["answer_detail"]["must_online"] is False
    assert data["answer_detail"]["upcoming_since"] == "2022-05-20"
    assert data["answer_detail"]["on"] == "2022-05-19"


def test_not_covered_procedure(client, case):
    data = client.get(f"{API}/1.000202").json()
    assert data["must_online_now"] is False
    assert data["documents"] == []
    assert (
        data["answer_detail"]["sentence"]
        == "Chưa có văn bản nào bắt buộc nộp trực tuyến thủ tục này."
    )


def test_unknown_code_is_404_in_vietnamese(client, case):
    response = client.get(f"{API}/9.999999")
    assert response.status_code == 404
    assert "Không tìm thấy thủ tục" in response.json()["detail"]


def test_bad_date_is_422(client, case):
    assert client.get(f"{API}/2.000101?on=20-05-2022x").status_code == 422
    response = client.get(f"{API}?on=hôm-nay")
    assert response.status_code == 422
    assert "không hợp lệ" in response.json()["detail"]
    assert "ngày/tháng/năm" in response.json()["detail"]


def test_a_day_written_day_first_is_read(client, case):
    """19/05/2022 is the day before the start, in one list and in one procedure."""
    data = client.get(f"{API}/2.000101?on=19/05/2022").json()
    assert data["answer_detail"]["on"] == "2022-05-19"
    assert data["answer_detail"]["must_online"] is False
    assert data["answer_detail"]["sentence"].startswith("Ngày 19/05/2022, thủ tục này chưa")
    listed = client.get(f"{API}?online_now=true&on=19/05/2022").json()
    assert listed["on"] == "2022-05-19"
    assert listed["items"] == []


def test_list_filters(client, case):
    codes = lambda query: [item["code"] for item in client.get(f"{API}{query}").json()["items"]]  # noqa: E731
    assert sorted(codes("")) == ["1.000202", "2.000101", "2.000303"]
    assert codes("?online_now=true") == ["2.000101"]
    assert codes("?online_now=true&on=2022-05-19") == []
    assert sorted(codes("?audience=internal")) == ["2.000101", "2.000303"]
    assert codes("?level=xa") == ["1.000202"]
    assert codes("?online_level=khong") == ["2.000303"]
    assert codes("?field=H%E1%BB%99%20t%E1%BB%8Bch") == ["1.000202"]
    assert codes("?q=khai+sinh") == ["1.000202"]
    data = client.get(f"{API}?online_now=1").json()
    assert data["count"] == 1
    assert data["items"][0]["since"] == "2022-05-20"


def test_list_paginates(client, case):
    data = client.get(f"{API}?page=99").json()
    assert data["page"] == data["num_pages"] == 1
    assert data["count"] == 3


def test_in_the_openapi_schema(client, case):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/procedures" in paths
    assert "/api/v1/procedures/{code}" in paths
