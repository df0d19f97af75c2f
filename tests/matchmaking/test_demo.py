"""The load_demo step: a past CAS fair traced to a registered contract, the graphene competition with its stable
slug, an investment-promotion session; idempotent, and removable before the demo users go."""

import pytest

from accounts.models import User
from dealflow.models import InstitutionDealSettings
from matchmaking import demo, statistics
from matchmaking.models import EventPage, Meeting
from taxonomy.models import EntityType
from tests.factories import UserFactory
from tests.registration.factories import city_registry

from .factories import achievement_of, enterprise_user, institution_user, need_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    registrar = UserFactory(username="registrar", role=User.Role.REGISTRAR)
    city_registry(registrar)
    UserFactory(username="bureau", role=User.Role.BUREAU_STAFF, is_staff=True)
    lab = institution_user("演示中科院研究所")
    lab.username = "institution"
    lab.save()
    InstitutionDealSettings.objects.create(organisation=lab.organisation, state_funded=True)
    entity_type = EntityType.objects.order_by("code").first()
    lab.organisation.entity_type = entity_type
    lab.organisation.save()
    achievement_of(lab, title="高镍三元正极材料包覆改性技术", summary="包覆改性提高锂电池循环寿命。")
    achievement_of(lab, title="石墨烯导热膜", summary="高导热石墨烯膜。", industry_chains=["GRA"])
    for index in range(3):
        company = enterprise_user(f"演示企业{index}")
        company.organisation.entity_type = entity_type
        company.organisation.save()
        if index == 0:
            company.username = "enterprise"
            company.save()
        need_of(company, title=f"锂电池正极材料需求{index}", problem="锂电池正极材料循环寿命不足。")


def test_demo_events_traced_to_a_contract_and_idempotent(demo_users):
    assert demo.load_demo_events() == 3
    assert demo.load_demo_events() == 0
    slugs = set(EventPage.objects.values_list("slug", flat=True))
    assert {demo.FAIR_SLUG, demo.COMPETITION_SLUG, demo.PROMOTION_SLUG} <= slugs
    assert EventPage.objects.get(slug="graphene-competition-2027").kind == EventPage.Kind.COMPETITION
    fair = EventPage.objects.get(slug=demo.FAIR_SLUG)
    assert Meeting.objects.filter(event=fair, status=Meeting.Status.HELD).count() == 3
    figures = statistics.event_figures(fair)
    assert figures.counts["enquiries"] == 2  # deal + follow-up; "no interest" opens nothing
    assert figures.counts["deals"] == 1
    assert figures.counts["contracts"] == 1
    assert figures.technology_amount > 0
    assert demo.reset_demo_events() == 3
    assert not EventPage.objects.filter(slug__in=demo.DEMO_SLUGS).exists()
