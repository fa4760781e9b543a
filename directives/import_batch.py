"""Importing many documents at once: the index work done once per batch, not per save.

One document saved and published through Wagtail writes its search entries several times
(Wagtail's own search index on every save of the page, its document and agencies; the
portal's index on publication), refreshes its reference index and resolves its citations
one query at a time. Over a folder of a thousand files that per-save work costs more than
the import itself. Inside ``deferred_indexing()`` those writes are only noted; ``flush()``
does them in bulk (every ``FLUSH_EVERY`` documents and at the end), so the site's indexes are
right when the batch ends, as they would be after the same documents imported one by one.

Only the thread (context) that opened the batch defers: the signal receivers are wrapped
once, and a receiver does its usual work whenever no batch is open in its context, so
editors saving pages while a batch runs are indexed at once as before.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import post_save

from modelcluster.models import get_all_child_relations
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published

from directives import validity
from directives.models import DirectivePage
from directives.signals import directive_published, link_citations_bulk
from search import service
from search.documents import pages_showing
from search.signals import on_published

logger = logging.getLogger("directives.importing")

FLUSH_EVERY = 200
_PORTAL_SEARCH_UID = "portal_search_published"
_CITATIONS_UID = "directives.link_citations"


@dataclass
class Pending:
    """What the batch has put off: objects for Wagtail's index, pages for the portal's
    index, pages whose citations wait to be linked, pages whose references wait."""

    indexed: dict[type, set] = field(default_factory=lambda: defaultdict(set))
    referencing: dict[type, set] = field(default_factory=lambda: defaultdict(set))
    # The Agency rows by folded name, read once per batch (import_mapping).
    agencies: dict[str, list] | None = None
    memo: dict[str, object] = field(default_factory=dict)
    published: set[int] = field(default_factory=set)
    saved_pages: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.saved_pages)


_pending: ContextVar[Pending | None] = ContextVar("directives_import_pending", default=None)
_installed = False


def is_deferring() -> bool:
    return _pending.get() is not None


def batch_agencies(load, key) -> dict[str, list] | None:
    """The batch's agencies by ``key(name)``, each list in ``load()``'s order (it fills the
    index on first use); None outside a batch. Agencies created in the batch are added by
    the caller. An index, not a list: a folder brings hundreds of agencies, and every
    document looks several up."""
    pending = _pending.get()
    if pending is None:
        return None
    if pending.agencies is None:
        index = defaultdict(list)
        for agency in load():
            index[key(agency.name)].append(agency)
        pending.agencies = index
    return pending.agencies


def batch_memo(name: str, load):
    """``load()``, called once per batch for ``name`` (every call outside a batch)."""
    pending = _pending.get()
    if pending is None:
        return load()
    if name not in pending.memo:
        pending.memo[name] = load()
    return pending.memo[name]


def forget_agencies() -> None:
    """A document rolled back: agencies it created are gone, so read the list again."""
    pending = _pending.get()
    if pending is not None:
        pending.agencies = None
        pending.memo.clear()  # what was read may have been rolled back too


def note_saved_page(page_id: int) -> None:
    """The import service saved this page: its references and citations wait for the flush."""
    pending = _pending.get()
    if pending is not None:
        pending.saved_pages.add(page_id)


def _install() -> None:
    """Wrap the receivers that index on every save, once per process."""
    global _installed
    if _installed:
        return
    from modelsearch import index as modelsearch_index
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import (
        reference_index_auto_update_disabled,
        update_reference_index_on_save,
    )

    def deferrable_post_save(sender, instance, **kwargs):
        pending = _pending.get()
        if pending is None:
            post_save_signal_handler(instance, **kwargs)
        elif not kwargs.get("raw", False):
            pending.indexed[type(instance)].add(instance.pk)

    def deferrable_references(sender, instance, **kwargs):
        pending = _pending.get()
        if pending is None:
            update_reference_index_on_save(instance, **kwargs)
        elif not kwargs.get("raw", False) and not getattr(
            reference_index_auto_update_disabled, "value", False
        ):
            pending.referencing[type(instance)].add(instance.pk)

    def deferrable_search_published(sender, instance, **kwargs):
        pending = _pending.get()
        if pending is None:
            on_published(sender, instance, **kwargs)
        else:
            pending.published.add(instance.pk)

    def deferrable_citations(sender, instance, **kwargs):
        pending = _pending.get()
        if pending is None:
            directive_published(sender, instance, **kwargs)
        else:
            pending.published.add(instance.pk)

    for model in modelsearch_index.get_indexed_models():
        if post_save.disconnect(post_save_signal_handler, sender=model):
            post_save.connect(
                deferrable_post_save,
                sender=model,
                weak=False,
                dispatch_uid=f"directives.deferrable_index.{model._meta.label}",
            )
    for model in apps.get_models():
        if post_save.disconnect(update_reference_index_on_save, sender=model):
            post_save.connect(
                deferrable_references,
                sender=model,
                weak=False,
                dispatch_uid=f"directives.deferrable_references.{model._meta.label}",
            )
    if page_published.disconnect(dispatch_uid=_PORTAL_SEARCH_UID):
        page_published.connect(
            deferrable_search_published, weak=False, dispatch_uid=_PORTAL_SEARCH_UID
        )
    directive_page = apps.get_model("directives", "DirectivePage")
    if page_published.disconnect(sender=directive_page, dispatch_uid=_CITATIONS_UID):
        page_published.connect(
            deferrable_citations, sender=directive_page, weak=False, dispatch_uid=_CITATIONS_UID
        )
    _installed = True


@contextmanager
def deferred_indexing() -> Iterator[Pending]:
    """Defer index, reference and citation work for the documents saved inside; flush it at
    the end (also when the batch stops on an error: what was committed gets indexed)."""
    if is_deferring():  # nested: the outer batch flushes
        yield _pending.get()
        return
    _install()
    pending = Pending()
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)
        flush(pending)


def maybe_flush() -> None:
    """Flush when the batch has grown, to bound memory and how stale the indexes get."""
    pending = _pending.get()
    if pending is not None and len(pending) >= FLUSH_EVERY:
        token = _pending.set(None)  # the flush itself must index, not defer
        try:
            flush(pending)
        finally:
            _pending.reset(token)


def flush(pending: Pending) -> None:
    """Do what the batch put off, in bulk. Each part logs and goes on if it fails: the
    documents are committed already, and ``search_index --rebuild`` repairs an index."""
    page_ids = sorted(pending.saved_pages)
    published = sorted(pending.published)
    steps = [
        ("citations", lambda: link_citations_bulk(page_ids, published)),
        ("validity", lambda: validity.propagate(published)),
        ("reference index", lambda: _reference_index(DirectivePage, page_ids, pending)),
        ("Wagtail search index", lambda: _wagtail_index(pending.indexed)),
        ("portal search index", lambda: _portal_index(published)),
    ]
    for name, step in steps:
        try:
            step()
        except Exception:  # noqa: BLE001 - one index failing must not hide the others
            logger.exception("import batch: %s update failed for %d page(s)", name, len(page_ids))
    logger.info("import batch: indexed %d page(s), %d published", len(page_ids), len(published))
    pending.indexed.clear()
    pending.referencing.clear()
    pending.published.clear()
    pending.saved_pages.clear()


def _portal_index(published: list[int]) -> None:
    """``service.update_pages`` for the published pages, in bulk: read as a rebuild reads
    them (live and public by one query, with the issuer and citations their documents show),
    the others removed, then the pages whose documents show them (news items citing one)."""
    if not published:
        return
    service.refresh(
        [
            DirectivePage.objects.filter(pk__in=published),
            *pages_showing(DirectivePage, published),
        ]
    )


def _reference_index(page_model, page_ids: list[int], pending: Pending) -> None:
    referencing = {**pending.referencing}
    referencing[page_model] = set(referencing.get(page_model, ())) | set(page_ids)
    for model, ids in referencing.items():
        ids = sorted(ids)
        children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        for start in range(0, len(ids), 100):
            instances = model.objects.filter(pk__in=ids[start : start + 100])
            _index_references(model, list(instances.prefetch_related(*children)))


def _index_references(model, instances: list) -> None:
    """``ReferenceIndex.create_or_update_for_object`` for many objects of one model: the
    same rows added and removed, with one read, one insert and one delete for them all."""
    if not instances:
        return
    content_types = [
        ContentType.objects.get_for_model(each, for_concrete_model=False)
        for each in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known = {each.id for each in content_types}
    existing: dict[str, dict[tuple, tuple[int, int]]] = defaultdict(dict)
    for row in ReferenceIndex.objects.filter(
        base_content_type=base_content_type,
        object_id__in=[str(instance.pk) for instance in instances],
    ).values_list(
        "object_id",
        "id",
        "content_type_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
    ):
        existing[row[0]][row[3:]] = (row[2], row[1])
    new_rows, stale = [], []
    for instance in instances:
        found = set(ReferenceIndex._extract_references_from_object(instance))
        there = existing.get(str(instance.pk), {})
        new_rows += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=instance.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in found - set(there)
        ]
        # A row recorded for a more specific model than this one is not stale (as Wagtail).
        stale += [
            pk
            for reference, (type_id, pk) in there.items()
            if reference not in found and type_id in known
        ]
    options = {"ignore_conflicts": True} if connection.features.supports_ignore_conflicts else {}
    ReferenceIndex.objects.bulk_create(new_rows, **options)
    if stale:
        ReferenceIndex.objects.filter(id__in=stale).delete()


def _wagtail_index(indexed: dict[type, set]) -> None:
    from modelsearch.backends import get_search_backends
    from modelsearch.index import get_indexed_instance

    backends = list(get_search_backends(with_auto_update=True))
    for model, ids in indexed.items():
        by_model = _indexed_models(model, ids, get_indexed_instance)
        for indexed_model, pks in by_model.items():
            # Read through get_indexed_objects(): it leaves out what must not be indexed
            # and prefetches the related fields (tags) the index reads.
            objs = list(indexed_model.get_indexed_objects().filter(pk__in=pks))
            for backend in backends:
                backend.add_bulk(indexed_model, objs)


def _indexed_models(model, ids, get_indexed_instance) -> dict[type, list]:
    """The keys of ``model``'s objects ``ids`` by the model each is indexed as: a page's
    specific model (``Page.get_indexed_instance``) told by its content type, other models'
    as themselves, without reading the rows, which ``get_indexed_objects`` then reads."""
    from modelsearch.index import Indexed

    by_model: dict[type, list] = defaultdict(list)
    if issubclass(model, Page) and model.get_indexed_instance is Page.get_indexed_instance:
        rows = model.objects.filter(pk__in=ids).values_list("pk", "content_type_id")
        for pk, content_type_id in rows:
            specific = ContentType.objects.get_for_id(content_type_id).model_class()
            if specific is not None:
                by_model[specific].append(pk)
        return by_model
    if model.get_indexed_instance is Indexed.get_indexed_instance:
        by_model[model] = list(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        return by_model
    for instance in model.objects.filter(pk__in=ids):
        obj = get_indexed_instance(instance, check_exists=False)
        if obj is not None:
            by_model[type(obj)].append(obj.pk)
    return by_model
