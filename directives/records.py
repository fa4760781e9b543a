"""Directives as plain records: the API answers them and the open-data export writes them, so a
directive reads the same in JSON, in the data files and on its page.

``summary`` is one row of a list (the open-data CSV columns are its keys); ``record`` adds the
body, the tasks, the obligations, the attachments and the citations both ways. Only public
pages are linked: a cited draft or restricted page stays a number, never an address.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from directives.document_signatures import signatures_payload
from directives.models import DirectivePage
from search.visibility import public_pages


def absolute(url: str | None, request=None) -> str | None:
    """A page or file address as a full URL: from the request's host when there is one, else
    (the open-data export) from the site's public base URL."""
    if url and url.startswith("/"):
        if request is not None:
            return request.build_absolute_uri(url)
        base = settings.PORTAL_ALERTS_BASE_URL or settings.WAGTAILADMIN_BASE_URL
        return base.rstrip("/") + url
    return url or None


def page_url(page, request=None) -> str | None:
    return absolute(page.get_url(request), request)


def public_directives() -> QuerySet:
    """Every public directive, newest first, as the directive list orders them."""
    return (
        public_pages(DirectivePage.objects.all())
        .select_related("issuer")
        .order_by("-issued_on", "-issued_year", "-first_published_at", "-pk")
    )


def summary(page: DirectivePage, request=None) -> dict[str, Any]:
    """The fields a list shows and a spreadsheet holds: one value per key, lists as lists."""
    return {
        "id": page.pk,
        "url": page_url(page, request),
        "title": page.title,
        "doc_type": page.doc_type,
        "doc_type_label": page.doc_type_label,
        "number": page.number or None,
        "number_key": page.number_key or None,
        "issuer": page.issuer.name if page.issuer_id else None,
        "issuer_id": page.issuer_id,
        "place": page.place or None,
        "issued_on": page.issued_on,
        "issued_year": page.year,
        "effective_on": page.effective_on,
        "validity": page.validity,
        "validity_label": page.get_validity_display(),
        "subject": page.subject,
        "signer_title": page.signer_title or None,
        "signer_name": page.signer_name or None,
    }


def _attachment(attachment, request) -> dict[str, Any]:
    document = attachment.document
    return {
        "title": document.title,
        "caption": attachment.caption or None,
        "url": absolute(document.url, request),
        "file_name": document.filename,
        "signatures": signatures_payload(attachment),
    }


def _citation(reference) -> dict[str, Any]:
    target = reference.linked_page
    return {
        "relation": reference.relation,
        "relation_label": reference.get_relation_display(),
        "doc_type": reference.doc_type or None,
        "number": reference.number or (target.number if target else None) or None,
        "cited_on": reference.cited_on,
        "directive_id": target.pk if target else None,
    }


def _obligation(obligation) -> dict[str, Any]:
    upstream = obligation.linked_page
    return {
        "requirement": obligation.requirement,
        "requirement_label": obligation.get_requirement_display(),
        "starts_on": obligation.starts_on,
        "ends_on": obligation.ends_on,
        "scope": obligation.scope_text,
        "procedure_codes": obligation.code_list,
        "implements": obligation.cited_label or None,
        "implements_id": upstream.pk if upstream else None,
    }


def record(page: DirectivePage, request=None) -> dict[str, Any]:
    """The whole directive: the summary, then everything its page shows."""
    cited_by = page.cited_by()
    return {
        **summary(page, request),
        "issued_month": page.issued_month,
        "recipients": page.recipient_list,
        "body": str(page.body),
        "signer_authority": page.authority_lines,
        "distribution": page.distribution_list,
        "tasks": [
            {
                "agency": task.agency.name if task.agency_id else None,
                "text": task.text,
                "due_on": task.due_on,
                "due_text": task.due_text or None,
            }
            for task in page.tasks.select_related("agency")
        ],
        "obligations": [_obligation(item) for item in page.obligations.all()],
        "attachments": [
            _attachment(item, request) for item in page.attachments.select_related("document")
        ],
        "cites": [_citation(item) for item in page.references.all()],
        "cited_by": [
            {
                "id": citing.pk,
                "number": citing.number or None,
                "title": citing.title,
                "issued_on": citing.issued_on,
                "url": page_url(citing, request),
            }
            for citing in cited_by
        ],
        "news": [
            {"id": item.pk, "title": item.title, "date": item.date, "url": page_url(item, request)}
            for item in page.public_news()
        ],
    }
