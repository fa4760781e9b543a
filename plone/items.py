"""What a run keeps of each item: the scan's entry, what it became, the page model of each
kind, and the failure of one item."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from content.models import CollectionPage, ContentPage, EventPage, LinkPage, SectionPage
from directives.models import DirectiveIndexPage, DirectivePage
from news.models import NewsIndexPage, NewsPage
from plone import mapping

MODELS = {
    mapping.SECTION: SectionPage,
    mapping.DIRECTIVE_INDEX: DirectiveIndexPage,
    mapping.NEWS_INDEX: NewsIndexPage,
    mapping.CONTENT: ContentPage,
    mapping.DIRECTIVE: DirectivePage,
    mapping.NEWS: NewsPage,
    mapping.EVENT: EventPage,
    mapping.LINK: LinkPage,
    mapping.COLLECTION: CollectionPage,
}


class ItemFailed(Exception):
    """One item cannot be made; ``message_vi`` for the report."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


@dataclass
class Entry:
    """What the scan keeps of an item (small: the export may hold a million)."""

    uid: str
    portal_type: str
    path: str
    parent_path: str | None
    title: str
    kind: str | None
    position: int | None
    related: list[str]


@dataclass
class Made:
    """What an item became: ``kind`` (a page kind, document or image) and the object's id."""

    kind: str
    pk: int


def kind_of_model(model) -> str | None:
    """The kind an object of ``model`` was made as."""
    if issubclass(model, get_document_model()):
        return mapping.DOCUMENT
    if issubclass(model, get_image_model()):
        return mapping.IMAGE
    return next((kind for kind, page_model in MODELS.items() if page_model is model), None)
