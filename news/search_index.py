"""News pages in the site search: the fields the search service indexes for them."""

from typing import Any

from search.documents import plain_text
from search.registry import register


def _news(page: Any) -> dict[str, Any]:
    return {
        "issued_on": page.date,
        "year": page.date.year if page.date else None,
        "summary": page.lead,
        "body": plain_text(page.body),
        "extra": page.citation,
        # The source directive's number: a search for it finds the news that explains it.
        "cites": [key] if (directive := page.target) and (key := directive.number_key) else [],
    }


def register_news() -> None:
    register("news", "news.NewsPage", _news, label="Tin tức", related=("target",))
