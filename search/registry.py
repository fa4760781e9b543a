"""The searchable page kinds, each registered by the app that owns the page type.

A content app calls ``register()`` from its ``AppConfig.ready()`` (its ``search_index.py``
says which fields its pages give the index), so the search service imports no content app
and a new page type becomes searchable without editing ``search/``. Every list of kinds is
read here: the values the ``kind`` filter accepts and the labels of the kind facet (the
search page's kind menu) and of results. Pure Python, like query understanding, which reads the kinds through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    """A searchable page type: its kind name and label, how to build its fields, and what
    the builder reads (loaded in bulk on a rebuild)."""

    name: str
    label: str  # for people: the kind facet and the search page's choices
    model: str  # "app_label.ModelName"
    build: Callable[[Any], dict[str, Any]]
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()


# By model label in lower case, in registration order (the order of INSTALLED_APPS).
_KINDS: dict[str, Kind] = {}


def register(
    kind: str,
    model: str,
    build: Callable[[Any], dict[str, Any]],
    *,
    label: str,
    related: tuple[str, ...] = (),
    prefetch: tuple[str, ...] = (),
) -> None:
    """Make pages of ``model`` searchable as ``kind``, shown to people as ``label``.

    ``build(page)`` returns the fields that differ from page to page (see
    ``search.documents.document_for`` for the keys; ``cites`` lists the number keys the page
    cites, which the "documents citing this one" tier reads). ``related`` and ``prefetch``
    name what ``build`` reads, so a rebuild loads it in bulk.
    """
    _KINDS[model.lower()] = Kind(kind, label, model, build, tuple(related), tuple(prefetch))


def kinds() -> tuple[Kind, ...]:
    return tuple(_KINDS.values())


def kind_for_model(label_lower: str) -> Kind | None:
    """The kind registered for a model, by its ``_meta.label_lower``."""
    return _KINDS.get(label_lower)


def kind_names() -> tuple[str, ...]:
    """The kinds a search may be narrowed to."""
    return tuple(kind.name for kind in _KINDS.values())


def kind_label(name: str) -> str:
    """How people see a kind ("Văn bản"); the name itself for a kind no app registered."""
    return next((kind.label for kind in _KINDS.values() if kind.name == name), name)
