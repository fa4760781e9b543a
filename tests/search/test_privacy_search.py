"""View-restricted pages stay out of search, suggestions and the search API, on the
database engine (SQLite, and PostgreSQL with DATABASE_URL): a restriction added after
publishing, one on a whole section, one set from the admin's privacy dialog, a move into a
restricted section, and the way back when the restriction is lifted."""

from datetime import date

import pytest

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

from directives.models import DirectiveIndexPage
from search.query import understand
from search.service import search, suggest
from tests.factories import directive_index, make_agency, make_directive, make_news

pytestmark = pytest.mark.django_db

NUMBER = "7781/UBND-KT"


def restrict(page, restriction_type=PageViewRestriction.LOGIN, **fields):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )


def found(text: str) -> list[int]:
    return [hit.page_id for hit in search(understand(text)).hits]


@pytest.fixture
def secret(site):
    """A published directive, searchable by its number, a word and its title."""
    return make_directive(
        title="Kế hoạch kiểm tra nội bộ kho bạc",
        number=NUMBER,
        subject="V/v kiểm tra nội bộ kho bạc quý ba",
        issued_on=date(2024, 7, 1),
        issuer=make_agency("Sở Tài chính thử", "STC"),
    )


def test_a_restriction_added_after_publishing_hides_the_page_everywhere(client, secret):
    """Search, suggestions, the search page and the API stop showing it, facets too."""
    assert found(NUMBER) == [secret.pk]
    restrict(secret)

    assert found(NUMBER) == []
    assert found("kiem tra noi bo kho bac") == []
    assert search(understand("")).facets["issuer"] == []
    assert suggest("Kế hoạch kiểm tra") == []
    api = client.get("/api/v1/search", {"q": "kho bạc"}).json()
    assert api["count"] == 0 and api["results"] == []
    assert client.get("/api/v1/search/suggest", {"q": "kho bạc"}).json()["suggestions"] == []
    assert "7781" not in client.get("/tim-kiem/", {"q": "kho bạc"}).content.decode()


def test_lifting_the_restriction_brings_the_page_back(secret):
    restriction = restrict(secret, PageViewRestriction.PASSWORD, password="mật-khẩu")
    assert found(NUMBER) == []
    restriction.delete()
    assert found(NUMBER) == [secret.pk]


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
)
def test_a_restricted_section_hides_every_page_below_it(site, secret, restriction_type):
    news = make_news(title="Tin về kiểm tra kho bạc", lead="Kho bạc kiểm tra nội bộ.")
    other = make_directive(number="12/UBND-KT", subject="V/v kho bạc công khai")
    restriction = restrict(directive_index(), restriction_type)
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Cán bộ nội bộ"))

    assert found("kho bac") == [news.pk]
    assert found("12/UBND-KT") == []

    restriction.delete()
    assert set(found("kho bac")) == {news.pk, secret.pk, other.pk}


def test_a_page_published_inside_a_restricted_section_is_never_indexed(site):
    restrict(directive_index())
    make_directive(number="55/KH-UBND", subject="V/v kế hoạch mật")
    assert found("55/KH-UBND") == []
    assert found("ke hoach mat") == []


def test_a_page_moved_into_a_restricted_section_leaves_the_index(site, secret):
    archive = site.add_child(instance=DirectiveIndexPage(title="Lưu trữ", slug="luu-tru"))
    restrict(archive)
    secret.move(archive, pos="last-child")
    assert found(NUMBER) == []


def test_the_admin_privacy_dialog_re_indexes_the_subtree(client, django_user_model, secret):
    """Setting "private, logged-in users only" on the directive list from the admin, then
    back to public: the same as an editor does it."""
    admin = django_user_model.objects.create_superuser("bientap", "b@example.org", "matkhau")
    client.force_login(admin)
    url = f"/admin/pages/{directive_index().pk}/privacy/"

    response = client.post(url, {"restriction_type": "login", "password": "", "groups": []})
    assert response.status_code == 200, response.content[:300]
    assert PageViewRestriction.objects.filter(page=directive_index()).exists()
    assert found(NUMBER) == []

    client.post(url, {"restriction_type": "none", "password": "", "groups": []})
    assert not PageViewRestriction.objects.exists()
    assert found(NUMBER) == [secret.pk]


def test_rebuild_keeps_restricted_pages_out(secret):
    from search.service import get_engine

    restrict(secret)
    get_engine().rebuild()
    assert found(NUMBER) == []


def test_deleting_a_restricted_section_leaves_nothing_in_the_index(site, secret):
    """The restriction goes with the section; its pages must not come back on the way out."""
    from search.models import SearchEntry

    archive = site.add_child(instance=DirectiveIndexPage(title="Lưu trữ", slug="luu-tru"))
    kept = make_directive(number="88/UBND-VP", subject="V/v lưu trữ", parent=archive)
    restrict(archive)
    assert found("88/UBND-VP") == []
    archive.delete()
    assert not SearchEntry.objects.filter(page_id=kept.pk).exists()
    assert found(NUMBER) == [secret.pk]
