#!/usr/bin/env python
"""Registration benchmark: certificate PDFs, and the statistics dashboard at 100,000 and 1,000,000 contracts.

Usage (from the repository root; PostgreSQL for the dashboard part):

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/regstats \\
        .venv/bin/python benchmarks/registration_perf.py --sizes 100000,1000000
    .venv/bin/python benchmarks/registration_perf.py --sizes 20000 --runs 3        # SQLite, quick

It works in Django's throw-away test database (``test_<name>``), never in the one DATABASE_URL
names; ``--keep`` keeps it (and reuses the rows already there) for another run.

(a) Certificates: the median time of ``certificate_issue`` (render with WeasyPrint, hash, store)
    over ``--pdfs`` certificates of one registered contract.
(b) Statistics: contracts are spread evenly over the ten years up to the current one (so 1,000,000
    contracts give about 100,000 per year, the chosen year and the previous one scanned together),
    with 85 % registered, 5 % cancelled and the rest in other states, two or three parties each, and
    achievement links on a third of the transfer/licence contracts. Rows go in with PostgreSQL COPY
    (psycopg 3; bulk_create on SQLite), then ANALYZE + VACUUM, then the statistics' party facts are
    rebuilt once (timed: what a first deployment on existing data costs). For each size it prints the median
    over ``--runs`` of the whole dashboard computation (``statistics.year_statistics``), of the
    rendered page through Django's test client, of ``home_summary()``, and the per-query times and
    query count of one computation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import random
import statistics as pystats
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from tqdm import tqdm  # noqa: E402

YEARS = 10
BATCH = 20_000


def median_ms(samples: list[float]) -> float:
    return pystats.median(samples) * 1000


# --- (a) certificates -----------------------------------------------------------------------------


def bench_certificates(count: int) -> None:
    from accounts.models import Organisation, User
    from registration import services
    from registration.certificates import certificate_issue
    from registration.models import Certificate, Registry
    from taxonomy.models import TechnicalField

    registrar, _ = User.objects.get_or_create(username="bench_registrar", defaults={"role": User.Role.REGISTRAR})
    registry = Registry.objects.get(code="350400")
    registry.registrars.add(registrar)
    seller, _ = Organisation.objects.get_or_create(
        name="基准测试研究院", defaults={"kind": Organisation.Kind.RESEARCH_INSTITUTE, "status": "approved"}
    )
    contract = services.contract_register_historical(
        registrar=registrar,
        seller_organisation=seller,
        data={
            "project_name": "高导热石墨烯散热膜制备技术开发",
            "contract_type": "development",
            "sub_type": "commissioned_development",
            "technical_field": TechnicalField.objects.get(code="materials"),
            "total_amount_cny": Decimal("1000000.00"),
            "payment_method": "lump_sum",
        },
        parties=[
            {"side": "seller", "party_role": "developer", "organisation": seller, "name": "", "region_code": "350402"},
            {"side": "buyer", "party_role": "commissioner", "name": "福州某科技有限公司", "region_code": "350100"},
        ],
        registered_on=timezone.localdate(),
        registry=registry,
    )
    decision = contract.decisions.first()
    certificate_issue(contract=contract, kind=Certificate.Kind.REGISTERED, decision=None, user=registrar)  # warm-up
    samples = []
    for _ in tqdm(range(count), desc="certificates"):
        start = time.perf_counter()
        certificate_issue(contract=contract, kind=Certificate.Kind.REGISTERED, decision=None, user=registrar)
        samples.append(time.perf_counter() - start)
    del decision
    size = Certificate.objects.filter(contract=contract).last().file.size
    print(
        f"certificate_issue: median {median_ms(samples):.0f} ms, min {min(samples) * 1000:.0f} ms, "
        f"max {max(samples) * 1000:.0f} ms over {count} PDFs ({size / 1024:.0f} KiB each)"
    )
    # The floor: WeasyPrint alone on the very same HTML, as a caller who knows nothing of our code would run it.
    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import HTML

    from registration.certificates import certificate_context

    with translation.override("zh-hans"):
        html = render_to_string(
            "registration/certificate.html", certificate_context(contract, Certificate.Kind.REGISTERED, None)
        )
    raw = []
    for _ in range(count):
        start = time.perf_counter()
        HTML(string=html).write_pdf()
        raw.append(time.perf_counter() - start)
    print(
        f"raw WeasyPrint, same HTML: median {median_ms(raw):.0f} ms, min {min(raw) * 1000:.0f} ms; "
        f"certificate_issue / raw = {median_ms(samples) / median_ms(raw):.2f}x"
    )


# --- (b) synthetic contracts ----------------------------------------------------------------------


class Filler:
    """Writes contracts, parties and achievement links in bulk with explicit ids."""

    def __init__(self, rng: random.Random):
        from accounts.models import Organisation
        from registration.models import ContractParty, Registry, TechnologyContract
        from registration.rules import ruleset
        from taxonomy.models import EntityType, IPType, TechnicalField

        self.rng = rng
        self.contract_model, self.party_model = TechnologyContract, ContractParty
        self.link_model = TechnologyContract.achievements.through
        self.registry = Registry.objects.get(code="350400")
        self.organisation, _ = Organisation.objects.get_or_create(
            name="基准测试卖方", defaults={"kind": Organisation.Kind.ENTERPRISE, "status": "approved"}
        )
        self.fields = list(TechnicalField.objects.values_list("pk", flat=True))
        self.ip_types = [None, None, *IPType.objects.values_list("pk", flat=True)]
        self.entities = list(EntityType.objects.values_list("pk", flat=True))
        rules = ruleset("2026")
        self.classes = [(t.code, s.code) for t in rules.types for s in t.sub_types]
        self.achievement_ids = self._achievements()
        self.today = timezone.localdate()
        self.contract_defaults = self._defaults(TechnologyContract)
        self.party_defaults = self._defaults(ContractParty)

    @staticmethod
    def _defaults(model) -> dict:
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            values[field.attname] = field.get_default()  # "" for non-null text fields, None otherwise
            if field.attname in ("created_at", "updated_at"):
                values[field.attname] = timezone.now()
        return values

    def _achievements(self) -> list[int]:
        from marketplace.models import AchievementPage

        ids = list(AchievementPage.objects.values_list("pk", flat=True)[:200])
        if len(ids) >= 50:
            return ids
        from tests.factories import make_achievement, make_institution_page

        page = make_institution_page()
        for _ in tqdm(range(60 - len(ids)), desc="achievements"):
            ids.append(make_achievement(page).pk)
        return ids

    def contract_rows(self, first_id: int, count: int, total_count: int):
        """Rows for contracts ``first_id``… of ``total_count``, in date order (ids grow with time, as in life)."""
        rng = self.rng
        start_day = dt.date(self.today.year - YEARS + 1, 1, 1)
        span = (self.today - start_day).days
        contracts, parties, links = [], [], []
        party_id = first_id * 3
        for offset in range(count):
            pk = first_id + offset
            registered_on = start_day + dt.timedelta(days=int((pk - 1) * span / total_count))
            year = registered_on.year
            roll = rng.random()
            status = (
                "registered"
                if roll < 0.85
                else ("cancelled" if roll < 0.90 else rng.choice(["refused", "submitted", "draft"]))
            )
            contract_type, sub_type = rng.choice(self.classes)
            total = Decimal(rng.randint(50_000, 20_000_000))
            tech = (total * Decimal(rng.choice(["1", "1", "1", "0.9", "0.8"]))).quantize(Decimal("0.01"))
            holds_number = status in ("registered", "cancelled")
            row = dict(self.contract_defaults)
            row.update(
                {
                    "id": pk,
                    "registry_id": self.registry.pk,
                    "seller_organisation_id": self.organisation.pk,
                    "status": status,
                    "rule_set_key": "2026",
                    "project_name": f"基准合同{pk}",
                    "contract_type": contract_type,
                    "sub_type": sub_type,
                    "licence_scope": "ordinary" if sub_type.endswith("licence") else "",
                    "is_equity_contribution": contract_type == "transfer" and rng.random() < 0.1,
                    "technical_field_id": rng.choice(self.fields),
                    "ip_type_id": rng.choice(self.ip_types),
                    "programme_source": rng.choice(["none", "none", "city", "provincial", "national", "county"]),
                    "total_amount_cny": total,
                    "technology_amount_cny": tech,
                    "effective_total_amount_cny": total,
                    "effective_technology_amount_cny": tech,
                    "registered_on": registered_on if holds_number else None,
                    "registration_year": year if holds_number else None,
                    "registration_serial": pk if holds_number else None,
                    "registration_number": f"B{pk:015d}" if holds_number else None,
                    "precheck_findings": [],
                    # Saved when it was registered (as in life), not all at the moment of the fill.
                    "created_at": self.moment(registered_on),
                    "updated_at": self.moment(registered_on),
                }
            )
            contracts.append(row)
            seller_local = rng.random() < 0.85
            for side, local in (("seller", seller_local), ("buyer", (not seller_local) or rng.random() < 0.4)):
                party_id += 1
                parties.append(self._party(party_id, pk, side, local))
            if rng.random() < 0.1:
                party_id += 1
                parties.append(self._party(party_id, pk, "buyer", rng.random() < 0.5))
            if contract_type in ("transfer", "licence") and rng.random() < 0.33:
                links.append({"technologycontract_id": pk, "achievementpage_id": rng.choice(self.achievement_ids)})
        return contracts, parties, links

    @staticmethod
    def moment(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))

    def _party(self, pk: int, contract_id: int, side: str, local: bool) -> dict:
        rng = self.rng
        country = "156"
        if local:
            region = rng.choice(["350402", "350403", "350481", "350427"])
        else:
            roll = rng.random()
            if roll < 0.45:
                region = rng.choice(["350100", "350200", "350500"])
            elif roll < 0.93:
                region = rng.choice(["310000", "110000", "440300", "320500"])
            else:
                region, country = "", rng.choice(["276", "392", "840"])
        row = dict(self.party_defaults)
        row.update(
            {
                "id": pk,
                "contract_id": contract_id,
                "side": side,
                "name": f"当事人{pk}",
                "country_code": country,
                "region_code": region,
                "province_code": (region[:2] + "0000") if region else "",
                "entity_type_id": rng.choice(self.entities),
                "sort_order": 0 if side == "seller" else 1,
            }
        )
        return row

    def write(self, model, rows: list[dict]) -> None:
        if not rows:
            return
        if connection.vendor != "postgresql":
            model.objects.bulk_create([model(**row) for row in rows], batch_size=2000)
            return
        columns = list(rows[0])
        table = model._meta.db_table
        json_columns = {f.attname for f in model._meta.concrete_fields if f.get_internal_type() == "JSONField"}
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([json.dumps(row[c]) if c in json_columns else row[c] for c in columns])

    def fill(self, target: int) -> None:
        """Exactly ``target`` synthetic contracts, written afresh so ids follow the registration dates."""
        if self.contract_model.objects.count() == target:
            return  # --keep and the same size: reuse
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"TRUNCATE {self.contract_model._meta.db_table} CASCADE")
            else:
                self.contract_model.objects.all().delete()
        first, remaining = 1, target
        with tqdm(total=remaining, desc=f"contracts → {target:,}", unit="row", unit_scale=True) as bar:
            while remaining > 0:
                size = min(BATCH, remaining)
                contracts, parties, links = self.contract_rows(first, size, target)
                with transaction.atomic():
                    self.write(self.contract_model, contracts)
                    self.write(self.party_model, parties)
                    self.write(self.link_model, links)
                first += size
                remaining -= size
                bar.update(size)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (self.contract_model, self.party_model, self.link_model):
                    table = model._meta.db_table
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608 - table name from model meta
                    )
            vacuum_for_index_only_scans(
                [m._meta.db_table for m in (self.contract_model, self.party_model, self.link_model)]
            )


def vacuum_for_index_only_scans(tables: list[str]) -> dict[str, tuple[int, int]]:
    """VACUUM (FREEZE, ANALYZE) outside any transaction and report each table's visibility map.

    Index-only scans skip the heap only for pages marked all-visible. A plain VACUUM right after a
    bulk load leaves pages unmarked while the loading transaction's snapshot (or any other open one)
    may still need the old row versions, so the scans fell back to 16,525 heap fetches. Committing
    first, then VACUUM with FREEZE, marks them; the printed ``all-visible/pages`` shows it did.
    Returns {table: (all-visible pages, pages)}.
    """
    if connection.vendor != "postgresql":
        return {}
    if connection.in_atomic_block:
        raise RuntimeError("VACUUM cannot run inside a transaction; call it after the load commits")
    previous = connection.get_autocommit()
    connection.set_autocommit(True)
    result = {}
    try:
        with connection.cursor() as cursor:
            for table in tables:
                # On a shared server another session's open transaction can hold the horizon back for a moment,
                # and VACUUM then marks nothing (0/1,112 pages once, right after the facts rebuild): try again.
                for attempt in range(10):
                    cursor.execute(f"VACUUM (FREEZE, ANALYZE) {table}")
                    cursor.execute("SELECT relallvisible, relpages FROM pg_class WHERE relname = %s", [table])
                    result[table] = tuple(cursor.fetchone())
                    if result[table][0] >= 0.95 * result[table][1]:
                        break
                    time.sleep(1 + attempt)
                print(f"  {table}: {result[table][0]:,}/{result[table][1]:,} pages all-visible")
    finally:
        connection.set_autocommit(previous)
    return result


# --- (b) measuring --------------------------------------------------------------------------------


def _interleaved(runs: int, *calls) -> list[tuple[float, float]]:
    """(median wall ms, median process CPU ms) of each call, timed in turn ``runs`` times. The CPU time is
    this process's own work (Python, the driver), which another process's load barely moves."""
    wall: list[list[float]] = [[] for _ in calls]
    cpu: list[list[float]] = [[] for _ in calls]
    for _ in range(runs):
        for index, call in enumerate(calls):
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            cpu[index].append(time.process_time() - start_cpu)
            wall[index].append(time.perf_counter() - start)
    return [(median_ms(w), median_ms(c)) for w, c in zip(wall, cpu, strict=True)]


def _median_of(runs: int, call) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


def bench_statistics(size: int, runs: int, explain: bool) -> None:
    from django.core.cache import cache

    from accounts.models import User
    from registration import statistics

    year = timezone.localdate().year

    def computation():
        return statistics.year_statistics(year, use_cache=False)

    computation()  # warm-up: connection, the database's buffers, the labels
    with CaptureQueriesContext(connection) as queries:
        stats = computation()
    per_query = [(float(q["time"]) * 1000, q["sql"][:90].replace("\n", " ")) for q in queries.captured_queries]
    # The floor: the very SQL the computation just sent (captured as executed, parameters bound), through a bare
    # cursor with its rows fetched, and no Python around it. Both sides run the same way: in autocommit, one
    # statement after another (the computation opens no transaction, so neither does the raw side; until
    # 2026-12-07 the raw side ran in transaction.atomic() and paid a BEGIN and a COMMIT the computation does not).
    captured = [q["sql"] for q in queries.captured_queries]

    def raw_sql():
        with connection.cursor() as cursor:
            for sql in captured:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()

    raw_sql()
    # Interleaved, one of each per round, so the load of a shared machine weighs on both sides alike.
    (cold, cold_cpu), (raw, raw_cpu) = _interleaved(runs, computation, raw_sql)
    statistics.year_statistics(year)
    warm = _median_of(runs, lambda: statistics.year_statistics(year))
    with CaptureQueriesContext(connection) as warm_queries:
        statistics.year_statistics(year)

    bureau, _ = User.objects.get_or_create(username="bench_bureau", defaults={"role": User.Role.BUREAU_STAFF})
    client = Client()
    client.force_login(bureau)

    def page(clear: bool):
        def call():
            if clear:
                cache.clear()
                client.force_login(bureau)  # the session may live in the cache
            response = client.get("/registration/statistics/")
            if response.status_code != 200:
                raise SystemExit(f"dashboard answered {response.status_code}")

        return call

    page(False)()
    page_cold = _median_of(runs, page(True))
    page_warm = _median_of(runs, page(False))
    with CaptureQueriesContext(connection) as page_queries:
        page(False)()
    home = _median_of(runs, statistics.home_summary)

    print(
        f"\n== {size:,} contracts ({stats.totals.count:,} counted in {year}, {stats.totals.previous_count:,} in {year - 1} to date)"
    )
    print(
        f"dashboard computation, uncached: median {cold:.1f} ms over {runs} runs, {len(queries)} queries (aim <= 300 ms)"
    )
    print(
        f"raw SQL of the same aggregates: median {raw:.1f} ms; computation / raw SQL = {cold / raw:.2f}x (aim <= 1.3x)"
    )
    print(f"  CPU of this process: computation {cold_cpu:.2f} ms, raw SQL {raw_cpu:.2f} ms (median per run)")
    print(f"dashboard computation, cached:   median {warm:.0f} ms, {len(warm_queries)} queries")
    print(
        f"rendered page, uncached: median {page_cold:.0f} ms; cached: median {page_warm:.0f} ms, {len(page_queries)} queries"
    )
    print(f"home_summary(): median {home:.1f} ms")
    print("queries of one uncached computation (ms, SQL start):")
    for ms, sql in per_query:
        print(f"  {ms:7.1f}  {sql}")
    if explain and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                if "GROUP BY" not in query["sql"] and "COUNT(DISTINCT" not in query["sql"]:
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n" + "\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated contract counts, ascending")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measurement")
    parser.add_argument("--pdfs", type=int, default=20, help="certificates to time (0 to skip)")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the benchmark database")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the grouped queries")
    parser.add_argument(
        "--reuse-facts",
        action="store_true",
        help="with --keep: time the kept facts and running totals as they are, without the one-off rebuild "
        "(re-timing only; a kept database the script filled has them)",
    )
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    for name in ("wagtail", "django_tasks", "weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)

    original_name = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} (test copy of {original_name}); sizes {sizes}")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep, serialize=False)
    try:
        with tempfile.TemporaryDirectory() as media:
            settings.MEDIA_ROOT = media
            if args.pdfs:
                bench_certificates(args.pdfs)
            filler = Filler(random.Random(2026))
            for size in sizes:
                start = time.perf_counter()
                filler.fill(size)
                print(f"filled to {size:,} contracts in {time.perf_counter() - start:.0f} s")
                from registration.models import ContractStatisticsSummary
                from registration.statistics import facts_rebuild

                if args.reuse_facts and ContractStatisticsSummary.objects.exists():
                    print(
                        f"facts and running totals reused as kept ({ContractStatisticsSummary.objects.count():,} "
                        "running-total rows; --reuse-facts)"
                    )
                    bench_statistics(size, args.runs, args.explain)
                    continue
                start = time.perf_counter()
                written = facts_rebuild()
                print(
                    f"facts and running totals rebuilt for {written:,} contracts in {time.perf_counter() - start:.0f} s"
                    f" (one-off; {ContractStatisticsSummary.objects.count():,} running-total rows)"
                )
                if connection.vendor == "postgresql":
                    vacuum_for_index_only_scans(
                        ["registration_contractstatisticsfacts", "registration_contractstatisticssummary"]
                    )
                bench_statistics(size, args.runs, args.explain)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
