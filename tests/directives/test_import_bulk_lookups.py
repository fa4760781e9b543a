"""What a batch reads for all its documents at once (``importing.prefetch``: which have no
page yet, which slugs are taken) must decide as each document's own lookup would: a folder
imported again updates nothing and adds nothing, a page already there keeps its slug, and
the pages a batch writes are found by the admin's search and by the portal's search."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from directives.import_mapping import slug_base
from directives.import_reading import read_document
from directives.models import DirectivePage
from search.query import understand
from search.service import search
from tests import factories
from tests.directives.test_import_bulk import _tree_is_sound, write_documents


def test_a_folder_imported_again_in_batches_changes_nothing(site, tmp_path):
    files = write_documents(tmp_path, 6)
    call_command("import_directives", *files[:4], "--publish", verbosity=0)
    first = {page.number: (page.pk, page.slug) for page in DirectivePage.objects.all()}

    # The four again (unchanged) and two new ones, in one batch.
    call_command("import_directives", *files, "--publish", verbosity=0)

    pages = {page.number: (page.pk, page.slug) for page in DirectivePage.objects.all()}
    assert len(pages) == 6
    assert {number: pages[number] for number in first} == first
    assert all(page.live for page in DirectivePage.objects.all())
    _tree_is_sound()


def test_a_slug_taken_before_the_batch_is_not_given_again(site, tmp_path):
    files = write_documents(tmp_path, 3)
    document = read_document(Path(files[1]).read_bytes(), Path(files[1]).name)
    base = slug_base(document.record, document.text)
    # Another page of the index already has the address this document would take.
    index = factories.directive_index()
    taken = factories.make_directive(title="Trang có sẵn", slug=base, parent=index)

    call_command("import_directives", *files, "--publish", verbosity=0)

    imported = DirectivePage.objects.exclude(pk=taken.pk).get(number=document.record.number)
    assert imported.slug == f"{base}-2"
    assert DirectivePage.objects.count() == 4
    _tree_is_sound()


def test_batch_written_pages_are_found_by_the_admin_and_the_portal_search(site, tmp_path, client):
    files = write_documents(tmp_path, 5)
    call_command("import_directives", *files, "--publish", verbosity=0)
    page = DirectivePage.objects.order_by("pk")[2]

    assert page.pk in [hit.page_id for hit in search(understand(page.number)).hits]

    user = get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", "x")
    client.force_login(user)
    # By its subject: Wagtail's PostgreSQL backend splits a number such as "12/KH-UBND" into
    # words its own way, and the admin's search by number is not what is checked here.
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": page.subject})
    assert response.status_code == 200
    assert f"/admin/pages/{page.pk}/edit/" in response.content.decode()
