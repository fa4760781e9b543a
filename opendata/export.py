"""The open-data files: every public directive, news item and procedure as JSON Lines and CSV,
a data dictionary, a manifest and a SHA-256 checksum file.

A run writes a new dated folder beside the published one and then turns the ``current`` link
to it in one ``rename``: a reader (or the "Dữ liệu mở" page) sees either yesterday's complete
set or today's, never half of one, and a run that fails removes its folder and leaves
yesterday's files serving.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from directives import records as directive_records
from news import records as news_records
from opendata.dictionary import DATASETS, Dataset
from procedures.catalogue import Catalogue
from procedures.export import cell
from procedures.export import rows as procedure_rows
from procedures.models import Obligation, ProcedurePage
from search.visibility import public_pages

logger = logging.getLogger("opendata")

CURRENT = "current"
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
DICTIONARY = "data-dictionary.json"
KEEP_RUNS = 7


class OpenDataError(Exception):
    """The export could not be written; the published files are unchanged."""


@dataclass(frozen=True)
class Written:
    folder: Path
    counts: dict[str, int]


def output_dir() -> Path:
    return Path(settings.PORTAL_OPEN_DATA_DIR)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _records(name: str) -> Iterable[dict[str, Any]]:
    if name == "directives":
        return (directive_records.record(page) for page in directive_records.public_directives())
    if name == "news":
        return (news_records.record(item) for item in news_records.public_news())
    catalogue = Catalogue({}, public_pages(ProcedurePage.objects.all()), Obligation.objects.all())
    return procedure_rows(catalogue)


def _write_dataset(folder: Path, dataset: Dataset, rows: Iterable[dict[str, Any]]) -> int:
    """One dataset as JSON Lines (every field, lists kept) and CSV (the dictionary's columns,
    lists joined, text cells safe from spreadsheet formulas)."""
    count = 0
    with (
        open(folder / f"{dataset.name}.jsonl", "w", encoding="utf-8") as jsonl,
        open(folder / f"{dataset.name}.csv", "w", encoding="utf-8-sig", newline="") as table,
    ):
        writer = csv.writer(table)
        writer.writerow([column.name for column in dataset.columns])
        for row in rows:
            plain = {key: _plain(value) for key, value in row.items()}
            jsonl.write(json.dumps(plain, ensure_ascii=False, default=_plain) + "\n")
            writer.writerow(
                [cell(_flat_cell(plain.get(column.name))) for column in dataset.columns]
            )
            count += 1
    return count


def _flat_cell(value: Any) -> Any:
    """Nested values (a task, a citation) as compact JSON in one cell; lists of text stay
    readable through procedures.export.cell."""
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        return json.dumps(value, ensure_ascii=False, default=_plain)
    return value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _finish(folder: Path, counts: dict[str, int], generated: datetime) -> None:
    (folder / DICTIONARY).write_text(
        json.dumps({d.name: d.describe() for d in DATASETS}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    files = sorted(p.name for p in folder.iterdir())
    sums = {name: _sha256(folder / name) for name in files}
    (folder / CHECKSUMS).write_text(
        "".join(f"{sums[name]}  {name}\n" for name in files), encoding="utf-8"
    )
    manifest = {
        "generated_at": generated.isoformat(timespec="seconds"),
        "licence": settings.PORTAL_OPEN_DATA_LICENCE,
        "licence_url": settings.PORTAL_OPEN_DATA_LICENCE_URL,
        "counts": counts,
        "files": [
            {"name": name, "bytes": (folder / name).stat().st_size, "sha256": sums[name]}
            for name in files
        ],
    }
    (folder / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def _publish(root: Path, folder: Path) -> None:
    """Point ``current`` at ``folder`` in one rename (atomic on POSIX)."""
    link = root / f".{CURRENT}-{folder.name}"
    os.symlink(folder.name, link)
    os.replace(link, root / CURRENT)


def _prune(root: Path, keep: Path) -> None:
    runs = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and p.name[0].isdigit()),
        key=lambda p: p.name,
    )
    for old in runs[:-KEEP_RUNS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def export(
    root: Path | None = None, *, after_dataset: Callable[[str], None] | None = None
) -> Written:
    """Write every dataset into a new folder under ``root`` and publish it as ``current``.
    ``after_dataset`` is called with each dataset's name once it is written (progress, and
    how a test makes a run fail half way)."""
    root = Path(root or output_dir())
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OpenDataError(f"Không tạo được thư mục dữ liệu mở {root}: {error}") from error
    generated = timezone.localtime()
    folder = Path(tempfile.mkdtemp(prefix=generated.strftime("%Y%m%dT%H%M%S-"), dir=root))
    counts: dict[str, int] = {}
    try:
        for dataset in DATASETS:
            counts[dataset.name] = _write_dataset(folder, dataset, _records(dataset.name))
            if after_dataset:
                after_dataset(dataset.name)
        _finish(folder, counts, generated)
        folder.chmod(0o755)
        _publish(root, folder)
    except BaseException:
        logger.exception("open data: export into %s failed; the published files are kept", root)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _prune(root, folder)
    logger.info("open data: published %s (%s)", folder, counts)
    return Written(folder, counts)


def published_manifest(root: Path | None = None) -> dict[str, Any] | None:
    """The manifest of the files now published, or None before the first export."""
    path = Path(root or output_dir()) / CURRENT / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        logger.exception("open data: the manifest %s cannot be read", path)
        return None


def published_file(name: str, root: Path | None = None) -> Path | None:
    """A published file by its name as the manifest lists it; anything else is None (no path
    from a request ever reaches the file system)."""
    manifest = published_manifest(root)
    if manifest is None:
        return None
    if name not in {item["name"] for item in manifest["files"]} | {CHECKSUMS, MANIFEST}:
        return None
    return Path(root or output_dir()) / CURRENT / name
