from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """Feeds, the sitemap, structured metadata and permanent addresses: how other systems
    and people find the portal's pages and cite them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "syndication"
    verbose_name = "Nguồn tin và địa chỉ trích dẫn"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from directives.models import Agency
        from syndication.eli import agency_saved

        post_save.connect(agency_saved, sender=Agency, dispatch_uid="syndication.issuer_slug")
