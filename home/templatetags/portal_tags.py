"""Template helpers: Vietnamese dates, navigation state, query strings, citations."""

import hashlib
import re
from datetime import date

from django import template
from django.core.cache import cache
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from directives.citations import CitedDocument
from vntext.dates import format_short, format_vn_date

register = template.Library()


@register.filter
def vn_date(value: date | None) -> str:
    """13 July 2023 as "ngày 13 tháng 7 năm 2023"."""
    return format_vn_date(value) if value else ""


@register.filter
def vn_short_date(value: date | None) -> str:
    """13 July 2023 as "13/07/2023"."""
    return format_short(value) if value else ""


@register.simple_tag
def nav_current(page, section) -> str:
    """``aria-current`` for a navigation link: "page" on the section itself, "true" inside it."""
    if page is None or not hasattr(page, "path"):
        return ""
    if page.pk == section.pk:
        return mark_safe(' aria-current="page"')
    if page.path.startswith(section.path):
        return mark_safe(' aria-current="true"')
    return ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with ``changes`` applied (a value of None removes a key)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.inclusion_tag("components/citation.html")
def citation(cited=None, *, label: str = "", url: str | None = None) -> dict:
    """One cited document as the reader sees it, everywhere one is shown: ``{% citation ref %}``
    for a citation row or a page (its ``label``, linked when it has a public ``url``, and a
    date when the label does not carry one, and a relation other than a plain citation), or
    ``{% citation label=... url=... %}``."""
    if isinstance(cited, CitedDocument):
        page = cited.linked_page
        return {
            "label": cited.cited_label,
            "url": page.url if page else None,
            "on": cited.shown_date,
            "note": cited.relation_note,
        }
    if cited is not None:
        label, url = cited.label, cited.url
    return {"label": label, "url": url}


@register.filter
def link_citations(html: str, page) -> str:
    """Link the numbers of cited documents in a directive's body to their pages on the site."""
    links = {}
    for reference in page.references.all():
        target = reference.linked_page
        if target is not None and reference.number:
            links[reference.number] = target.url
    if not links:
        return html
    # The linked body depends only on the body and on which numbers link where: cached under
    # both, so a body edited or a link that appears, moves or goes is a new key (no invalidation
    # to forget), and the linking is done once, not on every view.
    text = str(html)
    key = (
        "linked-body:"
        + hashlib.sha1(
            "\x00".join([text, *(f"{n}\x01{u}" for n, u in sorted(links.items()))]).encode()
        ).hexdigest()
    )
    linked = cache.get(key)
    if linked is None:
        linked = _link_numbers(text, links)
        cache.set(key, linked, LINKED_BODY_SECONDS)
    return mark_safe(linked)  # noqa: S308 - built from escaped text and format_html


LINKED_BODY_SECONDS = 7 * 24 * 3600


def _link_numbers(html: str, links: dict[str, str]) -> str:
    """``html`` with each number of ``links`` outside tags and links wrapped in its link."""
    pattern = re.compile(
        r"(?<![\w/-])("
        + "|".join(re.escape(escape(n)) for n in sorted(links, key=len, reverse=True))
        + r")(?![\w/-])"
    )
    by_escaped = {escape(n): url for n, url in links.items()}

    def replace(match: re.Match) -> str:
        return format_html(
            '<a href="{}" class="citation">{}</a>',
            by_escaped[match.group(1)],
            mark_safe(match.group(1)),
        )

    # Only text between tags is touched, never a tag or an attribute.
    parts = re.split(r"(<[^>]+>)", html)
    inside_link = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            if re.match(r"<a[\s>]", part):
                inside_link = True
            elif part.startswith("</a"):
                inside_link = False
            continue
        if not inside_link:
            parts[i] = pattern.sub(replace, part)
    return "".join(parts)
