"""The end of a document: distribution list ("Nơi nhận") and signature block.

Decree 30/2020/NĐ-CP puts "Nơi nhận:" and its list on the left and the signature on the
right: the authority lines (TM., KT., TL., TUQ., Q.; they stack, top first), the signer's
title, then the name. Crawled pages give the right column after the list; PDF text layers
merge the first authority line onto the "Nơi nhận:" line, or give the whole block before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reading.entries import read_entries
from reading.normalize import is_caps, squash

WARN_NO_NAME = "signature block has no name"
WARN_NO_SIGNATURE = "signature block not found"

_DISTRIBUTION_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.IGNORECASE)
# "TM. ", "KT. ", "TL. ", "TUQ. ", "Q. "; Party documents write "T/M", "K/T", "T/L".
_AUTHORITY_RE = re.compile(r"^(?:(TM|KT|TL|TUQ|Q)\s*\.|(T/M|K/T|T/L)(?=\s))\s*(\S.*)$")
# A rank or degree printed before the signer's name ("Thượng tướng", "TS."): not the name.
_NAME_PREFIX_RE = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|(?:GS|PGS|TS|ThS|BS|KS)\.(?:\s*TS\.)?)"
    r"\s+(?=\w)"
)
_TITLE_RE = re.compile(r"^[^\W\d_]+(?:[ .][^\W\d_]+)*$")
_END_OF_BODY = "./."
# How many lines the signature block may span, artefacts included.
_BLOCK_REACH = 15


@dataclass
class Signature:
    """The distribution list and the signature block, as printed."""

    authority: list[str] = field(default_factory=list)
    title: str | None = None
    name: str | None = None
    distribution: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    body_end: int | None = None  # the first line after the body (its "./." line included)

    @property
    def found(self) -> bool:
        return bool(self.authority or self.title)


_ANNEX_RE = re.compile(r"^(?:PHỤ|Phụ|phụ)\s*(?:LỤC|lục|Lục)(?!\w)")


def _is_annex(line: str) -> bool:
    return bool(_ANNEX_RE.match(line))


def _is_title(line: str) -> bool:
    return is_caps(line) and bool(_TITLE_RE.match(line)) and len(line.split()) <= 8


def _is_name_part(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 6 and all(
        w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words
    )


def _authority(match: re.Match[str]) -> str:
    if match[1]:
        return f"{match[1]}. {squash(match[3])}"
    return f"{match[2]} {squash(match[3])}"


def _read_block(candidates: list[str], signature: Signature) -> None:
    """Read authority lines, title and name from the lines of the right column, in order."""
    last_was_authority = False
    name_parts: list[str] = []
    candidates = [_NAME_PREFIX_RE.sub("", line) for line in candidates]
    for k, line in enumerate(candidates):
        if name_parts and not _is_name_part(line):
            break
        match = _AUTHORITY_RE.match(line)
        if match and signature.title is None:
            signature.authority.append(_authority(match))
            last_was_authority = True
            continue
        following = candidates[k + 1] if k + 1 < len(candidates) else ""
        if (
            last_was_authority
            and _is_title(line)
            and _is_title(following)
            and not _AUTHORITY_RE.match(following)
        ):
            # Two title lines under an authority: the title is the one above the name, the
            # first is the rest of a wrapped authority ("K/T CHÁNH" / "VĂN PHÒNG").
            signature.authority[-1] += f" {squash(line)}"
            continue
        if last_was_authority and signature.authority[-1].endswith(",") and is_caps(line):
            # "KT. BỘ TRƯỞNG," / "CHỦ NHIỆM": an authority of two offices wrapped at its comma.
            signature.authority[-1] += f" {squash(line)}"
            continue
        if _is_title(line) and signature.title is None and not _is_annex(line):
            if last_was_authority and len(line.split()) == 1:
                # A word of the authority line wrapped onto its own line ("ỦY BAN NHÂN" / "DÂN").
                signature.authority[-1] += f" {line}"
                continue
            signature.title = line
        elif signature.found and _is_name_part(line):
            name_parts.append(line)
        last_was_authority = False
    if name_parts:
        signature.name = " ".join(name_parts)


def _block_lines(lines: list[str], start: int, end: int | None = None) -> list[str]:
    found: list[str] = []
    for line in lines[start:end]:
        if _is_annex(line):
            break
        if line:
            found.append(line)
        if len(found) >= _BLOCK_REACH:
            break
    return found


def _body_end(lines: list[str], body_start: int, distribution_at: int | None) -> int:
    """Where the body stops: after its closing "./.", else at the signature block or the
    distribution list, whichever comes first; else at the first annex."""
    stop = len(lines) if distribution_at is None else distribution_at
    for i in range(body_start, stop):
        line = lines[i]
        if line.endswith(_END_OF_BODY):
            return i + 1
        if _AUTHORITY_RE.match(line) or _is_annex(line):
            return i
    return stop


def read_signature(lines: list[str], body_start: int = 0) -> Signature:
    """Read the distribution list and the signature block below the body."""
    signature = Signature()
    at = next((i for i in range(body_start, len(lines)) if _DISTRIBUTION_RE.match(lines[i])), None)
    signature.body_end = _body_end(lines, body_start, at)
    if at is not None:
        signature.distribution, after = read_entries(lines, at + 1)
        merged = lines[at][_DISTRIBUTION_RE.match(lines[at]).end() :].strip()
        _read_block(
            [merged, *_block_lines(lines, after)] if merged else _block_lines(lines, after),
            signature,
        )
        if not signature.found:
            _read_block(_block_lines(lines, max(body_start, at - _BLOCK_REACH), at), signature)
    else:
        end = next(
            (i for i in range(body_start, len(lines)) if lines[i].endswith(_END_OF_BODY)),
            None,
        )
        if end is not None:
            _read_block(_block_lines(lines, end + 1), signature)
    if not signature.found:
        signature.warnings.append(WARN_NO_SIGNATURE)
    elif signature.name is None:
        signature.warnings.append(WARN_NO_NAME)
    return signature
