"""A small public site with one hidden page of each kind: a draft and a page under a view
restriction, which no feed, sitemap or permanent address may show."""

from datetime import date

import pytest

from wagtail.models import PageViewRestriction

from procedures.models import OnlineLevelChange, ProcedureIndexPage, ProcedurePage
from procedures.vocabulary import OnlineLevel
from tests.factories import make_agency, make_directive, make_news


def add_procedure(index, code: str, title: str, **fields) -> ProcedurePage:
    """A published procedure under the catalogue ``index``."""
    history = fields.pop("history", [])
    page = ProcedurePage(title=title, slug=f"thu-tuc-{code.replace('.', '-')}", code=code, **fields)
    for level, valid_from, citation in history:
        page.online_levels.add(
            OnlineLevelChange(level=level, valid_from=valid_from, citation=citation)
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def restrict(page) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.fixture
def portal(site):
    """Pages of every kind, with a draft and a restricted one of each list."""
    province = make_agency("Ủy ban nhân dân tỉnh Thử Nghiệm", "UBND")
    department = make_agency("Sở Nội vụ", "SNV", parent=province)
    cited = make_directive(
        number="100/UBND-VP",
        subject="V/v văn bản được căn cứ",
        issuer=province,
        issued_on=date(2023, 3, 1),
        validity="con-hieu-luc",
    )
    directive = make_directive(
        number="5436/UBND-VP",
        subject="V/v nộp hồ sơ trực tuyến",
        issuer=province,
        issued_on=date(2024, 5, 16),
        effective_on=date(2024, 5, 20),
        validity="het-hieu-luc-mot-phan",
        signer_name="Nguyễn Văn Thử",
        references=[
            {"doc_type": "Công văn", "number": "100/UBND-VP", "relation": "can-cu"},
            {"doc_type": "Quyết định", "number": "27/QĐ-TTg", "cited_on": date(2022, 3, 15)},
        ],
    )
    other = make_directive(
        number="12/KH-SNV",
        subject="Kế hoạch của sở",
        doc_type="ke-hoach",
        issuer=department,
        issued_on=date(2024, 6, 2),
    )
    draft = make_directive(
        number="999/UBND-VP", subject="V/v bản nháp", issuer=province, publish=False
    )
    hidden = make_directive(number="888/UBND-VP", subject="V/v văn bản mật", issuer=province)
    restrict(hidden)
    news = make_news(
        title="Từ 20/5 nộp hồ sơ trực tuyến",
        lead="Tóm tắt tin.",
        date=date(2024, 5, 18),
        target=directive,
    )
    news_draft = make_news(title="Tin nháp", publish=False)
    news_hidden = make_news(title="Tin mật")
    restrict(news_hidden)
    catalogue = site.add_child(
        instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc")
    )
    procedure = add_procedure(
        catalogue,
        "1.000001",
        "Cấp giấy phép thử nghiệm",
        agency=department,
        field="Nội vụ",
        for_citizens=True,
        history=[(OnlineLevel.FULL, date(2024, 7, 1), "Quyết định số 7/QĐ-UBND")],
    )
    procedure_hidden = add_procedure(catalogue, "1.000002", "Thủ tục mật")
    restrict(procedure_hidden)
    return {
        "province": province,
        "department": department,
        "cited": cited,
        "directive": directive,
        "other": other,
        "draft": draft,
        "hidden": hidden,
        "news": news,
        "news_draft": news_draft,
        "news_hidden": news_hidden,
        "catalogue": catalogue,
        "procedure": procedure,
        "procedure_hidden": procedure_hidden,
    }


@pytest.fixture
def hidden_titles(portal) -> list[str]:
    return [
        portal[name].title
        for name in ("draft", "hidden", "news_draft", "news_hidden", "procedure_hidden")
    ]
