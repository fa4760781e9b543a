"""schema.org JSON-LD and Open Graph for a page's head: directives as ``Legislation``, news
as ``NewsArticle``, procedures as ``GovernmentService``, a ``BreadcrumbList`` everywhere.
Built from the page's own fields, so what a search engine reads is what the page shows; only
public pages are named (a cited draft appears as its number, never its address)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.utils.html import strip_tags

from directives.models import DirectivePage
from directives.vocabulary import Relation, ValidityStatus
from news.models import NewsPage
from procedures.models import ProcedurePage
from search.abbreviations import ABBREVIATIONS
from search.visibility import is_public
from syndication.eli import permanent_path
from vntext import fold

SCHEMA = "https://schema.org"
LEGAL_FORCE = {
    ValidityStatus.IN_FORCE: f"{SCHEMA}/InForce",
    ValidityStatus.PARTLY_EXPIRED: f"{SCHEMA}/PartiallyInForce",
    ValidityStatus.EXPIRED: f"{SCHEMA}/NotInForce",
    ValidityStatus.NOT_YET: f"{SCHEMA}/NotInForce",
}
# References that say what the document rests on, beyond merely citing it.
BASIS = {Relation.BASED_ON, Relation.IMPLEMENTS}
# Names of the bodies that govern a territory: "Ủy ban nhân dân tỉnh X" governs "tỉnh X".
_BODIES = tuple(fold(name) for key in ("UBND", "HĐND") for name in ABBREVIATIONS.get(key, ()))


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: a property without a value says nothing true."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def jurisdiction(agency) -> str:
    """The territory of the top body above ``agency``: its name without "Ủy ban nhân dân"."""
    seen = set()
    while agency is not None and agency.parent_id and agency.pk not in seen:
        seen.add(agency.pk)
        agency = agency.parent
    if agency is None:
        return ""
    words = agency.name.split()
    for body in _BODIES:
        size = len(body.split())
        if fold(" ".join(words[:size])) == body and len(words) > size:
            return " ".join(words[size:])
    return agency.name


def organization(agency) -> dict | None:
    if agency is None:
        return None
    return compact(
        {
            "@type": "GovernmentOrganization",
            "name": agency.name,
            "alternateName": agency.abbreviation,
        }
    )


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def page_trail(page, root, request) -> list[tuple[str, str]]:
    """(title, address) from the site's home page down to ``page``."""
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=root.depth)
    return [(item.title, item.get_full_url(request)) for item in ancestors]


def cited(reference, request) -> dict:
    linked = reference.linked_page
    return compact(
        {
            "@type": "Legislation",
            "name": str(reference) or None,
            "legislationIdentifier": reference.number,
            "legislationDate": iso(reference.cited_on),
            "url": linked.get_full_url(request) if linked else None,
        }
    )


def legislation(page: DirectivePage, request) -> dict:
    references = list(page.references.all())
    url = page.get_full_url(request)
    return compact(
        {
            "@context": SCHEMA,
            "@type": "Legislation",
            "@id": request.build_absolute_uri(permanent_path(page)),
            "url": url,
            "name": page.subject or page.title,
            "inLanguage": "vi",
            "legislationIdentifier": page.number,
            "legislationType": page.doc_type_label,
            "legislationDate": iso(page.issued_on),
            "legislationDateOfApplicability": iso(page.effective_on),
            "legislationPassedBy": organization(page.issuer),
            "legislationJurisdiction": compact(
                {"@type": "AdministrativeArea", "name": jurisdiction(page.issuer)}
            )
            if page.issuer_id
            else None,
            "legislationLegalForce": LEGAL_FORCE.get(page.validity),
            "isBasedOn": [cited(ref, request) for ref in references if ref.relation in BASIS],
            "citation": [cited(ref, request) for ref in references],
            "encoding": [
                compact(
                    {
                        "@type": "MediaObject",
                        "name": attachment.caption or attachment.document.title,
                        "contentUrl": request.build_absolute_uri(attachment.document.url),
                        "encodingFormat": attachment.document.content_type,
                    }
                )
                for attachment in page.attachments.select_related("document")
            ],
        }
    )


def news_article(page: NewsPage, request, site_name: str) -> dict:
    source = page.target
    return compact(
        {
            "@context": SCHEMA,
            "@type": "NewsArticle",
            "url": page.get_full_url(request),
            "headline": page.title,
            "description": page.lead,
            "inLanguage": "vi",
            "datePublished": iso(page.date),
            "dateModified": iso(page.last_published_at),
            "image": request.build_absolute_uri(page.image.file.url) if page.image_id else None,
            "publisher": {"@type": "GovernmentOrganization", "name": site_name},
            "about": compact(
                {
                    "@type": "Legislation",
                    "name": source.subject,
                    "legislationIdentifier": source.number,
                    "legislationType": source.doc_type_label,
                    "url": source.get_full_url(request),
                }
            )
            if source is not None and is_public(source)
            else None,
        }
    )


def government_service(page: ProcedurePage, request) -> dict:
    return compact(
        {
            "@context": SCHEMA,
            "@type": "GovernmentService",
            "url": page.get_full_url(request),
            "name": page.name,
            "identifier": page.code,
            "serviceType": page.field,
            "provider": organization(page.agency),
            "audience": [
                {"@type": "Audience", "audienceType": label} for label in page.audience_labels
            ],
            "availableChannel": {
                "@type": "ServiceChannel",
                "name": f"Dịch vụ công trực tuyến: {page.get_online_level_display()}",
            },
            "termsOfService": page.fees,
        }
    )


def page_data(page, root, request, site_name: str) -> list[dict]:
    """The JSON-LD objects for ``page``: its own type when it has one, and its breadcrumbs."""
    data = []
    if isinstance(page, DirectivePage):
        data.append(legislation(page, request))
    elif isinstance(page, NewsPage):
        data.append(news_article(page, request, site_name))
    elif isinstance(page, ProcedurePage):
        data.append(government_service(page, request))
    elif page.pk == root.pk:
        data.append(
            {
                "@context": SCHEMA,
                "@type": "WebSite",
                "name": site_name,
                "url": page.get_full_url(request),
                "inLanguage": "vi",
            }
        )
    data.append(breadcrumbs(page_trail(page, root, request)))
    return data


def open_graph(page, request, site_name: str) -> list[tuple[str, str]]:
    """Open Graph properties as (property, content) pairs, in the order they are printed."""
    description = page.search_description
    kind = "website"
    extra: list[tuple[str, str]] = []
    if isinstance(page, DirectivePage):
        description = description or page.subject
        kind = "article"
        if page.issued_on:
            extra.append(("article:published_time", page.issued_on.isoformat()))
    elif isinstance(page, NewsPage):
        description = description or page.lead or strip_tags(page.body)[:200]
        kind = "article"
        extra.append(("article:published_time", page.date.isoformat()))
        if page.image_id:
            extra.append(("og:image", request.build_absolute_uri(page.image.file.url)))
            extra.append(("og:image:alt", page.image_alt or page.title))
    elif isinstance(page, ProcedurePage):
        description = description or f"Thủ tục {page.code}: {page.name}"
    else:
        # The general page types (content pages, events) have a lead.
        description = description or getattr(page, "lead", "")
    pairs = [
        ("og:type", kind),
        ("og:title", page.seo_title or page.title),
        ("og:url", page.get_full_url(request)),
        ("og:site_name", site_name),
        ("og:locale", "vi_VN"),
        ("og:description", " ".join((description or "").split())[:300]),
        *extra,
    ]
    return [(name, value) for name, value in pairs if value]


def as_script(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">`` element: "<", ">" and "&" escaped so
    no text in the data can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
