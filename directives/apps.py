from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directives"
    verbose_name = "Văn bản chỉ đạo"
