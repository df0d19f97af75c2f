#!/usr/bin/env python
"""The events section of the public search (``matchmaking.search_results.event_results``) beside many other pages.

Usage (from the repository root):

    .venv/bin/python benchmarks/events_search_perf.py --sizes 5000                       # SQLite, quick
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/data .venv/bin/python benchmarks/events_search_perf.py

Like ``marketplace_perf.py`` it works in a throw-away test database (``test_<name>`` on PostgreSQL, in memory on
SQLite) and fills it with achievement pages in bulk (``marketplace_perf.fill_to``); the filled pages are then added
to Wagtail's search index (the bulk fill writes none of its rows), because the section's page search reads that
index. Eight events are published under the event index, three of them about 石墨烯.

For each size it prints, per query (Chinese, English, and a word nothing has), the median time and SQL query count
of the section as it is now and of the previous implementation (``previous_event_results``: the index page looked
up on every call, the search over ``live().public()``), timed alternately so machine load hits both alike; with
``--database-cache`` the project's production cache (DatabaseCache) instead of the test settings' LocMemCache, and
with ``--profile`` the cProfile of 20 calls sorted by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import logging
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402
from modelsearch.backends import get_search_backend  # noqa: E402

from benchmarks.marketplace_perf import fill_to, rss_mib  # noqa: E402  (sets up Django)
from common import clock  # noqa: E402
from marketplace.models import AchievementPage  # noqa: E402
from matchmaking.models import EventIndexPage, EventPage  # noqa: E402
from matchmaking.search_results import event_results  # noqa: E402
from search.extensions import ExtraResult, ExtraSection, snippet  # noqa: E402

QUERIES = [("zh-hans", "石墨烯"), ("en", "graphene"), ("zh-hans", "不存在的词语")]


def index_achievements() -> None:
    """Put the bulk-filled achievements into Wagtail's search index, as ``update_index`` would."""
    backend = get_search_backend()
    index = backend.get_index_for_model(AchievementPage)
    pks = list(AchievementPage.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), 1000):
        index.add_items(AchievementPage, list(AchievementPage.objects.filter(pk__in=pks[start : start + 1000])))


def ensure_events() -> None:
    if EventPage.objects.exists():
        return
    index = EventIndexPage.objects.get()
    starts = clock.now().replace(microsecond=0) + dt.timedelta(days=30)
    topics = [
        ("石墨烯产业对接会", "Graphene industry fair", "石墨烯企业与院所对接。"),
        ("石墨烯创新创业大赛", "Graphene innovation contest", "石墨烯项目路演。"),
        ("石墨烯导热膜专场路演", "Graphene film roadshow", "导热膜成果路演。"),
        ("氟化工招商会", "Fluorochemicals investment session", "氟化工招商。"),
        ("锂电池材料对接会", "Battery materials fair", "正极材料与储能。"),
        ("食用菌产业对接会", "Edible fungi fair", "食用菌工厂化栽培。"),
        ("数控装备路演", "CNC roadshow", "五轴数控加工。"),
        ("生物农药对接会", "Biopesticide fair", "绿色防控。"),
    ]
    for number, (title, title_en, summary) in enumerate(topics):
        page = EventPage(
            title=title,
            title_en=title_en,
            summary=summary,
            slug=f"bench-event-{number}",
            starts_at=starts + dt.timedelta(days=number),
            ends_at=starts + dt.timedelta(days=number, hours=6),
            signup_deadline=starts - dt.timedelta(days=3),
        )
        index.add_child(instance=page)
        page.save_revision().publish()


def previous_event_results(query: str, limit: int) -> ExtraSection | None:
    """The section before the index cache (kept here as the benchmark's reference)."""
    from urllib.parse import urlencode

    from django.utils import timezone
    from django.utils.translation import gettext as _

    index = EventIndexPage.objects.live().public().first()
    if index is None:
        return None
    results = []
    for event in EventPage.objects.live().public().search(query)[:limit]:
        starts = timezone.localtime(event.starts_at).strftime("%Y-%m-%d")
        results.append(
            ExtraResult(
                title=event.display_title,
                url=event.url or "",
                snippet=snippet(event.display_summary, query),
                meta=f"{event.get_kind_display()} · {starts}",
            )
        )
    return ExtraSection(label=_("对接活动"), results=results, more_url=f"{index.url}?{urlencode({'q': query})}")


def measure(language: str, query: str, requests: int) -> dict:
    row = {"query": query}
    with translation.override(language):
        for name, section_of in (("before", previous_event_results), ("after", event_results)):
            section_of(query, 5)  # warm: templates, site root paths, the index page cache
            with CaptureQueriesContext(connection) as queries:
                section = section_of(query, 5)
            row[f"{name}_results"] = [(r.title, r.url) for r in section.results] if section else []
            row[f"{name}_queries"] = len(queries)
            row[f"{name}_sql"] = [q["sql"] for q in queries.captured_queries]
        timings = {"before": [], "after": []}
        for _ in range(requests):
            for name, section_of in (("before", previous_event_results), ("after", event_results)):
                start = time.perf_counter()
                section_of(query, 5)
                timings[name].append((time.perf_counter() - start) * 1000)
    for name, values in timings.items():
        row[f"{name}_ms"] = statistics.median(values)
    if row["before_results"] != row["after_results"]:
        raise SystemExit(f"results differ for {query!r}: {row['before_results']} != {row['after_results']}")
    return row


def profile(query: str) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        event_results(query, 5)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000", help="comma-separated achievement counts, ascending")
    parser.add_argument("--requests", type=int, default=30, help="timed calls per query")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the benchmark database")
    parser.add_argument("--profile", action="store_true", help="print cProfile of the section (20 calls)")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one call")
    parser.add_argument("--database-cache", action="store_true", help="the production DatabaseCache, not LocMemCache")
    args = parser.parse_args()
    for name in ("wagtail", "django_tasks", "django.request"):
        logging.getLogger(name).setLevel(logging.ERROR)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep, serialize=False)
    try:
        if args.database_cache:
            from django.core.management import call_command
            from django.test.utils import override_settings

            override_settings(
                CACHES={
                    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
                }
            ).enable()
            call_command("createcachetable", verbosity=0)
        rng = random.Random(42)
        ensure_events()
        for size in sorted(int(s) for s in args.sizes.split(",")):
            fill_to(size, rng)
            index_achievements()
            cache.clear()
            print(f"\n== {size:,} achievements ({connection.vendor}; peak RSS {rss_mib():.0f} MiB)")
            print(f"{'query':<14} {'results':>7} {'before ms':>10} {'queries':>8} {'after ms':>9} {'queries':>8}")
            for language, query in QUERIES:
                row = measure(language, query, args.requests)
                print(
                    f"{row['query']:<14} {len(row['after_results']):>7} {row['before_ms']:>10.2f} "
                    f"{row['before_queries']:>8} {row['after_ms']:>9.2f} {row['after_queries']:>8}"
                )
                if args.sql:
                    for sql in row["after_sql"]:
                        print("   ", sql if len(sql) < 900 else f"{sql[:300]} … {sql[-600:]}")
            if args.profile:
                print(profile("石墨烯"))
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
