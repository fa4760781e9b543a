from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The portal's search: query understanding, engines, the search page and API."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "portal_search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from search import signals

        signals.connect()
