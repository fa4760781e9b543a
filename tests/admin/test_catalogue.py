"""The project's Vietnamese catalogue covers every string of Wagtail's editor-facing apps, keeps
their placeholders, and its committed .mo is what its .po compiles to."""

import json
from pathlib import Path

import polib
import pytest

from django.conf import settings
from django.urls import reverse

from tests.admin.catalogue import (
    DOMAINS,
    english_entries,
    merged_catalogue,
    placeholders,
    translated,
)

LOCALE = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_wagtail_msgid_is_translated(domain):
    catalogue = merged_catalogue(domain)
    missing = [
        f"{app}: {entry.msgid!r}"
        for app, entry in english_entries(domain)
        if translated(catalogue, entry) is None
    ]
    assert not missing, f"{len(missing)} untranslated: " + "; ".join(missing[:20])


@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_the_placeholders(domain):
    """Vietnamese has one plural form, so msgstr[0] serves every count and must carry the
    plural msgid's placeholders."""
    catalogue = merged_catalogue(domain)
    wrong = []
    for app, entry in english_entries(domain):
        text = translated(catalogue, entry)
        source = entry.msgid_plural or entry.msgid
        if text is not None and placeholders(text) != placeholders(source):
            wrong.append(f"{app}: {source!r} -> {text!r}")
    assert not wrong, "\n".join(wrong[:20])


def test_the_broken_composite_strings_are_fixed():
    """The admin once showed "Phê chuẩnvà Xuất bản" and "Thực hiện Moderators approval"; these
    are the msgids that compose them."""
    from django.utils import translation

    with translation.override("vi"):
        assert translation.gettext("%(label)s and Publish") % {"label": "Phê duyệt"} == (
            "Phê duyệt và xuất bản"
        )
        assert translation.gettext("Submit to %(workflow_name)s") == "Gửi vào %(workflow_name)s"
        assert translation.gettext("History") == "Lịch sử"
        assert translation.gettext("Choose %(object)s") == "Chọn %(object)s"
        assert translation.gettext("Sites") != translation.gettext("Pages")


def test_catalogue_header_declares_one_plural_form():
    for domain in DOMAINS:
        po = polib.pofile(str(LOCALE / f"{domain}.po"))
        assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_mo_matches_its_po(domain, tmp_path):
    """The .mo is committed (nothing compiles at install time); it must be the .po compiled."""
    po = polib.pofile(str(LOCALE / f"{domain}.po"))
    fresh = tmp_path / f"{domain}.mo"
    po.save_as_mofile(str(fresh))
    committed = LOCALE / f"{domain}.mo"
    assert committed.read_bytes() == fresh.read_bytes(), "run `make messages` and commit the .mo"


def test_admin_javascript_catalogue_serves_the_project_translations(client):
    """The admin's scripts read their strings from /admin/jsi18n/, which merges the project's
    djangojs catalogue over Wagtail's (the catalogue is JSON with non-ASCII escaped)."""
    body = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert json.dumps("Đang tự động lưu…") in body
    assert json.dumps("Autosave in progress…") in body  # the msgid, as the key
