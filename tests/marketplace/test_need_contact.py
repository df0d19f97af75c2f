"""A public need tells a research institute how to reach its enterprise: through the bureau's contact."""

import pytest
from django.test import override_settings

from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


@override_settings(BUREAU_CONTACT_EMAIL="window@kjj.test", BUREAU_CONTACT_PHONE="0598-1112222")
def test_public_need_shows_the_bureau_contact_to_visitors_and_institutes(client, enterprise_a, user_institution_editor):
    need = NeedFactory(enterprise=enterprise_a, title="含氟废水除氟")

    for user in (None, user_institution_editor):
        if user:
            client.force_login(user)
        html = client.get(f"/needs/{need.pk}/").content.decode()
        assert 'id="contact"' in html
        assert "window@kjj.test" in html and "tel:0598-1112222" in html


@override_settings(BUREAU_CONTACT_EMAIL="window@kjj.test")
def test_owner_and_staff_do_not_get_the_contact_block(client, user_enterprise_a, user_bureau_staff):
    need = NeedFactory(enterprise=user_enterprise_a.organisation)
    for user in (user_enterprise_a, user_bureau_staff):
        client.force_login(user)
        html = client.get(f"/needs/{need.pk}/").content.decode()
        assert 'id="contact"' not in html
