from django.urls import path, reverse
from django.utils.http import urlencode

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as DropdownItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from directives.document_access import check_document_access
from directives.importing import default_parent
from directives.models import Agency, DirectiveIndexPage
from directives.views import ImportReviewView, ImportUploadView, ScanProgressView, can_import


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = "Cơ quan"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "abbreviation", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "abbreviation"]


register_snippet(AgencyViewSet)


# Importing directives from their files (see directives.views).


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_import(request.user, default_parent())


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("directives/import/", ImportUploadView.as_view(), name="directives_import"),
        path(
            "directives/import/review/",
            ImportReviewView.as_view(),
            name="directives_import_review",
        ),
        path(
            "directives/import/scan/<uuid:reading_id>/",
            ScanProgressView.as_view(),
            name="directives_import_scan",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Nhập văn bản",
        reverse("directives_import"),
        name="directives-import",
        icon_name="upload",
        order=205,
    )


def _import_button(page, user, priority: int):
    if page.specific_class is DirectiveIndexPage and can_import(user, page):
        yield DropdownItem(
            "Nhập văn bản từ tệp",
            f"{reverse('directives_import')}?{urlencode({'parent': page.pk})}",
            icon_name="upload",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def directive_index_header_buttons(page, user, view_name=None, next_url=None):
    yield from _import_button(page, user, priority=16)


@hooks.register("register_page_listing_more_buttons")
def directive_index_listing_buttons(page, user, next_url=None):
    yield from _import_button(page, user, priority=9)


# A directive's files are as private as the directive (see directives.document_access).
hooks.register("before_serve_document", check_document_access)
