"""The examples the search page gives, taken from the site's own content: a document number
that is published here (as printed, spaced without marks, after "số"), words of a title typed
without diacritics, and abbreviations whose meaning appears in the titles. An example that
finds nothing would teach people that the search does not work."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache

from wagtail.models import Page

from search.abbreviations import ABBREVIATIONS, DOCUMENT_TYPE_ABBREVIATIONS
from search.registry import kinds
from search.visibility import public_pages
from vntext import fold, fold_tokens

CACHE_KEY = "search:hints"
CACHE_SECONDS = 600
RECENT_TITLES = 300
MAX_ABBREVIATIONS = 3


@dataclass(frozen=True)
class Hints:
    """Examples for the search page; any of them may be missing on an empty site."""

    number: str = ""
    number_spaced: str = ""
    number_running: str = ""
    unaccented: str = ""
    abbreviations: list[str] = field(default_factory=list)


def hints() -> Hints:
    found = cache.get(CACHE_KEY)
    if found is None:
        found = read_hints()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def read_hints() -> Hints:
    number = _newest_number()
    titles = _recent_titles()
    tokens = fold_tokens(number)
    return Hints(
        number=number,
        number_spaced=" ".join(tokens) if len(tokens) > 1 else "",
        number_running=f"số {tokens[0]}" if tokens and tokens[0].isdigit() else "",
        unaccented=_unaccented(titles),
        abbreviations=_abbreviations(titles),
    )


def _newest_number() -> str:
    """The number of the newest public document that has one with letters and digits."""
    for kind in kinds():
        model = apps.get_model(kind.model)
        names = {f.name for f in model._meta.get_fields()}
        if not {"number", "issued_on"} <= names:
            continue
        numbers = (
            public_pages(model.objects.all())
            .exclude(number="")
            .order_by("-issued_on", "-pk")
            .values_list("number", flat=True)[:20]
        )
        for number in numbers:
            if any(c.isdigit() for c in number) and any(c.isalpha() for c in number):
                return number
    return ""


def _recent_titles() -> list[str]:
    return list(
        public_pages(Page.objects.filter(depth__gt=2))
        .order_by("-last_published_at", "-pk")
        .values_list("title", flat=True)[:RECENT_TITLES]
    )


def _unaccented(titles: list[str]) -> str:
    """Three words that follow each other in a recent title, typed without diacritics (only
    if they had some): "ho kinh doanh" from "Từ 01/7, hộ kinh doanh …"."""
    for title in titles:
        run: list[str] = []
        for word in title.split():
            run = [*run, word][-3:] if word.isalpha() and len(word) > 1 else []
            if len(run) == 3 and fold(" ".join(run)) != " ".join(run).casefold():
                return " ".join(fold_tokens(" ".join(run)))
    return ""


def _abbreviations(titles: list[str]) -> list[str]:
    """Abbreviations whose meaning, or which themselves, the recent titles spell."""
    text = " " + " ".join(" ".join(fold_tokens(title)) for title in titles) + " "
    found = []
    for abbreviation, expansions in ABBREVIATIONS.items():
        if abbreviation in DOCUMENT_TYPE_ABBREVIATIONS:
            continue
        runs = [abbreviation, *expansions]
        if any(f" {' '.join(fold_tokens(run))} " in text for run in runs):
            found.append(abbreviation)
        if len(found) == MAX_ABBREVIATIONS:
            break
    return found
