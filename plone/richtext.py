"""Plone's stored HTML → Wagtail's rich-text database format.

Pure Python (no Django). ``convert(html, resolve)`` keeps the markup Wagtail's rich text
shows (paragraphs, headings, lists, emphasis, links, tables, images), drops Plone's styling
(``style``, ``class``, ``data-*``) and turns every internal link into Wagtail's own form,
which survives later moves: ``<a linktype="page" id=…>``, ``<a linktype="document" id=…>``
and ``<embed embedtype="image" id=… format=…/>``. ``resolve`` maps a Plone UID or a
site-relative path to ``(kind, id)``; a link it cannot resolve stays in its ``resolveuid`` form
when ``keep_unresolved`` (a target not made yet, resolved on the second pass) and is otherwise
replaced by its text and reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

# (kind, id): kind is "page", "document" or "image".
Target = tuple[str, int]
Resolver = Callable[[str | None, str | None], Target | None]

RESOLVEUID_RE = re.compile(r"(?:^|/)resolveuid/([0-9a-fA-F]{32}|[\w-]{8,64})(/[^?#]*)?", re.ASCII)
# Suffixes of a Plone address that name a view of the item, not another item.
VIEW_SUFFIX_RE = re.compile(
    r"/(?:@@download(?:/[^/]+)?|@@images/[^/]+(?:/[^/]+)?|@@display-file(?:/[^/]+)?|view|"
    r"image_view_fullscreen|image_(?:large|preview|mini|thumb|tile|icon|listing))$"
)

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "a",
    "br",
    "hr",
    "blockquote",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "embed",
}
RENAMED_TAGS = {"h1": "h2", "b": "strong", "i": "em"}
# Tags whose content is dropped with them.
DROPPED_TAGS = {"script", "style", "iframe", "object", "form", "noscript", "template", "head"}
KEPT_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}


@dataclass
class Converted:
    """The converted HTML and what happened to its links."""

    html: str
    resolved: int = 0
    pending: list[str] = field(default_factory=list)  # UIDs/paths kept for the second pass
    dropped: list[str] = field(default_factory=list)  # links that point nowhere


def link_target(href: str, site_domains: set[str]) -> tuple[str | None, str | None, str]:
    """``(uid, path, suffix)`` of an internal address; ``(None, None, "")`` for others.

    Internal: any ``resolveuid`` form, a site-relative path, or an absolute address on one of
    ``site_domains`` (the old site's own public domains)."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None, None, ""
    match = RESOLVEUID_RE.search(href)
    if match:
        return match.group(1).lower(), None, match.group(2) or ""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        if parts.hostname is None or parts.hostname.lower() not in site_domains:
            return None, None, ""
    elif parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None, None, ""
    path = unquote(parts.path).rstrip("/") or "/"
    suffix = ""
    view = VIEW_SUFFIX_RE.search(path)
    if view:
        suffix, path = view.group(0), path[: view.start()] or "/"
    return None, path, suffix


def _image_format(tag: Tag) -> str:
    classes = " ".join(tag.get("class") or [])
    if "image-left" in classes:
        return "left"
    if "image-right" in classes:
        return "right"
    return "fullwidth"


def convert(
    html: str,
    resolve: Resolver,
    *,
    site_domains: set[str] | frozenset[str] = frozenset(),
    keep_unresolved: bool = False,
    image_url: Callable[[int], str | None] | None = None,
) -> Converted:
    """Clean ``html`` and rewrite its internal links (see the module's docstring)."""
    result = Converted("")
    if not html or not html.strip():
        return result
    soup = BeautifulSoup(html, "html.parser")
    domains = {domain.lower() for domain in site_domains}
    for node in soup.find_all(string=lambda text: isinstance(text, Comment)):
        node.extract()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        name = tag.name.lower()
        if name in DROPPED_TAGS:
            tag.decompose()
            continue
        if name == "img":
            _convert_image(soup, tag, resolve, domains, keep_unresolved, result)
            continue
        if name == "a":
            _convert_link(tag, resolve, domains, keep_unresolved, result, image_url)
            if tag.decomposed or tag.parent is None:
                continue
        name = RENAMED_TAGS.get(name, name)
        if name not in ALLOWED_TAGS:
            tag.unwrap()
            continue
        tag.name = name
        kept = KEPT_ATTRIBUTES.get(name, set()) | ({"id"} if name in HEADINGS else set())
        tag.attrs = {key: value for key, value in tag.attrs.items() if key in kept}
    result.html = str(soup).strip()
    return result


def _convert_link(
    tag: Tag,
    resolve: Resolver,
    domains: set[str],
    keep: bool,
    result: Converted,
    image_url: Callable[[int], str | None] | None,
) -> None:
    href = str(tag.get("href") or "")
    uid, path, suffix = link_target(href, domains)
    if uid is None and path is None:
        if href.startswith(("http://", "https://", "mailto:", "tel:", "#", "/")) or not href:
            tag.attrs = {"href": href} if href else {}
            if not href:
                tag.unwrap()
            return
        # A relative address without resolveuid: no way to know what it meant.
        result.dropped.append(href)
        tag.unwrap()
        return
    target = resolve(uid, path)
    if target is None:
        if keep and uid is not None:
            result.pending.append(uid)
            tag.attrs = {"href": f"/resolveuid/{uid}{suffix}"}
            return
        result.dropped.append(href)
        tag.unwrap()
        return
    kind, object_id = target
    result.resolved += 1
    if kind == "page":
        tag.attrs = {"linktype": "page", "id": str(object_id)}
    elif kind == "document":
        tag.attrs = {"linktype": "document", "id": str(object_id)}
    else:
        # Wagtail has no link type for an image: a link to one points at its file.
        url = image_url(object_id) if image_url else None
        if url is None:
            tag.unwrap()
            return
        tag.attrs = {"href": url}


def _convert_image(
    soup: BeautifulSoup,
    tag: Tag,
    resolve: Resolver,
    domains: set[str],
    keep: bool,
    result: Converted,
) -> None:
    src = str(tag.get("src") or "")
    uid, path, _suffix = link_target(src, domains)
    target = resolve(uid, path) if (uid or path) else None
    alt = str(tag.get("alt") or "")
    if target is None or target[0] != "image":
        if keep and uid is not None and target is None:
            result.pending.append(uid)
            tag.attrs = {"src": f"/resolveuid/{uid}", "alt": alt}
            return
        if uid or path:
            result.dropped.append(src)
        if alt:
            tag.replace_with(NavigableString(alt))
        else:
            tag.decompose()
        return
    result.resolved += 1
    embed = soup.new_tag(
        "embed", attrs={"embedtype": "image", "id": str(target[1]), "format": _image_format(tag)}
    )
    embed["alt"] = alt
    tag.replace_with(embed)


def has_resolveuid(html: str) -> bool:
    return "resolveuid" in (html or "")
