"""export_open_data: every public directive, news item and procedure as JSON Lines and CSV with
a dictionary and checksums, published at once; a failed run keeps yesterday's files; the
"Dữ liệu mở" page links today's files and states the licence."""

import csv
import hashlib
import json
from datetime import date

import pytest

from django.core.management import call_command

from wagtail.models import PageViewRestriction

from opendata import export as opendata
from procedures.models import ProcedureIndexPage, ProcedurePage
from tests.factories import make_agency, make_directive, make_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site, settings, tmp_path):
    settings.PORTAL_OPEN_DATA_DIR = tmp_path / "open-data"
    make_directive(
        number="12/UBND-VP",
        subject='=HYPERLINK("http://x") trích yếu',
        issuer=make_agency(),
        issued_on=date(2024, 2, 1),
        tasks=[{"text": "Báo cáo", "due_on": date(2024, 3, 1)}],
    )
    make_directive(number="13/UBND-VP", subject="V/v bản nháp", publish=False)
    hidden = make_directive(number="14/UBND-VP", subject="V/v nội bộ")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    make_news(title="Tin công khai")
    make_news(title="Tin nháp", publish=False)
    index = site.add_child(instance=ProcedureIndexPage(title="Thủ tục", slug="thu-tuc"))
    procedure = ProcedurePage(title="Cấp giấy phép", slug="cap-phep", code="1.000001")
    index.add_child(instance=procedure)
    procedure.save_revision().publish()
    return settings.PORTAL_OPEN_DATA_DIR


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_writes_public_records_with_dictionary_and_checksums(content):
    call_command("export_open_data", str(content))
    current = content / "current"
    directives = read_jsonl(current / "directives.jsonl")
    assert [d["number"] for d in directives] == ["12/UBND-VP"]
    assert directives[0]["tasks"][0]["due_on"] == "2024-03-01"
    assert [n["title"] for n in read_jsonl(current / "news.jsonl")] == ["Tin công khai"]
    assert [p["code"] for p in read_jsonl(current / "procedures.jsonl")] == ["1.000001"]

    with open(current / "directives.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["number"] == "12/UBND-VP"
    assert rows[0]["subject"].startswith("'=HYPERLINK")  # a spreadsheet keeps it text

    dictionary = json.loads((current / "data-dictionary.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in dictionary["directives"]["columns"]] == list(rows[0])
    assert set(dictionary) == {"directives", "news", "procedures"}

    sums = dict(
        reversed(line.split("  ")) for line in (current / "SHA256SUMS").read_text().splitlines()
    )
    assert set(sums) >= {"directives.csv", "news.jsonl", "procedures.csv", "data-dictionary.json"}
    for name, digest in sums.items():
        assert hashlib.sha256((current / name).read_bytes()).hexdigest() == digest


def test_failed_export_keeps_yesterdays_files(content):
    """A run that fails half way leaves the published set as it was, and no stray folder."""
    first = opendata.export(content)
    before = (content / "current" / "directives.jsonl").read_bytes()
    make_directive(number="15/UBND-VP", subject="V/v văn bản mới")

    def fail(name):
        if name == "news":
            raise OSError("đĩa đầy")

    with pytest.raises(OSError):
        opendata.export(content, after_dataset=fail)
    assert (content / "current").resolve() == first.folder.resolve()
    assert (content / "current" / "directives.jsonl").read_bytes() == before
    assert sorted(p.name for p in content.iterdir()) == sorted(["current", first.folder.name])


def test_page_links_todays_files_and_licence(client, content):
    empty = client.get("/du-lieu-mo/")
    assert empty.status_code == 200
    assert "đang được chuẩn bị" in empty.content.decode()
    opendata.export(content)
    html = client.get("/du-lieu-mo/").content.decode()
    assert "CC BY 4.0" in html
    assert 'href="/du-lieu-mo/directives.csv"' in html
    assert 'href="/du-lieu-mo/SHA256SUMS"' in html
    download = client.get("/du-lieu-mo/news.jsonl")
    assert download.status_code == 200
    assert "Tin công khai" in b"".join(download.streaming_content).decode()
    assert client.get("/du-lieu-mo/..%2Fmanifest.json").status_code == 404
    assert client.get("/du-lieu-mo/khong-co.csv").status_code == 404
