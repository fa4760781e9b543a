"""``manage.py import_directives``: dry runs print the record contract, real runs make drafts
with every field, re-imports update and never duplicate, and a failed file fails the run
without stopping the others."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from bench.eval_directives import RECORD_FIELDS
from directives.import_mapping import due_fields
from directives.models import Agency, DirectivePage, DirectiveTask
from directives.parsing.validity import is_own_effect

pytestmark = pytest.mark.corpus

# The keys of directive-record.md, in order: the 14 scored fields between the source and the
# lists; a file's digital signatures (directives.signatures, [] for a text file) come last.
RECORD_KEYS = ["source", *RECORD_FIELDS, "references", "deadlines", "warnings", "signatures"]
# A dry run adds how the text was read.
DRY_RUN_KEYS = [*RECORD_KEYS, "text_source"]
NUMBERED = "seed-002_brvt_cv-404-ubnd-vp.txt"
BLANK_NUMBER = "seed-000_vungtau_cv-ubnd-vp_draft.txt"


def run(*args: str) -> tuple[str, str]:
    """Run the command; returns (stdout, stderr). Raises CommandError as manage.py would exit."""
    out, err = StringIO(), StringIO()
    call_command("import_directives", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def documents(corpus: Path) -> list[Path]:
    return sorted((corpus / "directives").glob("*.txt"))


def counts() -> tuple[int, int, int]:
    return (
        DirectivePage.objects.count(),
        get_document_model().objects.count(),
        Agency.objects.count(),
    )


def test_dry_run_json_prints_the_contract_and_changes_nothing(site, corpus: Path):
    """One file gives one object with every key of the contract, and nothing is saved."""
    before = counts()
    out, _ = run("--dry-run", "--json", str(corpus / "directives" / NUMBERED))
    record = json.loads(out)
    assert list(record) == DRY_RUN_KEYS
    assert record["text_source"] == "text layer"
    assert record["signatures"] == []
    expected = json.loads((corpus / "expected" / NUMBERED.replace(".txt", ".json")).read_text())
    for key in ("source", "doc_type", "number", "issuer", "issued_on", "signer_name"):
        assert record[key] == expected[key]
    assert counts() == before


def test_dry_run_json_prints_an_array_for_several_files(site, corpus: Path):
    files = documents(corpus)
    out, _ = run("--dry-run", "--json", *map(str, files))
    records = json.loads(out)
    assert [record["source"] for record in records] == [path.name for path in files]
    assert all(list(record) == DRY_RUN_KEYS for record in records)
    assert DirectivePage.objects.count() == 0


def test_the_whole_corpus_imports_as_drafts_with_every_field(site, corpus: Path):
    """Each document becomes a draft holding every field of its record: agencies, citations,
    tasks, the original file attached and the parser's warnings kept for the editor."""
    files = documents(corpus)
    records = json.loads(run("--dry-run", "--json", *map(str, files))[0])
    out, _ = run(*map(str, files))
    assert f"{len(files)} tạo mới" in out
    assert DirectivePage.objects.count() == len(files)
    for record in records:
        page = DirectivePage.objects.get(attachments__document__title=record["source"])
        assert not page.live and page.has_unpublished_changes
        assert page.get_doc_type_display() == record["doc_type"]
        assert page.number == (record["number"] or "")
        assert page.issuer.name == record["issuer"]
        assert (page.issuer.parent.name if page.issuer.parent else None) == record["parent_issuer"]
        assert page.place == (record["place"] or "")
        assert (page.issued_on.isoformat() if page.issued_on else None) == record["issued_on"]
        assert (page.issued_year, page.issued_month) == (
            record["issued_year"],
            record["issued_month"],
        )
        assert page.subject == record["subject"]
        assert page.recipient_list == record["recipients"]
        assert page.authority_lines == record["signer_authority"]
        assert page.signer_title == (record["signer_title"] or "")
        assert page.signer_name == (record["signer_name"] or "")
        assert page.distribution_list == record["distribution"]
        assert [(r.doc_type, r.number) for r in page.references.all()] == [
            (r["doc_type"], r["number"]) for r in record["references"]
        ]
        # One task per deadline but the document's own entry into force, named without it.
        dues = [due_fields(t["date"]) for t in record["deadlines"] if not is_own_effect(t["text"])]
        assert [(t.due_on, t.due_text) for t in page.tasks.all()] == dues
        assert page.body.startswith("<p>")
        assert page.source_hash
    draft = DirectivePage.objects.get(attachments__document__title=BLANK_NUMBER)
    assert "chưa ghi số" in draft.import_warnings
    assert draft.issued_on is None and draft.issued_year == 2022


def test_a_task_names_its_agency(site, corpus: Path):
    """'Giao Sở ... trước ngày ...' gives a task whose agency is the Sở."""
    run(*map(str, documents(corpus)))
    with_agency = DirectiveTask.objects.exclude(agency=None).select_related("agency")
    assert with_agency.exists()
    assert all(" các " not in f" {task.agency.name} " for task in with_agency)


def test_deadlines_keep_their_precision(site, corpus: Path):
    """A full date fills due_on; "trong năm 2020" is kept as text, never made a day."""
    run(str(corpus / "directives" / NUMBERED))
    tasks = DirectiveTask.objects.all()
    assert tasks.filter(due_on=date(2020, 6, 30), due_text="").exists()
    assert tasks.filter(due_on=None, due_text="năm 2020").exists()


def test_reimport_updates_and_never_duplicates_a_numbered_document(site, corpus: Path, tmp_path):
    source = corpus / "directives" / NUMBERED
    run(str(source))
    page = DirectivePage.objects.get()
    out, _ = run(str(source))
    assert "1 không đổi" in out
    changed = tmp_path / NUMBERED
    # An annex added after the signature: the body shows annexes (not the signature block).
    changed.write_text(
        source.read_text() + "\nPHỤ LỤC\nĐoạn bổ sung sau khi ký.\n", encoding="utf-8"
    )
    out, _ = run(str(changed))
    assert "1 cập nhật" in out
    assert DirectivePage.objects.get().pk == page.pk
    assert page.revisions.count() == 2
    assert "Đoạn bổ sung" in DirectivePage.objects.get().get_latest_revision_as_object().body


def test_reimport_of_a_blank_number_document_matches_by_content(site, corpus: Path, tmp_path):
    """With no number to go by, the same text (white space aside) is the same document."""
    source = corpus / "directives" / BLANK_NUMBER
    run(str(source))
    respaced = tmp_path / "ban-sao.txt"
    respaced.write_text(source.read_text().replace("\n", "\n\n"), encoding="utf-8")
    out, _ = run(str(source), str(respaced))
    assert "2 không đổi" in out
    assert DirectivePage.objects.count() == 1


def test_json_after_import_adds_id_and_url(site, corpus: Path):
    out, _ = run("--json", str(corpus / "directives" / NUMBERED))
    record = json.loads(out)
    page = DirectivePage.objects.get()
    assert record["id"] == page.pk
    assert record["url"].endswith(page.url_path.split("/", 2)[-1])
    assert record["status"] == "created"
    assert list(record)[: len(RECORD_KEYS)] == RECORD_KEYS


def test_publish_makes_the_page_live(site, corpus: Path):
    run("--publish", str(corpus / "directives" / NUMBERED))
    assert DirectivePage.objects.live().count() == 1


def test_a_failed_file_fails_the_run_but_the_others_go_on(site, corpus: Path, tmp_path):
    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_directives",
            str(corpus / "directives" / NUMBERED),
            str(tmp_path / "khong-co.txt"),
            str(empty),
            str(corpus / "directives" / BLANK_NUMBER),
            stdout=out,
            stderr=err,
        )
    assert raised.value.returncode == 1
    assert "2/4 tệp không nhập được" in str(raised.value)
    assert "Không tìm thấy tệp" in err.getvalue()
    assert "trống" in err.getvalue()
    assert "2 tạo mới" in out.getvalue() and "2 lỗi" in out.getvalue()
    assert DirectivePage.objects.count() == 2


def test_progress_bar_and_summary(site, corpus: Path):
    """Several files show a progress bar on stderr and a Vietnamese summary."""
    out, err = run("--dry-run", *map(str, documents(corpus)))
    assert "Nhập văn bản" in err and "tệp" in err
    assert "Tổng kết (chạy thử: chưa lưu gì): 9 tệp — 9 tạo mới" in out
    assert "cảnh báo" in out


def test_unknown_or_wrong_parent_is_a_clear_error(site, corpus: Path):
    with pytest.raises(CommandError, match="Không có trang nào mang mã #987654"):
        run("--parent", "987654", str(corpus / "directives" / NUMBERED))
    with pytest.raises(CommandError, match="không chứa được văn bản chỉ đạo"):
        run("--parent", str(site.pk), str(corpus / "directives" / NUMBERED))
    assert DirectivePage.objects.count() == 0


def test_the_attached_file_is_in_the_reference_index(site, corpus: Path):
    """The importer refreshes Wagtail's reference index once per page, so the document's
    "Usage" in the admin lists the directive."""
    run(str(corpus / "directives" / NUMBERED))
    page = DirectivePage.objects.get()
    document = page.attachments.get().document
    usage = ReferenceIndex.get_references_to(document).group_by_source_object()
    assert [source.pk for source, _ in usage] == [page.pk]


def test_the_same_number_in_another_year_is_another_document(site, corpus: Path, tmp_path):
    """Công văn numbers restart every year: 404/UBND-VP of 2021 does not update that of 2020."""
    source = corpus / "directives" / NUMBERED
    next_year = tmp_path / "cv-404-2021.txt"
    next_year.write_text(source.read_text().replace("năm 2020", "năm 2021", 1), encoding="utf-8")
    run(str(source))
    out, _ = run(str(next_year))
    assert "1 tạo mới" in out
    assert sorted(DirectivePage.objects.values_list("issued_year", flat=True)) == [2020, 2021]
