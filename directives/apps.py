from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directives"
    verbose_name = "Văn bản chỉ đạo"

    def ready(self) -> None:
        """Register the directives' search document; connect the citation resolver
        (publishing any page that cites links its citations, a directive's publication also
        links the citations waiting for its number; unpublishing or deleting a directive moves
        the citations that pointed at it; a directive that replaces, amends or repeals another
        writes the other's validity, undone when it leaves) and the signature check of attached PDFs."""
        from django.db.models.signals import post_delete, pre_delete

        from wagtail.signals import page_published, page_unpublished

        from directives import document_signatures
        from directives.citations import citing_page_models
        from directives.models import DirectivePage
        from directives.search_index import register_directives
        from directives.signals import (
            directive_deleted,
            directive_deleting,
            directive_published,
            directive_unpublished,
        )

        register_directives()
        page_published.connect(
            directive_published, sender=DirectivePage, dispatch_uid="directives.link_citations"
        )
        for page_model in citing_page_models() - {DirectivePage}:
            page_published.connect(
                directive_published,
                sender=page_model,
                dispatch_uid=f"directives.link_citations.{page_model._meta.label}",
            )
        page_unpublished.connect(
            directive_unpublished, sender=DirectivePage, dispatch_uid="directives.unlink_citations"
        )
        post_delete.connect(
            directive_deleted, sender=DirectivePage, dispatch_uid="directives.unlink_deleted"
        )
        pre_delete.connect(
            directive_deleting, sender=DirectivePage, dispatch_uid="directives.validity_deleting"
        )
        document_signatures.connect()
