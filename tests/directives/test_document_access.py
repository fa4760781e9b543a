"""A directive's files are as private as the directive: /documents/<id>/<name> serves the
original of a draft, an unpublished or a restricted directive only to those who may see or
edit the page; a document attached to no page is served as before."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission, PageViewRestriction

from directives.models import DirectiveAttachment
from tests.factories import directive_index, make_directive

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 ban goc co chu ky\n"


def attach(page, name="ban-goc.pdf"):
    """The imported original, attached as the importer does, then a new revision saved."""
    document = get_document_model().objects.create(title=name, file=ContentFile(CONTENT, name=name))
    page.attachments.add(DirectiveAttachment(document=document, caption=f"Tệp gốc: {name}"))
    page.save()
    return document


def download(client, document):
    return client.get(document.url)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def editor(django_user_model):
    """A moderator of the directive list: may edit its pages, is no superuser."""
    user = django_user_model.objects.create_user("bientap", "b@example.org", "matkhau")
    group = Group.objects.create(name="Biên tập văn bản")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=directive_index(),
            permission=Permission.objects.get(codename=codename),
        )
    user.groups.add(group)
    return user


def test_a_public_directive_serves_its_file_to_anyone(client, site):
    document = attach(make_directive(number="1/UBND-VP"))
    response = download(client, document)
    assert response.status_code == 200
    assert body(response) == CONTENT


def test_a_drafts_file_is_refused_to_visitors_and_served_to_its_editor(client, site, editor):
    document = attach(make_directive(number="2/UBND-VP", publish=False))
    assert download(client, document).status_code == 404
    client.force_login(editor)
    assert body(download(client, document)) == CONTENT


def test_an_unpublished_directives_file_is_refused(client, site, django_user_model):
    page = make_directive(number="3/UBND-VP")
    document = attach(page)
    page.unpublish()
    assert download(client, document).status_code == 404
    # A logged-in reader without rights on the page gets no more than a visitor.
    client.force_login(django_user_model.objects.create_user("docgia", "d@example.org", "x"))
    assert download(client, document).status_code == 404


def test_a_restricted_directives_file_follows_the_restriction(client, site, django_user_model):
    page = make_directive(number="4/UBND-VP")
    document = attach(page)
    PageViewRestriction.objects.create(
        page=directive_index(), restriction_type=PageViewRestriction.LOGIN
    )
    assert download(client, document).status_code == 404
    # Logged in: the page is open to this reader, so is its file.
    client.force_login(django_user_model.objects.create_user("docgia", "d@example.org", "x"))
    assert body(download(client, document)) == CONTENT


def test_a_password_restricted_directives_file_needs_the_password(client, site):
    page = make_directive(number="5/UBND-VP")
    document = attach(page)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    assert download(client, document).status_code == 404
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "mat-khau", "return_url": page.url},
    )
    assert response.status_code == 302
    assert body(download(client, document)) == CONTENT


def test_a_document_on_no_page_is_served_as_before(client, site):
    document = get_document_model().objects.create(
        title="Biểu mẫu", file=ContentFile(CONTENT, name="bieu-mau.pdf")
    )
    assert body(download(client, document)) == CONTENT
