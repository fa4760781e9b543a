"""The directive page with a real database: the body rebuilt for existing pages, titles written
one way, references grouped by relation, and the validity a replacing, amending or repealing
document writes on the one it names (undone when it is unpublished)."""

from __future__ import annotations

from datetime import date

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.documents import get_document_model

from directives.models import DirectiveAttachment, DirectivePage
from directives.vocabulary import ValidityStatus
from tests.factories import make_directive
from tests.paths import CORPUS

pytestmark = pytest.mark.django_db

DECISION = CORPUS / "directives" / "12_hanoi-ttpvhcc_qd-1610.txt"


def reload(page: DirectivePage) -> DirectivePage:
    return DirectivePage.objects.get(pk=page.pk)


def old(number="10/QĐ-UBND", **fields) -> DirectivePage:
    return make_directive(
        number=number,
        doc_type="quyet-dinh",
        subject="Quy định cũ",
        validity=ValidityStatus.IN_FORCE,
        **fields,
    )


def newer(relation: str, *, number="20/QĐ-UBND", publish=True) -> DirectivePage:
    return make_directive(
        number=number,
        doc_type="quyet-dinh",
        subject="Quy định mới",
        issued_on=date(2025, 11, 20),
        effective_on=date(2025, 12, 1),
        references=[{"doc_type": "Quyết định", "number": "10/QĐ-UBND", "relation": relation}],
        publish=publish,
    )


def test_publishing_a_replacing_document_ends_the_other_and_unpublishing_undoes_it(site, client):
    replaced = old()
    revisions = replaced.revisions.count()
    replacing = newer("thay-the")
    replaced = reload(replaced)
    assert replaced.validity == ValidityStatus.EXPIRED
    assert replaced.expired_on == date(2025, 12, 1)  # the new document's effective date
    assert replaced.validity_source_id == replacing.pk
    assert replaced.live and replaced.revisions.count() == revisions + 1
    assert not replaced.has_unpublished_changes  # published on its new revision

    page = client.get(replaced.url).content.decode()
    assert "Được thay thế bởi" in page and "Quyết định số 20/QĐ-UBND" in page
    assert "Hết hiệu lực toàn bộ" in page
    page = client.get(replacing.url).content.decode()
    assert '<h3 class="references__relation">Thay thế</h3>' in page

    replacing.unpublish()
    replaced = reload(replaced)
    assert replaced.validity == ValidityStatus.IN_FORCE
    assert replaced.expired_on is None
    assert replaced.validity_source_id is None
    assert "Được thay thế bởi" not in client.get(replaced.url).content.decode()


def test_an_amendment_published_first_marks_the_other_when_it_arrives(site):
    newer("sua-doi")
    amended = old()  # published after the amending document
    amended = reload(amended)
    assert amended.validity == ValidityStatus.PARTLY_EXPIRED
    assert amended.expired_on is None  # in force but in part


def test_an_editors_later_choice_is_kept_when_the_document_leaves(site):
    replaced = old()
    repealing = newer("bai-bo")
    replaced = reload(replaced)
    assert replaced.validity == ValidityStatus.EXPIRED
    replaced.validity = ValidityStatus.PARTLY_EXPIRED  # the editor knows better
    replaced.save_revision().publish()
    repealing.unpublish()
    replaced = reload(replaced)
    assert replaced.validity == ValidityStatus.PARTLY_EXPIRED
    assert replaced.validity_source_id is None


def test_a_plain_citation_changes_nothing(site):
    cited = old()
    newer("dan-chieu")
    assert reload(cited).validity == ValidityStatus.IN_FORCE


def attach_original(page: DirectivePage, path) -> None:
    document = get_document_model().objects.create(
        title=path.name, file=ContentFile(path.read_bytes(), name=path.name)
    )
    page.attachments.add(DirectiveAttachment(document=document, caption="Tệp gốc"))
    page.save_revision().publish()


def test_rebuild_bodies_is_a_dry_run_until_applied(site, client, corpus, capsys):
    raw = "".join(f"<p>{line}</p>" for line in DECISION.read_text(encoding="utf-8").splitlines())
    page = make_directive(number="1610/QĐ-TTPVHCC", doc_type="quyet-dinh", body=raw)
    attach_original(page, DECISION)
    revisions = page.revisions.count()

    call_command("rebuild_bodies")
    assert reload(page).body == raw
    assert "Sẽ ghi (chạy thử" in capsys.readouterr().out

    call_command("rebuild_bodies", "--apply")
    page = reload(page)
    assert page.revisions.count() == revisions + 1 and page.live
    assert '<h3 id="dieu-1">Điều 1.</h3>' in page.body
    assert "Nơi nhận" not in page.body

    html = client.get(page.url).content.decode()
    assert '<nav class="document__toc" aria-labelledby="toc-title">' in html
    assert '<a href="#dieu-3">' in html
    body = html.split('class="document__body rich-text">')[1].split("</div>\n")[0]
    assert "Nơi nhận" not in body and "CỘNG HÒA" not in body
    assert "Bản gốc:" in html

    call_command("rebuild_bodies", "--apply")
    assert reload(page).revisions.count() == revisions + 1  # nothing left to change


def test_retitle_writes_old_titles_the_one_way_and_keeps_slugs(site):
    old_style = make_directive(
        number="404/UBND-VP", subject="V/v thử nghiệm", title="Công văn 404/UBND-VP: V/v thử nghiệm"
    )
    own = make_directive(number="405/UBND-VP", title="Hướng dẫn nộp hồ sơ trực tuyến")
    slug = old_style.slug

    call_command("retitle_directives")
    assert reload(old_style).title == "Công văn 404/UBND-VP: V/v thử nghiệm"

    call_command("retitle_directives", "--apply")
    old_style = reload(old_style)
    assert old_style.title == "Công văn số 404/UBND-VP: V/v thử nghiệm"
    assert old_style.slug == slug and old_style.live
    assert reload(own).title == "Hướng dẫn nộp hồ sơ trực tuyến"
