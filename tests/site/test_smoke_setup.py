"""The test harness itself: the site fixture builds the tree every other test relies on."""

from directives.models import DirectivePage
from tests.factories import make_directive


def test_site_fixture_builds_the_tree(site, client):
    """The home page answers at / and lists a published directive."""
    make_directive(number="1/UBND-VP", subject="V/v kiểm tra cây trang")
    response = client.get("/")
    assert response.status_code == 200
    assert "1/UBND-VP" in response.content.decode()
    assert DirectivePage.objects.live().count() == 1
