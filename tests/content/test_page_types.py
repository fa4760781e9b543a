"""The general page types: where editors may add them, and that each renders for a reader,
in the editor's preview and in the admin's edit form."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model

from wagtail.coreutils import get_dummy_request
from wagtail.test.utils import WagtailPageTestCase

from content.models import CollectionPage, ContentPage, EventPage, LinkPage, SectionPage
from directives.models import DirectiveIndexPage, DirectivePage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from tests.factories import directive_index, make_directive, make_page, make_site

GENERAL_TYPES = (ContentPage, EventPage, LinkPage, CollectionPage)


class GeneralPageRulesTests(WagtailPageTestCase):
    def setUp(self):
        self.home = make_site()
        # Wagtail's class-wide dummy request keeps the site root paths of the first test
        # that used it; each test here makes its own site.
        self.dummy_request = get_dummy_request()

    def test_sections_go_under_the_home_page_a_section_or_a_list(self):
        self.assertAllowedParentPageTypes(
            SectionPage, {HomePage, SectionPage, DirectiveIndexPage, NewsIndexPage}
        )

    def test_content_types_go_under_the_home_page_or_a_section(self):
        for model in GENERAL_TYPES:
            self.assertAllowedParentPageTypes(model, {HomePage, SectionPage})
            self.assertAllowedSubpageTypes(model, set())
        self.assertCanNotCreateAt(DirectiveIndexPage, ContentPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)

    def test_a_section_holds_any_kind_of_page_so_a_tree_can_be_kept(self):
        for model in (*GENERAL_TYPES, SectionPage, DirectiveIndexPage, NewsIndexPage):
            self.assertCanCreateAt(SectionPage, model)
        self.assertCanCreateAt(SectionPage, DirectivePage)
        self.assertCanCreateAt(SectionPage, NewsPage)
        # A year folder inside the directive list.
        self.assertCanCreateAt(DirectiveIndexPage, SectionPage)

    def test_each_general_page_type_renders_previews_and_edits(self):
        section = make_page(self.home, SectionPage, title="Giới thiệu", intro="<p>Chào.</p>")
        pages = [
            section,
            make_page(section, ContentPage, lead="Tóm tắt.", body="<p>Nội dung.</p>"),
            make_page(
                section,
                EventPage,
                start=datetime(2024, 4, 20, 17, tzinfo=UTC),
                end=datetime(2024, 4, 21, 16, 59, tzinfo=UTC),
                whole_day=True,
                recurrence="RRULE:FREQ=YEARLY;COUNT=3",
            ),
            make_page(section, CollectionPage, criteria={"types": ["content.ContentPage"]}),
        ]
        for page in pages:
            self.assertPageIsRenderable(page)
            self.assertPageIsPreviewable(page)
        link = make_page(section, LinkPage, link_page=directive_index())
        self.assertPageIsRenderable(link, accept_redirect=True)
        admin = get_user_model().objects.create_superuser("bientap", "b@example.org", "x")
        self.client.force_login(admin)
        for page in [*pages, link]:
            response = self.client.get(f"/admin/pages/{page.pk}/edit/")
            self.assertEqual(response.status_code, 200, page)
        response = self.client.get(f"/admin/pages/add/content/eventpage/{section.pk}/")
        self.assertContains(response, "Thời gian")

    def test_directive_under_a_section_renders(self):
        section = make_page(self.home, SectionPage, title="Văn bản quản lý")
        directive = make_directive(number="9/QĐ-UBND", subject="V/v thử", parent=section)
        self.assertPageIsRenderable(directive)
