"""Permanent addresses of directives: ``/eli/<issuer>/<year>/<number>``.

Built from what a citation names (who issued it, in which year, under which number), in the
manner of the European Legislation Identifier, so the address survives moving the page,
renaming its slug or renaming the agency. The issuer part is stored (``IssuerSlug``); the
year and the number come from the page. A document printed without a number is addressed by
its page id, which never changes; two public documents with one number in one year make the
address a choice between them, never a guess.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from django.db import IntegrityError, transaction

from directives.models import Agency, DirectivePage
from search.abbreviations import ABBREVIATIONS
from search.visibility import public_pages
from syndication.models import IssuerSlug
from vntext import fold

logger = logging.getLogger("syndication")

NO_ISSUER = "khong-ro-co-quan"
NO_YEAR = "khong-ro-nam"
UNNUMBERED = "khong-so-"
PREFIX = "/eli/"

# Long names shortened the way people write them: "Ủy ban nhân dân tỉnh …" -> "ubnd-tinh-…".
_SHORT_FORMS = sorted(
    (
        (fold(expansion), fold(short))
        for short, longs in ABBREVIATIONS.items()
        for expansion in longs
    ),
    key=lambda pair: -len(pair[0]),
)


def slugify(text: str) -> str:
    """Folded words joined by hyphens: "5436/UBND-VP" -> "5436-ubnd-vp"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def agency_slug_base(name: str) -> str:
    """The slug an agency's name suggests, its leading body shortened to the usual abbreviation."""
    folded = " ".join(fold(name).split())
    for expansion, short in _SHORT_FORMS:
        if folded.startswith(expansion + " "):
            folded = short + folded[len(expansion) :]
            break
    return slugify(folded)[:100].strip("-") or "co-quan"


def issuer_slug(agency: Agency | None) -> str:
    """The stored issuer slug of ``agency``, made on first use."""
    if agency is None:
        return NO_ISSUER
    stored = IssuerSlug.objects.filter(agency=agency).values_list("slug", flat=True).first()
    return stored or _make_slug(agency)


def _candidates(agency: Agency, base: str) -> Iterator[str]:
    """The slugs to try in turn; the parent's, a query or two, only when the base is taken."""
    yield base
    if agency.parent_id:
        yield f"{base}-{issuer_slug(agency.parent)}"[:110]
    for n in range(2, 50):
        yield f"{base}-{n}"


def _make_slug(agency: Agency) -> str:
    base = agency_slug_base(agency.name)
    for candidate in _candidates(agency, base):
        if candidate in (NO_ISSUER,) or IssuerSlug.objects.filter(slug=candidate).exists():
            continue
        try:
            with transaction.atomic():
                IssuerSlug.objects.create(agency=agency, slug=candidate)
            return candidate
        except IntegrityError:
            # Another request stored this agency's slug (or took this one) meanwhile.
            stored = IssuerSlug.objects.filter(agency=agency).values_list("slug", flat=True)
            if stored:
                return stored[0]
    raise RuntimeError(f"no free permanent-address slug for agency {agency.pk} ({base})")


def agency_saved(sender, instance: Agency, created: bool, raw: bool = False, **kwargs) -> None:
    """Give a new agency its slug at once, so its addresses never depend on a later name."""
    if created and not raw:
        _make_slug(instance)  # a new agency has no slug stored yet


def number_part(page: DirectivePage) -> str:
    return page.number_key or f"{UNNUMBERED}{page.pk}"


def permanent_path(page: DirectivePage) -> str:
    """``/eli/ubnd-tinh-song-xanh/2022/5436-ubnd-vp`` for ``page``."""
    year = page.year or NO_YEAR
    return f"{PREFIX}{issuer_slug(page.issuer)}/{year}/{number_part(page)}"


def resolve(issuer: str, year: str, number: str) -> list[DirectivePage]:
    """The public directives a permanent address names: none, one, or several when one
    issuer gave one number twice in a year (the caller lets the reader choose)."""
    pages = public_pages(DirectivePage.objects.all())
    if number.startswith(UNNUMBERED) and number[len(UNNUMBERED) :].isdigit():
        # Addressed by page id: still the same document after a number is stamped on it.
        pk = int(number[len(UNNUMBERED) :])
        return list(pages.filter(pk=pk)) if pk < 2**62 else []
    if issuer == NO_ISSUER:
        pages = pages.filter(issuer__isnull=True)
    else:
        pages = pages.filter(issuer__issuer_slug__slug=issuer)
    if year == NO_YEAR:
        pages = pages.filter(issued_year__isnull=True, issued_on__isnull=True)
    elif year.isdigit() and len(year) == 4:
        pages = pages.filter(issued_year=int(year))
    else:
        return []
    return list(pages.filter(number_key=number).order_by("-issued_on", "pk")[:50])
