"""``manage.py publish_static DIR`` and the folder kept in step with publications."""

from __future__ import annotations

import json

import pytest

from django.core.management import call_command

from wagtail.models import Page, PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_public_page_is_written_as_a_visitor_gets_it(site, client, tmp_path):
    public = factories.make_directive(number="21/CT-UBND", subject="Văn bản công khai")
    draft = factories.make_directive(number="22/CT-UBND", publish=False)
    restricted = factories.make_directive(number="23/CT-UBND", subject="Văn bản nội bộ")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    call_command("publish_static", str(tmp_path))

    written = tmp_path / public.url.strip("/") / "index.html"
    # fetched on the site's own host name, as a visitor of the site would
    assert written.read_text() == client.get(public.url, HTTP_HOST="localhost").content.decode()
    assert (tmp_path / "index.html").exists()  # the home page
    assert "Văn bản công khai" in (tmp_path / "van-ban" / "index.html").read_text()
    assert not (tmp_path / restricted.url.strip("/") / "index.html").exists()
    assert not (tmp_path / "van-ban" / draft.slug).exists()
    assert (tmp_path / "robots.txt").read_text().startswith("User-agent")
    assert "<sitemapindex" in (tmp_path / "sitemap.xml").read_text()
    assert "<feed" in (tmp_path / "nguon-tin" / "van-ban" / "index.xml").read_text()
    assert (tmp_path / "static").is_symlink()
    assert not list(tmp_path.rglob(".tmp-*"))  # no temporary file left
    manifest = json.loads((tmp_path / ".portal-static.json").read_text())
    assert f"{public.url.strip('/')}/index.html" in manifest


def test_a_full_run_removes_pages_no_longer_public(site, tmp_path):
    page = factories.make_directive(number="24/CT-UBND")
    call_command("publish_static", str(tmp_path))
    file = tmp_path / page.url.strip("/") / "index.html"
    assert file.exists()
    Page.objects.filter(pk=page.pk).update(live=False)  # no signal: only the next run sees it
    call_command("publish_static", str(tmp_path))
    assert not file.exists()


def test_the_folder_follows_publish_unpublish_move_and_delete(site, settings, tmp_path):
    settings.PORTAL_STATIC_DIR = str(tmp_path)
    page = factories.make_directive(number="25/CT-UBND", subject="Theo kịp từng lần xuất bản")
    file = tmp_path / page.url.strip("/") / "index.html"
    assert "Theo kịp từng lần xuất bản" in file.read_text()
    assert "Theo kịp từng lần xuất bản" in (tmp_path / "van-ban" / "index.html").read_text()

    page.subject = "Đã sửa trích yếu"
    page.save_revision().publish()
    assert "Đã sửa trích yếu" in file.read_text()

    page.unpublish()
    assert not file.exists()
    assert "Đã sửa trích yếu" not in (tmp_path / "van-ban" / "index.html").read_text()

    page.save_revision().publish()
    assert file.exists()
    archive = factories.add_page(
        site, factories.DirectiveIndexPage(title="Lưu trữ", slug="luu-tru")
    )
    page.move(archive, pos="last-child")
    moved = tmp_path / Page.objects.get(pk=page.pk).url.strip("/") / "index.html"
    assert not file.exists() and moved.exists()

    Page.objects.get(pk=page.pk).delete()
    assert not moved.exists()


def test_publishing_a_cited_page_rewrites_the_page_that_cites_it(site, settings, tmp_path):
    settings.PORTAL_STATIC_DIR = str(tmp_path)
    citing = factories.make_directive(
        number="26/CT-UBND",
        body="<p>Theo Quyết định 260/QĐ-UBND.</p>",
        references=[{"doc_type": "Quyết định", "number": "260/QĐ-UBND"}],
    )
    file = tmp_path / citing.url.strip("/") / "index.html"
    assert 'class="citation"' not in file.read_text()
    cited = factories.make_directive(number="260/QĐ-UBND", doc_type="quyet-dinh")
    assert f'href="{cited.url}" class="citation"' in file.read_text()
