"""Who may download a document that belongs to a page.

A directive's original file and its attachments are Wagtail documents, served by Wagtail at
/documents/<id>/<name> to anyone who knows the address, whatever the state of the page.
A draft's file, a withdrawn directive's file and a restricted page's file must stay as
private as the page: a document attached to pages is served when one of them is live and
this request may view it (every view restriction on it accepts the request), or when the
user may edit one of them. A document attached to no page keeps Wagtail's own rules
(collection privacy).
"""

from __future__ import annotations

import logging

from django.http import Http404

from directives.models import DirectivePage
from search.visibility import can_view

logger = logging.getLogger("directives")


def owning_pages(document) -> list:
    """The pages ``document`` belongs to: the directives it is attached to (the imported
    original file is an attachment too)."""
    return list(DirectivePage.objects.filter(attachments__document=document).distinct())


def may_download(document, request) -> bool:
    pages = owning_pages(document)
    if not pages:
        return True
    if any(can_view(page, request) for page in pages):
        return True
    user = request.user
    return user.is_authenticated and any(
        page.permissions_for_user(user).can_edit() for page in pages
    )


def check_document_access(document, request) -> None:
    """The ``before_serve_document`` hook: a 404 (the file's existence is not told) when the
    document belongs only to pages this request may not see."""
    if may_download(document, request):
        return
    logger.warning(
        "document %s refused to %s: it belongs only to pages that are not public",
        document.pk,
        request.user if request.user.is_authenticated else "an anonymous visitor",
    )
    raise Http404("Không tìm thấy tệp.")
