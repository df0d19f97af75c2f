"""协议定价公示: state-funded sellers publish a negotiated price ≥ 15 days before signing; objections go to staff."""

from datetime import date, timedelta

import pytest

from common.errors import Conflict, DomainError, NotAllowed
from dealflow import services
from dealflow.models import Deal, InstitutionDealSettings, NoticeObjection, PriceNotice

from .conftest import to_terms

pytestmark = pytest.mark.django_db
S = Deal.Stage


@pytest.fixture
def noticed(fake_clock, deal, user_institution_editor):
    """The test institution is a 科研院所 (state-funded by kind): pricing publishes a notice on 2026-04-01."""
    to_terms(deal, user_institution_editor)
    services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="880000")
    deal.refresh_from_db()
    return deal


def test_pricing_a_state_funded_deal_publishes_a_15_day_notice(noticed):
    notice = noticed.price_notices.get()
    assert noticed.stage == S.NOTICE
    assert (notice.starts_on, notice.ends_on) == (date(2026, 4, 1), date(2026, 4, 15))
    assert notice.buyer_name == noticed.buyer_organisation.name and str(notice.proposed_price_cny) == "880000.00"
    assert notice.objection_contact


def test_a_notice_shorter_than_15_days_is_refused_and_nothing_moves(fake_clock, deal, user_institution_editor):
    to_terms(deal, user_institution_editor)
    with pytest.raises(DomainError):
        services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="880000", notice_days=14)
    deal.refresh_from_db()
    assert deal.stage == S.TERMS and deal.agreed_price_cny is None and PriceNotice.objects.count() == 0


def test_the_flag_decides_not_the_kind(fake_clock, deal, user_institution_editor, institution):
    InstitutionDealSettings.objects.create(organisation=institution, state_funded=False)
    to_terms(deal, user_institution_editor)
    services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="880000")
    deal.refresh_from_db()
    assert deal.stage == S.TERMS and not deal.price_notices.exists()


def test_no_signing_before_the_period_ends(fake_clock, noticed, user_institution_editor):
    with pytest.raises(Conflict):
        services.deal_transition(user=user_institution_editor, deal=noticed, to_stage=S.SIGNING)
    fake_clock.set(fake_clock.current.replace(day=15, hour=23, minute=59))  # last day of the notice
    with pytest.raises(Conflict):
        services.deal_transition(user=user_institution_editor, deal=noticed, to_stage=S.SIGNING)
    noticed.refresh_from_db()
    assert noticed.stage == S.NOTICE
    fake_clock.set(fake_clock.current.replace(day=16, hour=0, minute=1))
    services.deal_transition(user=user_institution_editor, deal=noticed, to_stage=S.SIGNING)
    noticed.refresh_from_db()
    assert noticed.stage == S.SIGNING


def test_a_pending_objection_blocks_signing_until_staff_dismiss_it(
    fake_clock, noticed, user_institution_editor, user_bureau_staff
):
    notice = noticed.price_notices.get()
    objection = services.notice_object(notice=notice, name="张三", contact="138", grounds="价格明显偏低")
    fake_clock.advance(days=20)
    with pytest.raises(Conflict):
        services.deal_transition(user=user_institution_editor, deal=noticed, to_stage=S.SIGNING)
    with pytest.raises(NotAllowed):
        services.objection_resolve(user=user_institution_editor, objection=objection, upheld=False, resolution="x")
    services.objection_resolve(user=user_bureau_staff, objection=objection, upheld=False, resolution="经评估价格合理")
    services.deal_transition(user=user_institution_editor, deal=noticed, to_stage=S.SIGNING)
    noticed.refresh_from_db()
    assert noticed.stage == S.SIGNING


def test_an_upheld_objection_withdraws_the_notice_and_returns_to_terms(
    fake_clock, noticed, user_institution_editor, user_bureau_staff
):
    notice = noticed.price_notices.get()
    objection = services.notice_object(notice=notice, name="李四", contact="139", grounds="评估报告过期")
    services.objection_resolve(user=user_bureau_staff, objection=objection, upheld=True, resolution="须重新评估")
    noticed.refresh_from_db()
    notice.refresh_from_db()
    assert noticed.stage == S.TERMS and notice.withdrawn_at is not None
    with pytest.raises(Conflict):
        services.objection_resolve(user=user_bureau_staff, objection=objection, upheld=False, resolution="再议")
    services.deal_set_price(user=user_institution_editor, deal=noticed, price_cny="990000")
    assert noticed.price_notices.filter(withdrawn_at__isnull=True).count() == 1


def test_objections_only_during_the_period(fake_clock, noticed):
    notice = noticed.price_notices.get()
    fake_clock.advance(days=15)
    with pytest.raises(Conflict):
        services.notice_object(notice=notice, name="王五", contact="137", grounds="太晚了")
    assert NoticeObjection.objects.count() == 0


def test_a_later_start_date_is_allowed_but_not_an_earlier_one(fake_clock, deal, user_institution_editor):
    to_terms(deal, user_institution_editor)
    with pytest.raises(DomainError):
        services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="1", starts_on=date(2026, 3, 1))
    services.deal_set_price(
        user=user_institution_editor, deal=deal, price_cny="1", starts_on=date(2026, 4, 3), notice_days=20
    )
    notice = deal.price_notices.get()
    assert notice.ends_on - notice.starts_on == timedelta(days=19)
