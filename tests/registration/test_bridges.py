"""Services other parts of the platform use: the marketplace bridge and programmatic registration."""

from datetime import date
from decimal import Decimal

import pytest

from common.errors import NotAllowed
from marketplace.models import AchievementIPRecord
from registration import services
from taxonomy.models import IPType, TransferMode
from tests.factories import make_achievement

pytestmark = pytest.mark.django_db


def test_prefill_from_achievement(institution_page, user_institution_editor, enterprise_b, registry):
    achievement = make_achievement(institution_page, price_cny=Decimal("880000.00"))
    achievement.transfer_modes.add(TransferMode.objects.get(code="licence"))
    AchievementIPRecord.objects.create(
        page=achievement, ip_type=IPType.objects.get(code="invention"), number="ZL202010000003.1", status="granted"
    )
    contract = services.contract_prefill_from_achievement(
        achievement=achievement, buyer_organisation=enterprise_b, seller_user=user_institution_editor
    )
    assert contract.status == "draft" and contract.project_name == achievement.title
    assert (contract.contract_type, contract.sub_type) == ("licence", "patent_licence")
    assert contract.total_amount_cny == Decimal("880000.00") and contract.technical_field == achievement.technical_field
    assert list(contract.achievements.all()) == [achievement]
    sides = {p.side: p for p in contract.parties.all()}
    assert sides["seller"].organisation == user_institution_editor.organisation
    assert sides["seller"].party_role == "licensor" and sides["buyer"].name == enterprise_b.name
    assert contract.ip_records.get().number == "ZL202010000003.1"


def test_prefill_refuses_someone_elses_achievement(institution_page, user_enterprise_a, enterprise_b, registry):
    achievement = make_achievement(institution_page)
    with pytest.raises(NotAllowed):
        services.contract_prefill_from_achievement(
            achievement=achievement, buyer_organisation=enterprise_b, seller_user=user_enterprise_a
        )


def test_register_historical_uses_the_rule_set_of_its_date(user_registrar, enterprise_a, enterprise_b, registry):
    contract = services.contract_register_historical(
        registrar=user_registrar,
        seller_organisation=enterprise_a,
        data={
            "project_name": "历史合同",
            "contract_type": "transfer",
            "sub_type": "patent_licence",
            "technical_field": "energy",
            "total_amount_cny": Decimal("300000"),
            "payment_method": "lump_sum",
        },
        parties=[
            {"side": "seller", "organisation": enterprise_a, "name": ""},
            {"side": "buyer", "organisation": enterprise_b, "name": ""},
        ],
        deductions=[{"category": "parts", "description": "零部件", "amount_cny": Decimal("50000")}],
        registered_on=date(2025, 6, 3),
    )
    assert contract.status == "registered" and contract.rule_set_key == "2000"
    assert contract.registration_number == "2025350400000001"
    assert contract.effective_technology_amount_cny == Decimal("250000.00")
    assert contract.registered_on == date(2025, 6, 3)
    assert contract.decisions.get().rule_set_key == "2000"


def test_prefill_page(client, institution_page, user_institution_editor, user_enterprise_a, enterprise_b, registry):
    from django.urls import reverse

    from registration.models import TechnologyContract

    achievement = make_achievement(institution_page)
    url = reverse("registration:contract_from_achievement", args=[achievement.pk])
    client.force_login(user_enterprise_a)
    assert client.get(url).status_code == 404
    client.force_login(user_institution_editor)
    assert client.get(url).status_code == 200
    assert client.post(url, {"buyer_organisation": "999999"}).status_code == 200
    assert not TechnologyContract.objects.exists()
    response = client.post(url, {"buyer_organisation": enterprise_b.pk})
    contract = TechnologyContract.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/contracts/{contract.pk}/edit/")
    edit = client.get(response["Location"])
    assert edit.status_code == 200 and achievement.title in edit.content.decode()


def test_registry_assign_registrar_checks_role(registry, user_enterprise_a, user_registrar):
    from common.errors import DomainError

    with pytest.raises(DomainError):
        services.registry_assign_registrar(registry=registry, registrar=user_enterprise_a)
    services.registry_assign_registrar(registry=registry, registrar=user_registrar)
    assert registry.registrars.filter(pk=user_registrar.pk).exists()
