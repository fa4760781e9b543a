"""Makes the admin's page search find what editors type: a page title without diacritics
("giay phep xay dung") and identifiers such as a procedure code ("1.004122") or a document
number.

Wagtail's admin page search runs ``Page.objects.autocomplete(q)`` on the site's search backend,
which matches only AutocompleteFields: the title, with its diacritics. HomeConfig.ready adds
one more to every page model, ``admin_folded_text``, whose value is the title and the model's short
text fields (codes, numbers, fields of practice …), folded by vntext.folding. The portal's own
search (search/) is separate and unaffected. Pages indexed before this field existed are found
after ``manage.py update_index``."""

from django.db import models

from wagtail.models import Page, get_page_models
from wagtail.search import index

from vntext.folding import fold

FIELD_NAME = "admin_folded_text"


def folded_text(page) -> str:
    """The page's title and short text fields (codes, numbers …), folded."""
    parts = [page.title]
    for field in page.search_fields:
        if not isinstance(field, index.SearchField):
            continue
        try:
            model_field = page._meta.get_field(field.field_name)
        except models.FieldDoesNotExist:
            continue
        if isinstance(model_field, models.CharField) and not model_field.choices:
            parts.append(str(field.get_value(page) or ""))
    return fold(" ".join(part for part in parts if part))


def add_folded_autocomplete() -> None:
    """Gives each page model the ``admin_folded_text`` method and an AutocompleteField on it,
    once."""
    for model in get_page_models():
        if model is Page or model._meta.abstract or FIELD_NAME in model.__dict__:
            continue
        setattr(model, FIELD_NAME, folded_text)
        model.search_fields = [*model.search_fields, index.AutocompleteField(FIELD_NAME)]
