"""The dashboard's figures: from the running totals (or recomputed from the facts), commercialisation, the home summary."""

from __future__ import annotations

import functools
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from taxonomy.models import EntityType, IPType, TechnicalField

from ..amounts import money
from ..models import ContractStatisticsFacts, ContractStatisticsSummary, ContractType, Place, TechnologyContract
from ..rules import all_rulesets
from .cache import CACHE_SECONDS, statistics_version
from .figures import Breakdown, Progress, Row, YearStatistics
from .periods import (
    COMMERCIALISING_TYPES,
    current_year,
    previous_period_end,
    year_bounds,
)
from .summary import ACHIEVEMENT, DIMENSIONS, facts_grouped_sql, month_of, to_money

# --- Base querysets --------------------------------------------------------------------------------


def counted_contracts():
    """The contracts statistics count: registered (amended ones included), whatever the year."""
    return TechnologyContract.objects.filter(status=TechnologyContract.Status.REGISTERED)


# --- The grouped figures: from the running totals, or recomputed from the facts ----------------------
#
# Either source gives, in one statement, unfolded rows (dimension of ``summary.DIMENSIONS``, key, month number for
# the class dimension else 0, n, total, tech, previous n, previous total, previous tech); ``_folded`` adds them up
# into one row per breakdown line, so the two sources give the same figures by construction (a test compares
# them) and the breakdowns only label, order and split a few dozen rows.

GroupedRows = dict[str, list[tuple]]


def _previous_cut(year: int) -> tuple[date, date | None]:
    """Where the comparison period (同期) stops within the running totals' months: every month before the
    returned month is whole in it; the second date, when set, is the last day of a month taken only in part
    (today's date last year), whose facts are summed from the facts table itself."""
    end = previous_period_end(year)
    following = end + timedelta(days=1)
    if following.day == 1:  # the period ends with a month: whole months only
        return following, None
    return month_of(end), end


def _folded(rows) -> GroupedRows:
    """Add the unfolded rows (dimension, key, month number, six figures) up into what the breakdowns show: a row
    per (dimension, key) over all months, a ``month`` row per month of the class dimension and one ``total`` row,
    the months added up (the class dimension holds every counted contract once). Groups with nothing in either period are left out
    (a group seen only after the compared period). One pass with plain sums; the breakdowns then build one
    ``Row`` per line instead of adding every grouped row into up to four of them.

    (Folding in SQL instead, around the same statement, was measured slower: the database's extra aggregation of
    a materialised CTE cost more than these few hundred additions.)"""
    convert = connection.vendor != "postgresql"  # SQLite returns floats for its NUMERIC sums
    sums: dict[tuple[str, str, int], list] = {}
    for dimension, key, month, n, total, tech, pn, ptotal, ptech in rows:
        if convert:
            total, tech, ptotal, ptech = to_money(total), to_money(tech), to_money(ptotal), to_money(ptech)
        targets = ((dimension, key, 0), ("month", "", month)) if dimension == "class" else ((dimension, key, 0),)
        for target in targets:
            figures = sums.get(target)
            if figures is None:
                sums[target] = [n, total, tech, pn, ptotal, ptech]
            else:
                figures[0] += n
                figures[1] += total
                figures[2] += tech
                figures[3] += pn
                figures[4] += ptotal
                figures[5] += ptech
    grouped: GroupedRows = {}
    for (dimension, key, month), figures in sums.items():
        if figures[0] or figures[3]:
            grouped.setdefault(dimension, []).append((key, month, *figures))
    months = grouped.get("month", ())
    if months:  # the year's totals: its months added up
        total = [sum(row[i] for row in months) for i in range(2, 8)]
        grouped["total"] = [("", 0, *total)]
    return grouped


def _summary_month_sql() -> str:
    if connection.vendor == "postgresql":
        return "CAST(EXTRACT(MONTH FROM s.month) AS INTEGER)"
    return "CAST(strftime('%%m', s.month) AS INTEGER)"


def _grouped_from_summary(year: int) -> GroupedRows:
    """One read of the running totals (a few hundred rows a year) together with, while the year runs, the
    facts of the one month of last year that is compared only up to today's date; one statement."""
    table = ContractStatisticsSummary._meta.db_table
    month = _summary_month_sql()
    inner = f"""
        SELECT s.dimension, s."key", CASE WHEN s.dimension = 'class' THEN {month} ELSE 0 END AS m,
            SUM(CASE WHEN s.month >= %s THEN s.contracts ELSE 0 END),
            SUM(CASE WHEN s.month >= %s THEN s.total_amount_cny ELSE 0.00 END),
            SUM(CASE WHEN s.month >= %s THEN s.technology_amount_cny ELSE 0.00 END),
            SUM(CASE WHEN s.month < %s THEN s.contracts ELSE 0 END),
            SUM(CASE WHEN s.month < %s THEN s.total_amount_cny ELSE 0.00 END),
            SUM(CASE WHEN s.month < %s THEN s.technology_amount_cny ELSE 0.00 END)
        FROM {table} s
        WHERE s.month >= %s AND s.month <= %s AND (s.month >= %s OR s.month < %s) AND s.contracts <> 0
            AND s.dimension <> '{ACHIEVEMENT}'
        GROUP BY s.dimension, s."key", m
    """  # noqa: S608 - table name from model meta; values are parameters
    january = date(year, 1, 1)
    cut, partial_end = _previous_cut(year)
    # Months of last year after the compared period are left out: a group seen only there has no figures.
    params = [january] * 3 + [cut] * 3 + [date(year - 1, 1, 1), date(year, 12, 1), january, cut]
    if partial_end is not None:
        columns = "0, 0.00, 0.00, COUNT(*), SUM(f.effective_total_amount_cny), SUM(f.effective_technology_amount_cny)"
        inner += " UNION ALL " + facts_grouped_sql(columns=columns, group="", month_for_class=True)
        params += [cut, partial_end] * len(DIMENSIONS)
    with connection.cursor() as cursor:
        cursor.execute(inner, params)
        return _folded(cursor.fetchall())


def _grouped_from_facts(year: int) -> GroupedRows:
    """The same rows recomputed from the facts row by row (what the running totals must add up to)."""
    january, end = date(year, 1, 1), previous_period_end(year)
    columns = (
        "SUM(CASE WHEN f.registered_on >= %s THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN f.registered_on >= %s THEN f.effective_total_amount_cny ELSE 0.00 END), "
        "SUM(CASE WHEN f.registered_on >= %s THEN f.effective_technology_amount_cny ELSE 0.00 END), "
        "SUM(CASE WHEN f.registered_on <= %s THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN f.registered_on <= %s THEN f.effective_total_amount_cny ELSE 0.00 END), "
        "SUM(CASE WHEN f.registered_on <= %s THEN f.effective_technology_amount_cny ELSE 0.00 END)"
    )
    inner = facts_grouped_sql(columns=columns, group="", month_for_class=True)
    with connection.cursor() as cursor:
        cursor.execute(
            inner,
            ([january] * 3 + [end] * 3 + [date(year - 1, 1, 1), date(year, 12, 31)]) * len(DIMENSIONS),
        )
        return _folded(cursor.fetchall())


def _add_figures(row: Row, figures: tuple) -> None:
    n, total, tech, pn, ptotal, ptech = figures
    row.count += n
    row.total += total
    row.technology += tech
    row.previous_count += pn
    row.previous_total += ptotal
    row.previous_technology += ptech


def _id(key: str) -> int | None:
    return int(key) if key else None


# --- Labels ----------------------------------------------------------------------------------------


def _term_label(term) -> str:
    if translation.get_language() == "en" and getattr(term, "name_en", ""):
        return term.name_en
    return term.name


def _labels(model) -> dict[int, str]:
    return {term.pk: _term_label(term) for term in model.objects.all()}


LABELS_KEY = "registration:statistics:labels"


def _taxonomy_labels() -> dict:
    """Technical field, IP type and entity type labels in the current language, read from their tables once per
    language and kept for the cache's day (the cached figures hold their labels as long). With the figures
    themselves coming from a few hundred running totals, three table reads and their model objects were a
    third of an uncached computation; a renamed term shows within a day, or at once after ``cache.clear()``."""
    key = f"{LABELS_KEY}:{translation.get_language() or ''}"
    labels = cache.get(key)
    if labels is None:
        labels = {
            "fields": _labels(TechnicalField),
            "ip_types": {t.pk: (t.code, _term_label(t)) for t in IPType.objects.all()},
            "entities": {e.pk: f"{e.code} {_term_label(e)}" for e in EntityType.objects.all()},
        }
        cache.set(key, labels, CACHE_SECONDS)
    return labels


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


def _fixed_labels() -> dict:
    """Every label of the breakdowns that comes from the code (gettext, choices, rule sets) in the current
    language. They cannot change while the process runs, so they are resolved once per language: the ~50
    gettext lookups of a computation (each walking the zh-hans fallback chain) were a third of its Python time."""
    return _fixed_labels_in(translation.get_language())


@functools.lru_cache(maxsize=8)
def _fixed_labels_in(language: str | None) -> dict:
    del language  # the cache key: the labels below are resolved in the active language
    location = {
        "in_province": _("省内"),
        "local": _("本市"),
        "province": _("省内其他地区"),
        "other_province": _("省外"),
        "foreign": _("境外"),
        "unknown": _("地区未填写"),
    }
    return {
        "total": _("合计"),
        "months": {f"{m:02d}": _("%(m)s月") % {"m": m} for m in range(1, 13)},
        "types": type_labels(),
        "sub_types": sub_type_labels(),
        "programmes": {c.value: str(c.label) for c in TechnologyContract.ProgrammeSource},
        "unclassified": _("未认定"),
        "unfilled": _("未填写"),
        "with_ip": _("涉及知识产权"),
        "without_ip": _("不涉及知识产权"),
        "location": location,
        "location_of_which": {cls: _("其中:%(place)s") % {"place": location[cls]} for cls in ("local", "province")},
        "titles": {
            "month": _("按月份"),
            "contract_type": _("按合同类别"),
            "sub_type": _("按合同子类"),
            "technical_field": _("按技术领域"),
            "ip": _("按知识产权"),
            "programme_source": _("按计划来源"),
            "seller_entity_type": _("按卖方单位性质"),
            "buyer_entity_type": _("按买方单位性质"),
            "flow_output": _("技术输出(卖方在本市),按买方所在地"),
            "flow_absorption": _("技术吸纳(买方在本市),按卖方所在地"),
        },
        "notes": {
            "ip": _("知识产权类型取合同登记表所填类型。"),
            "entity": _("按合同中列在首位的卖方(买方)的单位性质统计,每份合同计一次。"),
            "flow": _(
                "境外指国别代码不是 156 的当事人;省内含本市。一份合同在不同地区都有当事人时,在每个地区下各计一次。"
            ),
        },
    }


# --- Breakdowns ------------------------------------------------------------------------------------


def _month_and_type(grouped: GroupedRows, labels: dict) -> tuple[Row, Breakdown, Breakdown, Breakdown]:
    """The totals, months, types and sub-types from the folded class rows (one per sub-type, one per month)."""
    totals = Row("all", labels["total"])
    for _key, _month, *figures in grouped.get("total", ()):
        totals = Row("all", labels["total"], *figures)
    month_labels = labels["months"]
    months = {key: Row(key, label) for key, label in month_labels.items()}
    for _key, month, *figures in grouped.get("month", ()):
        key = f"{month:02d}"
        months[key] = Row(key, month_labels[key], *figures)
    type_names, sub_names, unclassified = labels["types"], labels["sub_types"], labels["unclassified"]
    types: dict[str, Row] = {}
    sub_types: list[Row] = []
    for key, _month, *figures in grouped.get("class", ()):
        type_code, _slash, sub_code = key.partition("/")
        sub_label = sub_names.get((type_code, sub_code)) or sub_code or unclassified
        sub_types.append(Row(key, f"{type_names.get(type_code, type_code)} · {sub_label}", *figures))
        row = types.get(type_code)
        if row is None:
            types[type_code] = Row(type_code, type_names.get(type_code) or type_code or unclassified, *figures)
        else:
            _add_figures(row, figures)
    type_order = list(type_names)
    by_type = sorted(types.values(), key=lambda r: type_order.index(r.key) if r.key in type_order else 99)
    by_sub_type = sorted(sub_types, key=lambda r: (-r.technology, r.key))
    titles = labels["titles"]
    return (
        totals,
        Breakdown("month", titles["month"], list(months.values())),
        Breakdown("contract_type", titles["contract_type"], by_type),
        Breakdown("sub_type", titles["sub_type"], by_sub_type),
    )


def _field_ip_programme(grouped: GroupedRows, labels: dict) -> tuple[Breakdown, Breakdown, Breakdown]:
    """Technical field, IP and programme source, each from its own dimension of the grouped rows."""
    taxonomy = _taxonomy_labels()
    field_names = taxonomy["fields"]
    ip_types = taxonomy["ip_types"]
    unfilled = labels["unfilled"]
    programme_names = labels["programmes"]
    field_order = {pk: i for i, pk in enumerate(field_names)}
    fields = [
        Row(key, field_names.get(_id(key)) or unfilled, *figures) for key, _month, *figures in grouped.get("field", ())
    ]
    by_field = sorted(fields, key=lambda r: field_order.get(int(r.key) if r.key else -1, 99))
    with_ip, without_ip = Row("with_ip", labels["with_ip"]), Row("without_ip", labels["without_ip"])
    ips: dict[str, Row] = {}
    for key, _month, *figures in grouped.get("ip", ()):
        ip_code, ip_label = ip_types.get(_id(key), (None, ""))
        if ip_code is None or ip_code == "none":
            _add_figures(without_ip, figures)
            continue
        _add_figures(with_ip, figures)
        row = ips.get(ip_code)
        if row is None:
            ips[ip_code] = Row(ip_code, ip_label, *figures, indent=True)
        else:
            _add_figures(row, figures)
    ip_order = {code: i for i, (code, _label) in enumerate(ip_types.values())}
    ip_rows = [with_ip, *sorted(ips.values(), key=lambda r: ip_order.get(r.key, 99)), without_ip]
    programmes: dict[str, Row] = {}
    for key, _month, *figures in grouped.get("programme", ()):
        source = key or TechnologyContract.ProgrammeSource.NONE
        row = programmes.get(source)
        if row is None:
            programmes[source] = Row(source, programme_names.get(source, source), *figures)
        else:  # '' and 'none' are both "no programme"
            _add_figures(row, figures)
    programme_order = list(programme_names)
    by_programme = sorted(
        programmes.values(), key=lambda r: programme_order.index(r.key) if r.key in programme_order else 99
    )
    titles = labels["titles"]
    return (
        Breakdown("technical_field", titles["technical_field"], by_field),
        Breakdown("ip", titles["ip"], ip_rows, note=labels["notes"]["ip"]),
        Breakdown("programme_source", titles["programme_source"], by_programme),
    )


def _party_entity_types(grouped: GroupedRows, labels: dict | None = None) -> tuple[Breakdown, Breakdown]:
    """Entity type (性质) of the first-listed seller and buyer, each from its own dimension (a row per type)."""
    labels = labels or _fixed_labels()
    names: dict[int | None, str] = _taxonomy_labels()["entities"]
    unfilled = labels["unfilled"]

    def ordered(side: str) -> list[Row]:
        rows = [
            Row(key, names.get(_id(key)) or unfilled, *figures)
            for key, _month, *figures in grouped.get(f"{side}_entity", ())
        ]
        return sorted(rows, key=lambda r: (r.key == "", r.label))

    titles, note = labels["titles"], labels["notes"]["entity"]
    return (
        Breakdown("seller_entity_type", titles["seller_entity_type"], ordered("seller"), note=note),
        Breakdown("buyer_entity_type", titles["buyer_entity_type"], ordered("buyer"), note=note),
    )


LOCATION_CLASSES = ("local", "province", "other_province", "foreign", "unknown")
FLOW_CLASSES = ("in_province", *LOCATION_CLASSES)
IN_PROVINCE_BITS = Place.LOCAL | Place.PROVINCE


def _flows(grouped: GroupedRows, labels: dict) -> tuple[Breakdown, Breakdown]:
    """输出: contracts with a local seller, by where the buyers are; 吸纳: with a local buyer, by the sellers.

    From the rows grouped by (seller places, buyer places) — a few dozen groups — split here. A contract counts
    once per place, even with several parties there; 省内 (the city or elsewhere in the province) is a place of
    its own, not the sum of its two sub-rows.
    """
    location = labels["location"]
    found = {
        flow: {cls: Row(key=cls, label=location[cls]) for cls in FLOW_CLASSES} for flow in ("output", "absorption")
    }
    for key, _month, *figures in grouped.get("places", ()):
        seller_places, _slash, buyer_places = key.partition("/")
        seller_places, buyer_places = int(seller_places), int(buyer_places)
        for flow, local_places, other_places in (
            ("output", seller_places, buyer_places),
            ("absorption", buyer_places, seller_places),
        ):
            if not local_places & Place.LOCAL:
                continue
            if other_places & IN_PROVINCE_BITS:
                _add_figures(found[flow]["in_province"], figures)
            for cls in LOCATION_CLASSES:
                if other_places & Place.BY_KEY[cls]:
                    _add_figures(found[flow][cls], figures)

    def rows_for(flow: str) -> list[Row]:
        result = []
        for cls in FLOW_CLASSES:
            row = found[flow][cls]
            if cls in ("local", "province"):
                row.label = labels["location_of_which"][cls]
                row.indent = True
            if cls == "unknown" and not (row.count or row.previous_count):
                continue
            result.append(row)
        return result

    titles, note = labels["titles"], labels["notes"]["flow"]
    return (
        Breakdown("flow_output", titles["flow_output"], rows_for("output"), note=note),
        Breakdown("flow_absorption", titles["flow_absorption"], rows_for("absorption"), note=note),
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
    """Distinct commercialised achievements this year and in the compared period of last year, from the
    achievements' running totals (a few rows per achievement and month), plus, while the year runs, the
    links of the one month of last year compared only up to today's date. One query."""
    table = ContractStatisticsSummary._meta.db_table
    facts = ContractStatisticsFacts._meta.db_table
    through = TechnologyContract.achievements.through._meta.db_table
    january = date(year, 1, 1)
    cut, partial_end = _previous_cut(year)
    sql = f"""
        SELECT COUNT(DISTINCT CASE WHEN u.is_current = 1 THEN u.a END), COUNT(DISTINCT CASE WHEN u.is_current = 0 THEN u.a END)
        FROM (
            SELECT s."key" AS a, CASE WHEN s.month >= %s THEN 1 ELSE 0 END AS is_current FROM {table} s
            WHERE s.dimension = '{ACHIEVEMENT}' AND s.contracts > 0 AND s.month >= %s AND s.month <= %s
                AND (s.month >= %s OR s.month < %s)
            UNION ALL
            SELECT CAST(l.achievementpage_id AS TEXT), 0 FROM {through} l
            JOIN {facts} f ON f.contract_id = l.technologycontract_id
            WHERE f.status = '{TechnologyContract.Status.REGISTERED}' AND f.commercialising
                AND f.registered_on BETWEEN %s AND %s
        ) u
    """  # noqa: S608 - table names from model meta, fixed literals; values are parameters
    params = [january, date(year - 1, 1, 1), date(year, 12, 1), january, cut]
    # Without a partial month the second part selects nothing (an empty range).
    params += [cut, partial_end] if partial_end else [january, date(year - 1, 1, 1)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        current, previous = cursor.fetchone()
    return current or 0, previous or 0


def _commercialised_counts_from_contracts(year: int) -> tuple[int, int]:
    """The same two counts from the contracts and their links (the reference the running totals are held to)."""
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
    return _commercialisation(year, use_cache=use_cache, version=statistics_version())


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
        # The running totals of one dimension hold every counted contract once: twelve rows, not a year of contracts.
        start, end = year_bounds(year)
        totals = ContractStatisticsSummary.objects.filter(dimension="class", month__range=(start, end)).aggregate(
            n=Sum("contracts"), tech=Sum("technology_amount_cny")
        )
        cache.set(key, totals, CACHE_SECONDS)
    return {
        "year": year,
        "count": progress.count,
        "target": progress.target,
        "percent": progress.percent,
        "contracts_registered": totals["n"] or 0,
        "technology_amount_cny": money(totals["tech"] or 0),
    }


# --- The whole dashboard ---------------------------------------------------------------------------


def year_statistics(year: int, *, use_cache: bool = True) -> YearStatistics:
    """Everything the dashboard, the API and the Excel export show for ``year`` (with the year before).

    The breakdowns are cached under a key that changes with any change to a counted contract (see
    ``statistics_version``), the language, the comparison period and the home city; the
    commercialisation count is always live (achievement links do not touch the contract rows).
    """
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
    stats = cache.get(key) if use_cache else None
    if stats is None:
        stats = _compute_year_statistics(year)
        cache.set(key, stats, CACHE_SECONDS)
    stats.commercialisation = _commercialisation(year, use_cache=use_cache, version=version)
    return stats


def _compute_year_statistics(year: int, *, source: str = "summary") -> YearStatistics:
    """The breakdowns from the running totals (``source="summary"``, what the pages use) or recomputed from
    the facts row by row (``"facts"``: the reference the tests hold the running totals to)."""
    grouped = _grouped_from_facts(year) if source == "facts" else _grouped_from_summary(year)
    labels = _fixed_labels()
    totals, months, types, sub_types = _month_and_type(grouped, labels)
    by_field, by_ip, by_programme = _field_ip_programme(grouped, labels)
    sellers, buyers = _party_entity_types(grouped, labels)
    output, absorption = _flows(grouped, labels)
    return YearStatistics(
        year=year,
        generated_at=timezone.localtime(),
        totals=totals,
        commercialisation=Progress(year=year, count=0, target=commercialisation_target()),
        previous_period_end=previous_period_end(year),
        breakdowns=[months, types, sub_types, by_field, sellers, buyers, by_ip, by_programme, output, absorption],
    )


def can_view_statistics(user) -> bool:
    """Bureau staff and registrars read the statistics; nobody else (contracts are confidential)."""
    return bool(user.is_authenticated and (user.is_bureau_staff or user.is_registrar))
