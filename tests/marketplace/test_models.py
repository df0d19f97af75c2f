"""Model rules of the marketplace: pricing and public notice, expiry, budgets, and what 'listed' means."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marketplace.models import AchievementPage, TechnologyNeed
from marketplace.templatetags.marketplace_tags import cny, cny_wan
from tests.factories import NeedFactory, make_achievement

pytestmark = pytest.mark.django_db


def test_public_notice_window_is_fifteen_days(institution_page):
    start = timezone.localdate()
    page = make_achievement(
        institution_page, pricing=AchievementPage.Pricing.NEGOTIATED_NOTICE, public_notice_start=start
    )
    assert page.public_notice_end == start + timedelta(days=14)
    assert page.public_notice_active(start + timedelta(days=14))
    assert not page.public_notice_active(start + timedelta(days=15))


def test_pricing_rules(institution_page):
    page = AchievementPage(title="x", summary="y", trl=5, pricing=AchievementPage.Pricing.ASKING, price_cny=None)
    with pytest.raises(ValidationError) as info:
        page.clean()
    assert "price_cny" in info.value.message_dict
    page.pricing = AchievementPage.Pricing.NEGOTIATED_NOTICE
    with pytest.raises(ValidationError) as info:
        page.clean()
    assert "public_notice_start" in info.value.message_dict


def test_listed_excludes_expired_but_not_expiring_today(institution_page):
    today = timezone.localdate()
    make_achievement(institution_page, title="今天到期", valid_until=today)
    make_achievement(institution_page, title="昨天到期", valid_until=today - timedelta(days=1))
    assert set(AchievementPage.objects.listed().values_list("title", flat=True)) == {"今天到期"}


def test_achievement_takes_its_institution_organisation(institution_page):
    page = make_achievement(institution_page)
    assert page.institution_organisation == institution_page.organisation


def test_need_budget_order_is_checked(enterprise_a):
    need = NeedFactory.build(enterprise=enterprise_a, budget_min_cny=Decimal("10"), budget_max_cny=Decimal("1"))
    with pytest.raises(ValidationError):
        need.clean()
    assert not TechnologyNeed.objects.exists()


def test_money_formatting():
    assert cny(Decimal("1234567.8")) == "¥1,234,567.80"
    assert cny(None) == ""
    assert cny_wan(Decimal("500000")) == "¥50 万"
    assert cny_wan(Decimal("9999.5")) == "¥9,999.50"


def test_commercialised_figures_come_from_whoever_answers_the_signal(monkeypatch):
    from marketplace import events

    monkeypatch.setattr(events.home_figures_requested, "receivers", [])
    monkeypatch.setattr(events.home_figures_requested, "sender_receivers_cache", {})
    assert events.commercialised_figures() is None
    events.home_figures_requested.connect(fake_provider, weak=False)
    assert events.commercialised_figures() == {"contracts": 3, "this_year": 2, "target": 50}


def fake_provider(sender, **kwargs):
    return {"contracts": 3, "this_year": 2, "target": 50}
