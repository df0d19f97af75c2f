"""Winners followed afterwards: the company (derived or recorded), its registered contracts since the results,
and whether it settled in the city."""

from datetime import timedelta
from decimal import Decimal

import pytest

from common.errors import Conflict, DomainError, NotAllowed
from competitions import selectors, services
from registration.services import contract_register_historical
from tests.factories import InstitutionFactory, make_credit_code
from tests.registration.factories import city_registry, contract_data

from .factories import published_competition

pytestmark = pytest.mark.django_db


def _register(registrar, seller, buyer, *, on, amount):
    return contract_register_historical(
        registrar=registrar,
        seller_organisation=seller,
        data=contract_data(total_amount_cny=amount, signed_on=on - timedelta(days=5), effective_on=on - timedelta(days=5),
                           term_start=on - timedelta(days=5), term_end=on + timedelta(days=300)),
        parties=[
            {"side": "seller", "party_role": "developer", "organisation": seller, "name": ""},
            {"side": "buyer", "party_role": "commissioner", "organisation": buyer, "name": ""},
        ],
        registered_on=on,
    )  # fmt: skip


def test_winners_company_contracts_and_settling(user_bureau_staff, user_registrar):
    competition, entries = published_competition(user_bureau_staff)
    city_registry(user_registrar)
    alpha = entries["alpha"].organisation
    institute = InstitutionFactory(name="石墨烯研究院")
    published_on = competition.results_published_at.date()
    _register(user_registrar, institute, alpha, on=published_on, amount=Decimal("300000.00"))
    _register(user_registrar, alpha, institute, on=published_on, amount=Decimal("200000.00"))
    _register(user_registrar, institute, alpha, on=published_on - timedelta(days=40), amount=Decimal("900000.00"))
    _register(user_registrar, institute, entries["beta"].organisation, on=published_on, amount=Decimal("1000.00"))

    # The team registered a company outside the city; staff record it.
    team_result = entries["team"].result
    services.follow_up_record(
        user=user_bureau_staff,
        result=team_result,
        data={"company_name": "伽马新材料有限公司", "credit_code": make_credit_code(), "region_code": "350100"},
    )  # fmt: skip
    rows = {row.result.entry.title: row for row in selectors.winner_rows(competition)}
    assert set(rows) == {"伽马", "阿尔法", "贝塔"}
    assert (rows["阿尔法"].company_derived, rows["阿尔法"].settled_in_city, rows["阿尔法"].contracts) == (True, True, 2)
    assert rows["阿尔法"].company_name == alpha.name
    assert rows["贝塔"].contracts == 1
    assert (rows["伽马"].company_name, rows["伽马"].settled_in_city, rows["伽马"].contracts) == (
        "伽马新材料有限公司",
        False,
        0,
    )


def test_only_staff_record_and_only_for_awarded_entries(user_bureau_staff, user_enterprise_a):
    competition, entries = published_competition(user_bureau_staff)
    with pytest.raises(NotAllowed):
        services.follow_up_record(user=user_enterprise_a, result=entries["team"].result, data={"notes": "x"})
    with pytest.raises(DomainError) as error:
        services.follow_up_record(user=user_bureau_staff, result=entries["team"].result, data={"credit_code": "123"})
    assert "credit_code" in error.value.field_errors
    competition.awards.filter(name="二等奖").update(rank_to=2)
    entries["beta"].result.award = None
    entries["beta"].result.save()
    with pytest.raises(Conflict):
        services.follow_up_record(user=user_bureau_staff, result=entries["beta"].result, data={"notes": "x"})
