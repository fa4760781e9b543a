"""A cited document, the one idea behind five things on the site.

A directive's references, a procedure's legal basis and its online-level history, the document
an obligation implements and a news item's source all name a document "as a page on the site,
or by its number as text". ``CitedDocument`` holds that idea once: the link (``target``), the
citation as written, the type, number and date as printed, the number's key and the relation.
Every concrete model that inherits it is linked by the same resolver
(``directives.signals``) when the cited page is published, unpublished or deleted, is named by
the same label (``vntext.citation_label``) and is shown by one template component
(``templates/components/citation.html``).
"""

from __future__ import annotations

from typing import ClassVar

from django.apps import apps
from django.db import models
from django.utils.functional import cached_property

from directives.vocabulary import Relation
from search.visibility import is_public
from vntext import citation_label, number_key


def cited_page_field(verbose_name: str = "trang văn bản", related_name: str = "+", **options):
    """The link to the cited page; a subclass words it for its editors and names its way back."""
    return models.ForeignKey(
        "directives.DirectivePage",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def citation_text_field(verbose_name: str = "văn bản (như đã ghi)", **options):
    """The citation as the editor or the importer wrote it."""
    return models.CharField(verbose_name, max_length=255, blank=True, **options)


class CitedDocument(models.Model):
    """A document cited by its page (``target``) or by its number as text.

    ``number_key`` is what the resolver matches pages by: the key of the number written here,
    else of the chosen page's number, so an editor's link survives the page being unpublished
    and published again. A subclass redeclares ``target`` for its own wording and reverse
    name, and names in ``citing_page`` the field of the page that does the citing: the
    resolver links a page's own citations when it is published, and never links a page to
    itself."""

    target = cited_page_field()
    citation = citation_text_field(
        help_text="Khi văn bản chưa có trên cổng: Quyết định số 2808/QĐ-UBND ngày 19/11/2025."
    )
    doc_type = models.CharField("loại văn bản (như văn bản ghi)", max_length=64, blank=True)
    number = models.CharField("số, ký hiệu", max_length=64, blank=True)
    number_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    cited_on = models.DateField("ngày", null=True, blank=True)
    relation = models.CharField(
        "quan hệ", max_length=16, choices=Relation.choices, default=Relation.CITES
    )

    citing_page: ClassVar[str] = "page"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def fill_derived_fields(self) -> None:
        """``number_key`` from the number as printed, else the linked page's: what ``save``
        does, called by the bulk import too, which inserts rows without ``save``."""
        self.number_key = number_key(self.number or (self.target.number if self.target else ""))

    @cached_property
    def linked_page(self):
        """The cited page when the public may see it: a link to a draft or a restricted page
        would show its address and title. The resolver stores the link; nothing is looked up
        while a page renders."""
        if self.target_id and is_public(self.target):
            return self.target
        return None

    @property
    def cited_label(self) -> str:
        """What the reader sees: the citation as the editor wrote it, else the number as
        printed with its type (the linked page's type when none was written), else the linked
        page's own name. A page the public may not see lends nothing, not even its number."""
        if self.citation:
            return self.citation
        page = self.linked_page
        if self.number:
            return citation_label(
                self.doc_type or (page.doc_type_label if page else ""), self.number
            )
        return page.label if page else ""

    @property
    def shown_date(self):
        """The cited date, shown after the label when the label is not a sentence of the
        editor's (which carries its own date)."""
        return None if self.citation else self.cited_on

    @property
    def relation_note(self) -> str:
        """The relation in a word when it is more than a plain citation ("thay thế")."""
        return "" if self.relation == Relation.CITES else self.get_relation_display().lower()


def cited_models() -> list[type[CitedDocument]]:
    """Every concrete model that cites documents: what the resolver links."""
    return [model for model in apps.get_models() if issubclass(model, CitedDocument)]


def citing_page_models() -> set[type[models.Model]]:
    """The page types whose publication links citations they make: the page a citation hangs
    on, or the page itself when it is the citation (a news item and its source)."""
    found = set()
    for model in cited_models():
        field = model._meta.get_field(model.citing_page)
        found.add(model if field.remote_field.parent_link else field.related_model)
    return found
