"""Index documents: a page turned into the flat dict every engine stores.

One function builds them for every engine, so the database and Elasticsearch engines index
the same fields, folded the same way. Each searchable page type registers a builder; the
procedures app registers its own with ``register()`` when it arrives.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.html import strip_tags

from wagtail.models import Page

from search.visibility import is_public, public_pages
from vntext import fold, fold_tokens, number_key

logger = logging.getLogger("search")

MAX_BODY_CHARS = 60_000

Document = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """A searchable page type: its kind name, how to build its fields, how to load it fast."""

    kind: str
    model: str  # "app_label.ModelName"
    build: Callable[[Any], dict[str, Any]]
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()


_KINDS: dict[str, Kind] = {}


def register(
    kind: str,
    model: str,
    build: Callable[[Any], dict[str, Any]],
    related: tuple[str, ...] = (),
    prefetch: tuple[str, ...] = (),
) -> None:
    """Make pages of ``model`` searchable as ``kind``; ``build(page)`` returns the fields
    that differ from page to page (see ``_directive`` for the keys). ``related`` and
    ``prefetch`` name what ``build`` reads, so a rebuild loads it in bulk."""
    _KINDS[model.lower()] = Kind(kind, model, build, tuple(related), tuple(prefetch))


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|tr|td|th|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(value: object) -> str:
    """Rich text or HTML as plain text: tags dropped, entities decoded, spaces collapsed."""
    # Block ends become breaks first, so list items and paragraphs do not run together.
    marked = _BLOCK_END.sub(lambda match: match.group(0) + "\n", str(value or ""))
    text = html.unescape(strip_tags(marked))
    return " ".join(text.split())[:MAX_BODY_CHARS]


def _directive(page: Any) -> dict[str, Any]:
    issuer = page.issuer
    return {
        "number": page.number,
        "doc_type": page.doc_type,
        "doc_type_label": page.get_doc_type_display(),
        "issuer_id": issuer.pk if issuer else None,
        "issuer_name": issuer.name if issuer else "",
        "issued_on": page.issued_on,
        "year": page.year,
        "signer": page.signer_name,
        "summary": page.subject,
        "body": plain_text(page.body),
        "extra": " ".join(
            filter(None, [issuer.abbreviation if issuer else "", page.signer_title, page.place])
        ),
        "cites": sorted({ref.number_key for ref in page.references.all() if ref.number_key}),
    }


def _news(page: Any) -> dict[str, Any]:
    return {
        "issued_on": page.date,
        "year": page.date.year if page.date else None,
        "summary": page.lead,
        "body": plain_text(page.body),
        "extra": page.citation,
        # The source directive's number: a search for it finds the news that explains it,
        # in every engine (the database engine also joins NewsPage.target).
        "cites": [key] if (directive := page.target) and (key := directive.number_key) else [],
    }


register(
    "directive",
    "directives.DirectivePage",
    _directive,
    related=("issuer",),
    prefetch=("references",),
)
register("news", "news.NewsPage", _news, related=("target",))


def kind_of(page: Page) -> Kind | None:
    return _KINDS.get(page.specific_class._meta.label_lower) if page.specific_class else None


def is_searchable(page: Page) -> bool:
    """Live, public pages of a registered type; drafts and restricted pages stay out."""
    return kind_of(page) is not None and is_public(page)


def document_for(page: Page, *, checked: bool = False) -> Document | None:
    """The index document for ``page``, or None when it must not be searchable.

    ``checked`` skips the live/restriction test for pages that come from
    ``indexable_querysets()``, which already filter them.
    """
    page = page.specific
    kind = kind_of(page)
    if kind is None or not (checked or is_searchable(page)):
        return None
    fields = kind.build(page)
    number = fields.get("number") or ""
    key = number_key(number)
    summary = fields.get("summary") or ""
    body = fields.get("body") or ""
    issued_on: date | None = fields.get("issued_on")
    url = page.get_url() or page.url_path
    number_words = fold_tokens(number) + key.split("-") if key else []
    return {
        "page_id": page.pk,
        "kind": kind.kind,
        "title": page.title,
        "url": url,
        "number": number,
        "number_key": key,
        "doc_type": fields.get("doc_type") or "",
        "doc_type_label": fields.get("doc_type_label") or "",
        "issuer_id": fields.get("issuer_id"),
        "issuer_name": fields.get("issuer_name") or "",
        "issued_on": issued_on,
        "year": fields.get("year") or (issued_on.year if issued_on else None),
        "signer": fields.get("signer") or "",
        "summary": summary,
        "body": body,
        "title_folded": " ".join(fold_tokens(page.title)),
        "number_folded": " ".join(dict.fromkeys(number_words)),
        "signer_folded": " ".join(fold_tokens(fields.get("signer") or "")),
        "text_folded": " ".join(
            fold_tokens(
                " ".join(
                    [summary, body, fields.get("issuer_name") or "", fields.get("extra") or ""]
                )
            )
        ),
        "cites": list(fields.get("cites") or ()),
    }


def indexable(queryset: QuerySet) -> QuerySet:
    """The live, public pages of ``queryset`` (one registered page type), in primary-key
    order, loaded with what their builder reads."""
    queryset = public_pages(queryset).order_by("pk")
    kind = _KINDS.get(queryset.model._meta.label_lower)
    if kind and kind.related:
        queryset = queryset.select_related(*kind.related)
    if kind and kind.prefetch:
        queryset = queryset.prefetch_related(*kind.prefetch)
    return queryset


def indexable_querysets() -> list[QuerySet]:
    """Every live, public page of every registered type, loaded with what builders read."""
    querysets = []
    for kind in _KINDS.values():
        try:
            model: type[Model] = apps.get_model(kind.model)
        except LookupError:
            logger.warning(
                "search: model %s registered for kind %s is not installed", kind.model, kind.kind
            )
            continue
        querysets.append(indexable(model.objects.all()))  # type: ignore[attr-defined]
    return querysets


def pages_showing(instance: Model) -> list[QuerySet]:
    """The searchable pages whose documents show ``instance``, a non-page object their
    builder reads through ``related`` (a directive's issuer, a procedure's agency): renaming
    it changes their documents, and no page signal says so."""
    if isinstance(instance, Page) or instance.pk is None:
        return []
    querysets = []
    for kind in _KINDS.values():
        try:
            model = apps.get_model(kind.model)
        except LookupError:
            continue
        for name in kind.related:
            related = model._meta.get_field(name).related_model
            if related is not None and isinstance(instance, related):
                querysets.append(model.objects.filter(**{name: instance.pk}))
    return querysets


def searchable_models() -> list[type[Model]]:
    models = []
    for kind in _KINDS.values():
        try:
            models.append(apps.get_model(kind.model))
        except LookupError:
            continue
    return models


__all__ = [
    "Document",
    "document_for",
    "fold",
    "indexable",
    "indexable_querysets",
    "pages_showing",
    "register",
]
