"""Digital signature checks: how long each file takes and what the checking child cost.

    python -m bench.signatures [--corpus ../shared/corpus/scans]

Checks, through ``directives.signatures.read_signatures`` (child process included), the signed
originals of the corpus and files built in memory: one signed by a throwaway CA and then
given an unsigned revision, 50 garbage signature fields (the most a file may have), one field
past that, and a PDF encrypted with a password. Prints the size, the wall-clock time, the
children's peak resident memory and the outcome; asserts nothing. No Django settings are
needed: the default limits apply and no root is trusted.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BASE_DIR.parent / "shared/corpus/scans")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(BASE_DIR))
    import pypdf

    from bench.hostile_files import print_child_costs
    from directives.signatures import MAX_SIGNATURES, SignatureReadError, read_signatures
    from tests.directives.pdf_signing import (
        LETTER,
        SIGNER,
        append_revision,
        make_authority,
        make_signer,
        sign,
        signature_fields_pdf,
        text_pdf,
    )

    def encrypted() -> bytes:
        writer = pypdf.PdfWriter(clone_from=io.BytesIO(text_pdf(LETTER)))
        writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    def extended() -> bytes:
        signer = make_signer(make_authority(), SIGNER, "Thử nghiệm")
        return append_revision(sign(text_pdf(LETTER), signer), "Noi dung khac")

    cases = [(path.name, path.read_bytes) for path in sorted(options.corpus.glob("*_signed.pdf"))]
    cases += [
        ("signed, then an unsigned revision", extended),
        (
            f"{MAX_SIGNATURES} garbage signature fields",
            lambda: signature_fields_pdf(MAX_SIGNATURES),
        ),
        (
            f"{MAX_SIGNATURES + 1} signature fields",
            lambda: signature_fields_pdf(MAX_SIGNATURES + 1),
        ),
        ("encrypted with a password", encrypted),
    ]

    def attempt(label: str, data: bytes) -> str:
        try:
            found = read_signatures(data, filename=label[:40], trust_roots_dir="")
        except SignatureReadError as error:
            return error.message_vi[:90]
        states = Counter(
            "broken" if s["problem"] else "unchanged" if s["unchanged"] else "changed"
            for s in found
        )
        return f"{len(found)} signature(s): " + ", ".join(f"{n} {k}" for k, n in states.items())

    print_child_costs(cases, attempt)


if __name__ == "__main__":
    main()
