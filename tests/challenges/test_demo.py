"""The load_demo step: one fluorine challenge per state, key problems on three chains, a campaign; idempotent."""

import pytest

from accounts.models import User
from challenges import demo, selectors
from challenges.models import Challenge, KeyProblem, Milestone, Review, SurveyCampaign
from taxonomy.models import IndustryChainNode
from tests.factories import InstitutionFactory, NeedFactory, OrganisationFactory, UserFactory
from tests.registration.factories import city_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(db):
    enterprise = OrganisationFactory(name="演示氟化工有限公司")
    for code in ("FLU.02.01", "FFC", "GRA"):
        NeedFactory(enterprise=enterprise, industry_chain=IndustryChainNode.objects.get(code=code))
    institution = InstitutionFactory(name="演示氟化学研究院")
    InstitutionFactory(name="演示材料大学")
    registrar = UserFactory(username="registrar", role=User.Role.REGISTRAR)
    city_registry(registrar)
    UserFactory(username="bureau", role=User.Role.BUREAU_STAFF, is_staff=True)
    UserFactory(username="enterprise", role=User.Role.ENTERPRISE_MEMBER, organisation=enterprise)
    UserFactory(username="institution", role=User.Role.INSTITUTION_EDITOR, organisation=institution)


def test_demo_challenges_in_every_state_and_idempotent(demo_users, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    assert demo.load_demo_challenges() == 4
    assert demo.load_demo_challenges() == 0
    assert sorted(Challenge.objects.values_list("status", flat=True)) == ["awarded", "closed", "open", "under_review"]
    chains = {code.split(".")[0] for code in KeyProblem.objects.values_list("node__code", flat=True)}
    assert {"FLU", "FFC", "GRA"} <= chains
    assert SurveyCampaign.objects.count() == 1
    reviewing = Challenge.objects.get(status="under_review")
    assert Review.objects.filter(application__challenge=reviewing).count() == 3  # one expert abstains once
    awarded = Challenge.objects.get(status="awarded")
    assert awarded.award.contract_registered_at is not None
    assert list(awarded.award.milestones.values_list("status", flat=True)) == [
        Milestone.Status.ACCEPTED,
        Milestone.Status.REPORTED,
    ]
    assert selectors.statistics()["contracts_registered"] == 1
    demo.reset_demo_challenges()
    assert not Challenge.objects.exists() and not User.objects.filter(username="expert1").exists()
