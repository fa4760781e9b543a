"""Builders for the procedure catalogue in tests: the index page, procedures, and the model
case of issue 5 (the province's 5436/UBND-VP and a city dispatch implementing it).

Plain functions over Wagtail's API, like ``tests.factories``, kept in the app so the four
procedure test modules share them without touching the shared factories."""

from __future__ import annotations

from datetime import date
from itertools import count

from wagtail.models import Page

from directives.models import Agency, DirectiveIndexPage, DirectivePage
from procedures.models import (
    Obligation,
    OnlineLevelChange,
    ProcedureIndexPage,
    ProcedurePage,
)
from procedures.vocabulary import OnlineLevel, Requirement

_serial = count(1)

PROVINCE = "Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu"
CITY = "Ủy ban nhân dân thành phố Vũng Tàu"


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
    page.live = publish
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def make_dispatch(
    number: str,
    issued_on: date,
    issuer: str,
    obligations: list[Obligation],
    *,
    publish: bool = True,
) -> DirectivePage:
    """A Công văn under the directive index carrying ``obligations``."""
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
    page.live = publish
    DirectiveIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


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
