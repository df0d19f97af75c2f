"""The demo step: a deal in every stage, a running price notice, and a second run adds nothing."""

import pytest

from accounts.models import User
from dealflow.demo import load_demo_deals
from dealflow.models import Deal, PriceNotice
from dealflow.selectors import notices_public
from tests.factories import OrganisationFactory, UserFactory, make_achievement
from tests.registration.factories import city_registry

pytestmark = pytest.mark.django_db


def test_demo_deals_cover_every_stage(institution_page, institution, user_registrar, user_bureau_staff):
    city_registry(user_registrar)
    UserFactory(username="institution", role=User.Role.INSTITUTION_EDITOR, organisation=institution)
    UserFactory(username="enterprise", role=User.Role.ENTERPRISE_MEMBER, organisation=OrganisationFactory())
    for _ in range(2):
        OrganisationFactory()
    for n in range(3):
        make_achievement(institution_page, title=f"演示成果{n}")
    assert load_demo_deals() == 9
    stages = set(Deal.objects.filter(status="open").values_list("stage", flat=True))
    assert stages == {s.value for s in Deal.Stage}
    assert Deal.objects.filter(status="lost").count() == 1
    current, past = notices_public()
    assert len(current) == 1 and len(past) == 3
    assert Deal.objects.get(stage="registered").contract.status == "registered"
    assert load_demo_deals() == 0
    assert PriceNotice.objects.count() == 4
