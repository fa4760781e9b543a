"""Bulleted lists: the "Kính gửi" recipients and the "Nơi nhận" distribution."""

from __future__ import annotations

import re

from .normalize import is_bullet, is_caps, strip_entry

_ARCHIVE_RE = re.compile(r"^Lưu\s*(?::|VT|Văn thư)", re.IGNORECASE)


def read_entries(lines: list[str], start: int) -> tuple[list[str], int]:
    """A bulleted list starting at or after ``start``: its entries and the line after it.

    A line without a bullet continues the entry above when that entry has no final ";" or
    "." (the crawler broke it); otherwise it ends the list.
    """
    i = start
    while i < len(lines) and not lines[i]:
        i += 1
    items: list[str] = []
    while i < len(lines):
        line = lines[i]
        if not line:
            j = i
            while j < len(lines) and not lines[j]:
                j += 1
            if items and j < len(lines) and is_bullet(lines[j]):
                i = j
                continue
            break
        if is_bullet(line) or (items and _ARCHIVE_RE.match(line)):
            # The archive entry ("Lưu: VT, ...") closes a distribution list, bullet or not.
            items.append(line)
        elif items and not items[-1].endswith((";", ".")) and not is_caps(line):
            items[-1] = f"{items[-1]} {line}"
        else:
            break
        i += 1
    return [entry for entry in map(strip_entry, items) if entry], i
