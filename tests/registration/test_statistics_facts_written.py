"""Statistics are written with the facts: services keep each contract's facts row in their own
transaction, reads never write, one ``money()``, receivers and providers connected in ``ready()``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from registration import amounts, services, statistics
from registration.models import ContractStatisticsFacts, TechnologyContract
from tests.factories import make_achievement

from .statistics_factories import FOREIGN, LOCAL, registered
from .test_statistics import JAN, YEAR, _seller_user

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _writes(queries) -> list[str]:
    # The database cache backend (production) stores cached figures in its own table; that is a cache,
    # not the registry's data, so it is the one table a read may write.
    return [
        q["sql"][:90]
        for q in queries
        if q["sql"].lstrip().upper().startswith(WRITES) and "django_cache" not in q["sql"]
    ]


def test_registering_writes_the_facts_row_in_the_same_transaction(user_registrar, registry):
    contract = registered(user_registrar, registry, registered_on=JAN, seller=LOCAL, buyer=FOREIGN, total="300000.00")
    fact = ContractStatisticsFacts.objects.get(contract=contract)
    assert (fact.status, fact.effective_total_amount_cny) == ("registered", Decimal("300000.00"))
    other = registered(user_registrar, registry, registered_on=JAN, total="500000.00")
    assert ContractStatisticsFacts.objects.count() == 2
    services.contract_cancel(user=user_registrar, contract=other, reason="合同解除")
    assert ContractStatisticsFacts.objects.get(contract=other).status == "cancelled"


def test_an_approved_amendment_moves_the_facts_amounts(user_registrar, registry):
    contract = registered(user_registrar, registry, registered_on=JAN, total="800000.00")
    amendment = services.contract_request_amendment(
        user=_seller_user(contract), contract=contract, changes={"total_amount_cny": "900000.00"}, reason="补充协议"
    )
    assert ContractStatisticsFacts.objects.get(contract=contract).effective_total_amount_cny == Decimal("800000.00")
    services.contract_decide_amendment(user=user_registrar, amendment=amendment, approve=True)
    assert ContractStatisticsFacts.objects.get(contract=contract).effective_total_amount_cny == Decimal("900000.00")


def test_a_failed_service_leaves_no_facts_behind(user_registrar, registry):
    with pytest.raises(Exception):  # noqa: B017 - any failure inside the registering transaction
        registered(user_registrar, registry, registered_on=JAN, total="0.00")
    assert not ContractStatisticsFacts.objects.exists()
    assert not TechnologyContract.objects.exists()


def test_statistics_dashboard_get_writes_nothing(client, user_registrar, user_bureau_staff, registry):
    registered(user_registrar, registry, registered_on=JAN, contract_type="transfer", sub_type="patent_transfer")
    registered(user_registrar, registry, registered_on=JAN, total="2500000.00")
    client.force_login(user_bureau_staff)
    # Wagtail creates a user's profile on first use; that is the CMS's, not a statistics write.
    UserProfile.get_for_user(user_bureau_staff)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("registration:statistics"), {"year": YEAR})
        api = client.get("/api/v1/registration/statistics/commercialisation/")
    assert response.status_code == 200 and api.status_code == 200
    assert _writes(queries) == []
    # …and the figures are current without any refresh on the read path.
    assert statistics.year_statistics(YEAR).totals.count == 2


def test_home_page_get_writes_nothing(client, user_registrar, registry):
    achievement = make_achievement()
    registered(
        user_registrar,
        registry,
        registered_on=JAN,
        contract_type="transfer",
        sub_type="patent_transfer",
        achievements=[achievement],
    )
    registered(user_registrar, registry, registered_on=JAN)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert _writes(queries) == []
    assert statistics.home_summary()["contracts_registered"] == 2


def test_one_money_function():
    from registration.statistics import dashboard

    assert dashboard.money is amounts.money
    assert amounts.money(0) == Decimal("0.00")
    assert not hasattr(statistics, "money")


def test_achievement_link_receiver_is_connected_in_ready():
    through = TechnologyContract.achievements.through
    uids = [key[0] for key, *_rest in m2m_changed.receivers]
    assert "registration.achievement_links_changed" in uids
    assert m2m_changed.has_listeners(through)


def test_home_figures_come_from_registration_without_a_settings_path(settings, user_registrar, registry):
    from marketplace import events as marketplace_events

    assert not hasattr(settings, "MARKETPLACE_COMMERCIALISED_PROVIDER")
    registered(user_registrar, registry, registered_on=JAN)
    registered(user_registrar, registry, registered_on=JAN)
    assert marketplace_events.commercialised_figures()["contracts"] == 2


def test_breakdown_labels_are_resolved_once_not_per_grouped_row(monkeypatch, user_registrar, registry):
    """The hot spot at scale: a translation per grouped row. With many groups the number of label
    lookups stays fixed."""
    from registration.statistics import dashboard

    for entity_type in ("110", "150", "160", "170", "021", "022"):
        registered(user_registrar, registry, registered_on=JAN, seller={**LOCAL, "entity_type": entity_type})
    calls = []
    real = dashboard._
    monkeypatch.setattr(dashboard, "_", lambda text: calls.append(text) or real(text))
    sellers, _buyers = dashboard._party_entity_types(dashboard._grouped_from_summary(YEAR))
    assert len(sellers.rows) == 6
    assert calls.count("未填写") <= 1
