"""The sample site that `make run` loads."""

import pytest

from django.core.management import call_command

from directives.models import Agency, DirectivePage, DirectiveReference
from home.models import HomePage
from news.models import NewsPage

pytestmark = pytest.mark.django_db


def test_sample_site_is_complete_and_loading_again_changes_nothing(client):
    """At least 20 directives of several types and issuers citing each other, 10 news items,
    the home page as the site's root; a second run keeps what is there and adds nothing."""
    call_command("load_sample")
    directives = DirectivePage.objects.live()
    assert directives.count() >= 20
    assert directives.values("doc_type").distinct().count() >= 5
    assert directives.values("issuer").distinct().count() >= 4
    assert NewsPage.objects.live().count() >= 10
    linked = DirectiveReference.objects.exclude(target=None).count()
    assert linked >= 20
    assert all("mẫu" in d.search_description for d in directives)

    counts = (DirectivePage.objects.count(), NewsPage.objects.count(), Agency.objects.count())
    call_command("load_sample")
    assert counts == (
        DirectivePage.objects.count(),
        NewsPage.objects.count(),
        Agency.objects.count(),
    )
    assert HomePage.objects.count() == 1

    home = client.get("/")
    assert home.status_code == 200
    assert "dữ liệu mẫu" in home.content.decode().lower()
    most_cited = max(directives, key=lambda d: d.cited_by().count())
    assert client.get(most_cited.url).status_code == 200
    assert most_cited.cited_by().count() >= 2


def test_ensure_admin_creates_one_superuser_and_prints_its_login(tmp_path, settings, capsys):
    """The first run creates admin and prints the login; the next prints the same login."""
    settings.BASE_DIR = tmp_path
    call_command("ensure_admin")
    first = capsys.readouterr().out
    call_command("ensure_admin")
    assert capsys.readouterr().out == first
    assert "tài khoản: admin" in first and "mật khẩu:" in first
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(is_superuser=True).count() == 1
