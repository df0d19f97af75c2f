"""Read-side statistics of the registry (§8 of docs/registration-rules.md): what a city bureau reports.

Definitions are written out in docs/registration-statistics.md; in short:

- A contract counts in a year when its status is 已登记 (``registered``, which includes amended
  contracts) and its ``registered_on`` falls in that calendar year. Cancelled (注销), refused, withdrawn
  contracts and those under objection (异议复核中) do not count.
- Amounts are the *effective* ones (the registrar's latest correction, else the declared amount).
- Every breakdown is fetched for the chosen year and the previous year in the same query
  (conditional aggregation), so year-on-year change costs no extra round trip.

Queries are aggregate queries over the ``registered_on`` range, grouped on indexed columns (covering
indexes on PostgreSQL); no per-contract Python work. Party-based breakdowns (entity type, 输出/吸纳
flows) read per-contract party facts (``statistics_models.ContractStatisticsFacts``), a derived
table kept in step incrementally, so no view joins contracts with their parties.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from common.errors import DomainError
from taxonomy.models import EntityType, IPType, TechnicalField

from .models import ContractParty, ContractType, TechnologyContract
from .rules import all_rulesets
from .statistics_models import ContractStatisticsFacts, Place

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
EARLIEST_YEAR = 2000  # the older rule set (国科发政字〔2000〕063号) is the earliest the registry knows
COMMERCIALISING_TYPES = (ContractType.TRANSFER, ContractType.LICENCE)
DOMESTIC_COUNTRY_CODE = "156"


# --- Year handling ---------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def current_year() -> int:
    return _today().year


def previous_period_end(year: int) -> date:
    """The last day of the previous year that ``year`` is compared with (同比).

    While ``year`` is still running, the previous year is taken up to the same day (同期), so a
    November dashboard does not compare eleven months with twelve; a closed year is compared with
    the whole previous year. 29 February falls back to 28 February.
    """
    today = _today()
    if year < today.year:
        return date(year - 1, 12, 31)
    try:
        return today.replace(year=year - 1)
    except ValueError:
        return date(year - 1, 2, 28)


def parse_year(value, *, default: int | None = None) -> int:
    """A year from user input (query string), or a DomainError with a clear message for the ``year`` field."""
    latest = current_year()
    if value in (None, ""):
        return default if default is not None else latest
    text = str(value).strip()
    message = _("年份应为 %(first)s 至 %(last)s 之间的四位整数。") % {"first": EARLIEST_YEAR, "last": latest}
    if not (text.isdigit() and len(text) == 4):
        raise DomainError(message, field_errors={"year": [message]}, code="invalid_year")
    year = int(text)
    if not EARLIEST_YEAR <= year <= latest:
        raise DomainError(message, field_errors={"year": [message]}, code="invalid_year")
    return year


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


# --- Value objects ---------------------------------------------------------------------------------


def money(value) -> Decimal:
    """Sums come back as Decimal (PostgreSQL) or float/int (SQLite raw SQL); normalise to 2 places."""
    if value is None:
        return ZERO
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def yoy_percent(current, previous) -> Decimal | None:
    """Year-on-year change in percent (one decimal), or None when the base is zero."""
    if not previous:
        return None
    change = (Decimal(current) - Decimal(previous)) / Decimal(previous) * 100
    return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_yoy(change: Decimal | None) -> str:
    """'+12.5%', '-3.0%', '0.0%', or '—' when there is no base to compare with."""
    if change is None:
        return "—"
    sign = "+" if change > 0 else ""
    return f"{sign}{change}%"


def format_wan(amount: Decimal) -> str:
    """Yuan as 万元 with thousands separators and two decimals: 12,345,678.9 → '1,234.57'."""
    wan = (Decimal(amount) / Decimal(10000)).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{wan:,.2f}"


@dataclass
class Row:
    """One line of a breakdown: the chosen year's figures beside the previous year's."""

    key: str
    label: str
    count: int = 0
    total: Decimal = ZERO  # 合同成交额 (effective), yuan
    technology: Decimal = ZERO  # 技术交易额 (effective), yuan
    previous_count: int = 0
    previous_total: Decimal = ZERO
    previous_technology: Decimal = ZERO
    bar_percent: int = 0  # width of this row's bar relative to the breakdown's largest 技术交易额
    indent: bool = False  # a sub-row (of which …) in a table

    def add(self, other: Row) -> None:
        self.count += other.count
        self.total += other.total
        self.technology += other.technology
        self.previous_count += other.previous_count
        self.previous_total += other.previous_total
        self.previous_technology += other.previous_technology

    @property
    def count_yoy(self) -> Decimal | None:
        return yoy_percent(self.count, self.previous_count)

    @property
    def total_yoy(self) -> Decimal | None:
        return yoy_percent(self.total, self.previous_total)

    @property
    def technology_yoy(self) -> Decimal | None:
        return yoy_percent(self.technology, self.previous_technology)

    @property
    def count_yoy_display(self) -> str:
        return format_yoy(self.count_yoy)

    @property
    def total_yoy_display(self) -> str:
        return format_yoy(self.total_yoy)

    @property
    def technology_yoy_display(self) -> str:
        return format_yoy(self.technology_yoy)

    @property
    def total_wan(self) -> str:
        return format_wan(self.total)

    @property
    def technology_wan(self) -> str:
        return format_wan(self.technology)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "count": self.count,
            "total_amount_cny": str(self.total),
            "technology_amount_cny": str(self.technology),
            "previous_count": self.previous_count,
            "previous_total_amount_cny": str(self.previous_total),
            "previous_technology_amount_cny": str(self.previous_technology),
            "count_yoy_percent": _str_or_none(self.count_yoy),
            "total_yoy_percent": _str_or_none(self.total_yoy),
            "technology_yoy_percent": _str_or_none(self.technology_yoy),
        }


def _str_or_none(value) -> str | None:
    return None if value is None else str(value)


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[Row]
    note: str = ""

    def __post_init__(self):
        largest = max((row.technology for row in self.rows if not row.indent), default=ZERO)
        for row in self.rows:
            row.bar_percent = int((row.technology / largest * 100).to_integral_value()) if largest > 0 else 0

    def as_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "note": self.note, "rows": [r.as_dict() for r in self.rows]}


@dataclass
class Progress:
    year: int
    count: int
    target: int
    previous_count: int = 0

    @property
    def percent(self) -> int:
        """Progress towards the target, capped at 100 (a bar never overflows; the count shows the excess)."""
        if self.target <= 0:
            return 100
        return min(100, int((Decimal(self.count) * 100 / self.target).to_integral_value(rounding=ROUND_HALF_UP)))

    @property
    def count_yoy_display(self) -> str:
        return format_yoy(yoy_percent(self.count, self.previous_count))

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "count": self.count,
            "target": self.target,
            "percent": self.percent,
            "previous_count": self.previous_count,
            "count_yoy_percent": _str_or_none(yoy_percent(self.count, self.previous_count)),
        }


@dataclass
class YearStatistics:
    year: int
    generated_at: object
    totals: Row
    commercialisation: Progress
    breakdowns: list[Breakdown] = field(default_factory=list)
    previous_period_end: date | None = None

    @property
    def compares_whole_year(self) -> bool:
        return self.previous_period_end == date(self.year - 1, 12, 31)

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "previous_year": self.year - 1,
            "previous_period_end": self.previous_period_end.isoformat() if self.previous_period_end else None,
            "generated_at": self.generated_at.isoformat(),
            "totals": self.totals.as_dict(),
            "commercialisation": self.commercialisation.as_dict(),
            "breakdowns": [b.as_dict() for b in self.breakdowns],
        }


# --- Base querysets --------------------------------------------------------------------------------


def counted_contracts():
    """The contracts statistics count: registered (amended ones included), whatever the year."""
    return TechnologyContract.objects.filter(status=TechnologyContract.Status.REGISTERED)


def _two_years(year: int):
    """Counted contracts registered in ``year`` or the year before, without the model's default ordering
    (which would otherwise be added to GROUP BY)."""
    return counted_contracts().filter(registered_on__range=(date(year - 1, 1, 1), date(year, 12, 31))).order_by()


def _split_aggregates(year: int) -> dict:
    current = Q(registered_on__gte=date(year, 1, 1))
    previous = Q(registered_on__lt=date(year, 1, 1), registered_on__lte=previous_period_end(year))
    return {
        "n": Count("pk", filter=current),
        "total": Sum("effective_total_amount_cny", filter=current),
        "tech": Sum("effective_technology_amount_cny", filter=current),
        "pn": Count("pk", filter=previous),
        "ptotal": Sum("effective_total_amount_cny", filter=previous),
        "ptech": Sum("effective_technology_amount_cny", filter=previous),
    }


def _row_from(values: dict, key: str, label: str) -> Row:
    return Row(
        key=key,
        label=label,
        count=values.get("n") or 0,
        total=money(values.get("total")),
        technology=money(values.get("tech")),
        previous_count=values.get("pn") or 0,
        previous_total=money(values.get("ptotal")),
        previous_technology=money(values.get("ptech")),
    )


def _accumulate(target: dict[str, Row], key: str, label: str, values: dict) -> None:
    row = target.get(key)
    if row is None:
        target[key] = _row_from(values, key, label)
    else:
        row.add(_row_from(values, key, label))


# --- Labels ----------------------------------------------------------------------------------------


def _term_label(term) -> str:
    if translation.get_language() == "en" and getattr(term, "name_en", ""):
        return term.name_en
    return term.name


def _labels(model) -> dict[int, str]:
    return {term.pk: _term_label(term) for term in model.objects.all()}


def type_labels() -> dict[str, str]:
    return {choice.value: str(choice.label) for choice in ContractType}


def sub_type_labels() -> dict[tuple[str, str], str]:
    """(type, sub-type) → label across rule sets; the newer rule set's label wins when both have one."""
    labels: dict[tuple[str, str], str] = {}
    for rules in sorted(all_rulesets().values(), key=lambda r: r.key):
        for rule in rules.types:
            for sub in rule.sub_types:
                labels[(rule.code, sub.code)] = sub.display
    return labels


# --- Breakdowns ------------------------------------------------------------------------------------


def _month_and_type(year: int) -> tuple[Row, Breakdown, Breakdown, Breakdown]:
    """One scan: rows grouped by (month, type, sub-type) give the totals, months, types and sub-types."""
    rows = (
        _two_years(year)
        .annotate(month=ExtractMonth("registered_on"))
        .values("month", "contract_type", "sub_type")
        .annotate(**_split_aggregates(year))
    )
    totals = Row(key="all", label=_("合计"))
    months: dict[str, Row] = {f"{m:02d}": Row(key=f"{m:02d}", label=_("%(m)s月") % {"m": m}) for m in range(1, 13)}
    types: dict[str, Row] = {}
    sub_types: dict[str, Row] = {}
    type_names = type_labels()
    sub_names = sub_type_labels()
    for values in rows:
        totals.add(_row_from(values, "all", ""))
        months[f"{values['month']:02d}"].add(_row_from(values, "", ""))
        type_code, sub_code = values["contract_type"] or "", values["sub_type"] or ""
        _accumulate(types, type_code, type_names.get(type_code, type_code or _("未认定")), values)
        sub_label = sub_names.get((type_code, sub_code), sub_code or _("未认定"))
        _accumulate(
            sub_types, f"{type_code}/{sub_code}", f"{type_names.get(type_code, type_code)} · {sub_label}", values
        )
    type_order = list(type_names)
    by_type = sorted(types.values(), key=lambda r: type_order.index(r.key) if r.key in type_order else 99)
    by_sub_type = sorted(sub_types.values(), key=lambda r: (-r.technology, r.key))
    return (
        totals,
        Breakdown("month", _("按月份"), list(months.values())),
        Breakdown("contract_type", _("按合同类别"), by_type),
        Breakdown("sub_type", _("按合同子类"), by_sub_type),
    )


def _field_ip_programme(year: int) -> tuple[Breakdown, Breakdown, Breakdown]:
    """One scan grouped by (technical field, IP type, programme source): four breakdowns from it."""
    rows = (
        _two_years(year)
        .values("technical_field_id", "ip_type_id", "programme_source")
        .annotate(**_split_aggregates(year))
    )
    field_names = _labels(TechnicalField)
    ip_types = {t.pk: t for t in IPType.objects.all()}
    programme_names = {c.value: str(c.label) for c in TechnologyContract.ProgrammeSource}
    fields: dict[str, Row] = {}
    ips: dict[str, Row] = {}
    involvement: dict[str, Row] = {
        "with_ip": Row(key="with_ip", label=_("涉及知识产权")),
        "without_ip": Row(key="without_ip", label=_("不涉及知识产权")),
    }
    programmes: dict[str, Row] = {}
    for values in rows:
        field_id = values["technical_field_id"]
        _accumulate(fields, str(field_id or ""), field_names.get(field_id, _("未填写")), values)
        ip = ip_types.get(values["ip_type_id"])
        has_ip = ip is not None and ip.code != "none"
        involvement["with_ip" if has_ip else "without_ip"].add(_row_from(values, "", ""))
        if has_ip:
            _accumulate(ips, ip.code, _term_label(ip), values)
        source = values["programme_source"] or TechnologyContract.ProgrammeSource.NONE
        _accumulate(programmes, source, programme_names.get(source, source), values)
    field_order = {pk: i for i, pk in enumerate(field_names)}
    by_field = sorted(fields.values(), key=lambda r: field_order.get(int(r.key) if r.key else -1, 99))
    ip_order = {t.code: i for i, t in enumerate(ip_types.values())}
    ip_rows = [involvement["with_ip"]]
    for row in sorted(ips.values(), key=lambda r: ip_order.get(r.key, 99)):
        row.indent = True
        ip_rows.append(row)
    ip_rows.append(involvement["without_ip"])
    programme_order = list(programme_names)
    by_programme = sorted(programmes.values(), key=lambda r: programme_order.index(r.key))
    return (
        Breakdown("technical_field", _("按技术领域"), by_field),
        Breakdown("ip", _("按知识产权"), ip_rows, note=_("知识产权类型取合同登记表所填类型。")),
        Breakdown("programme_source", _("按计划来源"), by_programme),
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


# --- Cached figures --------------------------------------------------------------------------------

VERSION_KEY = "registration:statistics:version"
CACHE_SECONDS = 24 * 3600  # labels (taxonomy names) and the cache's own safety: at most a day old


def bump_statistics_version() -> None:
    # Set after the surrounding transaction commits, so no reader caches figures of uncommitted rows.
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def statistics_version() -> str:
    """Changes whenever a counted contract or its facts change (new uuid), plus the newest fact's time.

    Either changing gives new cache keys, so cached figures are never served after a change; losing
    the version from the cache only costs a recomputation.
    """
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    latest = ContractStatisticsFacts.objects.aggregate(latest=Max("source_updated_at"))["latest"]
    return f"{version}:{latest.isoformat() if latest else '-'}"


def _counted_facts(year: int):
    return ContractStatisticsFacts.objects.filter(
        status=TechnologyContract.Status.REGISTERED, registered_on__range=(date(year - 1, 1, 1), date(year, 12, 31))
    ).order_by()


def _party_entity_types(year: int) -> tuple[Breakdown, Breakdown]:
    """Entity type (性质) of the first-listed seller and buyer: one grouped scan of the facts, by both."""
    names = {e.pk: f"{e.code} {e.name}" for e in EntityType.objects.all()}
    sides: dict[str, dict[str, Row]] = {"seller": {}, "buyer": {}}
    for values in (
        _counted_facts(year).values("seller_entity_type_id", "buyer_entity_type_id").annotate(**_split_aggregates(year))
    ):
        for side in ("seller", "buyer"):
            entity_id = values[f"{side}_entity_type_id"]
            _accumulate(sides[side], str(entity_id or ""), names.get(entity_id, _("未填写")), values)

    def ordered(rows: dict[str, Row]) -> list[Row]:
        return sorted(rows.values(), key=lambda r: (r.label == _("未填写"), r.label))

    note = _("按合同中列在首位的卖方(买方)的单位性质统计,每份合同计一次。")
    return (
        Breakdown("seller_entity_type", _("按卖方单位性质"), ordered(sides["seller"]), note=note),
        Breakdown("buyer_entity_type", _("按买方单位性质"), ordered(sides["buyer"]), note=note),
    )


LOCATION_CLASSES = ("local", "province", "other_province", "foreign", "unknown")
FLOW_CLASSES = ("in_province", *LOCATION_CLASSES)
IN_PROVINCE_BITS = Place.LOCAL | Place.PROVINCE


def _location_labels() -> dict[str, str]:
    return {
        "in_province": _("省内"),
        "local": _("本市"),
        "province": _("省内其他地区"),
        "other_province": _("省外"),
        "foreign": _("境外"),
        "unknown": _("地区未填写"),
    }


def _flows(year: int) -> tuple[Breakdown, Breakdown]:
    """输出: contracts with a local seller, by where the buyers are; 吸纳: with a local buyer, by the sellers.

    One grouped scan of the facts by (seller places, buyer places) — a few dozen groups — then the
    split here. A contract counts once per place, even with several parties there; 省内 (the city
    or elsewhere in the province) is a place of its own, not the sum of its two sub-rows.
    """
    labels = _location_labels()
    found = {flow: {cls: Row(key=cls, label=labels[cls]) for cls in FLOW_CLASSES} for flow in ("output", "absorption")}
    for values in _counted_facts(year).values("seller_places", "buyer_places").annotate(**_split_aggregates(year)):
        row = _row_from(values, "", "")
        for flow, local_places, other_places in (
            ("output", values["seller_places"], values["buyer_places"]),
            ("absorption", values["buyer_places"], values["seller_places"]),
        ):
            if not local_places & Place.LOCAL:
                continue
            if other_places & IN_PROVINCE_BITS:
                found[flow]["in_province"].add(row)
            for cls in LOCATION_CLASSES:
                if other_places & Place.BY_KEY[cls]:
                    found[flow][cls].add(row)

    def rows_for(flow: str) -> list[Row]:
        result = []
        for cls in FLOW_CLASSES:
            row = found[flow][cls]
            if cls in ("local", "province"):
                row.label = _("其中:%(place)s") % {"place": labels[cls]}
                row.indent = True
            if cls == "unknown" and not (row.count or row.previous_count):
                continue
            result.append(row)
        return result

    note = _("境外指国别代码不是 156 的当事人;省内含本市。一份合同在不同地区都有当事人时,在每个地区下各计一次。")
    return (
        Breakdown("flow_output", _("技术输出(卖方在本市),按买方所在地"), rows_for("output"), note=note),
        Breakdown("flow_absorption", _("技术吸纳(买方在本市),按卖方所在地"), rows_for("absorption"), note=note),
    )


# --- Commercialised achievements -------------------------------------------------------------------


def _commercialising_links(start: date, end: date):
    links = TechnologyContract.achievements.through.objects.filter(
        technologycontract__status=TechnologyContract.Status.REGISTERED,
        technologycontract__registered_on__range=(start, end),
    ).filter(
        Q(technologycontract__contract_type__in=COMMERCIALISING_TYPES)
        | Q(technologycontract__is_equity_contribution=True)
    )
    return links.order_by()


def commercialised_achievements(year: int):
    """Achievements commercialised in ``year``: linked to a registered (incl. amended, not cancelled)
    技术转让 / 技术许可 / 技术入股 contract registered that year. Each achievement once."""
    from marketplace.models import AchievementPage

    start, end = year_bounds(year)
    ids = _commercialising_links(start, end).values("achievementpage_id")
    return AchievementPage.objects.filter(pk__in=ids)


def _commercialised_counts(year: int) -> tuple[int, int]:
    start = date(year, 1, 1)
    counts = _commercialising_links(date(year - 1, 1, 1), date(year, 12, 31)).aggregate(
        current=Count("achievementpage_id", distinct=True, filter=Q(technologycontract__registered_on__gte=start)),
        previous=Count(
            "achievementpage_id",
            distinct=True,
            filter=Q(
                technologycontract__registered_on__lt=start,
                technologycontract__registered_on__lte=previous_period_end(year),
            ),
        ),
    )
    return counts["current"] or 0, counts["previous"] or 0


def commercialisation_target() -> int:
    return int(getattr(settings, "COMMERCIALISATION_TARGET_PER_YEAR", 50))


def commercialisation_progress(year: int, *, use_cache: bool = True) -> Progress:
    """Commercialised achievements in ``year`` against the target. Cached under the statistics version,
    which registrations, cancellations and achievement (un)linking all move, so changes show at once."""
    changed = facts_refresh()
    return _commercialisation(year, use_cache=use_cache and not changed, version=statistics_version())


def _commercialisation(year: int, *, use_cache: bool, version: str) -> Progress:
    key = ":".join(
        [
            "registration:commercialised",
            version,
            str(year),
            previous_period_end(year).isoformat(),
            str(commercialisation_target()),
        ]
    )
    progress = cache.get(key) if use_cache else None
    if progress is None:
        current, previous = _commercialised_counts(year)
        progress = Progress(year=year, count=current, target=commercialisation_target(), previous_count=previous)
        cache.set(key, progress, CACHE_SECONDS)
    return progress


def home_summary() -> dict:
    """This year's figures for the home page (key ``commercialised`` in its context); cached like the
    dashboard, so a home page view normally costs a few index lookups."""
    year = current_year()
    progress = commercialisation_progress(year)
    key = f"registration:home:{statistics_version()}:{year}"
    totals = cache.get(key)
    if totals is None:
        start, end = year_bounds(year)
        totals = (
            counted_contracts()
            .filter(registered_on__range=(start, end))
            .order_by()
            .aggregate(n=Count("pk"), tech=Sum("effective_technology_amount_cny"))
        )
        cache.set(key, totals, CACHE_SECONDS)
    return {
        "year": year,
        "count": progress.count,
        "target": progress.target,
        "percent": progress.percent,
        "contracts_registered": totals["n"] or 0,
        "technology_amount_cny": money(totals["tech"]),
    }


# --- The whole dashboard ---------------------------------------------------------------------------


def year_statistics(year: int, *, use_cache: bool = True) -> YearStatistics:
    """Everything the dashboard, the API and the Excel export show for ``year`` (with the year before).

    The breakdowns are cached under a key that changes with any change to a counted contract (see
    ``statistics_version``), the language, the comparison period and the home city; the
    commercialisation count is always live (achievement links do not touch the contract rows).
    """
    changed = facts_refresh()
    version = statistics_version()
    key = ":".join(
        [
            "registration:statistics",
            version,
            str(year),
            translation.get_language() or "",
            previous_period_end(year).isoformat(),
            settings.HOME_CITY_CODE,
            settings.HOME_PROVINCE_CODE,
        ]
    )
    # A refresh that changed facts means the cached figures may be old even if the version has not
    # moved yet (it moves when the refresh's transaction commits): compute afresh then.
    stats = cache.get(key) if use_cache and not changed else None
    if stats is None:
        stats = _compute_year_statistics(year)
        cache.set(key, stats, CACHE_SECONDS)
    stats.commercialisation = _commercialisation(year, use_cache=use_cache and not changed, version=version)
    return stats


def _compute_year_statistics(year: int) -> YearStatistics:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Enough memory to hash-aggregate a year's groups instead of sorting them on disk.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '32MB'")
        totals, months, types, sub_types = _month_and_type(year)
        by_field, by_ip, by_programme = _field_ip_programme(year)
        sellers, buyers = _party_entity_types(year)
        output, absorption = _flows(year)
    return YearStatistics(
        year=year,
        generated_at=timezone.localtime(),
        totals=totals,
        commercialisation=Progress(year=year, count=0, target=commercialisation_target()),
        previous_period_end=previous_period_end(year),
        breakdowns=[months, types, sub_types, by_field, sellers, buyers, by_ip, by_programme, output, absorption],
    )


def register_rows(year: int) -> Iterator[dict]:
    """The contract register for ``year``: every contract registered that year that is still registered
    (amended included) or was cancelled since, in number order, streamed in chunks.

    Each chunk's first-listed seller and buyer come from one parties query (not a subquery per row).
    """
    start, end = year_bounds(year)
    contracts = (
        TechnologyContract.objects.filter(
            status__in=[TechnologyContract.Status.REGISTERED, TechnologyContract.Status.CANCELLED],
            registered_on__range=(start, end),
        )
        .order_by("registration_number", "pk")
        .values(
            "pk",
            "registration_number",
            "registered_on",
            "project_name",
            "contract_number",
            "contract_type",
            "sub_type",
            "is_equity_contribution",
            "effective_total_amount_cny",
            "effective_technology_amount_cny",
            "technical_field_id",
            "status",
            "amended_at",
        )
        .iterator(chunk_size=REGISTER_CHUNK)
    )
    while chunk := list(islice(contracts, REGISTER_CHUNK)):
        first: dict[tuple[int, str], dict] = {}
        for party in (
            ContractParty.objects.filter(contract_id__in=[c["pk"] for c in chunk])
            .order_by("contract_id", "sort_order", "pk")
            .values("contract_id", "side", "name", "region_code", "country_code")
        ):
            first.setdefault((party["contract_id"], party["side"]), party)
        for contract in chunk:
            seller = first.get((contract["pk"], ContractParty.Side.SELLER), {})
            buyer = first.get((contract["pk"], ContractParty.Side.BUYER), {})
            yield {
                **contract,
                "seller_name": seller.get("name", ""),
                "seller_region": seller.get("region_code", ""),
                "buyer_name": buyer.get("name", ""),
                "buyer_region": buyer.get("region_code", ""),
                "buyer_country": buyer.get("country_code", ""),
            }


REGISTER_CHUNK = 2000


def label_maps() -> dict:
    """Lookups the register export needs to turn codes into labels (small tables, read once)."""
    return {
        "types": type_labels(),
        "sub_types": sub_type_labels(),
        "fields": _labels(TechnicalField),
        "status": {c.value: str(c.label) for c in TechnologyContract.Status},
    }


def can_view_statistics(user) -> bool:
    """Bureau staff and registrars read the statistics; nobody else (contracts are confidential)."""
    return bool(user.is_authenticated and (user.is_bureau_staff or user.is_registrar))
