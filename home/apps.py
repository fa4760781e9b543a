from django.apps import AppConfig
from django.conf import settings

from reading import limits


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Trang chủ"

    def ready(self) -> None:
        # The readers are pure Python; the site's limits come from its settings.
        limits.set_overrides(lambda: getattr(settings, "IMPORT_LIMITS", None) or {})
        # The admin's page search finds unaccented titles and codes (home/admin_search.py).
        from home.admin_search import add_folded_autocomplete

        add_folded_autocomplete()
        # Kept pages move to a new generation on every change a page may show (home/pagecache.py).
        from home.pagecache import connect_signals

        connect_signals()
        # With PORTAL_STATIC_DIR set, the site's files follow each publication.
        from home import static_publish

        static_publish.connect_signals()
