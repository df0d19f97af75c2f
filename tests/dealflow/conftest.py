"""Deal-flow fixtures: an achievement with a patent and a licence mode, an accepted enquiry, a clock you can move."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from accounts.models import User
from common import clock
from dealflow import services
from dealflow.models import Deal, Timeline
from marketplace.models import AchievementIPRecord
from taxonomy.models import IPType, TransferMode
from tests.factories import UserFactory, make_achievement

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _private_files(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEALFLOW_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Funnel figures are cached; each test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()


class Clock:
    """Patches common.clock.now; ``set`` and ``advance`` move it."""

    def __init__(self, monkeypatch, start: datetime):
        self.current = start
        monkeypatch.setattr(clock, "now", lambda: self.current)

    def set(self, moment: datetime) -> None:
        self.current = moment

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.current = self.current + timedelta(**delta)


@pytest.fixture
def fake_clock(monkeypatch):
    return Clock(monkeypatch, datetime(2026, 4, 1, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
def achievement(institution_page):
    page = make_achievement(institution_page, title="高导热石墨烯散热膜", industry_chains=["FLU.01"])
    page.transfer_modes.add(TransferMode.objects.get(code="licence"))
    AchievementIPRecord.objects.create(
        page=page, ip_type=IPType.objects.get(code="invention"), number="ZL202010000003.1", status="granted"
    )
    return page


@pytest.fixture
def second_editor(institution) -> User:
    return UserFactory(username="inst_editor2", role=User.Role.INSTITUTION_EDITOR, organisation=institution)


def send_enquiry(user, achievement, **overrides):
    data = {
        "purpose": "用于新能源汽车电池包散热。",
        "intended_use": "年产 10 万套电池包。",
        "timeline": Timeline.HALF_YEAR,
        "budget_min_cny": Decimal("300000"),
        "budget_max_cny": Decimal("900000"),
        "transfer_mode": TransferMode.objects.get(code="licence"),
    }
    data.update(overrides)
    return services.enquiry_send(user=user, achievement=achievement, **data)


@pytest.fixture
def enquiry(user_enterprise_a, achievement):
    return send_enquiry(user_enterprise_a, achievement)


@pytest.fixture
def deal(enquiry, user_institution_editor) -> Deal:
    return services.approach_accept(user=user_institution_editor, approach=enquiry)


def to_terms(deal, user):
    services.deal_transition(user=user, deal=deal, to_stage=Deal.Stage.NEGOTIATION)
    services.deal_transition(user=user, deal=deal, to_stage=Deal.Stage.TERMS)
    deal.refresh_from_db()
    return deal
