"""``manage.py import_procedures`` on the two shared lists, on spreadsheets and on bad files."""

import json
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from directives.models import DirectivePage
from procedures.models import ProcedurePage
from procedures.vocabulary import (
    GovernmentLevel,
    OnlineLevel,
    ProcedureStatus,
    government_level_from_label,
    online_level_from_label,
)
from tests.factories import catalogue

LISTS = [
    "01_dongnai_qd-2808_dvctt-toan-trinh-mot-phan",
    "04_phutho_qd-1805-ubnd_khcn",
]


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_procedures", *args, stdout=out, stderr=err, verbosity=0)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def index(site):
    return catalogue(site)


def expected_rows(corpus: Path, name: str) -> dict:
    return json.loads((corpus / "expected" / "procedures" / f"{name}.json").read_text("utf-8"))


@pytest.mark.corpus
@pytest.mark.parametrize("name", LISTS)
def test_dry_run_json_prints_the_record_and_changes_nothing(corpus, index, name):
    out, _ = run("--dry-run", "--json", str(corpus / "procedures" / f"{name}.txt"))
    printed = json.loads(out)
    expected = expected_rows(corpus, name)
    assert printed["decision"] == expected["decision"]
    assert [p["code"] for p in printed["procedures"]] == [p["code"] for p in expected["procedures"]]
    assert ProcedurePage.objects.count() == 0
    assert DirectivePage.objects.count() == 0


@pytest.mark.corpus
def test_dry_run_json_of_several_files_is_an_array(corpus, index):
    out, _ = run("--dry-run", "--json", *(str(corpus / "procedures" / f"{n}.txt") for n in LISTS))
    assert [item["source"] for item in json.loads(out)] == [f"{n}.txt" for n in LISTS]


@pytest.mark.corpus
@pytest.mark.parametrize("name", LISTS)
def test_shared_list_imports_row_for_row(corpus, index, name):
    """Every expected row is a procedure with its name, field, levels and online level; the
    decision is its legal basis and dates its online level; the decision is a draft directive."""
    expected = expected_rows(corpus, name)
    out, _ = run(str(corpus / "procedures" / f"{name}.txt"))
    rows = expected["procedures"]
    last = {row["code"]: row for row in rows}  # a code listed twice: the later row wins
    assert ProcedurePage.objects.count() == len(last)
    assert f"tạo mới {len(last)}" in out
    number = expected["decision"]["number"]
    issued_on = expected["decision"]["issued_on"]
    for code, row in last.items():
        page = ProcedurePage.objects.get(code=code)
        assert page.name == row["name"], code
        assert page.title == row["name"][:255], code
        assert page.field == (row["field"] or ""), code
        assert set(page.levels) == {
            government_level_from_label(level) for level in row["levels"]
        }, code
        assert page.agency_name == (row["agency"] or ""), code
        repealed = "bãi bỏ" in (row["section"] or "")
        if repealed:
            assert page.status == ProcedureStatus.REPEALED
        else:
            assert page.online_level == online_level_from_label(row["online_level"]), code
        assert [b.number for b in page.legal_basis.all()] == [number], code
        history = list(page.online_levels.all())
        if row["online_level"] and not repealed:
            assert [(c.level, c.valid_from.isoformat()) for c in history] == [
                (online_level_from_label(row["online_level"]), issued_on)
            ], code
    decision = DirectivePage.objects.get(number=number)
    assert not decision.live
    assert all(
        b.target_id == decision.pk
        for page in ProcedurePage.objects.all()
        for b in page.legal_basis.all()
    )


@pytest.mark.corpus
def test_reimport_updates_without_duplicating(corpus, index):
    path = str(corpus / "procedures" / f"{LISTS[0]}.txt")
    run(path)
    count = ProcedurePage.objects.count()
    changed = ProcedurePage.objects.get(code="1.009458")
    changed.title = "Tên đã sửa tay"
    changed.save_revision().publish()
    out, _ = run(path)
    assert ProcedurePage.objects.count() == count
    assert DirectivePage.objects.count() == 1
    assert "tạo mới 0, cập nhật 1, không đổi" in out
    changed.refresh_from_db()
    assert changed.title.startswith("Công bố hoạt động cảng thủy nội địa")
    assert changed.legal_basis.count() == 1
    assert changed.online_levels.count() == 1


def write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


CSV = (
    "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Mức độ DVCTT,Đối tượng,"
    "Thời hạn giải quyết,Phí, lệ phí\n"
).replace("Phí, lệ phí", '"Phí, lệ phí"')


def test_csv_with_the_documented_header_imports(tmp_path, index):
    content = CSV + (
        "2.000401,Thẩm định hồ sơ nội bộ,Nội vụ,Cấp tỉnh; Cấp huyện,Sở Nội vụ,4,Cơ quan nhà nước,"
        "10 ngày làm việc,Không\n"
        "1.000402,Cấp bản sao trích lục,Hộ tịch,Cấp xã,UBND cấp xã,3,Công dân,Trong ngày,8.000 đồng\n"
    )
    run(write(tmp_path, "danh-muc.csv", content.encode("utf-8")))
    internal = ProcedurePage.objects.get(code="2.000401")
    assert internal.online_level == OnlineLevel.FULL
    assert internal.for_internal and not internal.for_citizens
    assert set(internal.levels) == {GovernmentLevel.PROVINCE, GovernmentLevel.DISTRICT}
    assert internal.agency_name == "Sở Nội vụ"
    assert internal.processing_time == "10 ngày làm việc"
    citizen = ProcedurePage.objects.get(code="1.000402")
    assert citizen.online_level == OnlineLevel.PARTIAL
    assert citizen.fees == "8.000 đồng"


def test_xlsx_imports(tmp_path, index):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Mức độ DVCTT", "Đối tượng"])
    sheet.append(["2.000501", "Thủ tục nội bộ từ Excel", "Tài chính", "toàn trình", "nội bộ"])
    path = tmp_path / "danh-muc.xlsx"
    workbook.save(path)
    run(str(path))
    page = ProcedurePage.objects.get(code="2.000501")
    assert page.online_level == OnlineLevel.FULL and page.for_internal


def test_a_bad_file_changes_nothing_and_fails(tmp_path, index):
    good = write(
        tmp_path, "tot.csv", (CSV + "2.000601,Thủ tục tốt,Nội vụ,Cấp tỉnh,,4,,,\n").encode()
    )
    bad = write(tmp_path, "hong.xlsx", b"PK\x03\x04 not really a workbook")
    with pytest.raises(CommandError) as error:
        run(bad, good)
    assert "hong.xlsx" in str(error.value)
    assert ProcedurePage.objects.filter(code="2.000601").exists()  # the good file still went in
    assert ProcedurePage.objects.count() == 1


def test_unsupported_and_missing_files_fail_clearly(tmp_path, index):
    with pytest.raises(CommandError, match="Không hỗ trợ"):
        run(write(tmp_path, "danh-muc.pdf", b"%PDF-1.4"))
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run(str(tmp_path / "khong-co.csv"))
    assert ProcedurePage.objects.count() == 0


def test_a_failure_while_saving_rolls_the_whole_file_back(tmp_path, index, monkeypatch):
    from django.db import DatabaseError

    from procedures import importing

    calls = {"n": 0}
    original = importing.save_procedure

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise DatabaseError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(importing, "save_procedure", failing)
    content = CSV + "2.000701,Một,Nội vụ,Cấp tỉnh,,4,,,\n2.000702,Hai,Nội vụ,Cấp tỉnh,,4,,,\n"
    with pytest.raises(CommandError, match="lỗi hệ thống"):
        run(write(tmp_path, "ds.csv", content.encode()))
    assert ProcedurePage.objects.count() == 0


def test_without_a_catalogue_page_nothing_is_imported(tmp_path, site):
    with pytest.raises(CommandError, match="Chưa có trang danh mục"):
        run(write(tmp_path, "ds.csv", (CSV + "2.000801,Một,Nội vụ,Cấp tỉnh,,4,,,\n").encode()))
