"""The funnel on a known data set, the target projection, and the Excel export (text stays text)."""

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from dealflow import selectors, services
from dealflow.exports import funnel_workbook
from dealflow.models import Deal
from tests.factories import OrganisationFactory, UserFactory, make_achievement

from .conftest import SHANGHAI, send_enquiry, to_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(fake_clock, achievement, user_enterprise_a, user_institution_editor, institution_page, institution):
    """March: 3 enquiries (2 accepted, 1 declined for price), April: 1 more enquiry sent, 1 deal lost."""
    from dealflow.models import InstitutionDealSettings

    InstitutionDealSettings.objects.create(organisation=institution, state_funded=False)
    fake_clock.set(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI))
    buyers = [user_enterprise_a] + [
        UserFactory(role="enterprise_member", organisation=OrganisationFactory()) for _ in range(3)
    ]
    enquiries = [send_enquiry(u, achievement) for u in buyers[:3]]
    fake_clock.advance(hours=4)
    first = services.approach_accept(user=user_institution_editor, approach=enquiries[0])
    fake_clock.advance(hours=4)
    second = services.approach_accept(user=user_institution_editor, approach=enquiries[1])
    services.approach_decline(user=user_institution_editor, approach=enquiries[2], reason="price")
    to_terms(first, user_institution_editor)
    services.deal_set_price(user=user_institution_editor, deal=first, price_cny="500000")
    services.deal_transition(user=user_institution_editor, deal=first, to_stage="signing")
    fake_clock.set(datetime(2026, 4, 10, 9, 0, tzinfo=SHANGHAI))
    other = make_achievement(institution_page, title="无人问津的成果")
    send_enquiry(buyers[3], other)
    services.deal_mark_lost(user=user_institution_editor, deal=second, reason="terms")
    return {"first": first, "second": second}


def test_funnel_by_month(known):
    data = selectors.funnel(year=2026, dimension="month")
    by_label = {r["label"]: r["counts"] for r in data["rows"]}
    assert by_label["2026-03"]["sent"] == 3 and by_label["2026-03"]["answered"] == 3
    assert by_label["2026-03"]["accepted"] == 2 and by_label["2026-03"]["signed"] == 1
    assert by_label["2026-04"]["sent"] == 1 and by_label["2026-04"]["accepted"] == 0
    assert data["totals"]["sent"] == 4 and data["totals"]["registered"] == 0
    rate = {(str(c["from"]), str(c["to"])): c["rate"] for c in data["conversions"]}
    assert rate[("已答复", "已接受(立项)")] == pytest.approx(2 / 3)
    # answered after 4, 8 and 8 hours
    assert data["median_answer_hours"] == 8.0


def test_funnel_by_institution_field_and_chain(known, institution, achievement):
    by_inst = selectors.funnel(year=2026, dimension="institution")
    assert [(r["label"], r["counts"]["sent"]) for r in by_inst["rows"]] == [(institution.name, 4)]
    by_field = selectors.funnel(year=2026, dimension="field")
    assert by_field["rows"][0]["label"] == achievement.technical_field.name
    by_chain = selectors.funnel(year=2026, dimension="chain")
    assert {r["key"]: r["counts"]["accepted"] for r in by_chain["rows"]} == {"FLU": 2, "": 0}


def test_funnel_labels_follow_the_readers_language_and_are_cached_per_language(known, achievement):
    from django.utils import translation

    field = achievement.technical_field
    assert field.name_en and field.name_en != field.name
    with translation.override("zh-hans"):
        chinese = selectors.funnel(year=2026, dimension="field")["rows"][0]["label"]
        chain = {r["key"]: r["label"] for r in selectors.funnel(year=2026, dimension="chain")["rows"]}["FLU"]
    with translation.override("en"):
        english = selectors.funnel(year=2026, dimension="field")["rows"][0]["label"]
        chain_en = {r["key"]: r["label"] for r in selectors.funnel(year=2026, dimension="chain")["rows"]}["FLU"]
    assert (chinese, english) == (field.name, field.name_en)
    assert (chain, chain_en) == ("氟新材料", "Fluorine new materials")


def test_reasons_and_interest(known, institution):
    assert selectors.declines_by_reason(year=2026, dimension="institution") == [
        {"reason": "价格预期不一致", "dimension": institution.name, "count": 1}
    ]
    assert selectors.lost_by_reason(year=2026) == [{"reason": "条款未谈拢", "stage": "意向", "count": 1}]
    interest = selectors.interest_without_deal(year=2026)
    assert [(i["title"], i["enquiries"]) for i in interest] == [("无人问津的成果", 1)]


def test_projection_at_the_current_pace(db, settings):
    settings.COMMERCIALISATION_TARGET_PER_YEAR = 50
    result = selectors.target_projection(year=2026, today=date(2026, 7, 2))
    assert result["registered"] == 0 and result["projected"] == 0 and not result["on_track"]


def test_export_writes_text_as_text(known, institution):
    from accounts.models import Organisation

    Organisation.objects.filter(pk=institution.pk).update(name='=HYPERLINK("http://evil.example","x")')
    workbook = load_workbook(io.BytesIO(funnel_workbook(year=2026)))
    sheet = workbook.worksheets[3]  # by institution
    cell = sheet.cell(row=2, column=1)
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"
    assert sheet.cell(row=2, column=2).value == 4
    months = workbook.worksheets[0]
    assert [months.cell(row=r, column=1).value for r in (2, 3)] == ["2026-03", "2026-04"]


def test_board_groups_by_stage_with_counts(known, user_institution_editor, user_enterprise_a):
    columns = {c.stage: c for c in selectors.deals_board(user_institution_editor)}
    assert columns["signing"].count == 1 and columns["intent"].count == 0
    lost = {c.stage: c.count for c in selectors.deals_board(user_institution_editor, status=Deal.Status.LOST)}
    assert lost["intent"] == 1
    assert sum(c.count for c in selectors.deals_board(user_enterprise_a)) == 1
