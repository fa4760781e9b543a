"""Signed PDFs made in the test: a throwaway certificate authority and pyHanko's signer, so
every case (trusted, untrusted, tampered, extended) is built here and nothing is fetched.
The fixtures ``authority`` and ``signed`` (a letter signed by the person it names) are made
once per module that imports them."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tests.pdf_bytes import assemble_pdf


@dataclass
class Authority:
    """A root that signs holder certificates."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def write_pem(self, folder: Path) -> Path:
        path = folder / "goc.pem"
        path.write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))
        return path


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(**allowed: bool) -> x509.KeyUsage:
    """Digital signature plus the usages named."""
    usages = dict.fromkeys(
        (
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    return x509.KeyUsage(digital_signature=True, **{**usages, **allowed})


def make_authority(common_name: str = "CA thử nghiệm") -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, "Tổ chức thử nghiệm")
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate, key)


def make_signer(authority: Authority, common_name: str, organization: str) -> signers.Signer:
    """A pyHanko signer holding a certificate the authority issued to ``common_name``."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organization))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=90))
        .add_extension(_key_usage(content_commitment=True), critical=True)
        .sign(authority.key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    root = asn1_x509.Certificate.load(
        authority.certificate.public_bytes(serialization.Encoding.DER)
    )
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        ),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([root]),
    )


def sign(pdf: bytes, signer: signers.Signer, field: str = "Signature1") -> bytes:
    """``pdf`` signed as a new revision covering the whole file."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    output = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field), signer=signer)
    return output.getvalue()


def append_revision(pdf: bytes, text: str) -> bytes:
    """An unsigned incremental update that replaces the first page's content: the signed
    bytes stay as they were, the document shown is another."""
    from pyhanko.pdf_utils import generic

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=f"BT /F1 12 Tf 72 700 Td ({text}) Tj ET".encode())
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` in any script: each character is a
    glyph of a Type0 font whose ToUnicode map says what it is (no font program is needed
    to extract the text)."""
    alphabet = sorted({char for line in lines for char in line})
    code = {char: index + 1 for index, char in enumerate(alphabet)}
    operations = ["BT /F1 11 Tf 14 TL 50 800 Td"]
    for line in lines:
        operations.append("<" + "".join(f"{code[char]:04X}" for char in line) + "> Tj T*")
    operations.append("ET")
    content = "\n".join(operations).encode("ascii")
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CMapName /Portal-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            *_bfchars(alphabet, code),
            "endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /PortalSans /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /PortalSans /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 500 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /PortalSans /Flags 32 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 "
        b"/CapHeight 700 /StemV 80 >>",
    ]
    return assemble_pdf(objects, version=b"1.7")


def _bfchars(alphabet: list[str], code: dict[str, int]) -> list[str]:
    lines = []
    for start in range(0, len(alphabet), 100):  # at most 100 entries per block
        chunk = alphabet[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{code[char]:04X}> <{ord(char):04X}>" for char in chunk]
        lines.append("endbfchar")
    return lines


def signature_fields_pdf(count: int) -> bytes:
    """A page with ``count`` filled signature fields whose signatures are garbage: what a
    file made to keep a validator busy looks like."""
    fields = " ".join(f"{4 + index} 0 R" for index in range(count)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + fields + b"] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    objects += [
        b"<< /FT /Sig /T (S%d) /V << /Type /Sig /Filter /Adobe.PPKLite "
        b"/SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 10] /Contents <3000> >> >>" % index
        for index in range(count)
    ]
    return assemble_pdf(objects)


# Fixtures ----------------------------------------------------------------------------------

SIGNER = "Trần Thị Hoa"
LETTER = [
    "ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH SÔNG XANH                      Độc lập - Tự do - Hạnh phúc",
    "Số: 215/UBND-VP                Sông Xanh, ngày 12 tháng 3 năm 2026",
    "V/v triển khai chữ ký số trong văn bản điện tử",
    "Kính gửi: Các sở, ban, ngành tỉnh.",
    "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành sử dụng chữ ký số trên văn bản điện tử.",
    "Nơi nhận:                                  KT. CHỦ TỊCH",
    "- Như trên;                                  PHÓ CHỦ TỊCH",
    "- Lưu: VT.",
    f"                                              {SIGNER}",
]


@pytest.fixture(scope="module")
def authority():
    return make_authority()


@pytest.fixture(scope="module")
def signed(authority) -> bytes:
    """The letter signed by the person whose name it prints."""
    return sign(text_pdf(LETTER), make_signer(authority, SIGNER, "UBND tỉnh Sông Xanh"))
