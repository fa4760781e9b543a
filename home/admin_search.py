"""Makes the admin's page search find what editors type: a page title without diacritics
("giay phep xay dung") and identifiers such as a procedure code ("1.004122") or a document
number.

Wagtail's admin page search runs ``Page.objects.autocomplete(q)`` on the site's search backend,
which matches only AutocompleteFields: the title, with its diacritics. HomeConfig.ready adds
one more to every page model, ``admin_folded_text``, whose value is the title and the model's short
text fields (codes, numbers, fields of practice …), folded by vntext.folding. The portal's own
search (search/) is separate and unaffected. Pages indexed before this field existed are found
after ``manage.py update_index``."""

import re

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from wagtail.models import Page, get_page_models
from wagtail.search import index

from vntext.folding import fold

FIELD_NAME = "admin_folded_text"


# The separators of a document number ("12/KH-UBND", "48/2024/QĐ-UBND").
_NUMBER_SEPARATORS = re.compile(r"[/\-]+")
_HYPHENS = re.compile(r"-+")


def folded_text(page) -> str:
    """The page's title and short text fields (codes, numbers …), folded. A value with
    slashes or hyphens is also given as its parts ("12 kh ubnd", and "12/kh ubnd" as the
    admin's query splits at hyphens): PostgreSQL's parser reads "12/kh-ubnd" as one token, so
    "KH-UBND", "12 KH UBND" or the number as printed would find nothing there."""
    parts = [page.title]
    for field in page.search_fields:
        if not isinstance(field, index.SearchField):
            continue
        try:
            model_field = page._meta.get_field(field.field_name)
        except FieldDoesNotExist:
            continue
        if isinstance(model_field, models.CharField) and not model_field.choices:
            value = str(field.get_value(page) or "")
            parts.append(value)
            if _NUMBER_SEPARATORS.search(value):
                parts.append(_NUMBER_SEPARATORS.sub(" ", value))
                parts.append(_HYPHENS.sub(" ", value))
    return fold(" ".join(part for part in parts if part))


def add_folded_autocomplete() -> None:
    """Gives each page model the ``admin_folded_text`` method and an AutocompleteField on it,
    once."""
    for model in get_page_models():
        if model is Page or model._meta.abstract or FIELD_NAME in model.__dict__:
            continue
        setattr(model, FIELD_NAME, folded_text)
        model.search_fields = [*model.search_fields, index.AutocompleteField(FIELD_NAME)]
