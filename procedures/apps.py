from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self) -> None:
        from directives.importing import record_applied
        from procedures.search_index import register_procedures
        from procedures.suggestions import suggest_on_import

        register_procedures()
        record_applied.connect(suggest_on_import, dispatch_uid="procedures-suggest-obligations")
