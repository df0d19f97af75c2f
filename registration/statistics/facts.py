"""Per-contract party facts (``ContractStatisticsFacts``): written by the services with each change, rebuilt in full as a repair."""

from __future__ import annotations

from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from tqdm import tqdm

from ..models import ContractParty, ContractStatisticsFacts, Place, TechnologyContract
from .cache import bump_statistics_version
from .periods import (
    DOMESTIC_COUNTRY_CODE,
)

# --- Party facts (a derived cache; see statistics_models.py) -----------------------------------------

# Contracts saved within this window before the newest fact are looked at again on each refresh, so
# a transaction that committed a little after a later one started is not missed.
FACTS_SAFETY_WINDOW = timedelta(minutes=10)
FACTS_CHUNK = 5000


def _place_of(country_code: str, province_code: str, region_code: str) -> int:
    """Where a party is, as a Place bit (mirrors the definitions in docs/registration-statistics.md)."""
    if (country_code or DOMESTIC_COUNTRY_CODE) != DOMESTIC_COUNTRY_CODE:
        return Place.FOREIGN
    if not province_code:
        return Place.UNKNOWN
    if (region_code or "").startswith(settings.HOME_CITY_CODE[:4]):
        return Place.LOCAL
    if province_code == settings.HOME_PROVINCE_CODE:
        return Place.PROVINCE
    return Place.OTHER_PROVINCE


def _facts_for(contracts: list[dict]) -> list[ContractStatisticsFacts]:
    ids = [c["pk"] for c in contracts]
    parties: dict[int, list[dict]] = {pk: [] for pk in ids}
    for party in (
        ContractParty.objects.filter(contract_id__in=ids)
        .order_by("contract_id", "sort_order", "pk")
        .values("contract_id", "side", "entity_type_id", "country_code", "province_code", "region_code")
    ):
        parties[party["contract_id"]].append(party)
    facts = []
    for contract in contracts:
        fact = ContractStatisticsFacts(
            contract_id=contract["pk"],
            status=contract["status"],
            registered_on=contract["registered_on"],
            effective_total_amount_cny=contract["effective_total_amount_cny"],
            effective_technology_amount_cny=contract["effective_technology_amount_cny"],
            source_updated_at=contract["updated_at"],
        )
        for party in parties[contract["pk"]]:
            place = _place_of(party["country_code"], party["province_code"], party["region_code"])
            if party["side"] == ContractParty.Side.SELLER:
                fact.seller_places |= place
                if fact.seller_entity_type_id is None:  # the first-listed seller's type
                    fact.seller_entity_type_id = party["entity_type_id"]
            elif party["side"] == ContractParty.Side.BUYER:
                fact.buyer_places |= place
                if fact.buyer_entity_type_id is None:
                    fact.buyer_entity_type_id = party["entity_type_id"]
        facts.append(fact)
    return facts


def _place_sql() -> tuple[str, list]:
    """The same classification as ``_place_of``, in SQL over a party aliased ``p``, as a Place bit."""
    city_prefix = settings.HOME_CITY_CODE[:4] + "%"
    sql = (
        f"CASE WHEN COALESCE(NULLIF(p.country_code, ''), %s) <> %s THEN {Place.FOREIGN}"
        f" WHEN p.province_code = '' THEN {Place.UNKNOWN}"
        f" WHEN p.region_code LIKE %s THEN {Place.LOCAL}"
        f" WHEN p.province_code = %s THEN {Place.PROVINCE}"
        f" ELSE {Place.OTHER_PROVINCE} END"
    )
    return sql, [DOMESTIC_COUNTRY_CODE, DOMESTIC_COUNTRY_CODE, city_prefix, settings.HOME_PROVINCE_CODE]


def _facts_rebuild_sql() -> int:
    """Every fact in one INSERT … SELECT (a full rebuild of a million contracts in well under a minute,
    where building them in Python takes many). Parties are read once, grouped by contract;
    SUM(DISTINCT bit) is the OR of a side's place bits; the first-listed party's entity type is a
    correlated lookup on the party index."""
    contracts = TechnologyContract._meta.db_table
    parties = ContractParty._meta.db_table
    facts = ContractStatisticsFacts._meta.db_table
    place, place_params = _place_sql()

    def first_entity(side: str) -> str:
        # Table from model meta, side a fixed literal.
        query = f"SELECT q.entity_type_id FROM {parties} q WHERE q.contract_id = c.id AND q.side = '{side}'"  # noqa: S608
        return f"({query} ORDER BY q.sort_order, q.id LIMIT 1)"

    sql = f"""
        INSERT INTO {facts} (contract_id, status, registered_on, effective_total_amount_cny,
            effective_technology_amount_cny, seller_entity_type_id, buyer_entity_type_id,
            seller_places, buyer_places, source_updated_at)
        SELECT c.id, c.status, c.registered_on, c.effective_total_amount_cny, c.effective_technology_amount_cny,
               {first_entity("seller")}, {first_entity("buyer")},
               COALESCE(f.seller_places, 0), COALESCE(f.buyer_places, 0), c.updated_at
        FROM {contracts} c LEFT JOIN (
            SELECT p.contract_id,
                   SUM(DISTINCT CASE WHEN p.side = 'seller' THEN {place} END) AS seller_places,
                   SUM(DISTINCT CASE WHEN p.side = 'buyer' THEN {place} END) AS buyer_places
            FROM {parties} p GROUP BY p.contract_id
        ) f ON f.contract_id = c.id
        WHERE c.registered_on IS NOT NULL
    """  # noqa: S608 - identifiers from model meta, sides and bits are fixed literals; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {facts}")  # noqa: S608
        cursor.execute(sql, place_params * 2)
        return cursor.rowcount


@transaction.atomic
def facts_refresh(*, full: bool = False, progress: bool = False) -> int:
    """Bring the party facts up to date with the contracts; returns how many facts changed.

    Incremental by default: only contracts saved since the newest fact (less a safety window) are
    read, found through the index on ``updated_at`` — a few index lookups when nothing changed.
    Every workflow service saves the contract after changing its parties, status or amounts, so its
    ``updated_at`` moves whenever a fact could change. ``full=True`` rebuilds every row. Whenever a
    fact changes, the version that keys the cached figures moves too (``statistics_version``).
    """
    if full:
        written = _facts_rebuild_sql()
        bump_statistics_version()
        return written
    latest = ContractStatisticsFacts.objects.aggregate(latest=Max("source_updated_at"))["latest"]
    changed = TechnologyContract.objects.filter(registered_on__isnull=False).order_by()
    if latest is not None:
        changed = changed.filter(updated_at__gte=latest - FACTS_SAFETY_WINDOW)
    columns = (
        "pk",
        "status",
        "registered_on",
        "effective_total_amount_cny",
        "effective_technology_amount_cny",
        "updated_at",
    )
    written = 0
    rows = changed.values(*columns).iterator(chunk_size=FACTS_CHUNK)
    total = changed.count() if progress else None
    with tqdm(total=total, desc="statistics facts", disable=not progress, unit="contract") as bar:
        while chunk := list(islice(rows, FACTS_CHUNK)):
            fresh = _facts_for(chunk)
            # Contracts inside the safety window are read again on every refresh; write only real changes.
            stored = {
                row[0]: row[1:]
                for row in ContractStatisticsFacts.objects.filter(contract_id__in=[f.contract_id for f in fresh])
                .order_by()
                .values_list("contract_id", *FACT_FIELDS)
            }
            fresh = [f for f in fresh if stored.get(f.contract_id) != _fact_tuple(f)]
            if fresh:
                ContractStatisticsFacts.objects.bulk_create(
                    fresh, update_conflicts=True, unique_fields=["contract"], update_fields=list(FACT_FIELDS)
                )
            written += len(fresh)
            bar.update(len(chunk))
    if written:
        bump_statistics_version()
    return written


FACT_FIELDS = (
    "status",
    "registered_on",
    "effective_total_amount_cny",
    "effective_technology_amount_cny",
    "seller_entity_type",
    "buyer_entity_type",
    "seller_places",
    "buyer_places",
    "source_updated_at",
)


def _fact_tuple(fact: ContractStatisticsFacts) -> tuple:
    return tuple(getattr(fact, ContractStatisticsFacts._meta.get_field(name).attname) for name in FACT_FIELDS)
