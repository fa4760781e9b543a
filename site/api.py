"""The portal's JSON API (django-ninja), one OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

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
