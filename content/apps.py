from django.apps import AppConfig


class ContentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "content"
    verbose_name = "Trang nội dung"

    def ready(self) -> None:
        from content.search_index import register_content

        register_content()
