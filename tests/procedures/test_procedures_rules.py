"""The online-filing rule on plain facts: no database, no Django."""

from datetime import date

from procedures import rules
from procedures.rules import (
    Document,
    LevelChange,
    ObligationFacts,
    ProcedureFacts,
    Scope,
    answer,
)

PROVINCE_5436 = Document(
    key="d1",
    doc_type="Công văn",
    number="5436/UBND-VP",
    issued_on=date(2022, 5, 16),
    issuer="Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu",
)
CITY_DISPATCH = Document(
    key="d2",
    doc_type="Công văn",
    number="2120/UBND-VP",
    issued_on=date(2022, 5, 18),
    issuer="Ủy ban nhân dân thành phố Vũng Tàu",
    implements=PROVINCE_5436,
)
INTERNAL_LEVEL_3_4 = Scope(
    audiences=frozenset({rules.INTERNAL}), online_levels=frozenset({rules.FULL, rules.PARTIAL})
)
PROVINCE_OBLIGATION = ObligationFacts(
    key="o1",
    requirement=rules.ONLINE_ONLY,
    document=PROVINCE_5436,
    scope=INTERNAL_LEVEL_3_4,
    starts_on=date(2022, 5, 20),
)
CITY_OBLIGATION = ObligationFacts(
    key="o2",
    requirement=rules.ONLINE_ONLY,
    document=CITY_DISPATCH,
    scope=Scope(
        audiences=frozenset({rules.INTERNAL}),
        online_levels=frozenset({rules.FULL, rules.PARTIAL}),
        government_levels=frozenset({rules.DISTRICT}),
    ),
    starts_on=date(2022, 5, 20),
)
OBLIGATIONS = [CITY_OBLIGATION, PROVINCE_OBLIGATION]

INTERNAL_FULL = ProcedureFacts(
    code="2.000001",
    audiences=frozenset({rules.INTERNAL}),
    government_levels=frozenset({rules.DISTRICT}),
    online_level=rules.FULL,
)
CITIZEN_FULL = ProcedureFacts(
    code="1.000001", audiences=frozenset({rules.CITIZEN}), online_level=rules.FULL
)


def test_model_case_must_be_filed_online_since_20_may_2022_with_the_chain():
    """5436/UBND-VP: an internal procedure at level 3/4 is online only from 20/05/2022, and
    the city's dispatch implementing it is part of the answer."""
    result = answer(INTERNAL_FULL, OBLIGATIONS, date(2024, 1, 1))
    assert result.must_online
    assert result.since == date(2022, 5, 20)
    assert [d.number for d in result.documents] == ["5436/UBND-VP", "2120/UBND-VP"]
    assert result.chain_text == "Công văn số 2120/UBND-VP → Công văn số 5436/UBND-VP"
    assert result.sentence == (
        "Từ ngày 20/05/2022, thủ tục này phải nộp trực tuyến (không nhận hồ sơ giấy) theo "
        "Công văn số 5436/UBND-VP ngày 16/05/2022 của UBND tỉnh Bà Rịa – Vũng Tàu và "
        "Công văn số 2120/UBND-VP ngày 18/05/2022 của UBND thành phố Vũng Tàu "
        "(thực hiện Công văn số 5436/UBND-VP)."
    )
    data = result.to_dict()
    assert data["must_online"] is True
    assert data["since"] == "2022-05-20"
    assert data["documents"][1]["implements"].startswith("Công văn số 5436/UBND-VP")


def test_the_start_day_itself_is_covered_and_the_day_before_is_not_yet():
    """On 20/05/2022 it applies; on 19/05/2022 the answer says so of that day, and tells the
    20th by its own date, without denying the document that binds from then."""
    assert answer(INTERNAL_FULL, OBLIGATIONS, date(2022, 5, 20)).must_online
    before = answer(INTERNAL_FULL, OBLIGATIONS, date(2022, 5, 19))
    assert not before.must_online
    assert before.since is None
    assert before.sentence.startswith(
        "Ngày 19/05/2022, thủ tục này chưa bắt buộc nộp trực tuyến. Từ ngày 20/05/2022, thủ tục "
        "này phải nộp trực tuyến (không nhận hồ sơ giấy) theo Công văn số 5436/UBND-VP"
    )
    assert before.to_dict()["upcoming_since"] == "2022-05-20"


def test_a_past_day_gets_one_verdict_and_no_future_tense():
    """Asked about a day long past, the answer neither says that no document requires online
    filing (one does, from the next day) nor speaks of what "sẽ" happen."""
    sentence = answer(INTERNAL_FULL, OBLIGATIONS, date(2022, 5, 19)).sentence
    assert rules.NO_OBLIGATION not in sentence
    assert "sẽ" not in sentence
    assert sentence.count("Ngày 19/05/2022") == 1


def test_a_procedure_the_obligations_do_not_cover_says_so():
    """A citizens' procedure is outside the internal obligation."""
    result = answer(CITIZEN_FULL, OBLIGATIONS, date(2024, 1, 1))
    assert not result.must_online
    assert result.documents == ()
    assert result.sentence == rules.NO_OBLIGATION


def test_an_internal_procedure_not_offered_online_is_not_covered():
    """ "Trừ các thủ tục chưa được cung cấp dịch vụ công trực tuyến mức độ 3, 4"."""
    offline = ProcedureFacts(code="2.000002", audiences=frozenset({rules.INTERNAL}))
    assert not answer(offline, OBLIGATIONS, date(2024, 1, 1)).must_online


def test_an_obligation_that_ended_no_longer_applies():
    """ends_on is the last day; the day after, the answer says the requirement lapsed."""
    ended = ObligationFacts(
        key="o3",
        requirement=rules.ONLINE_ONLY,
        document=PROVINCE_5436,
        scope=INTERNAL_LEVEL_3_4,
        starts_on=date(2022, 5, 20),
        ends_on=date(2023, 12, 31),
    )
    assert answer(INTERNAL_FULL, [ended], date(2023, 12, 31)).must_online
    after = answer(INTERNAL_FULL, [ended], date(2024, 1, 1))
    assert not after.must_online
    assert "đã hết áp dụng sau ngày 31/12/2023" in after.sentence
    assert after.sentence.startswith("Ngày 01/01/2024, thủ tục này không còn bắt buộc")


def _expired(expired_on: date | None) -> ObligationFacts:
    document = Document(
        key="d9",
        doc_type="Công văn",
        number="9/UBND-VP",
        issued_on=date(2022, 5, 16),
        expired=True,
        expired_on=expired_on,
    )
    return ObligationFacts(
        key="o9",
        requirement=rules.ONLINE_ONLY,
        document=document,
        scope=INTERNAL_LEVEL_3_4,
        starts_on=date(2022, 5, 20),
    )


def test_a_document_no_longer_in_force_binds_from_the_day_it_stopped():
    """ "Hết hiệu lực toàn bộ" from 01/03/2024: the obligation binds to 29/02/2024 and the
    answer for any later day says why it no longer does."""
    obligation = _expired(date(2024, 3, 1))
    assert answer(INTERNAL_FULL, [obligation], date(2024, 2, 29)).must_online
    after = answer(INTERNAL_FULL, [obligation], date(2024, 3, 1))
    assert not after.must_online
    assert after.required == ()
    assert "không còn áp dụng từ ngày 01/03/2024 (văn bản hết hiệu lực)" in after.sentence


def test_a_document_no_longer_in_force_from_an_unknown_day_binds_nobody():
    """No day can be shown to lie before an unknown end: the obligation is not applied, and
    the answer says the document is no longer in force rather than saying nothing."""
    result = answer(INTERNAL_FULL, [_expired(None)], date(2024, 1, 1))
    assert not result.must_online
    assert "văn bản đã hết hiệu lực toàn bộ" in result.sentence


def test_an_obligation_starting_after_its_document_stopped_is_not_announced():
    obligation = _expired(date(2022, 5, 1))
    result = answer(INTERNAL_FULL, [obligation], date(2022, 4, 1))
    assert result.upcoming == ()
    assert not result.must_online


def test_since_follows_the_level_history():
    """A procedure that went online only in 2025 is covered since then, not since 2022."""
    procedure = ProcedureFacts(
        code="2.000003",
        audiences=frozenset({rules.INTERNAL}),
        online_level=rules.FULL,
        level_history=(LevelChange(rules.FULL, date(2025, 11, 19), "2808/QĐ-UBND"),),
    )
    assert not answer(procedure, [PROVINCE_OBLIGATION], date(2024, 6, 1)).must_online
    result = answer(procedure, [PROVINCE_OBLIGATION], date(2026, 1, 1))
    assert result.since == date(2025, 11, 19)


def test_level_history_takes_the_latest_entry_in_force():
    procedure = ProcedureFacts(
        code="x",
        online_level=rules.NONE,
        level_history=(
            LevelChange(rules.PARTIAL, date(2020, 1, 1)),
            LevelChange(rules.FULL, date(2023, 1, 1)),
        ),
    )
    assert procedure.online_level_on(date(2019, 12, 31)) == rules.NONE
    assert procedure.online_level_on(date(2021, 6, 1)) == rules.PARTIAL
    assert procedure.online_level_on(date(2023, 1, 1)) == rules.FULL


def test_encouraged_is_not_required():
    encourage = ObligationFacts(
        key="o4",
        requirement=rules.ONLINE_ENCOURAGED,
        document=PROVINCE_5436,
        starts_on=date(2021, 1, 1),
    )
    result = answer(CITIZEN_FULL, [encourage], date(2024, 1, 1))
    assert not result.must_online
    assert result.encouraged
    assert "khuyến khích nộp trực tuyến" in result.sentence


def test_explicit_list_field_and_agency_scopes():
    procedure = ProcedureFacts(code="1.004122", field="Khoa học và Công nghệ", agency="Sở KH&CN")
    by_code = ObligationFacts(
        "a", rules.ONLINE_ONLY, PROVINCE_5436, Scope(codes=frozenset({"1.004122"}))
    )
    by_field = ObligationFacts(
        "b", rules.ONLINE_ONLY, PROVINCE_5436, Scope(fields=frozenset({"khoa hoc va cong nghe"}))
    )
    other_agency = ObligationFacts("c", rules.ONLINE_ONLY, PROVINCE_5436, Scope(agency="Sở Nội vụ"))
    on = date(2024, 1, 1)
    assert answer(procedure, [by_code], on).must_online
    assert answer(procedure, [by_field], on).must_online
    assert not answer(procedure, [other_agency], on).must_online


def test_a_cycle_of_implementing_documents_stops():
    looped = Document(
        key="a", number="1/UBND", implements=Document(key="b", number="2/UBND", implements=None)
    )
    assert [d.key for d in looped.chain()] == ["a", "b"]


def test_the_rule_module_imports_no_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(rules))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not any((name or "").startswith("django") for name in imported)


HERE = (("tinh", "Sông Xanh"),)


def _bound_in(territory: rules.Territory, requirement: str = rules.ONLINE_ONLY) -> ObligationFacts:
    return ObligationFacts(
        key="t",
        requirement=requirement,
        document=PROVINCE_5436,
        scope=Scope(audiences=frozenset({rules.INTERNAL}), territory=territory),
        starts_on=date(2022, 5, 20),
    )


def test_another_provinces_document_binds_nothing_here():
    """A dispatch of another province, even encouraging, says nothing of this one's procedures."""
    procedure = ProcedureFacts(
        code="2.1",
        audiences=frozenset({rules.INTERNAL}),
        government_levels=frozenset({rules.PROVINCE}),
        places=HERE,
    )
    elsewhere = rules.Territory(rules.PROVINCE, "Bà Rịa – Vũng Tàu")
    on = date(2024, 1, 1)
    assert not answer(procedure, [_bound_in(elsewhere)], on).must_online
    assert not answer(procedure, [_bound_in(elsewhere, rules.ONLINE_ENCOURAGED)], on).encouraged
    assert answer(
        procedure, [_bound_in(rules.Territory(rules.PROVINCE, "sông xanh"))], on
    ).must_online
    assert answer(procedure, [_bound_in(rules.Territory())], on).must_online


def test_a_citys_document_binds_only_procedures_carried_out_in_the_city():
    """A city under the province binds its district- and commune-level procedures, never a
    province-level one, and not those of another district named on the procedure."""
    city = _bound_in(rules.Territory(rules.DISTRICT, "Bến Mây"))
    on = date(2024, 1, 1)

    def procedure(levels, places=HERE):
        return ProcedureFacts(
            code="2.2",
            audiences=frozenset({rules.INTERNAL}),
            government_levels=frozenset(levels),
            places=places,
        )

    assert not answer(procedure({rules.PROVINCE}), [city], on).must_online
    assert answer(procedure({rules.DISTRICT}), [city], on).must_online
    assert answer(procedure({rules.COMMUNE}), [city], on).must_online
    other = (*HERE, (rules.DISTRICT, "Suối Ngọc"))
    assert not answer(procedure({rules.DISTRICT}, other), [city], on).must_online
