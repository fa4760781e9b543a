"""search/ stands on its own: it imports no content app, and the page kinds it knows are
the ones the content apps registered."""

import ast
from pathlib import Path

import pytest

from django.apps import apps
from django.conf import settings

from search import params, registry
from search.engines.base import Hit
from search.query import understand

SEARCH_DIR = Path(apps.get_app_config("portal_search").path)


def content_apps() -> set[str]:
    """The project's own apps other than search (installed apps whose code is in this
    repository)."""
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts  # a virtualenv inside the checkout
        and config.path != str(SEARCH_DIR)
    }


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_search_imports_no_content_app():
    """No module of search/ (engines, service, migrations, commands) imports a content app:
    each app registers its own search document instead."""
    forbidden = content_apps()
    assert forbidden, "the project's content apps were not found among the installed apps"
    files = sorted(SEARCH_DIR.rglob("*.py"))
    seen = set()
    offending = []
    for path in files:
        for module in imported_modules(path):
            seen.add(module)
            if module.split(".")[0] in forbidden:
                offending.append(f"{path.relative_to(SEARCH_DIR.parent)}: {module}")
    assert "search.registry" in seen, "the import walk read no search module"
    assert offending == []


def test_every_searchable_model_is_registered_by_its_own_app():
    """The kinds come from the apps that own the page types, none from search/ itself."""
    kinds = registry.kinds()
    assert kinds
    for kind in kinds:
        app_label = kind.model.split(".")[0]
        assert apps.get_app_config(app_label).name in content_apps()


@pytest.mark.parametrize("kind", [kind.name for kind in registry.kinds()])
def test_each_registered_kind_is_a_filter_and_a_label(kind):
    """The kind filter accepts every registered kind, and results of that kind are named by
    the label its app gave."""
    assert understand("", kind=kind).kind == kind
    assert Hit(1, kind, "x", "/").label == registry.kind_label(kind)
    assert registry.kind_label(kind) != kind


def test_an_unregistered_kind_is_dropped_with_the_registered_ones_named():
    """A kind no app registered is dropped, and the message lists the kinds there are."""
    query, messages = params.read({"q": "x", "kind": "không-có"})
    assert query.kind is None
    assert query.dropped == ("kind",)
    assert all(kind.name in messages[0] for kind in registry.kinds())
