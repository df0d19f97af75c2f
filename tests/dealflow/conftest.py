"""Deal-flow fixtures: an achievement with a patent and a licence mode, an accepted enquiry, a clock you can move."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Organisation, User
from common import clock
from dealflow import services
from dealflow.models import Deal, Timeline
from marketplace.models import AchievementIPRecord, AchievementPage, InstitutionPage
from taxonomy.models import IPType, TransferMode
from tests.factories import InstitutionFactory, UserFactory, make_achievement, make_institution_page

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


def _make_achievement(institution_page):
    page = make_achievement(institution_page, title="高导热石墨烯散热膜", industry_chains=["FLU.01"])
    page.transfer_modes.add(TransferMode.objects.get(code="licence"))
    AchievementIPRecord.objects.create(
        page=page, ip_type=IPType.objects.get(code="invention"), number="ZL202010000003.1", status="granted"
    )
    return page


@pytest.fixture(scope="module")
def _shared_listing(request, django_db_setup, django_db_blocker):
    """The institution, its page and the achievement, built once per module (Wagtail pages are most of what a
    deal-flow test's set-up costs) inside a transaction rolled back after the module; each test's own transaction
    is a savepoint inside it. A module with a transactional test (which flushes) builds them per test instead."""
    from django.db import transaction

    from tests.conftest import _is_transactional

    if any(_is_transactional(item) for item in request.session.items if item.module is request.module):
        yield None
        return
    with django_db_blocker.unblock(), transaction.atomic():
        institution = InstitutionFactory(name="测试石墨烯研究院")
        institution_page = make_institution_page(institution)
        yield institution, institution_page, _make_achievement(institution_page)
        transaction.set_rollback(True)


@pytest.fixture
def institution(_shared_listing, db) -> Organisation:
    if _shared_listing is None:
        return InstitutionFactory(name="测试石墨烯研究院")
    return Organisation.objects.get(pk=_shared_listing[0].pk)


@pytest.fixture
def institution_page(_shared_listing, institution):
    if _shared_listing is None:
        return make_institution_page(institution)
    return InstitutionPage.objects.get(pk=_shared_listing[1].pk)


@pytest.fixture
def achievement(_shared_listing, institution_page):
    if _shared_listing is None:
        return _make_achievement(institution_page)
    return AchievementPage.objects.get(pk=_shared_listing[2].pk)


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
