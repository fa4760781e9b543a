"""Keeping each directive file's digital signatures in step with the file.

A PDF attached to a directive (by the importer or in the editor) is checked when the
attachment is saved, and again whenever the document's file is replaced; the result is a
``DocumentSignatures`` row that the page, the API and the review read without opening the
file. A file that cannot be checked keeps its Vietnamese reason in ``error``: the page still
saves, since a signature is something to show, not a condition for publishing.
"""

from __future__ import annotations

import copy
import hashlib
import io
import logging
from collections import OrderedDict
from typing import Any

from django.db.models.signals import post_save

from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from directives.models import DirectiveAttachment, DocumentSignatures
from directives.signature_text import review_warnings, signer_label
from directives.signatures import SignatureReadError, configured_trust_roots_dir, read_signatures

logger = logging.getLogger("directives.signatures")

# What the API shows of each signature (the stored dicts may grow internal keys).
PUBLIC_KEYS = (
    "field",
    "common_name",
    "organization",
    "signed_at",
    "timestamped_at",
    "intact",
    "coverage",
    "modification",
    "unchanged",
    "issuer",
    "issuer_organization",
    "trusted",
    "problem",
)


def is_pdf(filename: str) -> bool:
    return filename.lower().endswith(".pdf")


def refresh(document, *, force: bool = False) -> DocumentSignatures | None:
    """Check the signatures of ``document``'s file unless the stored check is of this very
    file; ``force`` checks again (after the trust roots changed). Not a PDF: nothing."""
    if not is_pdf(document.filename):
        DocumentSignatures.objects.filter(document_id=document.pk).delete()
        return None
    stored = DocumentSignatures.objects.filter(document_id=document.pk).first()
    if stored and not force and document.file_hash and stored.file_hash == document.file_hash:
        return stored
    try:
        with document.open_file() as handle:
            data = handle.read()
    except OSError as error:
        logger.error("document %s: file %s cannot be read: %s", document.pk, document.file, error)
        return stored
    file_hash = document.file_hash or hash_filelike(io.BytesIO(data))
    if stored and not force and stored.file_hash == file_hash:
        return stored
    if force:
        _recent.clear()
    signatures, message = check_file(data, document.filename)
    checked, _ = DocumentSignatures.objects.update_or_create(
        document_id=document.pk,
        defaults={"file_hash": file_hash, "signatures": signatures, "error": message},
    )
    logger.info(
        "document %s (%s): %d signature(s)%s",
        document.pk,
        document.filename,
        len(signatures),
        f"; not checked: {message}" if message else "",
    )
    return checked


def check_file(data: bytes, filename: str) -> tuple[list[dict[str, Any]], str]:
    """The signatures of an uploaded file and, when it cannot be checked, why (Vietnamese).
    Not a PDF: no signatures and no complaint."""
    if not is_pdf(filename):
        return [], ""
    key = (hashlib.sha256(data).hexdigest(), configured_trust_roots_dir())
    if key in _recent:
        _recent.move_to_end(key)
        return copy.deepcopy(_recent[key])
    try:
        found = read_signatures(data, filename=filename), ""
    except SignatureReadError as error:
        logger.warning("%s: signatures not checked: %s", filename, error.log_detail)
        found = [], error.message_vi
    _recent[key] = copy.deepcopy(found)
    while len(_recent) > RECENT_CHECKS:
        _recent.popitem(last=False)
    return found


# An import checks the upload, then saving its attachment would check the same bytes again:
# the last few results, by content and trust configuration, spare the second check.
RECENT_CHECKS = 8
_recent: OrderedDict[tuple[str, str], tuple[list[dict[str, Any]], str]] = OrderedDict()


def import_findings(data: bytes, filename: str, signer_name: str) -> tuple[list[dict], list[str]]:
    """For the importer and its review: the signatures, and the warnings an editor must see
    (a broken or changed signature, a holder who is not the signer read from the text, a
    file that could not be checked)."""
    signatures, message = check_file(data, filename)
    warnings = review_warnings(signatures, signer_name)
    if message:
        warnings.append(message)
    return signatures, warnings


def signatures_payload(attachment: DirectiveAttachment) -> list[dict[str, Any]]:
    """The signatures of an attachment's file for the API, each with ``signer`` (as the page
    names them) and ``valid`` (intact and unchanged since signing; ``trusted`` says whether a
    configured root vouches for the certificate) beside the fields ``read_signatures`` gives.
    Empty when the file is not signed, not a PDF, not checked yet, or could not be checked
    (``signature_check_error`` says why)."""
    check = attachment.signature_check
    if check is None:
        return []
    return [
        {
            "signer": signer_label(signature),
            "valid": bool(signature.get("intact") and signature.get("unchanged")),
            **{key: signature.get(key) for key in PUBLIC_KEYS},
        }
        for signature in check.signatures
    ]


def signature_check_error(attachment: DirectiveAttachment) -> str:
    """Why the attachment's signatures could not be checked (Vietnamese), or ""."""
    check = attachment.signature_check
    return check.error if check else ""


# Signals -------------------------------------------------------------------------------


def attachment_saved(
    sender, instance: DirectiveAttachment, created: bool = False, **kwargs: Any
) -> None:
    if created and not is_pdf(instance.document.filename):
        # Nothing to check, and nothing stored to remove: a document's check goes when its
        # file stops being a PDF (document_saved). Spares a query per imported text file.
        return
    refresh(instance.document)


def document_saved(sender, instance, created: bool, **kwargs: Any) -> None:
    """A replaced file is checked again, if a directive uses it or it was checked before."""
    if created:
        return  # a new document is checked when it is attached
    attached = DirectiveAttachment.objects.filter(document_id=instance.pk).exists()
    if attached or DocumentSignatures.objects.filter(document_id=instance.pk).exists():
        refresh(instance)


def connect() -> None:
    post_save.connect(
        attachment_saved, sender=DirectiveAttachment, dispatch_uid="directives.signatures.attach"
    )
    post_save.connect(
        document_saved, sender=get_document_model(), dispatch_uid="directives.signatures.file"
    )
