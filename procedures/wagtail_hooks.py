"""The admin's "Nhập danh mục thủ tục" screen (see procedures.views)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as DropdownItem

from procedures.importing import catalogue_page
from procedures.models import ProcedureIndexPage
from procedures.views import ImportConfirmView, ImportUploadView, can_import


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_import(request.user, catalogue_page())


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("procedures/import/", ImportUploadView.as_view(), name="procedures_import"),
        path(
            "procedures/import/confirm/",
            ImportConfirmView.as_view(),
            name="procedures_import_confirm",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Nhập danh mục thủ tục",
        reverse("procedures_import"),
        name="procedures-import",
        icon_name="upload",
        order=206,
    )


@hooks.register("register_page_header_buttons")
def catalogue_header_buttons(page, user, view_name=None, next_url=None):
    if page.specific_class is ProcedureIndexPage and can_import(user, page.specific):
        yield DropdownItem(
            "Nhập danh mục từ tệp", reverse("procedures_import"), icon_name="upload", priority=16
        )
