"""An import changes an existing page only where its user may: the page editor's rules
(edit rights, locks, the chosen directive index), with real users, groups and page
permissions. The command without ``--user`` runs as the operator, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission

from directives.importing import ImportStatus, import_document
from directives.models import DirectiveIndexPage, DirectivePage
from tests import factories
from tests.directives.test_import_admin import review_data

DOCUMENT = "seed-002_brvt_cv-404-ubnd-vp.txt"


def make_user(name: str, *rights: str, page=None):
    """A user in a group of their own with ``rights`` ("add_page", "change_page",
    "publish_page", "lock_page") on ``page`` (the directive index by default)."""
    user = get_user_model().objects.create_user(name, f"{name}@example.invalid", "x")
    group = Group.objects.create(name=f"Nhóm {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in rights:
        GroupPagePermission.objects.create(
            group=group,
            page=page or factories.directive_index(),
            permission=Permission.objects.get(codename=codename),
        )
    user.groups.add(group)
    return user


@pytest.fixture
def document(corpus: Path) -> tuple[bytes, bytes]:
    """The document as first imported, and a later copy of it (same number, new text)."""
    data = (corpus / "directives" / DOCUMENT).read_bytes()
    return data, data + "\nBản cập nhật: bổ sung nơi nhận.\n".encode()


def existing_page(data: bytes, *, publish: bool, owner=None) -> DirectivePage:
    """The page a colleague (or the operator) imported earlier."""
    result = import_document(data, DOCUMENT, publish=publish, user=owner)
    assert result.status is ImportStatus.CREATED, result.message_vi
    return DirectivePage.objects.get(pk=result.page.pk)


def revisions(page: DirectivePage) -> int:
    return page.revisions.count()


def test_add_only_editor_cannot_overwrite_a_live_page(site, document):
    first, later = document
    page = existing_page(first, publish=True)
    editor = make_user("chithem", "add_page")
    before = revisions(page)

    result = import_document(later, DOCUMENT, user=editor)

    assert result.failed
    assert "không có quyền sửa" in result.message_vi
    assert revisions(page) == before
    page.refresh_from_db()
    assert not page.has_unpublished_changes
    assert get_document_model().objects.count() == 1  # the first import's original only


def test_add_only_editor_cannot_overwrite_a_colleagues_draft(site, document):
    first, later = document
    colleague = make_user("dongnghiep", "add_page")
    page = existing_page(first, publish=False, owner=colleague)
    assert page.owner == colleague
    editor = make_user("chithem", "add_page")
    before = revisions(page)

    result = import_document(later, DOCUMENT, user=editor)

    assert result.failed and "không có quyền sửa" in result.message_vi
    assert revisions(page) == before


def test_a_page_locked_by_someone_else_is_not_written(site, document):
    first, later = document
    page = existing_page(first, publish=True)
    colleague = make_user("nguoikhoa", "add_page", "change_page", "lock_page")
    page.locked, page.locked_by, page.locked_at = True, colleague, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    editor = make_user("bientap", "add_page", "change_page")
    before = revisions(page)

    result = import_document(later, DOCUMENT, user=editor)

    assert result.failed and "đang bị khóa" in result.message_vi
    assert revisions(page) == before
    # The one who holds the lock may import over it.
    assert import_document(later, DOCUMENT, user=colleague).status is ImportStatus.UPDATED


def test_a_page_outside_the_chosen_index_is_not_written(site, document):
    first, later = document
    page = existing_page(first, publish=True)
    other = site.add_child(instance=DirectiveIndexPage(title="Văn bản khác", slug="van-ban-khac"))
    editor = make_user("bientap", "add_page", "change_page", page=site)
    before = revisions(page)

    result = import_document(later, DOCUMENT, user=editor, parent=other)

    assert result.failed and "nằm ngoài" in result.message_vi
    assert revisions(page) == before


def test_an_editor_with_edit_rights_updates_the_page(site, document):
    first, later = document
    page = existing_page(first, publish=True)
    editor = make_user("bientap", "add_page", "change_page")

    result = import_document(later, DOCUMENT, user=editor)

    assert result.status is ImportStatus.UPDATED
    assert revisions(page) == 2
    assert page.revisions.order_by("-pk").first().user == editor


def test_publishing_needs_the_publish_right(site, document):
    first, later = document
    existing_page(first, publish=True)
    editor = make_user("bientap", "add_page", "change_page")
    result = import_document(later, DOCUMENT, user=editor, publish=True)
    assert result.failed and "quyền xuất bản" in result.message_vi


def test_imported_draft_is_owned_by_the_importing_editor(client, site, document):
    """An add-only editor opens the draft they just imported, and may import it again."""
    first, later = document
    editor = make_user("chithem", "add_page")

    result = import_document(first, DOCUMENT, user=editor)

    page = DirectivePage.objects.get(pk=result.page.pk)
    assert page.owner == editor
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert import_document(later, DOCUMENT, user=editor).status is ImportStatus.UPDATED


def test_admin_review_refuses_a_page_the_editor_cannot_edit(client, site, document):
    first, later = document
    page = existing_page(first, publish=True)
    editor = make_user("chithem", "add_page")
    client.force_login(editor)
    response = client.post(
        reverse("directives_import"), {"file": SimpleUploadedFile(DOCUMENT, later), "text": ""}
    )
    assert response.status_code == 200
    before = revisions(page)

    response = client.post(reverse("directives_import_review"), review_data(response))

    assert response.status_code == 200
    assert "không có quyền sửa" in response.content.decode()
    assert revisions(page) == before
    assert DirectivePage.objects.count() == 1


def test_command_with_user_is_checked_and_without_keeps_operator_rights(
    site, document, tmp_path: Path
):
    first, later = document
    page = existing_page(first, publish=True)
    make_user("chithem", "add_page")
    path = tmp_path / DOCUMENT
    path.write_bytes(later)

    with pytest.raises(CommandError, match="không nhập được"):
        call_command("import_directives", str(path), "--user", "chithem", verbosity=0)
    assert revisions(page) == 1

    with pytest.raises(CommandError, match="khongco"):
        call_command("import_directives", str(path), "--user", "khongco", verbosity=0)

    call_command("import_directives", str(path), verbosity=0)
    assert revisions(page) == 2
