"""Digital signatures in words: who signed and when as a reader names them, the sentences
shown beside a file, and the warnings an editor gets in the import review. Pure Python over
the dicts ``directives.signatures.read_signatures`` gives."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from vntext import fold


def signer_label(signature: dict[str, Any]) -> str:
    """Who signed, as a reader names them: the certificate's person or body and its
    organisation when that says more."""
    name = signature.get("common_name") or ""
    organization = signature.get("organization") or ""
    if name and organization and fold(organization) not in fold(name):
        return f"{name} ({organization})"
    return name or organization or "không rõ"


def signing_time(signature: dict[str, Any]) -> datetime | None:
    """When it was signed: the timestamp authority's time when there is one (a third party
    vouches for it), else the time the signer's own computer wrote."""
    value = signature.get("timestamped_at") or signature.get("signed_at")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def review_warnings(signatures: list[dict[str, Any]], signer_name: str) -> list[str]:
    """What an editor must look at before publishing (Vietnamese): a signature that is
    broken or no longer matches the file, and a certificate whose holder is not the signer
    the text names."""
    warnings: list[str] = []
    for signature in signatures:
        who = signer_label(signature)
        if signature.get("problem"):
            warnings.append(f"Chữ ký số “{signature.get('field') or who}”: {signature['problem']}")
        elif not signature.get("intact"):
            warnings.append(
                f"Chữ ký số của “{who}” không còn hợp lệ: nội dung tệp đã bị sửa sau khi ký."
            )
        elif not signature.get("unchanged"):
            warnings.append(
                f"Tệp đã bị thay đổi sau khi “{who}” ký số (có phần được thêm vào sau chữ ký); "
                "hãy đối chiếu với bản gốc."
            )
        if signer_name and not _same_holder(signature, signer_name):
            warnings.append(
                f"Chữ ký số của “{who}” khác người ký đọc được trong văn bản "
                f"(“{signer_name}”); hãy kiểm tra."
            )
    return warnings


def _same_holder(signature: dict[str, Any], signer_name: str) -> bool:
    wanted = " ".join(fold(signer_name).split())
    holders = (signature.get("common_name") or "", signature.get("organization") or "")
    return bool(wanted) and any(wanted in " ".join(fold(holder).split()) for holder in holders)


def describe(signature: dict[str, Any], zone: tzinfo) -> dict[str, str]:
    """A signature as the public reads it beside the file: ``signed`` (who and when),
    ``integrity`` (is it still the signed file), ``trust`` (who vouches for the certificate)
    and ``state``: ``ok`` (intact, unchanged, trusted), ``unverified`` (intact and unchanged,
    but no configured root vouches for it) or ``bad`` (changed, broken or unreadable)."""
    moment = signing_time(signature)
    signed = f"Đã ký số bởi {signer_label(signature)}"
    if moment:
        local = moment.astimezone(zone)
        signed += f" lúc {local:%H:%M} ngày {local:%d/%m/%Y}"
    if signature.get("problem"):
        integrity, state = signature["problem"], "bad"
    elif not signature.get("intact"):
        integrity = "chữ ký không còn hợp lệ: nội dung tệp đã bị sửa sau khi ký"
        state = "bad"
    elif not signature.get("unchanged"):
        integrity = "tệp đã bị thay đổi sau khi ký (có phần được thêm vào sau chữ ký)"
        state = "bad"
    else:
        integrity = "văn bản không bị thay đổi sau khi ký"
        state = "ok" if signature.get("trusted") else "unverified"
    issuer = signature.get("issuer") or ""
    if signature.get("issuer_organization") and signature["issuer_organization"] not in issuer:
        issuer = f"{issuer} ({signature['issuer_organization']})" if issuer else ""
    trust = f"Chứng thư số do {issuer} cấp; " if issuer else ""
    trust += (
        "xác thực được tới chứng thư gốc tin cậy."
        if signature.get("trusted")
        else "chưa xác thực được tới chứng thư gốc tin cậy nào của cổng."
    )
    return {"signed": signed, "integrity": integrity, "trust": trust, "state": state}
