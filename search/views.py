"""The search page. A first version on Wagtail's search; the search service replaces it."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page


def search(request):
    query = request.GET.get("q", "").strip()
    results = Page.objects.live().public().search(query) if query else Page.objects.none()
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return TemplateResponse(request, "search/search.html", {"query": query, "results": page})
