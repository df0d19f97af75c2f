"""Deal stages: every legal and illegal transition, lost, idle flag, receipts; a refused move leaves the deal put."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command

from common.errors import Conflict, DomainError, NotAllowed
from dealflow import services
from dealflow.models import Deal, DealTransition, InstitutionDealSettings, Notification

from .conftest import to_terms

pytestmark = pytest.mark.django_db
S = Deal.Stage


@pytest.fixture
def not_state_funded(institution):
    InstitutionDealSettings.objects.create(organisation=institution, state_funded=False)


LEGAL = [
    ([], S.NEGOTIATION),
    ([S.NEGOTIATION], S.NDA),
    ([S.NEGOTIATION], S.TERMS),
    ([S.NEGOTIATION, S.NDA], S.TERMS),
    ([S.NEGOTIATION, S.NDA], S.NEGOTIATION),
    ([S.NEGOTIATION, S.TERMS], S.NEGOTIATION),
]


@pytest.mark.parametrize(("path", "target"), LEGAL)
def test_legal_transitions_are_audited(deal, user_enterprise_a, user_institution_editor, path, target):
    for stage in path:
        services.deal_transition(user=user_institution_editor, deal=deal, to_stage=stage)
    services.deal_transition(user=user_enterprise_a, deal=deal, to_stage=target, reason="双方同意")
    deal.refresh_from_db()
    assert deal.stage == target
    last = DealTransition.objects.filter(deal=deal).last()
    assert (last.actor, last.to_stage, last.reason) == (user_enterprise_a, target, "双方同意")
    assert DealTransition.objects.filter(deal=deal).count() == len(path) + 2


ILLEGAL = [
    ([], S.TERMS),
    ([], S.SIGNING),
    ([], S.REGISTERED),
    ([S.NEGOTIATION], S.NOTICE),
    ([S.NEGOTIATION], S.IMPLEMENTATION),
    ([S.NEGOTIATION, S.TERMS], S.REGISTERED),
    ([S.NEGOTIATION, S.TERMS], S.INTENT),
]


@pytest.mark.parametrize(("path", "target"), ILLEGAL)
def test_illegal_transitions_are_refused_and_change_nothing(deal, user_institution_editor, path, target):
    for stage in path:
        services.deal_transition(user=user_institution_editor, deal=deal, to_stage=stage)
    deal.refresh_from_db()
    before = (deal.stage, DealTransition.objects.filter(deal=deal).count())
    with pytest.raises(Conflict):
        services.deal_transition(user=user_institution_editor, deal=deal, to_stage=target)
    deal.refresh_from_db()
    assert (deal.stage, DealTransition.objects.filter(deal=deal).count()) == before


def test_unknown_stage_and_outsiders_are_refused(deal, user_enterprise_b, user_bureau_staff, user_institution_editor):
    with pytest.raises(DomainError):
        services.deal_transition(user=user_institution_editor, deal=deal, to_stage="party")
    for user in (user_enterprise_b, user_bureau_staff):
        with pytest.raises(NotAllowed):
            services.deal_transition(user=user, deal=deal, to_stage=S.NEGOTIATION)
    deal.refresh_from_db()
    assert deal.stage == S.INTENT


def test_signing_needs_an_agreed_price(deal, user_institution_editor, not_state_funded):
    to_terms(deal, user_institution_editor)
    with pytest.raises(Conflict):
        services.deal_transition(user=user_institution_editor, deal=deal, to_stage=S.SIGNING)
    services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="800000")
    deal.refresh_from_db()
    assert deal.stage == S.TERMS and deal.price_notices.count() == 0  # not state-funded: no notice
    services.deal_transition(user=user_institution_editor, deal=deal, to_stage=S.SIGNING)
    deal.refresh_from_db()
    assert deal.stage == S.SIGNING


def test_only_the_seller_sets_the_price(deal, user_enterprise_a, user_institution_editor):
    to_terms(deal, user_institution_editor)
    with pytest.raises(NotAllowed):
        services.deal_set_price(user=user_enterprise_a, deal=deal, price_cny="1")
    with pytest.raises(DomainError):
        services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="-5")
    deal.refresh_from_db()
    assert deal.agreed_price_cny is None


def test_lost_with_a_structured_reason(deal, user_enterprise_a, user_institution_editor):
    with pytest.raises(DomainError):
        services.deal_mark_lost(user=user_enterprise_a, deal=deal, reason="moon")
    services.deal_mark_lost(user=user_enterprise_a, deal=deal, reason="price", note="预算不足")
    deal.refresh_from_db()
    assert (deal.status, deal.lost_reason, deal.stage) == (Deal.Status.LOST, "price", S.INTENT)
    with pytest.raises(Conflict):
        services.deal_transition(user=user_institution_editor, deal=deal, to_stage=S.NEGOTIATION)
    with pytest.raises(Conflict):
        services.deal_mark_lost(user=user_enterprise_a, deal=deal, reason="price")


def test_idle_deals_are_flagged_once_to_both_parties_and_the_bureau(fake_clock, deal, user_bureau_staff):
    Deal.objects.filter(pk=deal.pk).update(last_activity_at=fake_clock.current - timedelta(days=31))
    before = Notification.objects.count()
    call_command("dealflow_flag_idle")
    deal.refresh_from_db()
    assert deal.idle_flagged_at == fake_clock.current
    assert Notification.objects.count() - before == 3
    call_command("dealflow_flag_idle")
    assert Notification.objects.count() - before == 3


def test_receipts_only_after_registration(deal, user_enterprise_a):
    with pytest.raises(Conflict):
        services.deal_record_receipt(user=user_enterprise_a, deal=deal, amount_cny="1000", received_on=date(2026, 1, 1))
    Deal.objects.filter(pk=deal.pk).update(stage=S.REGISTERED)
    first = services.deal_record_receipt(
        user=user_enterprise_a, deal=deal, amount_cny="300000", received_on=date(2026, 1, 1)
    )
    second = services.deal_record_receipt(
        user=user_enterprise_a, deal=deal, amount_cny="200000.50", received_on=date(2026, 2, 1)
    )
    assert (first.instalment, second.instalment) == (1, 2)
    assert second.amount_cny == Decimal("200000.50")
    with pytest.raises(DomainError):
        services.deal_record_receipt(user=user_enterprise_a, deal=deal, amount_cny="0", received_on=date(2026, 1, 1))


def test_staff_set_the_state_funded_flag_in_the_admin(client, institution):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/django-admin/dealflow/institutiondealsettings/add/",
        {"organisation": institution.pk, "state_funded": "", "objection_contact": "科技局成果转化科"},
    )
    assert response.status_code == 302
    assert services.is_state_funded(institution) is False
    assert client.get("/django-admin/dealflow/institutiondealsettings/").status_code == 200
