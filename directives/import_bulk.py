"""Publishing a batch of new directive pages in a few statements instead of ~50 per page.

Adding one page the ordinary way (``add_child``, save, revision, publish) locks and updates
the parent row, checks the slug, reads the parent's locale, inserts the page in two tables,
inserts each task, citation and attachment one by one (after asking for the existing ones),
inserts a revision, updates the page again and writes three history entries, each
validated with a query per foreign key. For a folder of new documents under one parent all
of that is known in advance, so ``Stage`` collects the new pages of a batch (each one read,
mapped and checked inside its own savepoint, as before) and ``Stage.write`` gives them what
those steps give, in one statement per table:

- tree paths after the parent's last child, the parent's ``numchild`` raised once, depth,
  ``url_path``, locale and ``draft_title`` as ``Page.save`` sets them;
- the page rows, then the ``DirectivePage`` rows (Django's ``bulk_create`` refuses
  multi-table children, so the second table is inserted with the rows' new keys);
- the child rows (tasks, citations, attachments, obligations) per model;
- the first revision of each page as it was saved, then the page made live on it, and the
  history "created" (by the save, then with the revision) and "published";
- ``pre_save``/``post_save``, ``page_published`` and ``published`` sent for every object, so
  the receivers (search indexes, reference index, citations) see what they would see.

The command writes a stage inside the batch's transaction; if the write fails, the batch
is rolled back and its documents are imported again one by one, so a bad document still
fails alone. Updates of existing pages and drafts keep the ordinary path.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import F, Model
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from modelcluster.models import get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published

from directives.import_batch import note_saved_page
from directives.import_mapping import SlugsKnown
from directives.models import DirectiveAttachment, DirectivePage
from vntext import number_key

logger = logging.getLogger("directives.importing")

_stage: ContextVar[Stage | None] = ContextVar("directives_import_stage", default=None)

# The page columns a publish sets (the single-page fast publish and the batch write both).
PUBLISHED_FIELDS = [
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "expired",
    "live_revision",
    "first_published_at",
    "last_published_at",
]


def mark_published(page: Page, revision, now) -> None:
    """Set on ``page`` (in memory) what Wagtail's publish of ``revision`` sets: the columns of
    ``PUBLISHED_FIELDS``, for the single-page fast publish and the batch write alike."""
    page.latest_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.draft_title = page.title
    page.live = True
    page.has_unpublished_changes = False
    page.expired = False
    page.live_revision = revision
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now


@dataclass
class Staged:
    page: DirectivePage
    user: object
    source: str


@dataclass
class Stage:
    """New pages waiting to be written under ``parent``; files written for the batch's
    documents, to take back if the batch is rolled back."""

    parent: Page
    items: list[Staged] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # Read for the batch's documents in a few queries before they are imported
    # (importing.prefetch): the documents that have no page yet, each "n:<number key>" or
    # "h:<fingerprint>", good for the first lookup of each only (a page made in the batch
    # may have it after); the slugs asked for under the parent.
    absent: set[str] = field(default_factory=set)
    slugs: SlugsKnown = field(default_factory=SlugsKnown)

    def first_lookup_finds_nothing(self, token: str) -> bool:
        """Whether ``token`` was read as having no page, for its first lookup only."""
        if token in self.absent:
            self.absent.discard(token)
            return True
        return False

    @property
    def staged_slugs(self) -> set[str]:
        return {item.page.slug for item in self.items}

    def add(self, page: DirectivePage, user, source: str) -> None:
        self.items.append(Staged(page, user, source))

    def holds_same_document(self, record, text: str, fingerprint: str | None = None) -> bool:
        """Whether a staged page may be the page a re-import of ``record`` would update: then
        the stage must be written before that document is looked up."""
        key = number_key(record.number)
        if key:
            return any(item.page.number_key == key for item in self.items)
        fingerprint = fingerprint or DirectivePage.fingerprint(text)
        return any(item.page.source_hash == fingerprint for item in self.items)

    def write(self) -> None:
        """Insert and publish every staged page; must run inside a transaction."""
        if self.items:
            _write(self.parent, self.items)
            self.items = []


def open_stage() -> Stage | None:
    """The open stage, whatever its parent."""
    return _stage.get()


def current_stage(parent: Page | None) -> Stage | None:
    """The open stage, if new pages under ``parent`` may wait in it."""
    stage = _stage.get()
    if stage is None or parent is None or stage.parent.pk != parent.pk:
        return None
    return stage


@contextmanager
def staging(parent: Page) -> Iterator[Stage]:
    """New published pages under ``parent`` saved inside wait in the stage; the caller
    writes it (``Stage.write``) before its transaction ends."""
    stage = Stage(parent)
    token = _stage.set(stage)
    try:
        yield stage
    finally:
        _stage.reset(token)


def _write(parent: Page, items: list[Staged]) -> None:
    # As in the ordinary path (importing._save): the batch's flush indexes references once.
    with disable_reference_index_auto_update():
        _write_pages(parent, items)


def _write_pages(parent: Page, items: list[Staged]) -> None:
    pages = [item.page for item in items]
    db = router.db_for_write(Page)
    # What add_child() does: lock the parent, number the children after its last one.
    fresh = Page.objects.select_for_update().get(pk=parent.pk)
    last = fresh.get_last_child() if not fresh.is_leaf() else None
    depth = fresh.depth + 1
    previous = None
    for page in pages:
        page.depth = depth
        if previous is not None:
            page.path = previous._inc_path()
        elif last is not None:
            page.path = last._inc_path()
        else:
            page.path = Page._get_path(fresh.path, depth, 1)
        previous = page
    Page.objects.filter(pk=fresh.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild = fresh.numchild + len(pages)
    check_slugs(fresh, pages)

    # What Page.save() does for a new draft (minimal_clean, locale, url_path).
    title_field = Page._meta.get_field("title")
    for page in pages:
        if not page.draft_title:
            page.draft_title = page.title
        if page.locale_id is None:
            page.locale_id = fresh.locale_id
        page.title = title_field.clean(page.title, page)
        page.set_url_path(fresh)
        page.fill_derived_fields()
        pre_save.send(sender=type(page), instance=page, raw=False, using=db, update_fields=None)
    # Each page's child rows as the page holds them, read before the rows have keys (after,
    # a relation the import never set would be read from the database).
    children = [child_relations(page) for page in pages]
    Page.objects.bulk_create(pages)
    for page in pages:
        page.page_ptr_id = page.id
    insert_rows(DirectivePage, pages, DirectivePage._meta.local_concrete_fields, db)
    for page in pages:
        post_save.send(
            sender=type(page), instance=page, created=True, update_fields=None, raw=False, using=db
        )
        logger.info(
            'Page created: "%s" id=%d content_type=directives.DirectivePage path=%s',
            page.title,
            page.id,
            page.url_path,
        )
    save_child_relations(pages, children, db)

    publish_first_revisions(pages, [item.user for item in items], db)
    for item in items:
        logger.info("%s: created page %s (published in a batch)", item.source, item.page.pk)


def publish_first_revisions(pages: list[Page], users: list, db: str) -> list[Revision]:
    """Give pages just written their first revision and publish them on it, as
    ``publish_new_page`` does one page at a time: the revisions in one statement, the pages
    made live in another, the history ("created", "created" with the revision, "published")
    in a third, with the signals Wagtail's save and publish send for each. ``users``: each
    page's editor (None for the command line)."""
    base_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=ContentType.objects.get_for_model(type(page)),
            base_content_type=base_type,
            object_id=str(page.pk),
            user=user,
            content=page.serializable_data(),
            object_str=str(page),
            created_at=timezone.now(),
        )
        for page, user in zip(pages, users, strict=True)
    ]
    for revision in revisions:
        pre_save.send(sender=Revision, instance=revision, raw=False, using=db, update_fields=None)
    Revision.objects.bulk_create(revisions)
    now = timezone.now()
    for page, revision in zip(pages, revisions, strict=True):
        revision.content_object = page
        post_save.send(
            sender=Revision,
            instance=revision,
            created=True,
            update_fields=None,
            raw=False,
            using=db,
        )
        mark_published(page, revision, now)
    update_rows(Page, pages, PUBLISHED_FIELDS, db)
    for page in pages:
        post_save.send(
            sender=type(page),
            instance=page,
            created=False,
            update_fields=frozenset(PUBLISHED_FIELDS),
            raw=False,
            using=db,
        )
    entries = []
    for page, user, revision in zip(pages, users, revisions, strict=True):
        entries.append(log_entry(page, "wagtail.create", user or page.owner, None))
        entries.append(log_entry(page, "wagtail.create", user, revision))
        entries.append(log_entry(page, "wagtail.publish", user, revision))
    PageLogEntry.objects.bulk_create(entries)
    for page, revision in zip(pages, revisions, strict=True):
        page_published.send(sender=type(page), instance=page, revision=revision)
        published.send(sender=type(page), instance=page, revision=revision)
        note_saved_page(page.pk)
    return revisions


def check_slugs(parent: Page, pages: list[DirectivePage]) -> None:
    """``Page._check_slug_is_unique`` for the whole batch in one query."""
    slugs = [page.slug for page in pages]
    taken = set(parent.get_children().filter(slug__in=slugs).values_list("slug", flat=True)) | {
        slug for slug in slugs if slugs.count(slug) > 1
    }
    if taken:
        raise ValidationError(
            {"slug": f"Đường dẫn đã có trong trang cha: {', '.join(sorted(taken))}."}
        )


def insert_rows(model: type[Model], objs: list, fields, db: str) -> None:
    """``bulk_create`` for the second table of a multi-table child, which Django refuses:
    the same INSERT its ``save()`` makes, for many rows at once."""
    connection = connections[db]
    fields = list(fields)
    size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start : start + size], fields=fields, using=db)


def update_rows(model: type[Model], objs: list, field_names: list[str], db: str) -> None:
    """``bulk_update`` as one statement sent for every row (``executemany``): Django's
    ``bulk_update`` builds a CASE over every row for each column, which costs more to
    compile than the write itself. Sends no signal, as ``bulk_update``."""
    connection = connections[db]
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(model._meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in fields),
        quote(model._meta.pk.column),
    )
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def child_relations(page: DirectivePage) -> dict[str, tuple]:
    return {
        relation.get_accessor_name(): (
            relation,
            list(getattr(page, relation.get_accessor_name()).all()),
        )
        for relation in get_all_child_relations(page)
    }


def save_child_relations(pages: list[DirectivePage], children: list[dict], db: str) -> None:
    """What ``ClusterableModel.save`` commits, one INSERT per child model: each page's tasks,
    citations, attachments and obligations, in the order the page holds them. The page then
    holds them in memory, as it would hold what it had just read back after a commit."""
    by_model: dict[type, list] = defaultdict(list)
    one_by_one = []
    for page, relations in zip(pages, children, strict=True):
        for name, (relation, rows) in relations.items():
            for child in rows:
                setattr(child, relation.field.name, page)
                model = type(child)
                if hasattr(child, "fill_derived_fields"):
                    child.fill_derived_fields()
                elif model.save is not Model.save and "save" in model.__dict__:
                    one_by_one.append(child)  # a save() with its own logic: keep it
                    continue
                by_model[model].append(child)
            setattr(page, name, rows)
    _save_documents(by_model.get(DirectiveAttachment, []), db)
    for model, rows in by_model.items():
        for child in rows:
            pre_save.send(sender=model, instance=child, raw=False, using=db, update_fields=None)
        model.objects.bulk_create(rows)
        for child in rows:
            post_save.send(
                sender=model, instance=child, created=True, update_fields=None, raw=False, using=db
            )
    for child in one_by_one:
        child.save()


def _save_documents(attachments: list, db: str) -> None:
    """The attachments' documents not saved yet (the originals of a batch's new pages, see
    ``importing._store_original``), inserted in one statement as ``save()`` would insert
    each, with its signals (Wagtail's search and reference indexes listen)."""
    documents = [each.document for each in attachments if each.document.pk is None]
    if not documents:
        return
    model = type(documents[0])
    for document in documents:
        pre_save.send(sender=model, instance=document, raw=False, using=db, update_fields=None)
    model.objects.bulk_create(documents)
    for document in documents:
        post_save.send(
            sender=model, instance=document, created=True, update_fields=None, raw=False, using=db
        )
    for attachment in attachments:
        # Assigned again, so the attachment holds the document's new key and keeps the
        # object (setting document_id alone would drop it, and its receivers would read it).
        attachment.document = attachment.document


def log_entry(page: DirectivePage, action: str, user, revision) -> PageLogEntry:
    """The history entry ``log()`` writes; ``clean()`` is its check that the action is
    registered (the full_clean of its save would also re-read the rows just written)."""
    context = get_active_log_context()
    entry = PageLogEntry(
        content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
        label=PageLogEntry.objects.get_instance_title(page),
        action=action,
        timestamp=timezone.now(),
        data={},
        user=user or context.user,
        uuid=context.uuid,
        revision=revision,
        content_changed=True,
        page=page,
    )
    entry.clean()
    return entry
