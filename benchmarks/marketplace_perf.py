#!/usr/bin/env python
"""Marketplace benchmark: listing, filtered listing and detail at 10,000 and 100,000 achievements.

Usage (from the repository root):

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/data .venv/bin/python benchmarks/marketplace_perf.py
    .venv/bin/python benchmarks/marketplace_perf.py --sizes 2000 --requests 10        # SQLite, quick

It creates a separate throw-away database (Django's test database: ``test_<name>`` on PostgreSQL,
in memory on SQLite), so the database DATABASE_URL names is never touched; ``--keep`` keeps it for
another run. For each size it prints, per URL, the median server-side time over N requests through
Django's full stack (middleware, view, template), the number of SQL queries of one request, and the
process's peak memory (ru_maxrss).

Why the fill is done by hand: creating 100,000 Wagtail pages with ``add_child`` costs several
queries and a tree lock per page (hours). Pages are materialised paths (django-treebeard MP_Node),
so the rows can be written in bulk as long as every invariant is kept:

* each new page's ``path`` is its parent's path plus the next 4-character base-36 step after the
  parent's current last child (``Page._get_path``), ``depth`` is the parent's plus one, ``numchild``
  is 0, and the parent's ``numchild`` is increased by the number of children added;
* ``url_path`` is the parent's plus the slug; ``translation_key`` is a fresh UUID per page (unique
  with the locale); ``content_type`` is AchievementPage's; ``live`` with first/last published times;
* the base ``wagtailcore_page`` rows go in with ``bulk_create`` (which returns their ids), then the
  ``marketplace_achievementpage`` rows (multi-table inheritance: Django's ``bulk_create`` refuses
  child models, so they are inserted with ``executemany`` using each field's own database value
  conversion), then tags, chains, transfer modes, indicators and IP records with ``bulk_create``.

``Page.fix_tree`` (treebeard's checker) finds nothing to repair afterwards; the benchmark checks it
with ``--check-tree`` at the smaller size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import resource
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402
from tqdm import tqdm  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from accounts.models import Organisation  # noqa: E402
from marketplace.models import (  # noqa: E402
    AchievementIndicator,
    AchievementIPRecord,
    AchievementKeyword,
    AchievementPage,
    InstitutionIndexPage,
    InstitutionPage,
)
from taxonomy.models import IndustryChainNode, IPType, TechnicalField, TransferMode  # noqa: E402

INSTITUTIONS = 40
BATCH = 2000
TOPICS = [
    ("石墨烯导热膜", "materials"),
    ("电池级 PVDF", "materials"),
    ("固态电解质", "energy"),
    ("磷酸铁锂正极", "energy"),
    ("电子级氢氟酸", "materials"),
    ("超细碳化钨粉", "materials"),
    ("五轴数控加工", "manufacturing"),
    ("量子点光学膜", "electronics"),
    ("杂交水稻制种", "agriculture"),
    ("食用菌工厂化栽培", "agriculture"),
    ("重金属土壤修复", "environment"),
    ("体外诊断试剂", "biomedicine"),
    ("5G 边缘网关", "electronics"),
    ("高强铝合金型材", "materials"),
    ("生物农药", "agriculture"),
    ("废旧电池回收", "environment"),
]
KEYWORDS = [
    "石墨烯", "导热", "防腐", "PVDF", "锂电", "固态电池", "电解质", "氟化工", "氢氟酸", "碳化钨", "硬质合金",
    "数控", "五轴", "量子点", "显示", "水稻", "制种", "食用菌", "土壤修复", "重金属", "体外诊断", "5G",
    "边缘计算", "铝合金", "轻量化", "生物农药", "回收", "储能", "膜材料", "催化",
]  # fmt: skip


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def ensure_institutions() -> list[InstitutionPage]:
    pages = list(InstitutionPage.objects.order_by("path"))
    if len(pages) >= INSTITUTIONS:
        return pages
    index = InstitutionIndexPage.objects.get()
    for n in range(len(pages), INSTITUTIONS):
        organisation = Organisation.objects.create(
            name=f"基准测试研究院{n:02d}",
            kind=Organisation.Kind.RESEARCH_INSTITUTE,
            status=Organisation.Status.APPROVED,
        )
        page = InstitutionPage(title=organisation.name, slug=f"bench-inst-{n:02d}", organisation=organisation)
        index.add_child(instance=page)
    return list(InstitutionPage.objects.order_by("path"))


def fill_to(target: int, rng: random.Random) -> None:
    """Add achievements in bulk until there are ``target`` of them (see the module docstring)."""
    current = AchievementPage.objects.count()
    if current >= target:
        return
    institutions = ensure_institutions()
    content_type = ContentType.objects.get_for_model(AchievementPage)
    locale = Locale.get_default()
    fields = {field.code: field for field in TechnicalField.objects.all()}
    technologies = list(IndustryChainNode.objects.filter(level=IndustryChainNode.Level.TECHNOLOGY))
    modes = list(TransferMode.objects.all())
    ip_types = list(IPType.objects.exclude(code="none"))
    tags = [Tag.objects.get_or_create(name=name, defaults={"slug": f"k{n}"})[0] for n, name in enumerate(KEYWORDS)]
    next_step = {}
    for parent in institutions:
        last = parent.get_last_child()
        next_step[parent.pk] = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
    child_columns = list(AchievementPage._meta.local_concrete_fields)
    # Only quoted identifiers from the model's own metadata go into the statement; values are parameters.
    insert_sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        connection.ops.quote_name(AchievementPage._meta.db_table),
        ", ".join(connection.ops.quote_name(f.column) for f in child_columns),
        ", ".join(["%s"] * len(child_columns)),
    )
    now = timezone.now()
    progress = tqdm(total=target - current, desc=f"写入成果 → {target:,}", unit="条")
    while current < target:
        size = min(BATCH, target - current)
        with transaction.atomic():
            bases, children, parents_added = [], [], {}
            for offset in range(size):
                number = current + offset
                parent = institutions[number % len(institutions)]
                step = next_step[parent.pk]
                next_step[parent.pk] += 1
                parents_added[parent.pk] = parents_added.get(parent.pk, 0) + 1
                topic, field_code = TOPICS[number % len(TOPICS)]
                slug = f"bench-{number}"
                title = f"{topic}关键技术第 {number} 号"
                published = now - dt.timedelta(minutes=number)
                bases.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        path=Page._get_path(parent.path, parent.depth + 1, step),
                        depth=parent.depth + 1,
                        numchild=0,
                        url_path=f"{parent.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        locale=locale,
                        translation_key=uuid.uuid4(),
                    )
                )
                price = Decimal(rng.choice([None, 150000, 500000, 1200000, 3000000, 8000000]) or 0) or None
                children.append(
                    AchievementPage(
                        external_id=f"bench-{number}",
                        institution_organisation_id=parent.organisation_id,
                        summary=f"{topic}的工艺与装备,关键指标较现行方案提升 {rng.randint(10, 60)}%,已在中试线验证。",
                        description=f"<p>{topic}:技术原理、指标与应用场景的详细介绍。</p>",
                        trl=rng.randint(3, 9),
                        technical_field=fields[field_code],
                        pricing=AchievementPage.Pricing.ASKING if price else AchievementPage.Pricing.NEGOTIABLE,
                        price_cny=price,
                        contact_name="联系人",
                        contact_phone="0598-0000000",
                        valid_until=None if number % 3 else dt.date(2099, 12, 31),
                    )
                )
            Page.objects.bulk_create(bases)
            rows = []
            for base, child in zip(bases, children, strict=True):
                child.page_ptr_id = base.pk
                child.id = base.pk
                rows.append([f.get_db_prep_save(getattr(child, f.attname), connection) for f in child_columns])
            with connection.cursor() as cursor:
                cursor.executemany(insert_sql, rows)
            for parent_id, added in parents_added.items():
                Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + added)
            chains_through = AchievementPage.industry_chains.through
            modes_through = AchievementPage.transfer_modes.through
            chain_rows, mode_rows, keyword_rows, indicators, records = [], [], [], [], []
            for base in bases:
                chain_rows.append(
                    chains_through(achievementpage_id=base.pk, industrychainnode=rng.choice(technologies))
                )
                for mode in rng.sample(modes, 2):
                    mode_rows.append(modes_through(achievementpage_id=base.pk, transfermode=mode))
                for tag in rng.sample(tags, 3):
                    keyword_rows.append(AchievementKeyword(content_object_id=base.pk, tag=tag))
                indicators.append(
                    AchievementIndicator(
                        page_id=base.pk, sort_order=0, name="关键指标", value=str(rng.randint(50, 99)), unit="%"
                    )
                )
                records.append(
                    AchievementIPRecord(
                        page_id=base.pk, sort_order=0, ip_type=rng.choice(ip_types), number=f"ZL2023{base.pk:08d}.1"
                    )
                )
            chains_through.objects.bulk_create(chain_rows)
            modes_through.objects.bulk_create(mode_rows)
            AchievementKeyword.objects.bulk_create(keyword_rows)
            AchievementIndicator.objects.bulk_create(indicators)
            AchievementIPRecord.objects.bulk_create(records)
        current += size
        for parent in institutions:
            parent.numchild += parents_added.get(parent.pk, 0)
        progress.update(size)
    progress.close()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a real database


def measure(client: Client, url: str, requests: int) -> dict:
    for _ in range(2):  # warm the process-level caches (templates, site root paths)
        response = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Read now: the next request's request_started signal clears the connection's query log.
    query_count = len(queries)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return {
        "url": url,
        "status": response.status_code,
        "median_ms": statistics.median(timings),
        "p90_ms": sorted(timings)[int(len(timings) * 0.9) - 1] if len(timings) >= 10 else max(timings),
        "queries": query_count,
        "bytes": len(response.content),
    }


def measure_empty_listing(client: Client, requests: int) -> dict:
    """The listing page with an empty queryset: everything but the rows (middleware, filter form, template).

    The floor the listing's fixed cost is compared with: at any size the page should stay close to it (issue 12).
    """
    listed = AchievementPage.objects.listed
    with mock.patch.object(AchievementPage.objects, "listed", lambda: listed().none()):
        row = measure(client, "/achievements/", requests)
    row["url"] = "/achievements/ (empty queryset)"
    return row


def measure_listing_against_floor(client: Client, requests: int) -> tuple[float, float]:
    """Medians of the listing and its empty-queryset floor, timed alternately (one of each per round), so a change
    in the machine's load during the run hits both alike and the ratio compares like with like."""
    listed = AchievementPage.objects.listed
    listing, floor = [], []
    for _ in range(2):  # warm both (templates, cached cards and counts)
        client.get("/achievements/")
        with mock.patch.object(AchievementPage.objects, "listed", lambda: listed().none()):
            client.get("/achievements/")
    for _ in range(requests):
        start = time.perf_counter()
        client.get("/achievements/")
        listing.append((time.perf_counter() - start) * 1000)
        with mock.patch.object(AchievementPage.objects, "listed", lambda: listed().none()):
            start = time.perf_counter()
            client.get("/achievements/")
            floor.append((time.perf_counter() - start) * 1000)
    return statistics.median(listing), statistics.median(floor)


def run(
    sizes: list[int], requests: int, check_tree: bool, listing_only: bool = False
) -> list[tuple[int, list[dict], float]]:
    rng = random.Random(42)
    client = Client(raise_request_exception=False)  # a failing page is reported by its status, not a crash
    results = []
    for size in sizes:
        started = time.perf_counter()
        fill_to(size, rng)
        fill_seconds = time.perf_counter() - started
        if check_tree and size == sizes[0]:
            problems = Page.find_problems()
            if any(problems):
                raise SystemExit(f"树结构有问题: {problems}")
            print("树结构检查通过 (Page.find_problems)")
        sample = AchievementPage.objects.listed().order_by("path")[size // 2]
        urls = [
            "/achievements/",
            "/achievements/?chain=GRA&trl_min=6",
            sample.url_path.removeprefix("/home"),
            "/api/v1/achievements/",
            "/api/v1/achievements/?chain=GRA&trl_min=6",
            f"/api/v1/achievements/{sample.pk}/",
        ]
        if listing_only:
            urls = urls[:2]
        rows = [measure(client, url, requests) for url in tqdm(urls, desc=f"测量 {size:,}", unit="页")]
        rows.append(measure_empty_listing(client, requests))
        results.append((size, rows, fill_seconds))
        print_table(size, rows, fill_seconds)
        listing_ms, floor_ms = measure_listing_against_floor(client, requests)
        print(
            f"interleaved, {requests} rounds: listing {listing_ms:.1f} ms, empty {floor_ms:.1f} ms, median ratio "
            f"{listing_ms / floor_ms:.2f}x (aim <= 1.3x)"
        )
    return results


def print_table(size: int, rows: list[dict], fill_seconds: float) -> None:
    print(f"\n== {size:,} achievements ({connection.vendor}; fill {fill_seconds:.0f} s; peak RSS {rss_mib():.0f} MiB)")
    print(f"{'URL':<48} {'status':>6} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'KiB':>6}")
    for row in rows:
        url = row["url"] if len(row["url"]) <= 48 else row["url"][:45] + "..."
        print(
            f"{url:<48} {row['status']:>6} {row['median_ms']:>10.1f} {row['p90_ms']:>8.1f} "
            f"{row['queries']:>8} {row['bytes'] / 1024:>6.1f}"
        )
    floor = next(row for row in rows if row["url"].endswith("(empty queryset)"))
    listing = rows[0]
    ratio = listing["median_ms"] / floor["median_ms"]
    print(f"listing / empty listing, median: {ratio:.2f}x (aim <= 1.3x)")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated achievement counts, ascending")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the benchmark database")
    parser.add_argument("--check-tree", action="store_true", help="verify the page tree after the first fill")
    parser.add_argument(
        "--listing-only", action="store_true", help="only the two listing URLs (and the empty-queryset floor)"
    )
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    for name in ("wagtail", "django_tasks", "django.request"):
        logging.getLogger(name).setLevel(logging.ERROR)

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    original_name = connection.settings_dict["NAME"]
    # serialize=False: Django would otherwise dump a kept database (100k pages) into memory first.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep, serialize=False)
    try:
        run(sizes, args.requests, args.check_tree, args.listing_only)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(original_name, verbosity=0)
    print(f"\npeak RSS of the process: {rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
