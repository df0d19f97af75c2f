"""Running totals of the counted facts by month and grouping (``ContractStatisticsSummary``): adjusted with each facts write, recounted as a repair.

Every counted facts row (status 已登记, with a registration date) adds one contract and its effective amounts
to one key of each dimension for the month of its ``registered_on``. ``summary_adjust`` takes a facts row's
old contribution out and puts its new one in, in the caller's transaction (the services call it through
``contract_facts_write``); ``summary_rebuild`` recounts the whole table from the facts; ``summary_differences``
compares the two without writing (``manage.py registration_statistics_facts --check``).

The same grouping, written once as SQL over the facts (``facts_grouped_sql``), serves the recount, the
comparison, the dashboard's partial month and the dashboard's recomputation from facts in the tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import connection, transaction

from ..models import ContractStatisticsFacts, ContractStatisticsSummary, TechnologyContract
from .periods import CENT

REGISTERED = TechnologyContract.Status.REGISTERED

# (dimension, SQL of its key over the facts aliased ``f``). The key's Python twin is ``fact_keys``.
DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("class", "COALESCE(f.contract_type, '') || '/' || COALESCE(f.sub_type, '')"),
    ("field", "COALESCE(CAST(f.technical_field_id AS TEXT), '')"),
    ("ip", "COALESCE(CAST(f.ip_type_id AS TEXT), '')"),
    ("programme", "COALESCE(f.programme_source, '')"),
    ("seller_entity", "COALESCE(CAST(f.seller_entity_type_id AS TEXT), '')"),
    ("buyer_entity", "COALESCE(CAST(f.buyer_entity_type_id AS TEXT), '')"),
    ("places", "CAST(f.seller_places AS TEXT) || '/' || CAST(f.buyer_places AS TEXT)"),
)
DIMENSION_NAMES = tuple(name for name, _sql in DIMENSIONS)

Key = tuple[date, str, str]  # (month, dimension, key)


def _id_key(value: int | None) -> str:
    return "" if value is None else str(value)


def fact_keys(fact: ContractStatisticsFacts) -> dict[str, str]:
    """The key of each dimension a facts row counts under (the Python twin of ``DIMENSIONS``)."""
    return {
        "class": f"{fact.contract_type or ''}/{fact.sub_type or ''}",
        "field": _id_key(fact.technical_field_id),
        "ip": _id_key(fact.ip_type_id),
        "programme": fact.programme_source or "",
        "seller_entity": _id_key(fact.seller_entity_type_id),
        "buyer_entity": _id_key(fact.buyer_entity_type_id),
        "places": f"{fact.seller_places}/{fact.buyer_places}",
    }


def is_counted(fact: ContractStatisticsFacts) -> bool:
    return fact.status == REGISTERED and fact.registered_on is not None


def month_of(day: date) -> date:
    """The summary's month: the first day of the (Asia/Shanghai) month ``registered_on`` falls in."""
    return day.replace(day=1)


def to_money(value) -> Decimal:
    """A database sum as exact yuan: PostgreSQL returns numeric (Decimal) already; SQLite returns a float
    or an int for its NUMERIC columns, so it is rounded to the cent as Django's own converter does."""
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value or 0)).quantize(CENT)


# --- Incremental adjustment (inside the services' transaction) ---------------------------------------


def _contributions(facts: Iterable[ContractStatisticsFacts], sign: int, into: dict[Key, list]) -> None:
    for fact in facts:
        if not is_counted(fact):
            continue
        month = month_of(fact.registered_on)
        for dimension, key in fact_keys(fact).items():
            figures = into.setdefault((month, dimension, key), [0, Decimal("0.00"), Decimal("0.00")])
            figures[0] += sign
            figures[1] += sign * fact.effective_total_amount_cny
            figures[2] += sign * fact.effective_technology_amount_cny


ACHIEVEMENT = "achievement"


def _links(contract_ids: set[int]) -> dict[int, list[int]]:
    """The achievement pages each of these contracts is linked to."""
    through = TechnologyContract.achievements.through
    links: dict[int, list[int]] = {}
    for contract_id, achievement_id in through.objects.filter(technologycontract_id__in=contract_ids).values_list(
        "technologycontract_id", "achievementpage_id"
    ):
        links.setdefault(contract_id, []).append(achievement_id)
    return links


def _achievement_contributions(
    facts: Iterable[ContractStatisticsFacts], sign: int, links: dict[int, list[int]], into: dict[Key, list]
) -> None:
    for fact in facts:
        if not (is_counted(fact) and fact.commercialising):
            continue
        month = month_of(fact.registered_on)
        for achievement_id in links.get(fact.contract_id, ()):
            figures = into.setdefault((month, ACHIEVEMENT, str(achievement_id)), [0, Decimal("0.00"), Decimal("0.00")])
            figures[0] += sign


def summary_adjust(*, removed: Iterable[ContractStatisticsFacts], added: Iterable[ContractStatisticsFacts]) -> int:
    """Take the contributions of ``removed`` (facts rows as they were) out of the running totals and put those
    of ``added`` (as they are now) in. Runs in the caller's transaction; returns how many totals moved.

    Each total is moved with ``INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n``, so two transactions
    registering contracts of the same month add up under the row lock instead of overwriting each other.
    Totals that fall back to nothing are deleted, so the table holds only groups that exist.
    """
    removed, added = list(removed), list(added)
    deltas: dict[Key, list] = {}
    _contributions(removed, -1, deltas)
    _contributions(added, +1, deltas)
    commercialising = {f.contract_id for f in removed + added if is_counted(f) and f.commercialising}
    if commercialising:
        links = _links(commercialising)
        _achievement_contributions(removed, -1, links, deltas)
        _achievement_contributions(added, +1, links, deltas)
    return _apply(deltas)


def _apply(deltas: dict[Key, list]) -> int:
    changes = [(m, d, k, n, total, tech) for (m, d, k), (n, total, tech) in deltas.items() if n or total or tech]
    if not changes:
        return 0
    table = ContractStatisticsSummary._meta.db_table
    upsert = (
        f'INSERT INTO {table} (month, dimension, "key", contracts, total_amount_cny, technology_amount_cny) '  # noqa: S608 - table name from model meta
        "VALUES (%s, %s, %s, %s, %s, %s) "
        'ON CONFLICT (month, dimension, "key") DO UPDATE SET '
        f"contracts = {table}.contracts + excluded.contracts, "
        f"total_amount_cny = {table}.total_amount_cny + excluded.total_amount_cny, "
        f"technology_amount_cny = {table}.technology_amount_cny + excluded.technology_amount_cny"
    )
    with connection.cursor() as cursor:
        cursor.executemany(upsert, sorted(changes))  # a fixed order, so concurrent writers lock rows alike
    if any(n < 0 for *_key, n, _total, _tech in changes):
        months = sorted({m for m, *_rest in changes})
        ContractStatisticsSummary.objects.filter(month__in=months, contracts=0).delete()
    return len(changes)


def achievement_links_adjust(*, pairs: Iterable[tuple[int, int]], sign: int) -> int:
    """(contract id, achievement id) links added (``sign`` +1) or about to be removed (−1): a counted
    commercialising contract's link moves the achievement's count for the contract's month."""
    pairs = list(pairs)
    if not pairs:
        return 0
    months = {
        fact.contract_id: month_of(fact.registered_on)
        for fact in ContractStatisticsFacts.objects.filter(contract_id__in={c for c, _a in pairs})
        if is_counted(fact) and fact.commercialising
    }
    deltas: dict[Key, list] = {}
    for contract_id, achievement_id in pairs:
        if contract_id in months:
            figures = deltas.setdefault(
                (months[contract_id], ACHIEVEMENT, str(achievement_id)), [0, Decimal("0.00"), Decimal("0.00")]
            )
            figures[0] += sign
    return _apply(deltas)


def achievement_links_changing(*, instance, action: str, reverse: bool, pk_set: set | None) -> int:
    """The running totals' part of ``m2m_changed`` on ``TechnologyContract.achievements``: links that were
    really added (``post_add`` names only those), and links that really exist before a remove or clear (the
    ``pre_`` actions, since ``post_remove`` names every id asked for, linked or not)."""
    through = TechnologyContract.achievements.through
    if action == "post_add":
        ids = pk_set or set()
        pairs = [(pk, instance.pk) for pk in ids] if reverse else [(instance.pk, pk) for pk in ids]
        return achievement_links_adjust(pairs=pairs, sign=+1)
    if action not in ("pre_remove", "pre_clear"):
        return 0
    links = through.objects.filter(**{"achievementpage_id" if reverse else "technologycontract_id": instance.pk})
    if action == "pre_remove":
        links = links.filter(**{"technologycontract_id__in" if reverse else "achievementpage_id__in": pk_set or ()})
    return achievement_links_adjust(pairs=links.values_list("technologycontract_id", "achievementpage_id"), sign=-1)


def achievement_deleting(*, achievement_id: int) -> int:
    """An achievement page about to be deleted takes its links' share out (the links go with it, without an
    ``m2m_changed``)."""
    through = TechnologyContract.achievements.through
    links = through.objects.filter(achievementpage_id=achievement_id)
    return achievement_links_adjust(pairs=links.values_list("technologycontract_id", "achievementpage_id"), sign=-1)


# --- The same grouping over the facts, in SQL ---------------------------------------------------------


def _month_sql() -> str:
    if connection.vendor == "postgresql":
        return "CAST(date_trunc('month', f.registered_on) AS DATE)"
    return "date(f.registered_on, 'start of month')"


def _month_number_sql() -> str:
    if connection.vendor == "postgresql":
        return "CAST(EXTRACT(MONTH FROM f.registered_on) AS INTEGER)"
    return "CAST(strftime('%%m', f.registered_on) AS INTEGER)"


def facts_grouped_sql(*, columns: str, group: str, month_for_class: bool = False) -> str:
    """One ``UNION ALL`` of a grouped scan per dimension over the counted facts between two dates (two
    parameters per dimension, in order). ``columns`` / ``group`` are the select list and GROUP BY after the
    dimension and key, written against ``f``; with ``month_for_class`` the class dimension also groups by
    month number (the dashboard's month breakdown) and the others give 0 there."""
    facts = ContractStatisticsFacts._meta.db_table
    parts = []
    for name, key_sql in DIMENSIONS:
        month = _month_number_sql() if month_for_class and name == "class" else "0"
        select_month = f"{month} AS m, " if month_for_class else ""
        group_month = f", {month}" if month_for_class and name == "class" else ""
        parts.append(
            f"SELECT '{name}' AS dimension, {key_sql} AS k, {select_month}{columns} "  # noqa: S608 - fixed SQL
            f"FROM {facts} f WHERE f.status = '{REGISTERED}' AND f.registered_on BETWEEN %s AND %s "
            f"GROUP BY {key_sql}{group_month}{group}"
        )
    return " UNION ALL ".join(parts)


def _recount(start: date, end: date) -> dict[Key, tuple[int, Decimal, Decimal]]:
    month = _month_sql()
    sql = facts_grouped_sql(
        columns=f"{month} AS month, COUNT(*), SUM(f.effective_total_amount_cny), "
        "SUM(f.effective_technology_amount_cny)",
        group=f", {month}",
    )
    facts = ContractStatisticsFacts._meta.db_table
    through = TechnologyContract.achievements.through._meta.db_table
    links = (
        f"SELECT '{ACHIEVEMENT}' AS dimension, CAST(l.achievementpage_id AS TEXT) AS k, {month} AS month, "  # noqa: S608
        f"COUNT(*), 0.00, 0.00 FROM {through} l JOIN {facts} f ON f.contract_id = l.technologycontract_id "
        f"WHERE f.status = '{REGISTERED}' AND f.commercialising AND f.registered_on BETWEEN %s AND %s "
        f"GROUP BY l.achievementpage_id, {month}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} UNION ALL {links}", [start, end] * (len(DIMENSIONS) + 1))
        rows = cursor.fetchall()
    return {
        (_as_date(month), dimension, key): (n, to_money(total), to_money(tech))
        for dimension, key, month, n, total, tech in rows
    }


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


EVERYTHING = (date(1, 1, 1), date(9999, 12, 31))


def summary_recount() -> dict[Key, tuple[int, Decimal, Decimal]]:
    """What the running totals should hold, counted afresh from the facts."""
    return _recount(*EVERYTHING)


def summary_totals() -> dict[Key, tuple[int, Decimal, Decimal]]:
    """What the running totals hold (groups that fell back to nothing left out)."""
    return {
        (row.month, row.dimension, row.key): (row.contracts, row.total_amount_cny, row.technology_amount_cny)
        for row in ContractStatisticsSummary.objects.all()
        if row.contracts or row.total_amount_cny or row.technology_amount_cny
    }


def summary_differences() -> list[Key]:
    """The (month, dimension, key) groups where the running totals and a recount from the facts differ."""
    stored, recounted = summary_totals(), summary_recount()
    return sorted(key for key in stored.keys() | recounted.keys() if stored.get(key) != recounted.get(key))


@transaction.atomic
def summary_rebuild() -> int:
    """Recount every running total from the facts (a repair; ``facts_rebuild`` ends with it)."""
    ContractStatisticsSummary.objects.all().delete()
    rows = [
        ContractStatisticsSummary(
            month=month, dimension=dimension, key=key, contracts=n, total_amount_cny=total, technology_amount_cny=tech
        )
        for (month, dimension, key), (n, total, tech) in summary_recount().items()
    ]
    ContractStatisticsSummary.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
