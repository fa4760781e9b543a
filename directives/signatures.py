"""Digital signatures embedded in a PDF, read and checked with pyHanko.

Most official documents are published as signed PDFs. A reader wants to know who signed the
file, when, whether it is still the file that was signed, and whether the certificate comes
from an authority they trust. ``read_signatures`` answers that for every signature, as plain
dicts (JSON-ready, stored with the document and served by the API).

Trust is what the operator configures and nothing else: a folder of certificates
(``SIGNATURE_TRUST_ROOTS_DIR``); self-signed ones are the roots, the others intermediates for
building the chain. No store of the operating system is consulted and nothing is fetched
(no OCSP, CRL or AIA), so a check never waits on the network.

Checking runs in a forked child held to the import limits (``reading.limits.run_bounded``): a
file crafted to make the validator loop or swell costs a bounded time and memory. Pure Python
apart from reading the settings when Django is configured.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reading.errors import UserFacingError
from reading.limits import Limits, current_limits, run_bounded

logger = logging.getLogger("directives.signatures")


def warm_reader() -> None:
    """Import pyHanko in this process, once: the forked child that reads a file's signatures
    then inherits it instead of importing it anew (about half a second a file)."""
    import pyhanko.pdf_utils.reader  # noqa: F401 - the import is the point
    import pyhanko.sign.fields  # noqa: F401
    import pyhanko.sign.validation  # noqa: F401


# A file with more signature fields than this is not a document a person signed.
MAX_SIGNATURES = 50
# Checking signatures needs far less than extracting text; a file that takes longer is odd.
TIMEOUT_SECONDS = 30.0
CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer", ".der")

# ``coverage`` values (stable: part of the JSON contract).
ENTIRE_FILE = "entire_file"  # the signature covers every byte of the file
ENTIRE_REVISION = "entire_revision"  # it covers its revision; later revisions were appended
PARTIAL = "partial"  # bytes outside the signed range that are no revision of the file


class SignatureReadError(UserFacingError):
    """The file's signatures cannot be read at all (not a PDF, encrypted, too costly)."""


def read_signatures(
    source: str | os.PathLike | bytes,
    *,
    filename: str | None = None,
    trust_roots_dir: str | os.PathLike | None = None,
    limits: Limits | None = None,
) -> list[dict[str, Any]]:
    """Every signature of a PDF, in the order of the file, each a dict:

    ``field`` (the form field's name), ``common_name`` and ``organization`` (the certificate's
    subject), ``signed_at`` (the time the signer's software wrote, ISO 8601, or None),
    ``timestamped_at`` (the time a timestamp authority vouched for, or None), ``intact``
    (the signed bytes are unchanged and the signature is cryptographically valid),
    ``coverage`` (``entire_file`` / ``entire_revision`` / ``partial``), ``modification``
    (pyHanko's level of what later revisions changed: ``none``, ``lta_updates``,
    ``form_filling``, ``annotations``, ``other``, or None when unknown), ``unchanged`` (intact
    and nothing but signature upkeep or further signatures came after it), ``issuer`` and ``issuer_organization``,
    ``trusted`` (the chain reaches a configured root) and ``problem`` (a Vietnamese sentence
    when the signature itself cannot be checked, else "").

    A file that is no readable PDF, or is encrypted with a password, or costs more than the
    limits allow, raises ``SignatureReadError``. An empty list means the file is not signed.
    """
    if isinstance(source, bytes):
        data, name = source, filename or "tệp tải lên"
    else:
        path = Path(source)
        name = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SignatureReadError(
                f"Không đọc được tệp “{name}” để kiểm tra chữ ký số.", f"{path}: {error}"
            ) from error
    if trust_roots_dir is None:
        trust_roots_dir = configured_trust_roots_dir()
    limits = limits or current_limits()
    limits = replace(limits, timeout_seconds=min(limits.timeout_seconds, TIMEOUT_SECONDS))
    warm_reader()
    signatures = run_bounded(
        _check_all,
        data,
        name,
        str(trust_roots_dir) if trust_roots_dir else "",
        filename=name,
        limits=limits,
        error=SignatureReadError,
    )
    for signature in signatures:
        # Logged here: a line the child writes may be lost with it.
        detail = signature.pop("log_detail", "")
        if detail:
            logger.warning(
                "%s: signature %r cannot be checked: %s", name, signature["field"], detail
            )
    return signatures


def configured_trust_roots_dir() -> str:
    """``settings.SIGNATURE_TRUST_ROOTS_DIR`` when Django is configured, else ""."""
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        try:
            return str(getattr(settings, "SIGNATURE_TRUST_ROOTS_DIR", "") or "")
        except ImproperlyConfigured:
            return ""
    except ImportError:  # pragma: no cover - Django is always installed with the portal
        return ""


# Inside the child ------------------------------------------------------------------------


def _check_all(data: bytes, name: str, trust_roots_dir: str) -> list[dict[str, Any]]:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    # pyHanko logs every failed path search with a traceback; the outcome is in the result.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            _decrypt(reader, name)
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except SignatureReadError:
        raise
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise SignatureReadError(
            f"Tệp “{name}” không phải tệp PDF đọc được nên không kiểm tra được chữ ký số.",
            f"{name}: {type(error).__name__}: {str(error)[:300]}",
        ) from error
    if len(fields) > MAX_SIGNATURES:
        raise SignatureReadError(
            f"Tệp “{name}” có {len(fields)} trường chữ ký, quá giới hạn {MAX_SIGNATURES}; "
            "chữ ký số không được kiểm tra.",
            f"{name}: {len(fields)} signature fields (limit {MAX_SIGNATURES})",
        )
    if not fields:
        return []
    roots, intermediates = load_trust_certificates(trust_roots_dir)
    opened = [_open_field(reader, field_name, field) for field_name, _, field in fields]
    signed_revisions = {item.signed_revision for item in opened if not isinstance(item, dict)}
    total = reader.xrefs.total_revisions
    results = []
    for item in opened:
        if isinstance(item, dict):
            results.append(item)
            continue
        # Revisions after this one that are each another signature: a countersignature.
        later = set(range(item.signed_revision + 1, total))
        countersigned_only = bool(later) and later <= signed_revisions
        results.append(_check_one(item, roots, intermediates, countersigned_only))
    return results


def _open_field(reader, field_name: str, field):
    """One signature field's signature; one whose CMS blob cannot even be parsed comes back
    as a broken entry rather than hiding the others."""
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    try:
        return EmbeddedPdfSignature(reader, field, field_name)
    except Exception as error:  # noqa: BLE001 - a broken signature in any shape
        return _broken(_blank_entry(field_name), error)


def _decrypt(reader, name: str) -> None:
    """Documents encrypted only against editing open with the empty password; a password
    to open the file is one the portal does not have."""
    from pyhanko.pdf_utils.crypt import AuthStatus

    try:
        result = reader.decrypt(b"")
        authorised = result.status != AuthStatus.FAILED
    except Exception as error:  # noqa: BLE001 - any failure of the security handler
        logger.debug("%s: decryption failed: %s", name, error)
        authorised = False
    if not authorised:
        raise SignatureReadError(
            f"Tệp “{name}” được mã hóa bằng mật khẩu nên không kiểm tra được chữ ký số. "
            "Hãy tải lên bản không đặt mật khẩu.",
            f"{name}: encrypted PDF, the empty user password is refused",
        )


def load_trust_certificates(folder: str) -> tuple[list, list]:
    """The certificates in ``folder`` (PEM, possibly several per file, or DER): self-signed
    ones as trust roots, the rest as intermediates. A file that is no certificate is
    skipped with a log line naming it."""
    from asn1crypto import pem, x509

    roots: list = []
    intermediates: list = []
    if not folder:
        return roots, intermediates
    directory = Path(folder)
    if not directory.is_dir():
        logger.warning("SIGNATURE_TRUST_ROOTS_DIR %s is not a folder: no root is trusted", folder)
        return roots, intermediates
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() not in CERTIFICATE_SUFFIXES or not path.is_file():
            continue
        try:
            raw = path.read_bytes()
            blobs = (
                [der for _, _, der in pem.unarmor(raw, multiple=True)] if pem.detect(raw) else [raw]
            )
            for der in blobs:
                certificate = x509.Certificate.load(der)
                certificate.native  # noqa: B018 - parse it all now, not in the validator
                (roots if certificate.self_signed else intermediates).append(certificate)
        except (OSError, ValueError, TypeError) as error:
            logger.warning("trust roots: %s is not a certificate, skipped: %s", path, error)
    return roots, intermediates


def _check_one(
    signature, roots: list, intermediates: list, countersigned_only: bool
) -> dict[str, Any]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    entry = _blank_entry(signature.field_name)
    try:
        certificate = signature.signer_cert
        _describe_certificate(entry, certificate)
        entry["signed_at"] = _iso(signature.self_reported_timestamp)
    except Exception as error:  # noqa: BLE001 - a broken CMS blob in any shape
        return _broken(entry, error)
    context = ValidationContext(
        trust_roots=roots,
        other_certs=intermediates,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        status = validate_pdf_signature(signature, signer_validation_context=context)
    except Exception as error:  # noqa: BLE001 - the validator's failure is the finding
        return _broken(entry, error)
    entry["intact"] = bool(status.intact and status.valid)
    entry["trusted"] = bool(entry["intact"] and status.trusted)
    entry["coverage"] = _coverage(status.coverage)
    level = status.modification_level
    entry["modification"] = level.name.lower() if level is not None else None
    later_allowed = _UPKEEP | ({"form_filling"} if countersigned_only else set())
    entry["unchanged"] = bool(
        entry["intact"]
        and (
            entry["coverage"] == ENTIRE_FILE
            or (entry["coverage"] == ENTIRE_REVISION and entry["modification"] in later_allowed)
        )
    )
    if status.timestamp_validity is not None and status.timestamp_validity.intact:
        entry["timestamped_at"] = _iso(status.timestamp_validity.timestamp)
    return entry


# What may follow a signature without changing the document: nothing, or the signature
# upkeep of long-term validation (DSS, document timestamps); and, when every later revision
# is another signature, the "form filling" that signing a further field counts as.
_UPKEEP = {"none", "lta_updates"}


def _blank_entry(field: str | None) -> dict[str, Any]:
    return {
        "field": field or "",
        "common_name": "",
        "organization": "",
        "signed_at": None,
        "timestamped_at": None,
        "intact": False,
        "coverage": None,
        "modification": None,
        "unchanged": False,
        "issuer": "",
        "issuer_organization": "",
        "trusted": False,
        "problem": "",
    }


def _describe_certificate(entry: dict[str, Any], certificate) -> None:
    subject = certificate.subject.native
    issuer = certificate.issuer.native
    entry["common_name"] = _text(subject.get("common_name"))
    entry["organization"] = _text(subject.get("organization_name"))
    entry["issuer"] = _text(issuer.get("common_name"))
    entry["issuer_organization"] = _text(issuer.get("organization_name"))


def _text(value: Any) -> str:
    if isinstance(value, list):  # a name may repeat an attribute
        value = ", ".join(str(item) for item in value)
    return str(value or "").strip()


def _broken(entry: dict[str, Any], error: Exception) -> dict[str, Any]:
    entry["log_detail"] = f"{type(error).__name__}: {str(error)[:300]}"
    entry["problem"] = (
        "Chữ ký số bị hỏng hoặc không đúng định dạng nên không kiểm tra được; "
        "không thể khẳng định văn bản còn nguyên vẹn."
    )
    return entry


def _coverage(level) -> str | None:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if level is None:
        return None
    if level == SignatureCoverageLevel.ENTIRE_FILE:
        return ENTIRE_FILE
    if level == SignatureCoverageLevel.ENTIRE_REVISION:
        return ENTIRE_REVISION
    return PARTIAL


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()
