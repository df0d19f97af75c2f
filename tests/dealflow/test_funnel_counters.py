"""The funnel's running totals: written by the services with each step, equal to a recount, rebuilt as a repair."""

from datetime import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from common.errors import Conflict
from dealflow import selectors, services
from dealflow.models import AnswerTimeCounter, FunnelCounter, InstitutionDealSettings
from tests.factories import OrganisationFactory, UserFactory, make_achievement

from .conftest import SHANGHAI, send_enquiry, to_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(fake_clock, achievement, user_enterprise_a, user_institution_editor, institution_page, institution):
    """March: 4 enquiries (one on an achievement without a chain), 3 accepted, 1 declined in April;
    one deal signs the NDA twice (a new NDA version) and is lost; two reach 签约 in April."""
    InstitutionDealSettings.objects.create(organisation=institution, state_funded=False)
    fake_clock.set(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI))
    buyers = [user_enterprise_a] + [
        UserFactory(role="enterprise_member", organisation=OrganisationFactory()) for _ in range(3)
    ]
    other = make_achievement(institution_page, title="无产业链的成果")
    enquiries = [send_enquiry(u, achievement) for u in buyers[:3]] + [send_enquiry(buyers[3], other)]
    fake_clock.advance(hours=5)
    deals = [services.approach_accept(user=user_institution_editor, approach=e) for e in enquiries[:3]]
    nda = services.nda_publish(user=user_institution_editor, text="保密协议第一版")
    services.nda_accept(user=buyers[0], deal=deals[0], version=nda.version)
    nda = services.nda_publish(user=user_institution_editor, text="保密协议第二版")
    services.nda_accept(user=buyers[0], deal=deals[0], version=nda.version)
    services.deal_mark_lost(user=buyers[0], deal=deals[0], reason="terms")
    fake_clock.set(datetime(2026, 4, 8, 9, 0, tzinfo=SHANGHAI))
    services.approach_decline(user=user_institution_editor, approach=enquiries[3], reason="price")
    for deal in deals[1:]:
        to_terms(deal, user_institution_editor)
        services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="400000")
        services.deal_transition(user=user_institution_editor, deal=deal, to_stage="signing")
    return deals


def test_counters_equal_a_recount_after_a_series_of_steps(series):
    stored = services.funnel_counters()
    assert stored == services.funnel_recount()
    totals, answer_hours = {}, {}
    for key, n in stored.items():
        if key[0] == "answer_hours":
            answer_hours[key[3]] = answer_hours.get(key[3], 0) + n
        else:
            totals[key[4]] = totals.get(key[4], 0) + n
    assert totals == {"sent": 4, "answered": 4, "accepted": 3, "nda": 1, "signed": 2}
    # three answered after 5 hours, the fourth (sent 2 March 09:00, declined 8 April 09:00) after 37 days
    assert answer_hours == {5: 3, 37 * 24: 1}


def test_the_funnel_reads_the_counters(series, institution):
    data = selectors.funnel_compute(year=2026, dimension="month")
    by_label = {r["label"]: r["counts"] for r in data["rows"]}
    assert (by_label["2026-03"]["sent"], by_label["2026-03"]["answered"], by_label["2026-03"]["accepted"]) == (4, 3, 3)
    assert (by_label["2026-04"]["answered"], by_label["2026-04"]["signed"]) == (1, 2)
    by_chain = selectors.funnel_compute(year=2026, dimension="chain")
    assert {r["key"]: r["counts"]["sent"] for r in by_chain["rows"]} == {"FLU": 3, "": 1}
    mine = selectors.funnel_compute(year=2026, dimension="month", institution=institution)
    assert mine["totals"]["sent"] == 4
    assert mine["median_answer_hours"] == 5.0
    stranger = selectors.funnel_compute(year=2026, dimension="month", institution=OrganisationFactory())
    assert stranger["totals"]["sent"] == 0 and stranger["median_answer_hours"] is None


def test_a_refused_step_counts_nothing(series, user_institution_editor):
    before = services.funnel_counters()
    with pytest.raises(Conflict):
        services.deal_transition(user=user_institution_editor, deal=series[1], to_stage="intent")
    assert services.funnel_counters() == before


def test_the_rebuild_command_repairs_lost_or_wrong_counters(series):
    expected = services.funnel_counters()
    FunnelCounter.objects.filter(step="sent").update(count=99)
    FunnelCounter.objects.filter(step="signed").delete()
    AnswerTimeCounter.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("dealflow_funnel_rebuild", "--check")
    call_command("dealflow_funnel_rebuild")
    assert services.funnel_counters() == expected
    call_command("dealflow_funnel_rebuild", "--check")
    assert selectors.funnel_compute(year=2026)["totals"]["signed"] == 2
