from django.apps import AppConfig


class PloneConfig(AppConfig):
    """The importer of whole Plone sites (issue 13): ``manage.py import_plone``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "plone"
    verbose_name = "Chuyển từ Plone"
