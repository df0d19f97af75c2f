"""The percolator on the real engine (SEARCH_URL): a new achievement alerts the fitting need's enterprise once. Apart
from tests/search/test_engine.py, whose module-wide small set would be matched too."""

from __future__ import annotations

import pytest
from django.core import mail

from marketplace.models import TechnologyNeed
from search import sync
from search.documents import ACHIEVEMENT, NEED, alias_name
from search.engine import get_engine
from search.models import MatchNotification
from taxonomy.models import IndustryChainNode, TechnicalField
from tests.factories import NeedFactory, make_achievement

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def drain():
    sync.drain_all()
    engine = get_engine()
    for kind in (ACHIEVEMENT, NEED, "percolator"):
        engine.refresh(alias_name(kind))


def test_percolator_alerts_once(institution_page, user_enterprise_a):
    need = NeedFactory(
        enterprise=user_enterprise_a.organisation,
        title="手机散热用高导热材料",
        problem="需要导热系数1000W/(m·K)以上的石墨烯散热膜,用于5G手机。",
        keywords="石墨烯,导热膜,散热",
        technical_field=TechnicalField.objects.get(code="materials"),
        industry_chain=IndustryChainNode.objects.get(code="GRA.02"),
        status=TechnologyNeed.Status.PUBLISHED,
    )
    NeedFactory(title="航天器生命保障", problem="太空飞行中的氧气再生。", keywords="航天")
    drain()
    page = make_achievement(
        institution_page,
        title="高导热石墨烯散热膜",
        summary="石墨烯导热膜导热系数1500W/(m·K),用于5G手机散热。",
        keywords=["石墨烯", "导热膜"],
        industry_chains=["GRA.02.01"],
    )
    drain()
    assert list(MatchNotification.objects.values_list("need_id", flat=True)) == [need.pk]
    assert len(mail.outbox) == 1
    page.save_revision().publish()
    drain()
    assert MatchNotification.objects.count() == 1 and len(mail.outbox) == 1
