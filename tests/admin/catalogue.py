"""What the admin's translation tests compare: Wagtail's English msgids for the apps an editor
meets, the merged Vietnamese catalogue Django serves, and the placeholders a translation must
keep (a lost ``%(title)s`` raises at run time; a lost tag breaks the page)."""

import re
from importlib import import_module
from pathlib import Path

import polib

from django.conf import settings
from django.utils.translation.trans_real import DjangoTranslation

# The Wagtail apps whose strings reach an editor, and the catalogue domains they ship.
APPS = (
    "wagtail",
    "wagtail.admin",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.snippets",
    "wagtail.sites",
    "wagtail.search",
    "wagtail.embeds",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
)
DOMAINS = ("django", "djangojs")
# The admin's JavaScript catalogue is built from this package (wagtail.admin.urls).
JS_PACKAGES = ("wagtail.admin",)

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}|<[^>]+>")


def app_locale_dir(app: str) -> Path:
    return Path(import_module(app).__file__).parent / "locale"


def english_entries(domain: str) -> list[tuple[str, polib.POEntry]]:
    """(app, entry) for every msgid in the English catalogues of APPS for ``domain``."""
    found = []
    for app in APPS:
        path = app_locale_dir(app) / "en" / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            found.extend((app, entry) for entry in polib.pofile(str(path)) if entry.msgid)
    return found


def merged_catalogue(domain: str) -> DjangoTranslation:
    """The Vietnamese catalogue as Django builds it for a request: every app's catalogue with
    LOCALE_PATHS merged last (for JavaScript, as JavaScriptCatalog merges its packages)."""
    if domain == "django":
        return DjangoTranslation("vi")
    dirs = [app_locale_dir(package) for package in JS_PACKAGES]
    dirs += [Path(path) for path in settings.LOCALE_PATHS]
    return DjangoTranslation("vi", domain=domain, localedirs=[str(d) for d in dirs])


def translated(catalogue: DjangoTranslation, entry: polib.POEntry) -> str | None:
    """The merged translation of ``entry`` (the form used for every count, Vietnamese having
    one), or None where the catalogue has none."""
    key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    value = catalogue._catalog.get((key, 0) if entry.msgid_plural else key)
    return value or None


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))
