"""Builders for pages and snippets in tests. Plain functions over Wagtail's own API, so a test
reads as the editor's steps: make the site, add a directive under its index, publish it; the
procedure catalogue and its model case (a province's dispatch and a city's dispatch implementing
it) too."""

from datetime import date
from itertools import count

from wagtail.models import Collection, Locale, Page, Site

from directives.models import (
    Agency,
    DirectiveIndexPage,
    DirectivePage,
    DirectiveReference,
    DirectiveTask,
)
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from procedures.models import Obligation, OnlineLevelChange, ProcedureIndexPage, ProcedurePage
from procedures.vocabulary import OnlineLevel, Requirement

_serial = count(1)

PROVINCE = "Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu"
CITY = "Ủy ban nhân dân thành phố Vũng Tàu"


def add_page(parent: Page, page: Page, *, publish: bool = True) -> Page:
    """Add ``page`` under ``parent`` as an editor would: saved, with a revision, and published
    through that revision unless ``publish=False`` (then a draft that was never live)."""
    page.live = publish
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def make_site() -> HomePage:
    """A HomePage as the default site's root, with the directive and news indexes under it."""
    # A transactional test flushes the tree Wagtail's migrations made; build it again.
    if not Locale.objects.exists():
        Locale.objects.create(language_code="vi")
    if not Collection.objects.exists():  # where documents and images are filed
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Cổng thử nghiệm", slug=f"home-{next(_serial)}"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    home.add_child(instance=DirectiveIndexPage(title="Văn bản", slug="van-ban", show_in_menus=True))
    home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True))
    return home


def directive_index() -> DirectiveIndexPage:
    return DirectiveIndexPage.objects.get()


def news_index() -> NewsIndexPage:
    return NewsIndexPage.objects.get()


def make_agency(
    name: str = "Ủy ban nhân dân tỉnh Thử", abbreviation: str = "UBND", **kwargs
) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        name=name, defaults={"abbreviation": abbreviation, **kwargs}
    )
    return agency


def make_directive(
    *,
    number: str = "",
    subject: str = "V/v thử nghiệm",
    doc_type: str = "cong-van",
    issued_on: date | None = date(2024, 5, 16),
    issuer: Agency | None = None,
    references: list[dict] | None = None,
    tasks: list[dict] | None = None,
    publish: bool = True,
    parent: Page | None = None,
    **fields,
) -> DirectivePage:
    """A DirectivePage under the directive index, published unless ``publish=False``."""
    serial = next(_serial)
    page = DirectivePage(
        title=fields.pop("title", f"{subject[:60]} {number}".strip()),
        slug=fields.pop("slug", f"van-ban-{serial}"),
        number=number,
        subject=subject,
        doc_type=doc_type,
        issued_on=issued_on,
        issuer=issuer,
        **fields,
    )
    for reference in references or []:
        page.references.add(DirectiveReference(**reference))
    for task in tasks or []:
        page.tasks.add(DirectiveTask(**task))
    return add_page(parent or directive_index(), page, publish=publish)


def make_news(*, title: str = "Tin thử nghiệm", publish: bool = True, **fields) -> NewsPage:
    serial = next(_serial)
    page = NewsPage(
        title=title,
        slug=fields.pop("slug", f"tin-{serial}"),
        body=fields.pop("body", "<p>Nội dung tin.</p>"),
        **fields,
    )
    return add_page(news_index(), page, publish=publish)


def catalogue(home: Page) -> ProcedureIndexPage:
    """The catalogue under ``home``, created once."""
    existing = ProcedureIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return home.add_child(
        instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc", show_in_menus=True)
    )


def make_procedure(
    index: ProcedureIndexPage,
    code: str,
    *,
    title: str | None = None,
    online_level: str = OnlineLevel.NONE,
    history: list[tuple[str, date | None, str]] | None = None,
    publish: bool = True,
    **fields,
) -> ProcedurePage:
    """A published ProcedurePage; ``history`` is (level, from, citation) entries."""
    page = ProcedurePage(
        title=title or f"Thủ tục thử nghiệm {code}",
        slug=fields.pop("slug", f"thu-tuc-{next(_serial)}"),
        code=code,
        online_level=online_level,
        **fields,
    )
    for level, valid_from, citation in history or []:
        page.online_levels.add(
            OnlineLevelChange(level=level, valid_from=valid_from, citation=citation)
        )
    return add_page(index, page, publish=publish)


def make_dispatch(
    number: str,
    issued_on: date,
    issuer: str,
    obligations: list[Obligation],
    *,
    publish: bool = True,
    confirmed: bool = True,
) -> DirectivePage:
    """A Công văn under the directive index carrying ``obligations``, confirmed by an editor
    unless ``confirmed=False`` (the importer's proposals)."""
    for obligation in obligations:
        obligation.confirmed = confirmed
    agency, _ = Agency.objects.get_or_create(name=issuer, defaults={"abbreviation": "UBND"})
    page = DirectivePage(
        title=f"Công văn số {number}",
        slug=f"cong-van-{next(_serial)}",
        doc_type="cong-van",
        number=number,
        issued_on=issued_on,
        issuer=agency,
        subject="V/v thực hiện hồ sơ thủ tục hành chính nội bộ theo hình thức trực tuyến",
        obligations=obligations,
    )
    return add_page(directive_index(), page, publish=publish)


def make_model_case(index: ProcedureIndexPage) -> dict:
    """5436/UBND-VP of 16/05/2022: from 20/05/2022 internal procedures offered online at level
    3 or 4 are online only; a city dispatch of 18/05/2022 implements it for the city's
    district-level procedures. Returns the documents and three procedures: one covered, one
    for citizens, one internal but not offered online."""
    province = make_dispatch(
        "5436/UBND-VP",
        date(2022, 5, 16),
        PROVINCE,
        [
            Obligation(
                requirement=Requirement.ONLINE_ONLY,
                starts_on=date(2022, 5, 20),
                for_internal=True,
                level_full=True,
                level_partial=True,
            )
        ],
    )
    city = make_dispatch(
        "1712/UBND-VP",
        date(2022, 5, 18),
        CITY,
        [
            Obligation(
                requirement=Requirement.ONLINE_ONLY,
                starts_on=date(2022, 5, 20),
                for_internal=True,
                level_full=True,
                level_partial=True,
                level_district=True,
                target=province,
            )
        ],
    )
    covered = make_procedure(
        index,
        "2.000101",
        title="Thẩm định đề án vị trí việc làm của cơ quan chuyên môn cấp huyện",
        online_level=OnlineLevel.FULL,
        field="Tổ chức cán bộ",
        level_district=True,
        for_internal=True,
    )
    citizens = make_procedure(
        index,
        "1.000202",
        title="Đăng ký khai sinh",
        online_level=OnlineLevel.FULL,
        field="Hộ tịch",
        level_commune=True,
        for_citizens=True,
    )
    offline = make_procedure(
        index,
        "2.000303",
        title="Đề nghị cấp kinh phí hoạt động của tổ chức chính trị - xã hội",
        online_level=OnlineLevel.NONE,
        field="Tài chính",
        level_province=True,
        for_internal=True,
    )
    return {
        "province": province,
        "city": city,
        "covered": covered,
        "citizens": citizens,
        "offline": offline,
    }


def make_page(parent: Page, model: type[Page], *, tags=(), publish: bool = True, **fields):
    """A page of ``model`` (a section, content page, event, link or collection, or any other
    type) under ``parent``, with ``tags``, published unless ``publish=False``."""
    serial = next(_serial)
    fields.setdefault("title", f"Trang thử {serial}")
    fields.setdefault("slug", f"trang-{serial}")
    page = model(**fields)
    if tags:
        page.tags.add(*tags)
    return add_page(parent, page, publish=publish)
