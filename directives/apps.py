from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directives"
    verbose_name = "Văn bản chỉ đạo"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from directives import document_signatures
        from directives.models import DirectivePage
        from directives.search_index import register_directives
        from directives.signals import directive_published

        register_directives()
        page_published.connect(
            directive_published, sender=DirectivePage, dispatch_uid="directives.link_citations"
        )
        document_signatures.connect()
