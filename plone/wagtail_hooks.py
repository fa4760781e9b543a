from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from plone.views import ImportRunsView


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_plone_urls():
    return [
        path("plone/", ImportRunsView.as_view(), name="plone_import_runs"),
        path("plone/<int:run_id>/", ImportRunsView.as_view(), name="plone_import_run"),
    ]


@hooks.register("register_settings_menu_item")
def register_plone_menu_item():
    return SuperuserMenuItem(
        "Nhập từ Plone", reverse("plone_import_runs"), name="plone-import", icon_name="download"
    )
