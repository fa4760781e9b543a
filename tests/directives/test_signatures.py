"""Digital signatures of PDFs: every signature's holder, time, integrity and trust, read
with pyHanko from the real signed documents and from files signed here by a throwaway CA."""

# ruff: noqa: F811 - the fixtures imported from pdf_signing are test arguments here

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC

import pypdf
import pytest

from directives.signature_text import describe, review_warnings
from directives.signatures import (
    ENTIRE_FILE,
    ENTIRE_REVISION,
    MAX_SIGNATURES,
    SignatureReadError,
    read_signatures,
)
from reading.limits import Limits
from tests.directives.pdf_signing import (  # noqa: F401 - the fixtures authority, signed
    LETTER,
    SIGNER,
    append_revision,
    authority,
    make_authority,
    make_signer,
    sign,
    signature_fields_pdf,
    signed,
    text_pdf,
)


@pytest.fixture
def roots(tmp_path, authority):
    """A trust-roots folder holding the throwaway CA's root (and a file that is none)."""
    authority.write_pem(tmp_path)
    (tmp_path / "ghi-chu.pem").write_text("không phải chứng thư")
    return tmp_path


# The real documents -----------------------------------------------------------------------


def corpus_labels(corpus):
    with open(corpus / "scans" / "labels.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_the_signed_originals_list_the_signatures_their_labels_name(corpus):
    """Each published original has the signatures labels.jsonl lists (none for the one that
    is not signed): holder, organisation and signing time; all intact and covering the whole
    file; the government CA's root is not configured, so none is trusted."""
    labels = corpus_labels(corpus)
    assert any(not label["signatures"] for label in labels)
    for label in labels:
        found = read_signatures(corpus / "scans" / label["signed_original"], trust_roots_dir="")
        assert [
            {key: s[key] for key in ("common_name", "organization", "signed_at")} for s in found
        ] == label["signatures"], label["id"]
        for signature in found:
            assert signature["intact"] and signature["unchanged"], label["id"]
            assert signature["coverage"] == ENTIRE_FILE
            assert signature["issuer"] and not signature["trusted"]
            assert signature["timestamped_at"]  # these carry a timestamp authority's token


# Files signed here --------------------------------------------------------------------------


def test_a_signature_by_an_unconfigured_authority_is_intact_but_not_trusted(signed):
    [signature] = read_signatures(signed, filename="cv.pdf", trust_roots_dir="")
    assert signature["common_name"] == SIGNER
    assert signature["organization"] == "UBND tỉnh Sông Xanh"
    assert signature["issuer"] == "CA thử nghiệm"
    assert signature["intact"] and signature["unchanged"]
    assert signature["coverage"] == ENTIRE_FILE
    assert not signature["trusted"]
    assert signature["signed_at"] and signature["timestamped_at"] is None


def test_the_configured_root_makes_the_chain_trusted(signed, roots):
    [signature] = read_signatures(signed, filename="cv.pdf", trust_roots_dir=roots)
    assert signature["trusted"]
    text = describe(signature, UTC)
    assert text["state"] == "ok"
    assert text["signed"].startswith(f"Đã ký số bởi {SIGNER} (UBND tỉnh Sông Xanh) lúc ")
    assert text["integrity"] == "văn bản không bị thay đổi sau khi ký"
    assert "xác thực được tới chứng thư gốc tin cậy" in text["trust"]


def test_another_authoritys_root_does_not_vouch_for_this_chain(signed, tmp_path):
    make_authority("CA khác").write_pem(tmp_path)
    [signature] = read_signatures(signed, filename="cv.pdf", trust_roots_dir=tmp_path)
    assert signature["intact"] and not signature["trusted"]
    assert describe(signature, UTC)["state"] == "unverified"


def test_a_byte_changed_inside_the_signed_range_breaks_the_signature(signed, roots):
    tampered = bytearray(signed)
    at = signed.index(b"Tj T*")  # inside the page content, which the signature covers
    tampered[at - 3] = ord("1") if tampered[at - 3] != ord("1") else ord("2")
    [signature] = read_signatures(bytes(tampered), filename="cv.pdf", trust_roots_dir=roots)
    assert not signature["intact"] and not signature["unchanged"] and not signature["trusted"]
    assert signature["common_name"] == SIGNER  # still says whose signature it was
    assert describe(signature, UTC)["state"] == "bad"
    [warning] = review_warnings([signature], SIGNER)
    assert "không còn hợp lệ" in warning


def test_an_unsigned_revision_appended_after_signing_is_a_change(signed, roots):
    """The signed bytes are intact, but the file now shows another content: the signature
    covers its revision only, and the document changed after signing."""
    changed = append_revision(signed, "Noi dung da bi thay")
    [signature] = read_signatures(changed, filename="cv.pdf", trust_roots_dir=roots)
    assert signature["intact"]
    assert signature["coverage"] == ENTIRE_REVISION
    assert signature["modification"] not in ("none", "lta_updates")
    assert not signature["unchanged"]
    text = describe(signature, UTC)
    assert text["state"] == "bad" and "thay đổi sau khi ký" in text["integrity"]
    [warning] = review_warnings([signature], SIGNER)
    assert warning.startswith("Tệp đã bị thay đổi sau khi")


def test_a_broken_signature_is_reported_with_the_others_still_read(signed):
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    broken = signed[:start] + b"0" * 64 + signed[start + 64 :]
    [signature] = read_signatures(broken, filename="cv.pdf", trust_roots_dir="")
    assert signature["field"] == "Signature1"
    assert "bị hỏng" in signature["problem"]
    assert not signature["intact"] and not signature["trusted"]
    assert describe(signature, UTC)["state"] == "bad"


def test_a_second_signature_is_listed_after_the_first(signed, authority):
    both = sign(signed, make_signer(authority, "Lê Văn Nam", "Văn phòng UBND"), "Signature2")
    first, second = read_signatures(both, filename="cv.pdf", trust_roots_dir="")
    assert (first["common_name"], second["common_name"]) == (SIGNER, "Lê Văn Nam")
    assert first["intact"] and first["coverage"] == ENTIRE_REVISION
    assert first["unchanged"]  # a later signature is not a change of the document
    assert second["coverage"] == ENTIRE_FILE


def test_an_unsigned_pdf_has_no_signatures():
    assert read_signatures(text_pdf(LETTER), filename="cv.pdf", trust_roots_dir="") == []


# Bad input ----------------------------------------------------------------------------------


def test_a_pdf_encrypted_with_a_password_gets_a_clear_message():
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(text_pdf(LETTER)))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(SignatureReadError) as caught:
        read_signatures(buffer.getvalue(), filename="mat.pdf", trust_roots_dir="")
    assert "“mat.pdf” được mã hóa bằng mật khẩu" in caught.value.message_vi
    assert "encrypted" in caught.value.log_detail


def test_a_file_that_is_no_pdf_gets_a_clear_message():
    with pytest.raises(SignatureReadError) as caught:
        read_signatures(b"%PDF-1.7 nothing else", filename="hong.pdf", trust_roots_dir="")
    assert "không phải tệp PDF đọc được" in caught.value.message_vi


def test_garbage_signatures_are_each_reported_and_too_many_refused():
    found = read_signatures(signature_fields_pdf(3), filename="rac.pdf", trust_roots_dir="")
    assert [s["field"] for s in found] == ["S0", "S1", "S2"]
    assert all(s["problem"] and not s["intact"] for s in found)
    with pytest.raises(SignatureReadError) as caught:
        read_signatures(
            signature_fields_pdf(MAX_SIGNATURES + 1), filename="rac.pdf", trust_roots_dir=""
        )
    assert f"quá giới hạn {MAX_SIGNATURES}" in caught.value.message_vi


def test_a_check_that_runs_out_of_time_is_stopped(signed):
    """The check runs in a child held to the time limit; past it the child is killed and
    the caller gets the limits' Vietnamese message."""
    hurried = replace(Limits(), timeout_seconds=0.000_001)
    with pytest.raises(SignatureReadError) as caught:
        read_signatures(signed, filename="cv.pdf", trust_roots_dir="", limits=hurried)
    assert "mất quá nhiều thời gian" in caught.value.message_vi


# The review ---------------------------------------------------------------------------------


def test_a_holder_other_than_the_signer_in_the_text_is_a_warning(signed):
    signatures = read_signatures(signed, filename="cv.pdf", trust_roots_dir="")
    assert review_warnings(signatures, "trần thị hoa") == []  # case and accents aside
    [warning] = review_warnings(signatures, "Nguyễn Văn Bình")
    assert f"“{SIGNER} (UBND tỉnh Sông Xanh)” khác người ký" in warning
    assert "“Nguyễn Văn Bình”" in warning
