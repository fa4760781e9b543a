"""import_plone on the sample Plone 6.1 site, both export formats, checked against what the
live site held (../shared/corpus/plone/expected.json), and on broken copies of it."""

from __future__ import annotations

import hashlib
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command
from django.test import Client

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Revision

from plone.models import ImportRun, PloneItem

FORMATS = ["plone-exportimport", "collective-exportimport"]
PAGE_MODELS = {
    "Folder": {"sectionpage", "directiveindexpage", "newsindexpage"},
    "Document": {"contentpage", "directivepage"},
    "News Item": {"newspage"},
    "Event": {"eventpage"},
    "Link": {"linkpage"},
    "Collection": {"collectionpage"},
}


@pytest.fixture
def plone_corpus(corpus) -> Path:
    return corpus / "plone"


@pytest.fixture
def expected(plone_corpus) -> dict:
    return json.loads((plone_corpus / "expected.json").read_text())


def run_import(path: Path, *extra: str) -> dict:
    out = StringIO()
    call_command("import_plone", str(path), "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def target_of(uid: str):
    row = PloneItem.objects.get(uid=uid)
    return row.content_type.get_object_for_this_type(pk=row.object_id)


def stored_bytes(obj) -> bytes:
    with obj.file.open("rb") as handle:
        return handle.read()


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("export_format", FORMATS)
def test_sample_site_imports_as_the_live_site_held_it(site, plone_corpus, expected, export_format):
    """Every item of the sample becomes the right kind of object with its title, state,
    dates, tags, related items and blobs; every old path redirects; no resolveuid is left;
    a second run changes nothing."""
    report = run_import(plone_corpus / export_format, "--site-domain", "stttt.honglinh.gov.vn")
    assert report["counts"]["failed"] == 0, report["problems"]
    assert report["counts"]["created"] == 30
    client = Client()
    for item in expected["items"]:
        if item["uid"] == "plone_site_root":
            continue
        obj = target_of(item["uid"])
        ptype = item["portal_type"]
        if ptype == "File":
            assert isinstance(obj, get_document_model())
        elif ptype == "Image":
            assert isinstance(obj, get_image_model())
        else:
            assert obj.specific._meta.model_name in PAGE_MODELS[ptype], item["path"]
        assert obj.title == item["title"], item["path"]
        for blob in item["blobs"]:
            if ptype in ("File", "Image"):
                data = stored_bytes(obj)
            else:
                data = stored_bytes(obj.specific.image)
            assert len(data) == blob["size"]
            assert hashlib.sha256(data).hexdigest() == blob["sha256"]
        if ptype in ("File", "Image"):
            response = client.get(item["path"])
            assert response.status_code in (301, 302), item["path"]
            continue
        page = obj.specific
        # State: public on Plone ⇔ live here; expired items imported expired.
        public = item["anonymous_can_view"] and not item["expired_at_export"]
        assert page.live == public, item["path"]
        if item["expired_at_export"]:
            assert page.expired and not page.live
        if (
            item["review_state"] == "published"
            and item["effective"]
            and not item["expired_at_export"]
        ):
            assert page.first_published_at.isoformat() == item["effective"]
        assert page.latest_revision_created_at.isoformat() == item["modified"]
        if item["expires"]:
            assert page.expire_at.isoformat() == item["expires"]
        if hasattr(page, "tags"):
            assert sorted(tag.name for tag in page.tags.all()) == sorted(item["subjects"])
        for field_name in ("body", "intro"):
            assert "resolveuid" not in (getattr(page, field_name, "") or "")
        if item["review_state"] == "pending":
            assert page.current_workflow_state is not None
        # The old address answers with the page or a permanent redirect to it.
        response = client.get(item["path"])
        if page.live:
            if response.status_code == 301 and response["Location"] == item["path"] + "/":
                response = client.get(item["path"] + "/")
            if ptype == "Link":
                # The Link leads to the page its internal target became.
                target_uid = next(
                    i["uid"]
                    for i in expected["items"]
                    if i["path"] == item["remoteUrl_target_path"]
                )
                assert page.link_page_id == target_of(target_uid).pk
                assert response.status_code == 302
                assert response["Location"] == page.link_page.url
            elif response.status_code == 200:
                assert page.url.rstrip("/") == item["path"]
            else:
                assert response.status_code == 301
                assert response["Location"] in (page.url, page.full_url)
    # Related items became the portal's links.
    by_path = {item["path"]: item for item in expected["items"]}
    for item in expected["items"]:
        if item["portal_type"] == "Document" and item["relatedItems"]:
            page = target_of(item["uid"]).specific
            for related_path in item["relatedItems"]:
                related = target_of(by_path[related_path]["uid"])
                if page._meta.model_name == "directivepage":
                    linked = {a.document_id for a in page.attachments.all()} | {
                        r.target_id for r in page.references.all()
                    }
                    assert related.pk in linked, (item["path"], related_path)
    # Folders: children in Plone's order; the default page's text is the introduction.
    for item in expected["items"]:
        if item["portal_type"] != "Folder":
            continue
        section = target_of(item["uid"]).specific
        children = [by_path[f"{item['path']}/{child}"] for child in item["children"]]
        child_uids = [c["uid"] for c in children if c["portal_type"] not in ("File", "Image")]
        made = [target_of(uid).pk for uid in child_uids]
        placed = [child.pk for child in section.get_children() if child.pk in made]
        assert placed == [pk for pk in made if pk in placed], item["path"]
        if item["default_page"]:
            shown = target_of(by_path[f"{item['path']}/{item['default_page']}"]["uid"]).specific
            assert section.intro == shown.body
    # The renamed directive's old address.
    for old, new in expected["redirects"].items():
        redirect = Redirect.objects.get(
            old_path=Redirect.normalise_path(old.removeprefix("/Plone"))
        )
        new_item = by_path[new.removeprefix("/Plone")]
        assert redirect.redirect_page_id == target_of(new_item["uid"]).pk
    # Local roles: the group's grant on the section.
    assert GroupPagePermission.objects.filter(group__name__contains="quan-tri-noi-dung").exists()
    assert ImportRun.objects.count() == 1

    revisions = Revision.objects.count()
    pages = Page.objects.count()
    again = run_import(plone_corpus / export_format, "--site-domain", "stttt.honglinh.gov.vn")
    assert again["counts"]["unchanged"] == 30
    assert Revision.objects.count() == revisions
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_dry_run_writes_nothing(site, plone_corpus):
    """--dry-run reads the whole export and says what it would make, writing nothing."""
    pages = Page.objects.count()
    report = run_import(plone_corpus / "collective-exportimport", "--dry-run")
    assert report["counts"]["created"] == 30
    assert Page.objects.count() == pages
    assert not PloneItem.objects.exists()


def copy_export(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


@pytest.mark.django_db
def test_truncated_content_file_imports_what_it_can_read(site, plone_corpus, tmp_path):
    """A Plone.json cut short: a clear line in the report, the items before the cut made."""
    export = copy_export(plone_corpus / "collective-exportimport", tmp_path)
    data = (export / "Plone.json").read_bytes()
    (export / "Plone.json").write_bytes(data[: len(data) // 2])
    report = run_import(export)
    assert any("cắt cụt" in problem["message"] for problem in report["problems"])
    made = report["counts"]["created"]
    assert 0 < made < 30
    assert PloneItem.objects.count() == made


@pytest.mark.django_db
def test_missing_blob_fails_that_item_only(site, plone_corpus, tmp_path):
    """A File whose blob is gone is reported; nothing is half made, the rest imports."""
    export = copy_export(plone_corpus / "plone-exportimport", tmp_path)
    blob = next((export / "content").glob("*/file/*.pdf"))
    uid = blob.parent.parent.name
    blob.unlink()
    report = run_import(export)
    failed = [line for line in report["items"] if line["status"] == "failed"]
    assert [line["uid"] for line in failed] == [uid]
    assert "Thiếu tệp" in failed[0]["message"]
    assert not PloneItem.objects.filter(uid=uid).exists()
    assert report["counts"]["created"] == 29


@pytest.mark.django_db
def test_bad_uid_unknown_type_and_duplicate_path(site, plone_corpus, tmp_path):
    """A resolveuid to nothing loses its link (reported, no resolveuid kept); an unknown type
    and a second item at a taken path are skipped with a reason; the rest imports."""
    export = copy_export(plone_corpus / "collective-exportimport", tmp_path)
    items = json.loads((export / "Plone.json").read_text())
    with_link = next(i for i in items if "/resolveuid/" in json.dumps(i.get("text")))
    text = with_link["text"]["data"]
    start = text.index("/resolveuid/") + len("/resolveuid/")
    with_link["text"]["data"] = text[:start] + "0" * 32 + text[start + 32 :]
    unknown = next(i for i in items if i["@type"] == "Link")
    unknown["@type"] = "PloneGazetteIssue"
    duplicate = dict(next(i for i in items if i["@type"] == "Document"))
    duplicate["UID"] = "f" * 32
    items.append(duplicate)
    (export / "Plone.json").write_text(json.dumps(items, ensure_ascii=False))
    report = run_import(export)
    messages = " ".join(problem["message"] for problem in report["problems"])
    assert "PloneGazetteIssue" in messages
    assert "trùng" in messages
    assert "không có trong bản xuất" in messages
    page = target_of(with_link["UID"]).specific
    assert "resolveuid" not in page.body
    assert report["counts"]["created"] == 29
