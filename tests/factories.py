"""Builders for pages and snippets in tests. Plain functions over Wagtail's own API, so a test
reads as the editor's steps: make the site, add a directive under its index, publish it."""

from datetime import date
from itertools import count

from wagtail.models import Locale, Page, Site

from directives.models import (
    Agency,
    DirectiveIndexPage,
    DirectivePage,
    DirectiveReference,
    DirectiveTask,
)
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage

_serial = count(1)


def make_site() -> HomePage:
    """A HomePage as the default site's root, with the directive and news indexes under it."""
    # A transactional test flushes the tree Wagtail's migrations made; build it again.
    if not Locale.objects.exists():
        Locale.objects.create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Cổng thử nghiệm", slug=f"home-{next(_serial)}"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    home.add_child(instance=DirectiveIndexPage(title="Văn bản", slug="van-ban", show_in_menus=True))
    home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True))
    return home


def directive_index() -> DirectiveIndexPage:
    return DirectiveIndexPage.objects.get()


def news_index() -> NewsIndexPage:
    return NewsIndexPage.objects.get()


def make_agency(
    name: str = "Ủy ban nhân dân tỉnh Thử", abbreviation: str = "UBND", **kwargs
) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        name=name, defaults={"abbreviation": abbreviation, **kwargs}
    )
    return agency


def make_directive(
    *,
    number: str = "",
    subject: str = "V/v thử nghiệm",
    doc_type: str = "cong-van",
    issued_on: date | None = date(2024, 5, 16),
    issuer: Agency | None = None,
    references: list[dict] | None = None,
    tasks: list[dict] | None = None,
    publish: bool = True,
    parent: Page | None = None,
    **fields,
) -> DirectivePage:
    """A DirectivePage under the directive index, published unless ``publish=False``."""
    serial = next(_serial)
    page = DirectivePage(
        title=fields.pop("title", f"{subject[:60]} {number}".strip()),
        slug=fields.pop("slug", f"van-ban-{serial}"),
        number=number,
        subject=subject,
        doc_type=doc_type,
        issued_on=issued_on,
        issuer=issuer,
        **fields,
    )
    for reference in references or []:
        page.references.add(DirectiveReference(**reference))
    for task in tasks or []:
        page.tasks.add(DirectiveTask(**task))
    page.live = publish
    (parent or directive_index()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def make_news(*, title: str = "Tin thử nghiệm", publish: bool = True, **fields) -> NewsPage:
    serial = next(_serial)
    page = NewsPage(
        title=title,
        slug=fields.pop("slug", f"tin-{serial}"),
        body=fields.pop("body", "<p>Nội dung tin.</p>"),
        **fields,
    )
    page.live = publish
    news_index().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page
