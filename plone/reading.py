"""Reading a Plone export, either kind, into one shape of item.

Pure Python (no Django): ``read_export(path)`` detects the format from the directory and
returns an ``Export`` whose side files (ordering, default pages, local roles, relations,
redirects, principals) are read at once, small as they are, while the items are streamed:
``Export.items()`` yields one ``PloneItem`` at a time (a big ``Plone.json`` is never loaded
whole, each base64 blob is decoded with its own item) and ``ReadProblem`` for what it could
not read, so that one bad item stops nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import ijson

logger = logging.getLogger("plone.reading")

PLONE_EXPORTIMPORT = "plone.exportimport"
COLLECTIVE_EXPORTIMPORT = "collective.exportimport"

# The root of a plone.exportimport export is the item named so, not a UID.
SITE_ROOT_UID = "plone_site_root"

BLOB_FIELDS = ("file", "image")

# Type-specific fields kept as they are for the mapping.
EXTRA_FIELDS = (
    "start",
    "end",
    "whole_day",
    "open_end",
    "recurrence",
    "location",
    "contact_name",
    "contact_email",
    "contact_phone",
    "event_url",
    "attendees",
    "remoteUrl",
    "query",
    "sort_on",
    "sort_reversed",
    "limit",
    "item_count",
    "image_caption",
    "exclude_from_nav",
    "layout",
)


class ExportError(Exception):
    """The directory is no Plone export this importer knows; ``message_vi`` for people."""

    def __init__(self, message_vi: str, log_detail: str) -> None:
        super().__init__(log_detail)
        self.message_vi = message_vi
        self.log_detail = log_detail


@dataclass
class Blob:
    """A file or image field's content; ``data`` is None when the bytes could not be read
    (``problem`` says why)."""

    field: str
    filename: str
    content_type: str
    data: bytes | None
    problem: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data or b"").hexdigest()


@dataclass
class PloneItem:
    """One content item as both exports describe it. Paths are site-relative (``/a/b``);
    dates are aware UTC datetimes (``None`` when unset)."""

    uid: str
    portal_type: str
    path: str
    parent_path: str | None
    parent_uid: str | None
    id: str
    title: str
    description: str
    text: str
    review_state: str | None
    created: datetime | None
    modified: datetime | None
    effective: datetime | None
    expires: datetime | None
    subjects: list[str]
    creators: list[str]
    language: str
    blobs: list[Blob]
    fields: dict[str, Any]
    checksum: str
    related: list[str] = field(default_factory=list)
    position: int | None = None

    def blob(self, name: str) -> Blob | None:
        return next((blob for blob in self.blobs if blob.field == name), None)


@dataclass
class ReadProblem:
    """An item (or a part of the export) that could not be read."""

    source: str
    message_vi: str
    log_detail: str
    uid: str = ""
    path: str = ""


def parse_date(value: Any) -> datetime | None:
    """Plone's ISO 8601 dates (UTC in both exports); a naive one is taken as UTC."""
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    # Plone writes 1000-01-01 / 2499-12-31 for "no date" in some versions.
    if parsed.year <= 1001 or parsed.year >= 2499:
        return None
    return parsed.astimezone(UTC)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return value.get("data") or ""
    return value if isinstance(value, str) else ""


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return [str(part) for part in value if isinstance(part, str | int) and str(part).strip()]


def _checksum(raw: dict) -> str:
    # Blob bytes are in the checksum through their digest, not their base64 text twice.
    return hashlib.sha256(
        json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


class Export:
    """A Plone export on disk. Subclasses read the items of one format."""

    format = ""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site_id = "Plone"
        self.site_title = ""
        self.site_description = ""
        self.site_uids: set[str] = {SITE_ROOT_UID}
        self.ordering: dict[str, int] = {}
        self.default_pages: dict[str, str] = {}
        self.local_roles: dict[str, dict[str, list[str]]] = {}
        self.related: dict[str, list[str]] = {}
        self.redirects: dict[str, str] = {}
        self.groups: list[dict] = []
        self.members: list[dict] = []
        self.problems: list[ReadProblem] = []

    # Side files -----------------------------------------------------------------------

    def _load(self, name: str, default: Any) -> Any:
        """A small side file; a missing one is the empty default, a broken one a problem."""
        path = self.root / name
        if not path.exists():
            return default
        try:
            with path.open("rb") as handle:
                return json.load(handle)
        except (json.JSONDecodeError, UnicodeDecodeError, OSError) as error:
            self.problems.append(
                ReadProblem(
                    name,
                    f"Không đọc được tệp {name} (JSON hỏng hoặc bị cắt cụt); phần đó bị bỏ qua.",
                    f"{path}: {error}",
                )
            )
            return default

    def _read_principals(self, data: Any) -> None:
        if not isinstance(data, dict):
            return
        self.groups = [group for group in data.get("groups") or [] if isinstance(group, dict)]
        self.members = [member for member in data.get("members") or [] if isinstance(member, dict)]

    def _read_redirects(self, data: Any) -> None:
        if isinstance(data, dict):
            self.redirects = {
                self.site_path(old): self.site_path(new)
                for old, new in data.items()
                if isinstance(old, str) and isinstance(new, str)
            }

    def _add_relation(self, source: Any, target: Any, kind: Any) -> None:
        if kind == "relatedItems" and isinstance(source, str) and isinstance(target, str):
            self.related.setdefault(source, []).append(target)

    def site_path(self, physical: str) -> str:
        """``/Plone/a/b`` (or an absolute URL of the old site) → ``/a/b``."""
        path = unquote(urlsplit(physical).path) if "://" in physical else physical
        prefix = f"/{self.site_id}"
        if path == prefix:
            return "/"
        if path.startswith(prefix + "/"):
            path = path[len(prefix) :]
        return path.rstrip("/") or "/"

    # Items ----------------------------------------------------------------------------

    def items(self) -> Iterator[PloneItem | ReadProblem]:
        raise NotImplementedError

    def _item(self, raw: dict, path: str, blobs: list[Blob]) -> PloneItem:
        uid = str(raw.get("UID") or "")
        parent_path = path.rsplit("/", 1)[0] or "/" if path != "/" else None
        parent = raw.get("parent") if isinstance(raw.get("parent"), dict) else {}
        parent_uid = parent.get("UID") if parent else None
        if parent_uid in self.site_uids:
            parent_uid = SITE_ROOT_UID
        checked = {key: value for key, value in raw.items() if key not in BLOB_FIELDS}
        checked["@blobs"] = [(blob.field, blob.filename, blob.sha256) for blob in blobs]
        checked.pop("@id", None)
        checked.pop("parent", None)
        fields = {key: raw.get(key) for key in EXTRA_FIELDS if key in raw}
        return PloneItem(
            uid=uid,
            portal_type=str(raw.get("@type") or ""),
            path=path,
            parent_path=parent_path,
            parent_uid=parent_uid,
            id=str(raw.get("id") or path.rsplit("/", 1)[-1]),
            title=str(raw.get("title") or "").strip(),
            description=str(raw.get("description") or "").strip(),
            text=_text(raw.get("text")),
            review_state=raw.get("review_state") or None,
            created=parse_date(raw.get("created")),
            modified=parse_date(raw.get("modified")),
            effective=parse_date(raw.get("effective")),
            expires=parse_date(raw.get("expires")),
            subjects=_strings(raw.get("subjects") or raw.get("subject")),
            creators=_strings(raw.get("creators")),
            language=str(raw.get("language") or ""),
            blobs=blobs,
            fields=fields,
            checksum=_checksum(checked),
            related=list(self.related.get(uid, [])),
            position=self.ordering.get(uid),
        )


class PloneExportImport(Export):
    """``plone-exporter``'s tree: ``content/<UID>/data.json`` with the blobs beside it."""

    format = PLONE_EXPORTIMPORT

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        metadata = self._load("content/__metadata__.json", {})
        if not isinstance(metadata, dict):
            metadata = {}
        self.data_files: list[str] = [
            name for name in metadata.get("_data_files_") or [] if isinstance(name, str)
        ]
        if not self.data_files:
            # No (readable) metadata: every item's data.json, parents sorted before children
            # by path once read.
            self.data_files = sorted(
                str(path.relative_to(root / "content"))
                for path in (root / "content").glob("*/data.json")
            )
        self.ordering = {
            uid: position
            for uid, position in (metadata.get("ordering") or {}).items()
            if isinstance(position, int)
        }
        self.default_pages = {
            folder: entry.get("default_page_uuid")
            for folder, entry in (metadata.get("default_page") or {}).items()
            if isinstance(entry, dict) and entry.get("default_page_uuid")
        }
        self.local_roles = {
            uid: entry.get("local_roles") or {}
            for uid, entry in (metadata.get("local_roles") or {}).items()
            if isinstance(entry, dict)
        }
        for relation in self._load("relations.json", []) or []:
            if isinstance(relation, dict):
                self._add_relation(
                    relation.get("from_uuid"),
                    relation.get("to_uuid"),
                    relation.get("from_attribute"),
                )
        self._read_principals(self._load("principals.json", {}))
        root_data = self._load(f"content/{SITE_ROOT_UID}/data.json", {})
        if isinstance(root_data, dict) and root_data:
            self.site_id = str(root_data.get("@id") or "/Plone").strip("/") or "Plone"
            self.site_title = str(root_data.get("title") or "")
            self.site_description = str(root_data.get("description") or "")
        self._read_redirects(self._load("redirects.json", {}))

    def items(self) -> Iterator[PloneItem | ReadProblem]:
        content = self.root / "content"
        for name in self.data_files:
            if name.split("/", 1)[0] == SITE_ROOT_UID:
                continue
            path = content / name
            try:
                with path.open("rb") as handle:
                    raw = json.load(handle)
                if not isinstance(raw, dict):
                    raise ValueError("not a JSON object")
            except (OSError, ValueError, UnicodeDecodeError) as error:
                yield ReadProblem(
                    name,
                    f"Không đọc được mục {name} (tệp thiếu, hỏng hoặc bị cắt cụt); mục bị bỏ qua.",
                    f"{path}: {error}",
                    uid=name.split("/", 1)[0],
                )
                continue
            item_path = self.site_path(str(raw.get("@id") or ""))
            blobs = [self._blob(raw, name, content) for name in BLOB_FIELDS if raw.get(name)]
            yield self._item(raw, item_path, [blob for blob in blobs if blob])

    def _blob(self, raw: dict, field_name: str, content: Path) -> Blob | None:
        value = raw[field_name]
        if not isinstance(value, dict):
            return None
        filename = str(value.get("filename") or field_name)
        content_type = str(value.get("content-type") or "application/octet-stream")
        blob_path = value.get("blob_path")
        if not isinstance(blob_path, str) or not blob_path:
            return Blob(field_name, filename, content_type, None, "no blob_path")
        path = (content / blob_path).resolve()
        if not path.is_relative_to(content.resolve()):
            return Blob(field_name, filename, content_type, None, f"blob path outside: {blob_path}")
        try:
            data = path.read_bytes()
        except OSError as error:
            return Blob(field_name, filename, content_type, None, f"{blob_path}: {error}")
        size = value.get("size")
        if isinstance(size, int) and size != len(data):
            return Blob(
                field_name,
                filename,
                content_type,
                None,
                f"{blob_path}: {len(data)} bytes, the export says {size}",
            )
        return Blob(field_name, filename, content_type, data)


class CollectiveExportImport(Export):
    """collective.exportimport's downloads: ``<site>.json`` (one array, blobs in base64) and
    the ``export_*.json`` side files."""

    format = COLLECTIVE_EXPORTIMPORT

    def __init__(self, root: Path, content_file: Path) -> None:
        super().__init__(root)
        self.content_file = content_file
        self.site_id = content_file.stem
        self.ordering = {
            entry["uuid"]: entry["order"]
            for entry in self._load("export_ordering.json", []) or []
            if isinstance(entry, dict)
            and isinstance(entry.get("uuid"), str)
            and isinstance(entry.get("order"), int)
        }
        self.default_pages = {
            entry["uuid"]: entry["default_page_uuid"]
            for entry in self._load("export_defaultpages.json", []) or []
            if isinstance(entry, dict) and entry.get("uuid") and entry.get("default_page_uuid")
        }
        self.local_roles = {
            entry["uuid"]: entry.get("localroles") or {}
            for entry in self._load("export_localroles.json", []) or []
            if isinstance(entry, dict) and entry.get("uuid")
        }
        for relation in self._load("export_relations.json", []) or []:
            if isinstance(relation, dict):
                self._add_relation(
                    relation.get("from_uuid"),
                    relation.get("to_uuid"),
                    relation.get("relationship"),
                )
        self._read_principals(self._load("export_members.json", {}))
        self._read_redirects(self._load("export_redirects.json", {}))

    def items(self) -> Iterator[PloneItem | ReadProblem]:
        name = self.content_file.name
        count = 0
        try:
            with self.content_file.open("rb") as handle:
                for raw in ijson.items(handle, "item", use_float=True):
                    count += 1
                    if not isinstance(raw, dict):
                        yield ReadProblem(
                            f"{name}#{count}",
                            f"Mục thứ {count} trong {name} không phải một đối tượng JSON; bỏ qua.",
                            f"{name} item {count}: {type(raw).__name__}",
                        )
                        continue
                    yield self._collective_item(raw)
        except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError, OSError) as error:
            yield ReadProblem(
                name,
                f"Tệp {name} hỏng hoặc bị cắt cụt sau mục thứ {count}; "
                "các mục đọc được trước đó vẫn được nhập.",
                f"{self.content_file}: {error} after {count} items",
            )

    def _collective_item(self, raw: dict) -> PloneItem:
        parent = raw.get("parent") if isinstance(raw.get("parent"), dict) else {}
        # A top-level item's parent is the site: its UID and title are only known here.
        if parent and parent.get("@type") in ("Plone Site", "Site"):
            if parent.get("UID"):
                self.site_uids.add(parent["UID"])
            self.site_title = self.site_title or str(parent.get("title") or "")
            self.site_description = self.site_description or str(parent.get("description") or "")
        path = self.site_path(str(raw.get("@id") or ""))
        blobs = []
        for field_name in BLOB_FIELDS:
            value = raw.get(field_name)
            if isinstance(value, dict):
                blobs.append(self._blob(value, field_name))
                # The base64 text is dropped as soon as it is decoded.
                raw[field_name] = {k: v for k, v in value.items() if k != "data"}
        return self._item(raw, path, blobs)

    @staticmethod
    def _blob(value: dict, field_name: str) -> Blob:
        filename = str(value.get("filename") or field_name)
        content_type = str(value.get("content-type") or "application/octet-stream")
        encoded = value.get("data")
        if not isinstance(encoded, str) or not encoded:
            return Blob(field_name, filename, content_type, None, "no data")
        if value.get("encoding", "base64") != "base64":
            return Blob(field_name, filename, content_type, None, "encoding not base64")
        try:
            return Blob(
                field_name, filename, content_type, base64.b64decode(encoded, validate=True)
            )
        except (binascii.Error, ValueError) as error:
            return Blob(field_name, filename, content_type, None, f"bad base64: {error}")


def read_export(path: str | Path) -> Export:
    """The export in ``path``, its format detected; ``ExportError`` when it is neither."""
    root = Path(path)
    if not root.is_dir():
        raise ExportError(
            f"Không tìm thấy thư mục xuất dữ liệu Plone “{root}”.", f"{root}: not a directory"
        )
    if (root / "content").is_dir():
        return PloneExportImport(root)
    candidates = sorted(
        candidate
        for candidate in root.glob("*.json")
        if not candidate.name.startswith("export_")
        and candidate.name not in {"relations.json", "principals.json", "redirects.json"}
    )
    if len(candidates) == 1:
        return CollectiveExportImport(root, candidates[0])
    raise ExportError(
        f"Thư mục “{root}” không phải bản xuất của plone.exportimport (thư mục content/) "
        "hay collective.exportimport (một tệp <site>.json và các tệp export_*.json).",
        f"{root}: no content/ and {len(candidates)} candidate content files",
    )
