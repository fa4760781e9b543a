from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self) -> None:
        from procedures.search_index import register_procedures

        register_procedures()
