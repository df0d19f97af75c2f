"""Per-contract facts (``ContractStatisticsFacts``) and their running totals: written by the services with each change, rebuilt in full as a repair."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction

from ..models import ContractParty, ContractStatisticsFacts, Place, TechnologyContract
from .cache import bump_statistics_version
from .periods import (
    COMMERCIALISING_TYPES,
    DOMESTIC_COUNTRY_CODE,
)
from .summary import summary_adjust, summary_rebuild

# --- Party facts (a derived cache; see models/facts.py) ----------------------------------------------

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
            contract_type=contract["contract_type"] or "",
            sub_type=contract["sub_type"] or "",
            technical_field_id=contract["technical_field_id"],
            ip_type_id=contract["ip_type_id"],
            programme_source=contract["programme_source"] or "",
            commercialising=contract["contract_type"] in COMMERCIALISING_TYPES or contract["is_equity_contribution"],
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
    commercialising_types = ", ".join(f"'{code.value}'" for code in COMMERCIALISING_TYPES)  # fixed enum values

    def first_entity(side: str) -> str:
        # Table from model meta, side a fixed literal.
        query = f"SELECT q.entity_type_id FROM {parties} q WHERE q.contract_id = c.id AND q.side = '{side}'"  # noqa: S608
        return f"({query} ORDER BY q.sort_order, q.id LIMIT 1)"

    sql = f"""
        INSERT INTO {facts} (contract_id, status, registered_on, effective_total_amount_cny,
            effective_technology_amount_cny, seller_entity_type_id, buyer_entity_type_id,
            seller_places, buyer_places, source_updated_at,
            contract_type, sub_type, technical_field_id, ip_type_id, programme_source, commercialising)
        SELECT c.id, c.status, c.registered_on, c.effective_total_amount_cny, c.effective_technology_amount_cny,
               {first_entity("seller")}, {first_entity("buyer")},
               COALESCE(f.seller_places, 0), COALESCE(f.buyer_places, 0), c.updated_at,
               COALESCE(c.contract_type, ''), COALESCE(c.sub_type, ''), c.technical_field_id, c.ip_type_id,
               COALESCE(c.programme_source, ''),
               (c.contract_type IN ({commercialising_types}) OR c.is_equity_contribution)
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


FACT_COLUMNS = (
    "pk",
    "status",
    "registered_on",
    "effective_total_amount_cny",
    "effective_technology_amount_cny",
    "updated_at",
    "contract_type",
    "sub_type",
    "technical_field_id",
    "ip_type_id",
    "programme_source",
    "is_equity_contribution",
)


def contract_facts_write(contract_ids: Iterable[int]) -> int:
    """Write the facts rows of these contracts from their current state, inside the caller's transaction.

    The workflow services call this (through ``services._base._log``, which every transition passes)
    after saving a contract, so a registration, correction, amendment, cancellation or objection
    and its facts commit or roll back together; no read ever has to bring the facts up to date.
    A contract that has never been registered has no facts row. The running totals of the dashboard
    (``summary``) move with the rows: the old row's contribution out, the new one's in (a deleted row's
    is taken out by ``facts_deleted``). Returns how many rows were written.
    """
    ids = sorted(set(contract_ids))
    if not ids:
        return 0
    rows = list(
        TechnologyContract.objects.filter(pk__in=ids, registered_on__isnull=False).order_by().values(*FACT_COLUMNS)
    )
    fresh = _facts_for(rows)
    written = {f.contract_id for f in fresh}
    # Deleting sends post_delete per row (facts_deleted takes each one's contribution out).
    ContractStatisticsFacts.objects.filter(contract_id__in=set(ids) - written).delete()
    if fresh:
        summary_adjust(removed=list(ContractStatisticsFacts.objects.filter(contract_id__in=written)), added=fresh)
        ContractStatisticsFacts.objects.bulk_create(
            fresh, update_conflicts=True, unique_fields=["contract"], update_fields=list(FACT_FIELDS)
        )
        bump_statistics_version()
    return len(fresh)


@transaction.atomic
def facts_rebuild() -> int:
    """Recompute every facts row from the contracts (a repair: after raw SQL or ``QuerySet.update()``
    edits that bypass the services, or after restoring contracts without their facts)."""
    written = _facts_rebuild_sql()
    summary_rebuild()
    bump_statistics_version()
    return written


def facts_deleted(sender, instance: ContractStatisticsFacts, **kwargs) -> None:
    """A facts row deleted (with its contract, or by ``contract_facts_write``) takes its contribution out of
    the running totals in the deleting transaction. Connected to ``pre_delete`` in ``RegistrationConfig.ready()``:
    before a contract's deletion removes its achievement links too, so their share is still found. Thin."""
    summary_adjust(removed=[instance], added=[])
    bump_statistics_version()


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
    "contract_type",
    "sub_type",
    "technical_field",
    "ip_type",
    "programme_source",
    "commercialising",
)
