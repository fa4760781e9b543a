"""The import service: a document's bytes in, a filled-in DirectivePage out.

The parser (``directives.parsing``) reads the text and knows nothing of Django; this module
maps its ``DirectiveRecord`` onto the page, its agencies, tasks, citations and the original
file. The command ``import_directives`` and the admin upload view both call it, so the two
behave the same: one transaction per document (a savepoint, when the command imports a
batch in one transaction), a draft unless asked to publish, and a re-import updates the page
it made before instead of adding a second one. New pages published in a command's batch wait
in ``directives.import_bulk`` and are written with the batch.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Page, Revision, Site
from wagtail.models.media import get_root_collection_id
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published
from wagtail.tasks import update_reference_index_task
from wagtail.utils.file import hash_filelike

from directives.document_signatures import import_findings
from directives.import_batch import batch_memo, forget_agencies, is_deferring, note_saved_page
from directives.import_bulk import (
    PUBLISHED_FIELDS,
    Stage,
    current_stage,
    mark_published,
    open_stage,
)
from directives.import_mapping import apply_record, find_agency, fit, slug_base, unique_slug
from directives.import_permissions import ImportForbidden, check_may_change, check_may_create
from directives.import_reading import (  # noqa: F401 - read_document is part of the service
    ReadDocument,
    read_document,
    read_for_import,
)
from directives.models import DirectiveAttachment, DirectiveIndexPage, DirectivePage
from directives.parsing import DirectiveRecord
from vntext import number_key

logger = logging.getLogger("directives.importing")

# Sent after a record has filled a page, before it is saved, so that other apps can add what
# they read in the text (the procedures app suggests online-filing obligations). Receivers may
# change the page and append to ``warnings`` (Vietnamese, shown to the editor).
record_applied = Signal()

PASTED_FILENAME = "van-ban-dan.txt"


class ImportStatus(StrEnum):
    """What an import did to the site; the values are what ``--json`` prints."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


STATUS_LABELS: dict[ImportStatus, str] = {
    ImportStatus.CREATED: "tạo mới",
    ImportStatus.UPDATED: "cập nhật",
    ImportStatus.UNCHANGED: "không đổi",
    ImportStatus.FAILED: "lỗi",
}


@dataclass
class ImportResult:
    """What happened to one document. ``warnings`` are in Vietnamese, for the editor; on a
    dry run ``status`` says what a real run would do and ``page`` is the page it would touch."""

    status: ImportStatus
    source: str
    record: DirectiveRecord | None = None
    page: DirectivePage | None = None
    warnings: list[str] = field(default_factory=list)
    message_vi: str = ""
    dry_run: bool = False
    signatures: list[dict] = field(default_factory=list)
    # Where the text came from: "text layer" or "ocr" (files.TEXT_LAYER / files.OCR).
    text_source: str | None = None

    @property
    def failed(self) -> bool:
        return self.status is ImportStatus.FAILED


class ImportRefused(Exception):
    """The record cannot become a page here (no index page, a parent that takes no
    directives); ``message_vi`` says why to the editor."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


# Reading -------------------------------------------------------------------------------


# The parser's warnings are stable English codes (they are part of the JSON contract);
# editors read these instead.
_WARNINGS_VI: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^number is blank$"), "Văn bản chưa ghi số (“Số: /…”): điền số khi có."),
    (re.compile(r"^day is blank$"), "Văn bản chưa ghi ngày ban hành: điền ngày khi có."),
    (re.compile(r"^month is blank$"), "Văn bản chưa ghi tháng ban hành."),
    (re.compile(r"^text looks like bad OCR$"), "Chữ có vẻ nhận dạng sai (OCR): đối chiếu bản gốc."),
    (re.compile(r"^signature block has no name$"), "Phần chữ ký không ghi tên người ký."),
    (re.compile(r"^signature block not found$"), "Không tìm thấy phần chữ ký và nơi nhận."),
    (
        re.compile(r"^citation date cannot be read: (?P<number>.+)$"),
        "Không đọc được ngày của văn bản dẫn chiếu {number}.",
    ),
]


def warning_vi(warning: str) -> str:
    """A parser warning as an editor reads it; warnings already in Vietnamese pass through."""
    for pattern, message in _WARNINGS_VI:
        match = pattern.match(warning)
        if match:
            return message.format(**match.groupdict())
    return warning


# Finding what is already there ---------------------------------------------------------


def default_parent() -> DirectiveIndexPage | None:
    """The directive index of the default site, or the first one anywhere."""
    indexes = DirectiveIndexPage.objects.order_by("path")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site:
        under_site = indexes.descendant_of(site.root_page, inclusive=True).first()
        if under_site:
            return under_site
    return indexes.first()


def find_existing(
    record: DirectiveRecord, text: str, fingerprint: str | None = None
) -> DirectivePage | None:
    """The page an earlier import made of this document: the same issuer and number, or,
    for a document with no number yet, the same text.

    A công văn's running number starts again each year, so "404/UBND-VP" of 2020 and of 2021
    are two documents: when both sides know the year, it must match too.
    """
    key = number_key(record.number)
    stage = open_stage()
    token = f"n:{key}" if key else f"h:{fingerprint or DirectivePage.fingerprint(text)}"
    if stage is not None and stage.first_lookup_finds_nothing(token):
        return None  # read with the rest of the batch (prefetch): no page has it
    if key:
        parent = find_agency(record.parent_issuer)
        if record.parent_issuer and parent is None:
            return None  # a body under a parent the site has never seen: a new document
        issuer = find_agency(record.issuer, parent)
        if record.issuer and issuer is None:
            return None
        candidates = DirectivePage.objects.filter(number_key=key, issuer=issuer)
        if record.issued_year:
            candidates = candidates.filter(
                Q(issued_year=record.issued_year) | Q(issued_year__isnull=True)
            )
    else:
        candidates = DirectivePage.objects.filter(
            number_key="", source_hash=fingerprint or DirectivePage.fingerprint(text)
        )
    # The oldest, chosen here: with ORDER BY pk LIMIT 1 SQLite walks the table in key order
    # instead of using the number's index, a scan per document that grows with the site.
    return min(candidates, key=lambda page: page.pk, default=None)


def prefetch(stage: Stage, documents: list[ReadDocument]) -> None:
    """Read for a batch's documents, in three queries, what each would look up alone: which
    have no page yet (by number, or by text when unnumbered) and which slugs of theirs are
    taken under the stage's parent."""
    keys, fingerprints = set(), set()
    for document in documents:
        key = number_key(document.record.number)
        if key:
            keys.add(key)
        else:
            fingerprints.add(document.fingerprint or DirectivePage.fingerprint(document.text))
    found_keys = set(
        DirectivePage.objects.filter(number_key__in=keys).values_list("number_key", flat=True)
    )
    found_fingerprints = set(
        DirectivePage.objects.filter(number_key="", source_hash__in=fingerprints).values_list(
            "source_hash", flat=True
        )
    )
    stage.absent = {f"n:{key}" for key in keys - found_keys} | {
        f"h:{each}" for each in fingerprints - found_fingerprints
    }
    stage.slugs.read(
        stage.parent, [slug_base(document.record, document.text) for document in documents]
    )


def _is_unchanged(page: DirectivePage, text: str, fingerprint: str | None = None) -> bool:
    latest = page.get_latest_revision_as_object()
    return latest.source_hash == (fingerprint or DirectivePage.fingerprint(text))


def _store_original(
    page: DirectivePage, original: tuple[bytes, str], user, written: list[str]
) -> None:
    """Attach the uploaded file, unless this very file is attached already."""
    data, filename = original
    file_hash = hash_filelike(io.BytesIO(data))
    if any(attachment.document.file_hash == file_hash for attachment in page.attachments.all()):
        return
    name = PurePath(filename).name
    document_model = get_document_model()
    document = document_model(
        # Named, so that each new document does not look the root collection up again.
        collection_id=batch_memo("root_collection", get_root_collection_id),
        title=fit(document_model, "title", name),
        file_size=len(data),
        file_hash=file_hash,
        uploaded_by_user=user if user and user.is_authenticated else None,
    )
    # Store the file first and note its name, so a row that then fails takes it back.
    document.file.save(name, ContentFile(data), save=False)
    written.append(document.file.name)
    if page.pk is None and is_deferring():
        # A new page of a batch: the row is inserted when the page is written, with the
        # other documents of its batch in one statement (import_bulk) or by save_documents.
        pass
    else:
        document.save()
    page.attachments.add(
        DirectiveAttachment(
            document=document, caption=fit(DirectiveAttachment, "caption", f"Tệp gốc: {filename}")
        )
    )


def save_documents(page: DirectivePage) -> None:
    """Insert the documents of ``page``'s attachments that are not saved yet (an original
    stored for a new page of a batch), before the page and its attachments are saved."""
    for attachment in page.attachments.all():
        document = attachment.document
        if document.pk is None:
            document.save()
            attachment.document = document  # its new key, the object kept


# Saving --------------------------------------------------------------------------------


def _check_parent(parent: Page | None) -> Page:
    parent = parent or default_parent()
    if parent is None:
        raise ImportRefused(
            "Chưa có trang “Danh sách văn bản” để đặt văn bản vào; hãy tạo trang đó trước."
        )
    parent = parent.specific
    if not DirectivePage.can_create_at(parent):
        raise ImportRefused(
            f"Không thể đặt văn bản dưới trang “{parent.title}” (#{parent.pk}); "
            "hãy chọn trang danh sách văn bản."
        )
    return parent


def _save(
    record: DirectiveRecord,
    text: str,
    *,
    parent: Page | None,
    original: tuple[bytes, str] | None,
    publish: bool,
    user,
    force: bool,
    written: list[str],
    prepared: ReadDocument | None = None,
) -> ImportResult:
    source = record.source or (original[1] if original else PASTED_FILENAME)
    warnings = [warning_vi(warning) for warning in record.warnings]
    fingerprint = prepared.fingerprint if prepared else None
    existing = find_existing(record, text, fingerprint)
    if existing and not force and _is_unchanged(existing, text, fingerprint):
        if publish and (not existing.live or existing.has_unpublished_changes):
            if user is not None:
                check_may_change(existing, _check_parent(parent), user, publish=True)
            existing.get_latest_revision().publish(user=user)
            existing.refresh_from_db()
        logger.info("%s: unchanged, page %s (live=%s)", source, existing.pk, existing.live)
        return ImportResult(ImportStatus.UNCHANGED, source, record, existing, warnings)

    if existing:
        if user is not None:
            check_may_change(existing, _check_parent(parent), user, publish=publish)
        page = existing.get_latest_revision_as_object()
        status = ImportStatus.UPDATED
    else:
        parent = _check_parent(parent)
        if user is not None:
            check_may_create(parent, user, publish=publish)
        # The importing editor owns the draft, as if made in the editor: with only "add"
        # rights, Wagtail lets them edit the pages they own and no others.
        page = DirectivePage(live=False, owner=user if user is not None else None)
        status = ImportStatus.CREATED
    deferring = is_deferring()
    apply_record(
        page,
        record,
        text,
        warnings,
        tasks=prepared.tasks if prepared else None,
        resolve_citations=not deferring,
        fingerprint=fingerprint,
        body=prepared.body if prepared else None,
    )
    record_applied.send(
        sender=DirectivePage,
        page=page,
        record=record,
        text=text,
        warnings=warnings,
        publish=publish,
    )
    page.import_warnings = "\n".join(warnings)
    if original:
        _store_original(page, original, user, written)
    # Wagtail refreshes a page's reference index on each of its saves (create, revision,
    # publish), every pass walking all its child relations; one pass at the end is the same.
    stage = current_stage(parent) if status is ImportStatus.CREATED else None
    if stage is not None and publish and page.go_live_at is None:
        # Written with the rest of the batch (import_bulk), as add_child + publish would.
        page.slug = unique_slug(parent, record, text, stage.staged_slugs, stage.slugs)
        page.fill_derived_fields()
        stage.add(page, user, source)
        return ImportResult(status, source, record, page, warnings)
    save_documents(page)
    # In a batch, the slugs its first lookups read (prefetch), and the slugs given since.
    known = stage.slugs if (stage := current_stage(parent)) is not None else None
    with disable_reference_index_auto_update():
        if status is ImportStatus.CREATED and publish and page.go_live_at is None:
            page.slug = unique_slug(parent, record, text, known=known)
            parent.add_child(instance=page)
            publish_new_page(page, user)
        elif status is ImportStatus.CREATED:
            page.slug = unique_slug(parent, record, text, known=known)
            parent.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=False)
            log(
                instance=page,
                action="wagtail.create",
                user=user,
                revision=revision,
                content_changed=True,
            )
        else:
            if not page.live:
                page.save()  # a draft's row follows its latest revision, as in Wagtail's editor
            revision = page.save_revision(user=user, log_action=True)
        if publish and status is not ImportStatus.CREATED:
            revision.publish(user=user)
            page.refresh_from_db()
    if deferring:
        note_saved_page(page.pk)  # references, citations and indexes at the batch's flush
    else:
        update_reference_index_task.enqueue(
            page._meta.app_label, page._meta.model_name, str(page.pk)
        )
    logger.info(
        "%s: %s page %s (number=%r, %d warning(s), published=%s)",
        source,
        status.value,
        page.pk,
        record.number,
        len(warnings),
        publish,
    )
    return ImportResult(status, source, record, page, warnings)


def publish_new_page(page: DirectivePage, user) -> Revision:
    """Give a page just added to the tree its first revision and publish it, from the object
    in memory: what ``save_revision()`` then ``revision.publish()`` leave, in one revision
    insert and one update of the page's row.

    Wagtail's publish rebuilds the page from the revision's JSON (a query per child row's
    foreign key), then saves and validates the page and every child row a second time; for
    a page whose row and children were written a moment ago from this very object, that is
    the same work twice. What ``PublishPageRevisionAction`` does and still happens here: the
    revision holds the page as saved (a draft, as the editor's first save would store it);
    the page is live with no unpublished changes, ``live_revision`` and ``latest_revision``
    point at it, first and last published now; ``page_published`` and ``published`` are sent
    (the portal's search index and citation linking listen); the history shows "created"
    then "published". What it skips has nothing to act on for a new page with no
    ``go_live_at``: other revisions' ``approved_go_live_at``, comments, aliases, a workflow.
    """
    # add_child() saved the page with full_clean(): the revision needs no second clean.
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    now = timezone.now()
    mark_published(page, revision, now)
    page.save(update_fields=PUBLISHED_FIELDS, clean=False)
    log(instance=page, action="wagtail.create", user=user, revision=revision, content_changed=True)
    page_published.send(sender=type(page), instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)
    log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True)
    return revision


def remove_files(names: list[str]) -> None:
    """Storage is not transactional: take back the files a rolled-back import wrote."""
    storage = get_document_model()._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("could not remove %s after a failed import", name)


def save_record(
    record: DirectiveRecord,
    text: str,
    *,
    parent: Page | None = None,
    original: tuple[bytes, str] | None = None,
    publish: bool = False,
    user=None,
    force: bool = False,
    prepared: ReadDocument | None = None,
) -> ImportResult:
    """Create or update the page for ``record`` in one transaction; on any failure nothing
    stays behind (no page, agency or document, and no file in storage).

    ``record`` may have been corrected by an editor; ``text`` is the document's text (it
    becomes the body and the content fingerprint); ``original`` is the uploaded file as
    ``(bytes, filename)``, attached as a Wagtail document. ``force`` saves a new revision even
    when the text is unchanged: an editor's corrections are then the change. ``prepared`` is
    the document as ``read_for_import`` read it from ``text`` (tasks, fingerprint and body
    computed in a worker process), when it was.
    """
    try:
        result = _save_atomically(
            record,
            text,
            parent=parent,
            original=original,
            publish=publish,
            user=user,
            force=force,
            prepared=prepared,
        )
    except BaseException:
        forget_agencies()
        raise
    if result.failed:
        forget_agencies()  # agencies it made were rolled back with it
    return result


def _save_atomically(
    record: DirectiveRecord,
    text: str,
    *,
    parent: Page | None,
    original: tuple[bytes, str] | None,
    publish: bool,
    user,
    force: bool,
    prepared: ReadDocument | None,
) -> ImportResult:
    source = record.source or (original[1] if original else PASTED_FILENAME)
    written: list[str] = []
    try:
        with transaction.atomic():
            result = _save(
                record,
                text,
                parent=parent,
                original=original,
                publish=publish,
                user=user,
                force=force,
                written=written,
                prepared=prepared,
            )
        stage = current_stage(parent)
        if stage is not None:
            stage.files.extend(written)  # taken back too if the batch is rolled back
        return result
    except ImportForbidden as error:
        remove_files(written)
        logger.warning("%s: refused, not allowed: %s", source, error.log_detail)
        return ImportResult(ImportStatus.FAILED, source, record, message_vi=error.message_vi)
    except ImportRefused as error:
        remove_files(written)
        logger.warning("%s: refused: %s", source, error.message_vi)
        return ImportResult(ImportStatus.FAILED, source, record, message_vi=error.message_vi)
    except ValidationError as error:
        remove_files(written)
        logger.warning(
            "%s: page not valid, rolled back: %s",
            source,
            error.message_dict if hasattr(error, "error_dict") else error.messages,
        )
        return ImportResult(
            ImportStatus.FAILED,
            source,
            record,
            message_vi=f"Không lưu được văn bản “{source}”: {'; '.join(error.messages)}",
        )
    except (DatabaseError, OSError) as error:
        remove_files(written)
        logger.exception("%s: %s while saving, rolled back", source, type(error).__name__)
        return ImportResult(
            ImportStatus.FAILED,
            source,
            record,
            message_vi=f"Không lưu được văn bản “{source}” do lỗi hệ thống; chưa có gì được tạo.",
        )
    except BaseException:
        remove_files(written)  # an unexpected error: the row is gone, so is its file
        raise


def import_document(
    data: bytes,
    filename: str,
    *,
    parent: Page | None = None,
    publish: bool = False,
    user=None,
    dry_run: bool = False,
    document: ReadDocument | tuple[str, str] | None = None,
) -> ImportResult:
    """Read a file and create or update its DirectivePage (a draft unless ``publish``).

    A dry run reads and parses only, and says what a real run would do. ``document`` is the
    file already read by ``read_for_import`` (the command reads in a pool of processes).
    """
    if document is None:
        document = read_for_import(data, filename)
    if isinstance(document, tuple):
        message_vi, log_detail = document
        logger.warning("%s: cannot import: %s", filename, log_detail)
        return ImportResult(ImportStatus.FAILED, filename, message_vi=message_vi, dry_run=dry_run)
    record, text = document.record, document.text
    signatures, signature_warnings = import_findings(data, filename, record.signer_name or "")
    record.warnings = [*record.warnings, *signature_warnings]
    if dry_run:
        existing = find_existing(record, text)
        if existing is None:
            status = ImportStatus.CREATED
        elif _is_unchanged(existing, text):
            status = ImportStatus.UNCHANGED
        else:
            status = ImportStatus.UPDATED
        warnings = [warning_vi(warning) for warning in record.warnings]
        return ImportResult(
            status,
            filename,
            record,
            existing,
            warnings,
            dry_run=True,
            signatures=signatures,
            text_source=document.text_source,
        )
    result = save_record(
        record,
        text,
        parent=parent,
        original=(data, filename),
        publish=publish,
        user=user,
        prepared=document,
    )
    result.signatures = signatures
    return result
