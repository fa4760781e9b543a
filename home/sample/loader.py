"""Builds the sample site. Idempotent: what is already there is kept, what is missing is added."""

import logging

from django.db import transaction
from django.utils.html import escape

from wagtail.models import Page, Site

from content.sample import load_sample_content
from directives.models import (
    Agency,
    DirectiveIndexPage,
    DirectivePage,
    DirectiveReference,
    DirectiveTask,
)
from directives.vocabulary import DocumentType
from home.models import HomePage, PortalSettings
from home.sample import content
from news.models import NewsIndexPage, NewsPage
from procedures.sample import load_sample_procedures
from vntext import citation_label

logger = logging.getLogger(__name__)

HOME_INTRO = (
    "<p>Cổng thông tin mẫu của Ủy ban nhân dân tỉnh Sông Xanh: văn bản chỉ đạo điều hành, "
    "tin tức và thủ tục hành chính. <strong>Toàn bộ nội dung trên trang này là dữ liệu mẫu</strong> "
    "do dự án soạn để minh họa.</p>"
)


@transaction.atomic
def load_sample_site() -> dict[str, int]:
    """Create the sample home page, sections, agencies, directives, news, procedures and the
    general pages (a section with a page, an event and a link); return what was created, by
    kind."""
    created = {"home": 0, "agencies": 0, "directives": 0, "news": 0}
    home = _home(created)
    agencies = _agencies(created)
    directives_index = _child(
        home,
        DirectiveIndexPage,
        "Văn bản chỉ đạo điều hành",
        "van-ban",
        "Công văn, quyết định, kế hoạch, thông báo, chỉ thị của tỉnh.",
    )
    news_index = _child(
        home,
        NewsIndexPage,
        "Tin tức",
        "tin-tuc",
        "Tin giải thích các văn bản chỉ đạo cho người dân.",
    )
    pages = _directives(directives_index, agencies, created)
    _news(news_index, pages, created)
    created.update(load_sample_procedures(home))
    created.update(load_sample_content(home, directives_index))
    return created


def _home(created) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Cổng thông tin điện tử tỉnh Sông Xanh (mẫu)",
                slug="trang-chu",
                intro=HOME_INTRO,
            )
        )
        # Wagtail's installation page is replaced by ours as the default site's root.
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Cổng thông tin điện tử tỉnh Sông Xanh (mẫu)",
            },
        )
        Page.objects.filter(depth=2).exclude(pk=home.pk).filter(content_type__model="page").delete()
        created["home"] += 1
    site = Site.objects.get(is_default_site=True)
    settings = PortalSettings.for_site(site)
    if not settings.footer_text:
        settings.site_name = "Cổng thông tin điện tử tỉnh Sông Xanh"
        settings.authority_name = "Ủy ban nhân dân tỉnh Sông Xanh (dữ liệu mẫu)"
        settings.footer_text = (
            "Trang mẫu của dự án cổng thông tin mã nguồn mở. Tỉnh Sông Xanh và mọi cơ quan, "
            "người ký nêu trên trang là giả định."
        )
        settings.address = "Số 1 đường Mẫu, phường Thử, tỉnh Sông Xanh (giả định)"
        settings.phone = "0200 000 000"
        settings.email = "lienhe@example.org"
        settings.responsible_person = "Chánh Văn phòng (giả định)"
        settings.save()
    return home


def _child(parent, model, title, slug, description):
    existing = model.objects.child_of(parent).first()
    if existing:
        return existing
    return parent.add_child(
        instance=model(title=title, slug=slug, show_in_menus=True, search_description=description)
    )


def _agencies(created) -> dict[str, Agency]:
    agencies = {}
    for spec in content.AGENCIES:
        agency, was_created = Agency.objects.get_or_create(
            name=spec.name,
            defaults={
                "abbreviation": spec.abbreviation,
                "level": spec.level,
                "parent": agencies.get(spec.parent),
            },
        )
        agencies[spec.key] = agency
        created["agencies"] += was_created
    return agencies


def _directives(index, agencies, created) -> dict[str, DirectivePage]:
    pages: dict[str, DirectivePage] = {}
    labels = dict(DocumentType.choices)
    for spec in content.DIRECTIVES:
        existing = DirectivePage.objects.filter(number=spec.number).first()
        if existing:
            pages[spec.key] = existing
            continue
        authority, title, name = content.SIGNERS[spec.issuer][spec.signer]
        page = DirectivePage(
            title=citation_label(labels[spec.doc_type], spec.number),
            slug=spec.key,
            doc_type=spec.doc_type,
            number=spec.number,
            issuer=agencies[spec.issuer],
            place=content.PLACES.get(spec.issuer, "Sông Xanh"),
            issued_on=spec.issued_on,
            effective_on=spec.issued_on if spec.doc_type == "quyet-dinh" else None,
            validity=spec.validity,
            subject=spec.subject,
            recipients="Các Sở, ban, ngành tỉnh\nUBND các huyện, thành phố",
            body="".join(f"<p>{escape(p)}</p>" for p in spec.paragraphs),
            signer_authority=authority,
            signer_title=title,
            signer_name=name,
            distribution="Như trên\nTT. Tỉnh ủy, TT. HĐND tỉnh (b/c)\nLưu: VT.",
            search_description=content.SAMPLE_NOTE,
        )
        for cited in spec.cites:
            cited_spec = next(d for d in content.DIRECTIVES if d.key == cited)
            page.references.add(
                DirectiveReference(
                    doc_type=labels[cited_spec.doc_type],
                    number=cited_spec.number,
                    cited_on=cited_spec.issued_on,
                    relation="thuc-hien",
                    target=pages.get(cited),
                )
            )
        for agency_key, text, due in spec.tasks:
            page.tasks.add(DirectiveTask(agency=agencies[agency_key], text=text, due_on=due))
        index.add_child(instance=page)
        page.save_revision().publish()
        pages[spec.key] = page
        created["directives"] += 1
    return pages


def _news(index, directives, created) -> None:
    for offset, spec in enumerate(content.NEWS):
        if NewsPage.objects.filter(title=spec.title).exists():
            continue
        page = NewsPage(
            title=spec.title,
            slug=f"tin-mau-{offset + 1}",
            date=spec.published,
            lead=spec.lead,
            body="".join(f"<p>{escape(p)}</p>" for p in spec.paragraphs),
            target=directives.get(spec.source),
            read_count=37 * (offset + 3) % 500,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created["news"] += 1
