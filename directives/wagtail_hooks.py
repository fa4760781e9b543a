from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from directives.models import Agency


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
