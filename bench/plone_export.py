"""Generate a Plone export of N items in both of Plone's formats, and time import_plone on it.

The shapes come from the sample export in ../shared/corpus/plone, read at run time: each
generated item is a copy of the sample item of its type *in that format* (so each format's
own quirks, such as collective.exportimport's translated ``type_title`` or its ``parent``
block, carry over), with a new UID, path, title, dates, state, subjects, text and blob. Items
are written as they are made (Plone.json is written as a stream), so memory stays flat
whatever N; only a small record per item (UID, path, type) is kept for the side files.

The mix: Folders (a tree of sections and year folders), Documents that read as directives
(titles of the form "Quyết định số 12/QĐ-… ngày …", built from the sample's titles), News
Items with an image, Files with a small PDF, Images, Events (some recurring, some whole-day)
and Links (to items inside the site or outside it); texts carry resolveuid links to items
made before them, in the forms Plone stores.

    python -m bench.plone_export --n 10000 --format both --out DIR       # generate only
    python -m bench.plone_export --n 10000 --format both --import        # and time the import

``make bench-plone`` runs the second form: each format goes into its own fresh database
(SQLite, or PostgreSQL with --database-url), and the benchmark prints items/s, total time,
CPU time, peak memory, SQL statements per item and each pass's time. ``--profile FILE``
keeps a cProfile of each import (FILE.<format>). It asserts nothing.
"""

from __future__ import annotations

import argparse
import base64
import copy
import cProfile
import json
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SAMPLE = BASE_DIR.parent / "shared" / "corpus" / "plone"
PLONE_EXPORTIMPORT = "plone-exportimport"
COLLECTIVE = "collective-exportimport"
FORMATS = (PLONE_EXPORTIMPORT, COLLECTIVE)
SITE_ID = "Plone"
COLLECTIVE_HOST = "http://localhost:8094"
EXPORTER_HOST = "http://nohost"

# Shares of the leaf items (folders are made as the tree needs them).
MIX = (
    ("Document", 0.36),
    ("News Item", 0.16),
    ("File", 0.18),
    ("Image", 0.10),
    ("Event", 0.10),
    ("Link", 0.10),
)
ITEMS_PER_FOLDER = 60
STATES = (("published", 0.85), ("private", 0.10), ("pending", 0.05))
TITLE = re.compile(
    r"^(?P<kind>.+?) số (?P<number>\d+)/(?P<symbol>\S+) ngày \d{1,2}/\d{1,2}/\d{4} (?P<rest>.+)$"
)
RESOLVEUID = re.compile(r"resolveuid/([0-9a-f]{32})")


@dataclass
class Record:
    """What the side files need of an item."""

    uid: str
    path: str  # site-relative, "/a/b"
    portal_type: str
    title: str
    parent_uid: str | None
    position: int
    state: str | None


@dataclass
class Shapes:
    """The sample read once: an item of each type per format, and the pools to draw from."""

    templates: dict[str, dict[str, dict]] = field(default_factory=dict)  # format -> type -> item
    root: dict = field(default_factory=dict)
    titles: list[dict[str, str]] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    news_titles: list[str] = field(default_factory=list)
    recurrences: list[str] = field(default_factory=list)
    creators: list[str] = field(default_factory=list)
    site_uid: str = ""


def read_shapes(sample: Path) -> Shapes:
    shapes = Shapes()
    exporter = sample / PLONE_EXPORTIMPORT / "content"
    metadata = json.loads((exporter / "__metadata__.json").read_text(encoding="utf-8"))
    by_type: dict[str, dict] = {}
    for name in metadata["_data_files_"]:
        item = json.loads((exporter / name).read_text(encoding="utf-8"))
        if item.get("UID") == "plone_site_root":
            shapes.root = item
            continue
        by_type.setdefault(item["@type"], item)
        shapes.subjects.extend(item.get("subjects") or [])
        shapes.creators.extend(item.get("creators") or [])
        if item["@type"] == "Document" and (match := TITLE.match(item["title"])):
            shapes.titles.append(match.groupdict())
        if item["@type"] == "News Item":
            shapes.news_titles.append(item["title"])
        if item["@type"] == "Event" and item.get("recurrence"):
            shapes.recurrences.append(item["recurrence"])
    shapes.templates[PLONE_EXPORTIMPORT] = by_type
    collective: dict[str, dict] = {}
    # The sample's Plone.json is small; the generated one is written as a stream.
    for item in json.loads((sample / COLLECTIVE / "Plone.json").read_text(encoding="utf-8")):
        collective.setdefault(item["@type"], item)
        if not shapes.site_uid and item.get("parent", {}).get("@type") == "Plone Site":
            shapes.site_uid = item["parent"]["UID"]
    shapes.templates[COLLECTIVE] = collective
    shapes.subjects = sorted(set(shapes.subjects)) or ["chung"]
    shapes.creators = sorted(set(shapes.creators)) or ["admin"]
    if not shapes.titles:
        raise SystemExit(f"no directive-like Document title in {sample} to build titles from")
    return shapes


# Small blobs, made here: a one-page PDF and a PNG.


def small_pdf(text: str) -> bytes:
    """A valid one-page PDF that prints ``text`` (ASCII only)."""
    safe = text.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")[:80]
    stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def small_png(width: int, height: int, seed: int) -> bytes:
    """A ``width`` x ``height`` RGB PNG of two colours."""
    colour = bytes(((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256))
    row = b"\x00" + colour * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# The items.


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def slugify(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:90] or "item"


class Generator:
    """Makes the items one by one (``items()``), in tree order (parents first)."""

    def __init__(self, shapes: Shapes, n: int, seed: int = 13):
        self.shapes = shapes
        self.n = n
        self.random = random.Random(seed)
        self.records: list[Record] = []
        self.by_type: dict[str, list[int]] = {}
        self.children: dict[str, int] = {}
        self.redirects: dict[str, str] = {}
        self.related: list[tuple[str, str]] = []
        self.referencing: list[tuple[str, str]] = []
        self.default_pages: dict[str, tuple[str, str]] = {}
        self.records_by_uid: dict[str, Record] = {}
        self.sections = 0

    def _uid(self) -> str:
        return uuid.UUID(int=self.random.getrandbits(128), version=4).hex

    def _pick(self, weighted) -> str:
        roll, total = self.random.random(), 0.0
        for value, share in weighted:
            total += share
            if roll < total:
                return value
        return weighted[-1][0]

    def _record(self, portal_type, title, parent: Record | None, slug, state) -> Record:
        parent_path = parent.path if parent else ""
        parent_uid = parent.uid if parent else None
        key = parent_uid or "root"
        position = self.children.get(key, 0)
        self.children[key] = position + 1
        record = Record(
            self._uid(), f"{parent_path}/{slug}", portal_type, title, parent_uid, position, state
        )
        self.by_type.setdefault(portal_type, []).append(len(self.records))
        self.records.append(record)
        self.records_by_uid[record.uid] = record
        return record

    def _earlier(self, *types: str) -> Record | None:
        pool = [i for t in types for i in self.by_type.get(t, [])]
        return self.records[self.random.choice(pool)] if pool else None

    def items(self) -> Iterator[dict]:
        """Common values of every item (the format writers dress them in the sample's shape)."""
        made = 0
        sections = max(1, self.n // 2000)
        folders_per_section = max(1, self.n // (ITEMS_PER_FOLDER * sections))
        while made < self.n:
            for _ in range(sections):
                self.sections += 1
                section = yield from self._folder(None, f"Chuyên mục {self.sections}")
                made += 1
                for year_number in range(folders_per_section):
                    if made >= self.n:
                        return
                    year = 2015 + year_number % 10
                    title = f"Văn bản năm {year} ({year_number + 1})"
                    folder = yield from self._folder(section, title)
                    made += 1
                    for _ in range(min(ITEMS_PER_FOLDER, self.n - made)):
                        yield from self._leaf(folder, year)
                        made += 1
                    if made >= self.n:
                        return

    def _folder(self, parent: Record | None, title: str):
        slug = slugify(title)
        record = self._record("Folder", title, parent, slug, "published")
        created = datetime(2015, 1, 2, 1, tzinfo=UTC) + timedelta(days=len(self.records))
        yield {"record": record, "created": created, "subjects": [], "text": None}
        return record

    def _leaf(self, folder: Record, year: int):
        portal_type = self._pick(MIX)
        day = datetime(year, 1, 1, 1, tzinfo=UTC) + timedelta(
            days=self.random.randrange(360), hours=self.random.randrange(10)
        )
        serial = len(self.records) + 1
        state = self._pick(STATES) if portal_type not in ("File", "Image") else None
        extra: dict = {}
        if portal_type == "Document":
            parts = self.random.choice(self.shapes.titles)
            local = day + timedelta(hours=7)
            title = (
                f"{parts['kind']} số {serial}/{parts['symbol']} ngày "
                f"{local.day}/{local.month}/{local.year} {parts['rest']}"
            )
        elif portal_type == "News Item":
            title = f"{self.random.choice(self.shapes.news_titles or ['Tin'])} ({serial})"
            extra["image"] = small_png(48, 32, serial)
        elif portal_type == "File":
            title = f"Phụ lục {serial}"
            extra["file"] = small_pdf(f"Phu luc {serial}")
        elif portal_type == "Image":
            title = f"Ảnh {serial}"
            extra["image"] = small_png(32, 24, serial)
        elif portal_type == "Event":
            title = f"Sự kiện {serial}"
            whole_day = self.random.random() < 0.3
            start = day.replace(hour=17, minute=0) - timedelta(days=1) if whole_day else day
            end = start + (timedelta(hours=23, minutes=59) if whole_day else timedelta(hours=3))
            extra.update(start=start, end=end, whole_day=whole_day)
            if self.shapes.recurrences and self.random.random() < 0.3:
                extra["recurrence"] = self.random.choice(self.shapes.recurrences)
            else:
                extra["recurrence"] = None
        else:  # Link
            title = f"Liên kết {serial}"
            target = self._earlier("Document", "News Item")
            extra["target"] = target if target and self.random.random() < 0.7 else None
        slug = slugify(title)
        if portal_type in ("File",):
            slug += ".pdf"
        elif portal_type == "Image":
            slug += ".png"
        record = self._record(portal_type, title, folder, slug, state)
        subjects = self.random.sample(self.shapes.subjects, k=min(2, len(self.shapes.subjects)))
        if portal_type in ("Document", "News Item") and (
            other := self._earlier("File", "Document")
        ):
            self.related.append((record.uid, other.uid))
        if portal_type == "Document" and self.random.random() < 0.01:
            old = f"/{SITE_ID}{folder.path}/cu-{slug}"
            self.redirects[old] = f"/{SITE_ID}{record.path}"
        first_document = portal_type == "Document" and folder.uid not in self.default_pages
        if first_document and self.random.random() < 0.2:
            self.default_pages[folder.uid] = (slug, record.uid)
        yield {
            "record": record,
            "created": day,
            "subjects": subjects if portal_type not in ("File", "Image") else [],
            "text": self._text(record)
            if portal_type in ("Document", "News Item", "Event")
            else None,
            **extra,
        }

    def _text(self, record: Record) -> str:
        """A paragraph or two with resolveuid links to earlier items, in Plone's forms."""
        paragraphs = [f"<p>{record.title}.</p>"]
        links = []
        if target := self._earlier("Document"):
            links.append(f'<a href="resolveuid/{target.uid}">{target.title[:40]}</a>')
        if target := self._earlier("File"):
            links.append(f'<a href="../resolveuid/{target.uid}/@@download/file">tệp</a>')
        if target := self._earlier("Image"):
            links.append(f'<img src="resolveuid/{target.uid}/@@images/image/preview" alt="ảnh">')
        for link in links:
            for uid in RESOLVEUID.findall(link):
                self.referencing.append((record.uid, uid))
        paragraphs.append(f"<p>Xem thêm: {' '.join(links)}</p>" if links else "")
        return "".join(paragraphs)


# Dressing an item in each format's shape.


def dress(template: dict, item: dict, fmt: str, generator: Generator) -> dict:
    record: Record = item["record"]
    data = copy.deepcopy(template)
    created = item["created"]
    effective = created + timedelta(hours=2) if record.state != "private" else None
    data.update(
        {
            "UID": record.uid,
            "id": record.path.rsplit("/", 1)[-1],
            "title": record.title,
            "description": f"Mô tả của {record.title[:80]}",
            "created": iso(created),
            "modified": iso(created + timedelta(days=1)),
            "effective": iso(effective) if record.portal_type not in ("File", "Image") else None,
            "expires": None,
            "review_state": record.state,
            "subjects": item["subjects"],
            "creators": [generator.random.choice(generator.shapes.creators)],
        }
    )
    if "workflow_history" in data and record.state is None:
        data["workflow_history"] = {}
    elif "workflow_history" in data:
        data["workflow_history"] = {
            "simple_publication_workflow": [
                {
                    "action": None,
                    "actor": data["creators"][0],
                    "comments": "",
                    "review_state": "private",
                    "time": iso(created),
                },
                *(
                    [
                        {
                            "action": "publish" if record.state == "published" else "submit",
                            "actor": "admin",
                            "comments": "",
                            "review_state": record.state,
                            "time": iso(created + timedelta(hours=2)),
                        }
                    ]
                    if record.state != "private"
                    else []
                ),
            ]
        }
    if fmt == PLONE_EXPORTIMPORT:
        data["@id"] = record.path
    else:
        data["@id"] = f"{COLLECTIVE_HOST}/{SITE_ID}{record.path}"
        parent = generator.records_by_uid.get(record.parent_uid) if record.parent_uid else None
        block = copy.deepcopy(template.get("parent", {}))
        block.update(
            {
                "@id": f"{COLLECTIVE_HOST}/{SITE_ID}{parent.path}"
                if parent
                else f"{COLLECTIVE_HOST}/{SITE_ID}",
                "@type": "Folder" if parent else "Plone Site",
                "UID": parent.uid if parent else generator.shapes.site_uid,
                "title": parent.title if parent else generator.shapes.root.get("title", ""),
                "review_state": parent.state if parent else None,
            }
        )
        data["parent"] = block
    if item.get("text") is not None and "text" in data:
        data["text"] = {"data": item["text"], "content-type": "text/html", "encoding": "utf-8"}
    if record.portal_type == "Event":
        data.update(
            start=iso(item["start"]),
            end=iso(item["end"]),
            whole_day=item["whole_day"],
            open_end=False,
            recurrence=item["recurrence"],
            sync_uid=f"{record.uid}@bench",
        )
    if record.portal_type == "Link":
        target = item.get("target")
        host = EXPORTER_HOST if fmt == PLONE_EXPORTIMPORT else COLLECTIVE_HOST
        data["remoteUrl"] = (
            f"{host}/{SITE_ID}{target.path}" if target else f"https://example.org/{record.uid}"
        )
    if record.portal_type == "News Item":
        data["image_caption"] = f"Ảnh minh họa {record.title[:40]}"
    return data


def blob_field(item: dict) -> tuple[str, bytes, str, str] | None:
    record: Record = item["record"]
    if "file" in item:
        return "file", item["file"], f"phu-luc-{record.uid[:8]}.pdf", "application/pdf"
    if "image" in item:
        return "image", item["image"], f"anh-{record.uid[:8]}.png", "image/png"
    return None


def write_exporter_item(root: Path, data: dict, item: dict, blob_files: list[str]) -> str:
    record: Record = item["record"]
    folder = root / "content" / record.uid
    folder.mkdir(parents=True)
    if blob := blob_field(item):
        name, content, filename, content_type = blob
        (folder / name).mkdir()
        (folder / name / filename).write_bytes(content)
        relative = f"{record.uid}/{name}/{filename}"
        blob_files.append(relative)
        value = {
            "blob_path": relative,
            "content-type": content_type,
            "filename": filename,
            "size": len(content),
        }
        if name == "image":
            width, height = struct.unpack(">II", content[16:24])
            value.update(width=width, height=height)
        data[name] = value
    (folder / "data.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return f"{record.uid}/data.json"


def dress_collective_blob(data: dict, item: dict) -> None:
    if blob := blob_field(item):
        name, content, filename, content_type = blob
        data[name] = {
            "content-type": content_type,
            "data": base64.b64encode(content).decode(),
            "encoding": "base64",
            "filename": filename,
        }


def generate(n: int, out: Path, formats: tuple[str, ...], sample: Path = SAMPLE) -> int:
    """Write the export(s) under ``out/<format>``; return the number of items."""
    shapes = read_shapes(sample)
    generator = Generator(shapes, n)
    exporter_root = out / PLONE_EXPORTIMPORT
    collective_root = out / COLLECTIVE
    data_files = ["plone_site_root/data.json"]
    blob_files: list[str] = []
    stream = None
    if PLONE_EXPORTIMPORT in formats:
        (exporter_root / "content" / "plone_site_root").mkdir(parents=True)
        (exporter_root / "content" / "plone_site_root" / "data.json").write_text(
            json.dumps(shapes.root, ensure_ascii=False, indent=2), "utf-8"
        )
    if COLLECTIVE in formats:
        collective_root.mkdir(parents=True)
        stream = (collective_root / f"{SITE_ID}.json").open("w", encoding="utf-8")
        stream.write("[")
    count = 0
    try:
        for item in generator.items():
            record = item["record"]
            if PLONE_EXPORTIMPORT in formats:
                template = shapes.templates[PLONE_EXPORTIMPORT][record.portal_type]
                data = dress(template, item, PLONE_EXPORTIMPORT, generator)
                data_files.append(write_exporter_item(exporter_root, data, item, blob_files))
            if stream is not None:
                template = shapes.templates[COLLECTIVE][record.portal_type]
                data = dress(template, item, COLLECTIVE, generator)
                dress_collective_blob(data, item)
                stream.write(("," if count else "") + "\n" + json.dumps(data, ensure_ascii=False))
            count += 1
    finally:
        if stream is not None:
            stream.write("\n]\n")
            stream.close()
    if PLONE_EXPORTIMPORT in formats:
        write_exporter_side_files(exporter_root, sample, generator, data_files, blob_files)
    if COLLECTIVE in formats:
        write_collective_side_files(collective_root, sample, generator)
    return count


def _dump(path: Path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2), "utf-8")


def write_exporter_side_files(root, sample, generator, data_files, blob_files) -> None:
    records = generator.records
    metadata = {
        "__version__": "1.0.0",
        "_blob_files_": blob_files,
        "_data_files_": data_files,
        "default_page": {
            folder: {"default_page": slug, "default_page_uuid": uid}
            for folder, (slug, uid) in generator.default_pages.items()
        },
        "local_permissions": {},
        "local_roles": {
            "plone_site_root": {"local_roles": {"admin": ["Owner"]}},
            **{r.uid: {"local_roles": {"admin": ["Owner"]}} for r in records},
        },
        "ordering": {r.uid: r.position for r in records},
        "relations": [],
    }
    _dump(root / "content" / "__metadata__.json", metadata)
    relations = [
        {"from_attribute": "relatedItems", "from_uuid": a, "to_uuid": b}
        for a, b in generator.related
    ] + [
        {"from_attribute": "isReferencing", "from_uuid": a, "to_uuid": b}
        for a, b in generator.referencing
    ]
    _dump(root / "relations.json", relations)
    _dump(root / "redirects.json", generator.redirects)
    for name in ("principals.json", "portlets.json", "translations.json", "discussions.json"):
        shutil.copyfile(sample / PLONE_EXPORTIMPORT / name, root / name)


def write_collective_side_files(root, sample, generator) -> None:
    records = generator.records
    _dump(root / "export_ordering.json", [{"order": r.position, "uuid": r.uid} for r in records])
    _dump(
        root / "export_defaultpages.json",
        [
            {"default_page": slug, "default_page_uuid": uid, "uuid": folder}
            for folder, (slug, uid) in generator.default_pages.items()
        ],
    )
    _dump(
        root / "export_localroles.json",
        [{"localroles": {"admin": ["Owner"]}, "uuid": r.uid} for r in records],
    )
    _dump(
        root / "export_relations.json",
        [
            {"from_uuid": a, "relationship": "relatedItems", "to_uuid": b}
            for a, b in generator.related
        ],
    )
    _dump(root / "export_redirects.json", generator.redirects)
    for name in ("export_members.json", "export_portlets.json"):
        shutil.copyfile(sample / COLLECTIVE / name, root / name)


# The import benchmark.


def import_one(
    folder: Path, database_url: str | None, items: int, profile: Path | None = None
) -> int:
    """Import one generated export into a fresh database and print the figures (run in a
    process of its own, so each format's peak memory is its own): time, CPU time, peak
    memory and SQL statements per item; ``profile`` keeps a cProfile of the import alone."""
    from bench.importing import measured, peak_rss_mb, setup_django

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-plone-"))
    made = None
    try:
        made = setup_django(workdir, database_url)
        from django.core.management import call_command, get_commands
        from django.db import connection

        if "import_plone" not in get_commands():
            print(
                "  import_plone is not in this checkout yet (it is being written on its own "
                "branch); the export was generated, nothing was imported.",
            )
            return 2
        from wagtail.models import Page

        baseline = peak_rss_mb()
        phases = []
        statements = [0]

        def count(execute, sql, params, many, context):
            statements[0] += 1
            return execute(sql, params, many, context)

        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        with measured("import_plone", items, False, phases), connection.execute_wrapper(count):
            if profiler:
                profiler.enable()
            call_command("import_plone", str(folder), verbosity=0)
            if profiler:
                profiler.disable()
        total = time.perf_counter() - started
        if profiler:
            profiler.dump_stats(profile)
        pages = Page.objects.count()
        print(f"  {connection.vendor}: {pages} pages after the import of {items} items")
        print(f"  baseline (Django, Wagtail, migrated DB): peak RSS {baseline:.1f} MB")
        for phase in phases:
            print(phase.line())
        print(f"  total {total:.1f} s, {items / total:.1f} items/s")
        print(f"  {statements[0]} SQL statements, {statements[0] / items:.1f} per item")
        from plone.models import ImportRun

        run = ImportRun.objects.order_by("-pk").first()
        if run is not None and run.report.get("phases"):
            passes = ", ".join(
                f"{name} {secs:.1f} s" for name, secs in run.report["phases"].items()
            )
            print(f"  passes: {passes}")
        return 0
    finally:
        if made:
            from django.db import connections

            from bench.importing import _postgres

            connections.close_all()
            _postgres(database_url.rsplit("/", 1)[0], f'DROP DATABASE IF EXISTS "{made}"')
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="items to generate (10000)")
    parser.add_argument(
        "--format", choices=(*FORMATS, "both"), default="both", help="which export(s) to write"
    )
    parser.add_argument("--out", type=Path, help="where to write (default: a temporary folder)")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="the sample export to copy")
    parser.add_argument(
        "--import", dest="run_import", action="store_true", help="time import_plone"
    )
    parser.add_argument("--database-url", help="PostgreSQL URL; makes and drops <name>_bench")
    parser.add_argument(
        "--profile", type=Path, help="keep a cProfile of each import in PROFILE.<format>"
    )
    parser.add_argument("--import-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.import_only:
        return import_one(args.import_only, args.database_url, args.n, args.profile)
    if not args.sample.is_dir():
        print(f"The sample export is not at {args.sample} (../shared/corpus/plone).")
        return 2
    formats = FORMATS if args.format == "both" else (args.format,)
    out = args.out or Path(tempfile.mkdtemp(prefix="portal-plone-export-"))
    try:
        started = time.perf_counter()
        count = generate(args.n, out, formats, args.sample)
        seconds = time.perf_counter() - started
        size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
        print(
            f"Generated {count} items in {', '.join(formats)} under {out}: "
            f"{seconds:.1f} s, {size / 1e6:.1f} MB on disk"
        )
        if not args.run_import:
            return 0
        status = 0
        for fmt in formats:
            where = "PostgreSQL" if args.database_url else "SQLite"
            print(f"import_plone {fmt} ({count} items), fresh {where} database:")
            command = [sys.executable, "-m", "bench.plone_export", "--n", str(count)]
            command += ["--import-only", str(out / fmt)]
            if args.database_url:
                command += ["--database-url", args.database_url]
            if args.profile:
                command += ["--profile", f"{args.profile}.{fmt}"]
            status = subprocess.call(command, cwd=BASE_DIR) or status
        return status
    finally:
        if args.out is None and args.run_import:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
