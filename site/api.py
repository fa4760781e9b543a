"""The portal's JSON API (django-ninja), one OpenAPI schema at /api/v1/openapi.json."""

import logging

from ninja import NinjaAPI
from ninja.errors import ValidationError

api = NinjaAPI(
    title="API Cổng thông tin điện tử",
    version="1",
    description="Tìm kiếm văn bản, tin tức và thủ tục hành chính.",
    urls_namespace="api",
)
api.add_router("/procedures", "procedures.api.router")
api.add_router("/search", "search.api.router")
api.add_router("/directives", "directives.api.router")
api.add_router("/news", "news.api.router")


@api.exception_handler(ValidationError)
def parameter_error(request, error: ValidationError):
    """A parameter that is missing or cannot be read at all: a 422 in Vietnamese, in the same
    {"detail": "..."} shape as every other error of the API."""
    names = sorted({str(item["loc"][-1]) for item in error.errors if item.get("loc")})
    logging.getLogger("api").info("api: unreadable parameters %s on %s", names, request.path)
    detail = "Tham số thiếu hoặc không hợp lệ: " + (", ".join(names) or "không rõ") + "."
    return api.create_response(request, {"detail": detail}, status=422)
