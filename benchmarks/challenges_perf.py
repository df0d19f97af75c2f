#!/usr/bin/env python
"""Challenges benchmark: the problem map page and the challenge list at N needs and N/100 challenges.

Usage (from the repository root; run one size at a time on a shared machine):

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/data .venv/bin/python benchmarks/challenges_perf.py --sizes 10000
    .venv/bin/python benchmarks/challenges_perf.py --sizes 1000 --requests 5          # SQLite, quick

It works in Django's throw-away test database (``test_<name>`` on PostgreSQL), never the one DATABASE_URL
names. Per size it fills N published needs spread over every chain's nodes, N/100 key problems (each with
three source needs, a third of them in a challenge, a tenth solved), stored match summaries for a third of the
needs, and N/100 challenges across the four public states; then prints, per URL, the median server-side time
over the timed requests through Django's full stack and the SQL query count of one request.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Organisation  # noqa: E402
from challenges.models import Challenge, KeyProblem, NeedMatchSummary  # noqa: E402
from marketplace.models import TechnologyNeed  # noqa: E402
from taxonomy.models import IndustryChainNode, TechnicalField  # noqa: E402

BATCH = 2000
STATES = ["open", "under_review", "awarded", "closed"]


def fill(size: int) -> None:
    rng = random.Random(size)
    field = TechnicalField.objects.get(code="materials")
    nodes = list(IndustryChainNode.objects.all())
    leaves = [n for n in nodes if n.level > 1] or nodes
    enterprises = Organisation.objects.bulk_create(
        [Organisation(name=f"基准企业{size}-{i}", kind="enterprise", status="approved") for i in range(50)]
    )
    with transaction.atomic():
        needs = []
        for i in range(size):
            needs.append(
                TechnologyNeed(
                    enterprise=rng.choice(enterprises),
                    title=f"基准需求{i}",
                    problem="需要提高材料纯度与一致性。",
                    technical_field=field,
                    industry_chain=rng.choice(leaves),
                    status="published",
                    visibility="public",
                )
            )
        created = []
        for start in range(0, len(needs), BATCH):
            created += TechnologyNeed.objects.bulk_create(needs[start : start + BATCH])
        NeedMatchSummary.objects.bulk_create(
            [NeedMatchSummary(need=n, match_count=2, best_score=40) for n in created[::3]], batch_size=BATCH
        )
        problems = KeyProblem.objects.bulk_create(
            [
                KeyProblem(
                    node=rng.choice(leaves),
                    title=f"基准问题{i}",
                    status="solved" if i % 10 == 0 else "open",
                )
                for i in range(max(1, size // 100))
            ]
        )
        through = KeyProblem.source_needs.through
        through.objects.bulk_create(
            [
                through(keyproblem_id=p.pk, technologyneed_id=created[(i * 3 + k) % len(created)].pk)
                for i, p in enumerate(problems)
                for k in range(3)
            ],
            batch_size=BATCH,
        )
        now = timezone.now()
        challenges = Challenge.objects.bulk_create(
            [
                Challenge(
                    title=f"基准榜单{i}",
                    problem="问题",
                    node=rng.choice(leaves),
                    technical_field=field,
                    reward_cny=Decimal("1000000"),
                    opens_at=now - timedelta(days=i % 300 + 1),
                    closes_at=now + timedelta(days=30),
                    review_by=(now + timedelta(days=40)).date(),
                    award_by=(now + timedelta(days=50)).date(),
                    ip_terms="共有",
                    status=STATES[i % 4],
                )
                for i in range(max(1, size // 100))
            ],
            batch_size=BATCH,
        )
        link = Challenge.key_problems.through
        link.objects.bulk_create(
            [link(challenge_id=c.pk, keyproblem_id=problems[i % len(problems)].pk) for i, c in enumerate(challenges)][
                : len(problems) // 3
            ],
            batch_size=BATCH,
        )


def measure(client: Client, url: str, requests: int) -> dict:
    for _ in range(2):
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)
    if os.environ.get("CHALLENGES_PERF_SLOW"):
        for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]:
            print(f"    {q['time']}s {q['sql'][:300]}")
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return {"median_ms": statistics.median(timings), "queries": query_count}


def run(sizes: list[int], requests: int) -> None:
    client = Client()
    urls = ["/challenges/map/FLU/", "/challenges/", "/challenges/?status=open", "/api/v1/challenges/map/FLU/"]
    filled = 0
    for size in sizes:
        fill(size - filled)
        filled = size
        print(f"\n{size} needs, {Challenge.objects.count()} challenges, {KeyProblem.objects.count()} key problems")
        for url in urls:
            result = measure(client, url, requests)
            print(f"  {url:32} median {result['median_ms']:7.1f} ms   {result['queries']:3d} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated need counts, ascending")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per URL")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    for name in ("wagtail", "django_tasks", "django.request"):
        logging.getLogger(name).setLevel(logging.ERROR)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(sizes, args.requests)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
