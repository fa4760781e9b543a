"""The permanent-address view: one document redirects, two documents ask the reader."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from syndication.eli import PREFIX, resolve

logger = logging.getLogger("syndication")


def permanent_address(request: HttpRequest, issuer: str, year: str, number: str) -> HttpResponse:
    """Redirect (302, the page may move again) to the public directive the address names."""
    pages = resolve(issuer, year, number)
    if not pages:
        logger.info("permanent address: nothing public at %s%s/%s/%s", PREFIX, issuer, year, number)
        raise Http404("Không có văn bản nào ở địa chỉ trích dẫn này.")
    if len(pages) == 1:
        return HttpResponseRedirect(pages[0].url)
    logger.info(
        "permanent address: %s%s/%s/%s names %d documents %s",
        PREFIX,
        issuer,
        year,
        number,
        len(pages),
        [page.pk for page in pages],
    )
    # 300 Multiple Choices: the address is right, it just names more than one document.
    return TemplateResponse(
        request,
        "syndication/permanent_address_choices.html",
        {"pages": pages, "address": request.path},
        status=300,
    )
