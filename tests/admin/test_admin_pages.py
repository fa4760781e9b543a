"""The admin pages an editor works in show no English from Wagtail's catalogue: every visible
string (text, and the labels a screen reader or a tooltip shows) is compared with Wagtail's
English msgids; and none asks gravatar.com for an avatar."""

import re
from html.parser import HTMLParser

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Workflow

from home import roles
from tests import factories
from tests.admin.catalogue import english_entries, merged_catalogue, translated

VISIBLE_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt", "data-w-tooltip-content-value")
HIDDEN_ELEMENTS = {"script", "style", "template", "noscript"}


class VisibleText(HTMLParser):
    """Collects the text a person can see or hear on a page: not scripts, templates, or
    elements marked ``hidden`` (a hidden counter prints Python's None, not a msgid)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.strings: list[str] = []
        self._hidden_tag: str | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if self._hidden_tag is not None:
            self._depth += tag == self._hidden_tag
            return
        if tag in HIDDEN_ELEMENTS or any(name == "hidden" for name, _ in attrs):
            if tag not in self.VOID:
                self._hidden_tag, self._depth = tag, 1
            return
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.strings.append(value)

    def handle_endtag(self, tag):
        if tag == self._hidden_tag:
            self._depth -= 1
            if not self._depth:
                self._hidden_tag = None

    def handle_data(self, data):
        if self._hidden_tag is None:
            self.strings.append(data)


def english_strings(domains=("django",)) -> set[str]:
    """Wagtail's English msgids without placeholders, except those the Vietnamese catalogue
    keeps as they are (URL, ID …)."""
    english = set()
    for domain in domains:
        catalogue = merged_catalogue(domain)
        for _, entry in english_entries(domain):
            if re.search(r"%|\{|<", entry.msgid) or len(entry.msgid.strip()) < 3:
                continue
            if translated(catalogue, entry) != entry.msgid:
                english.add(entry.msgid.strip())
    return english


@pytest.fixture
def admin_client(client, site):
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", "x")
    client.force_login(user)
    return client


@pytest.fixture
def content(site):
    """A directive under review (the workflow action menu shows), an agency and a document."""
    directive = factories.make_directive(title="Quyết định thử nghiệm")
    workflow = Workflow.objects.get(name=roles.REVIEW)
    workflow.start(directive, get_user_model().objects.get(username="quantri"))
    agency = factories.make_agency()
    document = Document.objects.create(title="Tài liệu thử nghiệm", file="documents/thu.pdf")
    return {"directive": directive, "agency": agency, "document": document, "home": site}


def admin_urls(content) -> dict[str, str]:
    directive, home = content["directive"], content["home"]
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[home.id]),
        "page edit": reverse("wagtailadmin_pages:edit", args=[directive.id]),
        "page history": reverse("wagtailadmin_pages:history", args=[directive.id]),
        "page add": reverse(
            "wagtailadmin_pages:add",
            args=["directives", "directivepage", factories.directive_index().id],
        ),
        "snippet list": reverse("wagtailsnippets_directives_agency:list"),
        "snippet edit": reverse(
            "wagtailsnippets_directives_agency:edit", args=[content["agency"].pk]
        ),
        "snippet chooser": reverse("wagtailsnippetchoosers_directives_agency:choose"),
        "settings": reverse("wagtailsettings:edit", args=["home", "portalsettings"]),
        "users": reverse("wagtailusers_users:index"),
        "groups": reverse("wagtailusers_groups:index"),
        "documents": reverse("wagtaildocs:index"),
        "document edit": reverse("wagtaildocs:edit", args=[content["document"].pk]),
        "images": reverse("wagtailimages:index"),
        "image add": reverse("wagtailimages:add"),
        "workflows": reverse("wagtailadmin_workflows:index"),
        "sites": reverse("wagtailsites:index"),
        "redirects": reverse("wagtailredirects:index"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "account": reverse("wagtailadmin_account"),
    }


def test_admin_pages_show_no_english(admin_client, content):
    english = english_strings()
    found = {}
    for name, url in admin_urls(content).items():
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, (name, url, response.status_code)
        assert "gravatar.com" not in response.content.decode(), f"{name} asks gravatar.com"
        parser = VisibleText()
        parser.feed(response.content.decode())
        left = sorted({s.strip() for s in parser.strings if s.strip() in english})
        if left:
            found[name] = left
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_workflow_action_menu_names_the_review_in_vietnamese(admin_client, content):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[content["directive"].id]))
    text = response.content.decode()
    assert "Moderators approval" not in text
    assert roles.REVIEW in text
    assert "Phê duyệt" in text
