"""Editors can only build the tree the portal expects."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.models import SectionPage
from directives.models import DirectiveIndexPage, DirectivePage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from tests.factories import make_directive, make_news, make_site


class PageTreeRulesTests(WagtailPageTestCase):
    def setUp(self):
        self.home = make_site()

    def test_home_page_sits_under_the_root_only(self):
        """The home page can be created under Wagtail's root, nowhere else."""
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_sections_live_under_the_home_page(self):
        """Directive and news indexes hang from the home page, or from a section (an imported
        site's tree)."""
        self.assertAllowedParentPageTypes(DirectiveIndexPage, {HomePage, SectionPage})
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage, SectionPage})

    def test_items_live_under_their_own_index(self):
        """A directive goes under the directive index, a news item under the news index (or
        either under a section, as an imported site's folders hold them)."""
        self.assertAllowedParentPageTypes(DirectivePage, {DirectiveIndexPage, SectionPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage, SectionPage})
        self.assertCanNotCreateAt(NewsIndexPage, DirectivePage)
        self.assertCanNotCreateAt(DirectiveIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, DirectivePage)

    def test_leaf_pages_have_no_children(self):
        """Directives and news items take no subpages."""
        self.assertAllowedSubpageTypes(DirectivePage, set())
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_one_index_per_home(self):
        """A second directive index under the same home page is refused."""
        self.assertFalse(DirectiveIndexPage.can_create_at(self.home))
        self.assertFalse(NewsIndexPage.can_create_at(self.home))

    def test_every_page_type_renders(self):
        """Each page type renders for a reader and in the editor's preview."""
        directive = make_directive(number="10/UBND-VP", subject="V/v kiểm tra hiển thị")
        news = make_news(title="Tin kiểm tra hiển thị")
        for page in (
            self.home,
            DirectiveIndexPage.objects.get(),
            directive,
            NewsIndexPage.objects.get(),
            news,
        ):
            self.assertPageIsRenderable(page)
            self.assertPageIsPreviewable(page)
