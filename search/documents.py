"""Index documents: a page turned into the flat dict every engine stores.

One function builds them for every engine, so the database and Elasticsearch engines index
the same fields, folded the same way. The fields that differ by page type come from the
builder its app registered (``search.registry``); this module adds the rest and the folded
forms, and loads pages for indexing in bulk.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.html import strip_tags

from wagtail.models import Page

from search.registry import Kind, kind_for_model, kinds
from search.visibility import is_public, public_pages
from vntext import fold_tokens, number_key

logger = logging.getLogger("search")

MAX_BODY_CHARS = 60_000

Document = dict[str, Any]


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|tr|td|th|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(value: object) -> str:
    """Rich text or HTML as plain text: tags dropped, entities decoded, spaces collapsed."""
    # Block ends become breaks first, so list items and paragraphs do not run together.
    marked = _BLOCK_END.sub(lambda match: match.group(0) + "\n", str(value or ""))
    text = html.unescape(strip_tags(marked))
    return " ".join(text.split())[:MAX_BODY_CHARS]


def kind_of(page: Page) -> Kind | None:
    return kind_for_model(page.specific_class._meta.label_lower) if page.specific_class else None


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
        "kind": kind.name,
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
    kind = kind_for_model(queryset.model._meta.label_lower)
    if kind and kind.related:
        queryset = queryset.select_related(*kind.related)
    if kind and kind.prefetch:
        queryset = queryset.prefetch_related(*kind.prefetch)
    return queryset


def indexable_querysets() -> list[QuerySet]:
    """Every live, public page of every registered type, loaded with what builders read."""
    querysets = []
    for kind in kinds():
        try:
            model: type[Model] = apps.get_model(kind.model)
        except LookupError:
            logger.warning(
                "search: model %s registered for kind %s is not installed", kind.model, kind.name
            )
            continue
        querysets.append(indexable(model.objects.all()))  # type: ignore[attr-defined]
    return querysets


def pages_showing(model: type[Model], ids: Iterable[int]) -> list[QuerySet]:
    """The searchable pages whose documents show objects of ``model`` with these ids, read by
    their builder through ``related``: a directive's issuer, a procedure's agency, a news
    item's source directive. Renaming the agency or renumbering the directive changes those
    documents, and no signal of theirs says so."""
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return []
    querysets = []
    for kind in kinds():
        try:
            searchable = apps.get_model(kind.model)
        except LookupError:
            continue
        for name in kind.related:
            related = searchable._meta.get_field(name).related_model
            if isinstance(related, type) and issubclass(model, related):
                querysets.append(searchable.objects.filter(**{f"{name}__in": ids}))
    return querysets


def searchable_models() -> list[type[Model]]:
    models = []
    for kind in kinds():
        try:
            models.append(apps.get_model(kind.model))
        except LookupError:
            continue
    return models


__all__ = [
    "Document",
    "document_for",
    "indexable",
    "indexable_querysets",
    "pages_showing",
    "plain_text",
    "searchable_models",
]
