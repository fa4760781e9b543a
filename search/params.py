"""Reading search parameters from a request, with a Vietnamese message for each bad one.

The page and the API read the same names (q, kind, doc_type, issuer, year_from, year_to,
signer, sort, page); the page drops what it cannot read and says so, the API answers 422.
A page number out of range is never an error: it becomes the nearest valid page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from search.query import SearchQuery, understand
from search.registry import kind_names

logger = logging.getLogger("search")

MESSAGES = {
    # The kinds are known once every app has registered its own; "{kinds}" is filled then.
    "kind": "Loại nội dung không hợp lệ; chọn một trong: {kinds}.",
    "sort": "Cách sắp xếp không hợp lệ; dùng “relevance” (phù hợp nhất) hoặc “date” (mới nhất).",
    "year_from": "“Từ năm” phải là một năm, ví dụ 2022.",
    "year_to": "“Đến năm” phải là một năm, ví dụ 2024.",
    "issuer": "Mã cơ quan ban hành không hợp lệ.",
}
# The page and both API calls, when the engine cannot answer (SearchUnavailable).
UNAVAILABLE = "Tìm kiếm tạm thời không hoạt động. Xin vui lòng thử lại sau ít phút."
NAMES = ("kind", "doc_type", "issuer", "year_from", "year_to", "signer", "sort", "page")


def read(params: Mapping[str, object], page_size: object = None) -> tuple[SearchQuery, list[str]]:
    """The understood query and the messages for parameters that were dropped."""
    values = {name: params.get(name) for name in NAMES}
    query = understand(params.get("q") or "", page_size=page_size, **values)
    messages = [
        MESSAGES[name].format(kinds=", ".join(kind_names()))
        for name in query.dropped
        if name in MESSAGES
    ]
    if query.dropped:
        logger.info(
            "search: dropped parameters %s from %r",
            ",".join(query.dropped),
            {name: str(values[name])[:40] for name in query.dropped if name in values},
        )
    return query, messages


__all__ = ["MESSAGES", "UNAVAILABLE", "read"]
