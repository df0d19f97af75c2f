"""Builders for statistics tests: registered contracts with chosen parties, types, dates and amounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from registration import services
from registration.models import TechnologyContract
from taxonomy.models import TechnicalField
from tests.factories import OrganisationFactory

LOCAL = {"region_code": "350402", "country_code": "156"}  # 三明市梅列区
IN_PROVINCE = {"region_code": "350100", "country_code": "156"}  # 福州市
OUT_OF_PROVINCE = {"region_code": "310000", "country_code": "156"}  # 上海市
FOREIGN = {"region_code": "", "country_code": "276"}  # 德国


def party(side: str, where: dict, *, name: str, entity_type: str = "150", role: str = "") -> dict:
    return {
        "side": side,
        "party_role": role,
        "name": name,
        "entity_type": entity_type,
        **where,
    }


def registered(
    registrar,
    registry,
    *,
    registered_on: date,
    contract_type: str = "development",
    sub_type: str = "commissioned_development",
    total: str = "1000000.00",
    seller: dict | None = None,
    buyer: dict | None = None,
    extra_parties: list[dict] | None = None,
    deductions: list[dict] | None = None,
    achievements: list | None = None,
    field: str = "materials",
    **data,
) -> TechnologyContract:
    """A contract recorded as registered on ``registered_on`` through the core's historical service."""
    seller_org = OrganisationFactory()
    parties = [
        party("seller", seller or LOCAL, name=seller_org.name, entity_type=(seller or {}).get("entity_type", "022")),
        party("buyer", buyer or IN_PROVINCE, name="买方" + seller_org.name, entity_type="150"),
        *(extra_parties or []),
    ]
    values = {
        "project_name": f"统计测试合同 {seller_org.pk}",
        "contract_type": contract_type,
        "sub_type": sub_type,
        "technical_field": TechnicalField.objects.get(code=field),
        "total_amount_cny": Decimal(total),
        "programme_source": "none",
        "signed_on": registered_on,
        **data,
    }
    contract = services.contract_register_historical(
        registrar=registrar,
        seller_organisation=seller_org,
        data=values,
        parties=parties,
        deductions=deductions or [],
        registered_on=registered_on,
        registry=registry,
    )
    if achievements:
        contract.achievements.add(*achievements)
    return contract
