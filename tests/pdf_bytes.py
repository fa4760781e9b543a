"""PDF files written byte by byte for tests: the smallest valid file around given objects,
so a test controls exactly what the file holds (no library decides the layout)."""

from __future__ import annotations


def assemble_pdf(objects: list[bytes], version: bytes = b"1.4") -> bytes:
    """A PDF whose objects are ``objects`` numbered from 1 (the first is the catalog), with
    a cross-reference table and trailer."""
    out = bytearray(b"%PDF-" + version + b"\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
