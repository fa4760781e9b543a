"""Write generated directives as real DirectivePage rows, in bulk.

Creating 100,000 pages through ``add_child`` and ``save_revision`` takes most of an hour;
the benchmark needs them in a minute. The rows written here are the rows Wagtail writes
(a ``wagtailcore_page`` row with its treebeard path, depth and URL path, the
``directives_directivepage`` row, the references), live and published, so the search engines
index them through their normal ``rebuild`` exactly as they would index edited pages.
What is skipped: revisions, the log, and the publish signals (the rebuild replaces them).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from bench.directive_corpus import GeneratedDirective, Issuer
from directives.models import Agency, DirectiveIndexPage, DirectivePage, DirectiveReference
from home.models import HomePage
from vntext import number_key


def make_site() -> DirectiveIndexPage:
    """A home page as the default site's root and the directive index under it."""
    locale = Locale.objects.first() or Locale.objects.create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(instance=HomePage(title="Cổng thông tin thử tải", slug="bench"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home.add_child(instance=DirectiveIndexPage(title="Văn bản", slug="van-ban"))


def _agencies(issuers: Iterable[Issuer]) -> dict[str, int]:
    wanted = {issuer.name: issuer for issuer in issuers}
    Agency.objects.bulk_create(
        [Agency(name=name, abbreviation=issuer.abbreviation) for name, issuer in wanted.items()],
        ignore_conflicts=True,
    )
    return dict(Agency.objects.filter(name__in=wanted).values_list("name", "pk"))


def _insert_child_rows(rows: list[DirectivePage]) -> None:
    """Insert only the DirectivePage table's own columns for pages that already exist.

    Django refuses ``bulk_create`` for multi-table inheritance, so this uses the insert
    query ``bulk_create`` itself is built on, in batches the database accepts.
    """
    fields = DirectivePage._meta.local_concrete_fields
    batch = max(1, connection.ops.bulk_batch_size(fields, rows) or len(rows))
    for start in range(0, len(rows), batch):
        DirectivePage._base_manager._insert(rows[start : start + batch], fields=fields)


def insert_directives(
    index: DirectiveIndexPage, directives: Iterable[GeneratedDirective], batch_size: int = 2000
) -> int:
    """Write the directives under ``index``, published, in batches of ``batch_size``."""
    directives = list(directives)
    content_type = ContentType.objects.get_for_model(DirectivePage)
    agencies = _agencies(directive.issuer for directive in directives)
    depth = index.depth + 1
    position = index.numchild
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, len(directives), batch_size):
            chunk = directives[start : start + batch_size]
            pages = []
            for directive in chunk:
                position += 1
                slug = f"van-ban-{position}"
                published = timezone.make_aware(datetime.combine(directive.issued_on, time(8)))
                pages.append(
                    Page(
                        title=directive.title,
                        draft_title=directive.title,
                        slug=slug,
                        content_type=content_type,
                        path=Page._get_path(index.path, depth, position),
                        depth=depth,
                        numchild=0,
                        url_path=f"{index.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        latest_revision_created_at=now,
                        locale_id=index.locale_id,
                        translation_key=uuid.uuid4(),
                    )
                )
            Page.objects.bulk_create(pages)
            rows, references = [], []
            for page, directive in zip(pages, chunk, strict=True):
                rows.append(_directive_row(page.pk, directive, agencies))
                references += [
                    DirectiveReference(
                        page_id=page.pk,
                        sort_order=order,
                        doc_type=citation.doc_type,
                        number=citation.number,
                        number_key=number_key(citation.number),
                        cited_on=citation.cited_on,
                    )
                    for order, citation in enumerate(directive.citations)
                ]
            _insert_child_rows(rows)
            DirectiveReference.objects.bulk_create(references, batch_size=1000)
        Page.objects.filter(pk=index.pk).update(numchild=position)
    return len(directives)


def _directive_row(
    page_id: int, directive: GeneratedDirective, agencies: dict[str, int]
) -> DirectivePage:
    return DirectivePage(
        page_ptr_id=page_id,
        doc_type=directive.doc_type,
        number=directive.number,
        number_key=number_key(directive.number),
        issuer_id=agencies[directive.issuer.name],
        place=directive.place,
        issued_on=directive.issued_on,
        issued_year=directive.issued_on.year,
        issued_month=directive.issued_on.month,
        validity="con-hieu-luc",
        subject=directive.subject,
        recipients=directive.recipients,
        body=directive.body_html,
        signer_authority=directive.signer_authority,
        signer_title=directive.signer_title,
        signer_name=directive.signer_name,
        distribution=directive.distribution,
    )
