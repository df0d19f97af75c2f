#!/usr/bin/env python
"""Deal-flow benchmark: the deals board and the bureau's funnel at N deals (median ms and query count).

Usage (from the repository root; PostgreSQL is what counts):

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/dealbench \\
        .venv/bin/python benchmarks/dealflow_perf.py --sizes 10000,100000
    .venv/bin/python benchmarks/dealflow_perf.py --sizes 2000 --runs 3          # SQLite, quick

It works in Django's throw-away test database (``test_<name>``), never in the one DATABASE_URL names.
Rows go in with bulk_create: 40 institutions, 400 enterprises, 20 achievements, one enquiry + conversation
per deal plus as many declined or waiting enquiries, deals spread over this year with stages weighted toward the
early ones, 2–6 audit rows per deal, NDAs, notices and lost deals. For each size it prints the median over
``--runs`` of: the board for bureau staff (every deal) and for one institution, the funnel by month and by
institution (from the running totals, rebuilt after the bulk load with the time it took), and the bureau page and the board page through Django's test client, each with its query count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import statistics as pystats
import sys
import time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

SHANGHAI = ZoneInfo("Asia/Shanghai")
BATCH = 5000
STAGES = ["intent", "negotiation", "nda", "terms", "notice", "signing", "registered", "implementation"]
WEIGHTS = [30, 20, 12, 10, 5, 8, 10, 5]


class Filler:
    def __init__(self, rng: random.Random):
        from accounts.models import User
        from tests.factories import (
            InstitutionFactory,
            OrganisationFactory,
            UserFactory,
            make_achievement,
            make_institution_page,
        )

        self.rng = rng
        self.count = 0
        self.institutions = [InstitutionFactory() for _ in range(40)]
        self.enterprises = [OrganisationFactory() for _ in range(400)]
        pages = [make_institution_page(org) for org in self.institutions[:5]]
        self.achievements = [make_achievement(pages[i % 5], industry_chains=["FLU.01"]) for i in range(20)]
        self.staff = UserFactory(username="bench_bureau", role=User.Role.BUREAU_STAFF, is_staff=True)
        self.seller_user = UserFactory(
            username="bench_inst", role=User.Role.INSTITUTION_EDITOR, organisation=self.institutions[0]
        )
        self.buyer_user = UserFactory(
            username="bench_ent", role=User.Role.ENTERPRISE_MEMBER, organisation=self.enterprises[0]
        )
        from dealflow.models import NonDisclosureAgreement

        now = dt.datetime(timezone.localdate().year, 1, 1, tzinfo=SHANGHAI)
        self.ndas = {
            org.pk: NonDisclosureAgreement.objects.create(organisation=org, version=1, text="保密", created_at=now)
            for org in self.institutions
        }

    def fill(self, target: int) -> None:
        from dealflow.models import (
            Conversation,
            Deal,
            DealTransition,
            Enquiry,
            NdaAcceptance,
            PriceNotice,
        )

        rng = self.rng
        year = timezone.localdate().year
        start = dt.datetime(year, 1, 1, tzinfo=SHANGHAI)
        span = max(1, (dt.datetime.now(SHANGHAI) - start).days - 1)
        while self.count < target:
            n = min(BATCH, target - self.count)
            enquiries, moments = [], []
            for _ in range(2 * n):
                page = rng.choice(self.achievements)
                moment = start + dt.timedelta(days=rng.randrange(span), minutes=rng.randrange(1440))
                status = "accepted" if len(enquiries) < n else rng.choice(["declined", "sent"])
                enquiries.append(
                    Enquiry(
                        achievement_id=page.pk,
                        sender_organisation_id=rng.choice(self.enterprises).pk,
                        recipient_organisation_id=rng.choice(self.institutions).pk,
                        status=status,
                        purpose="基准",
                        intended_use="基准",
                        timeline="year",
                        technical_field_id=page.technical_field_id,
                        chain_code=rng.choice(["FLU", "GRA", "BIO", ""]),
                        created_at=moment,
                        answered_at=None if status == "sent" else moment + dt.timedelta(hours=rng.randrange(1, 200)),
                        decline_reason=rng.choice(["price", "too_early", "no_capacity"])
                        if status == "declined"
                        else "",
                    )
                )
                moments.append(moment)
            Enquiry.objects.bulk_create(enquiries, batch_size=BATCH)
            accepted = enquiries[:n]
            conversations = Conversation.objects.bulk_create(
                [
                    Conversation(
                        seller_organisation_id=e.recipient_organisation_id,
                        buyer_organisation_id=e.sender_organisation_id,
                        enquiry=e,
                        subject="基准",
                        created_at=e.created_at,
                        last_message_at=e.answered_at,
                    )
                    for e in accepted
                ],
                batch_size=BATCH,
            )
            deals = []
            for e, c in zip(accepted, conversations, strict=True):
                stage = rng.choices(STAGES, WEIGHTS)[0]
                lost = rng.random() < 0.15 and STAGES.index(stage) < 6
                deals.append(
                    Deal(
                        conversation=c,
                        seller_organisation_id=e.recipient_organisation_id,
                        buyer_organisation_id=e.sender_organisation_id,
                        title="基准项目",
                        technical_field_id=e.technical_field_id,
                        chain_code=e.chain_code,
                        stage=stage,
                        status="lost" if lost else "open",
                        lost_reason="price" if lost else "",
                        closed_at=e.answered_at + dt.timedelta(days=5) if lost else None,
                        agreed_price_cny=Decimal("500000") if STAGES.index(stage) >= 3 else None,
                        registered_on=(e.answered_at + dt.timedelta(days=40)).date()
                        if stage in ("registered", "implementation")
                        else None,
                        created_at=e.answered_at,
                        stage_changed_at=e.answered_at,
                        last_activity_at=e.answered_at + dt.timedelta(days=rng.randrange(60)),
                    )
                )
            Deal.objects.bulk_create(deals, batch_size=BATCH)
            through = Deal.achievements.through
            through.objects.bulk_create(
                [
                    through(deal_id=d.pk, achievementpage_id=e.achievement_id)
                    for d, e in zip(deals, accepted, strict=True)
                ],
                batch_size=BATCH,
            )
            transitions, ndas, notices = [], [], []
            for d in deals:
                reached = STAGES[: STAGES.index(d.stage) + 1]
                at = d.created_at
                previous = ""
                for stage in reached:
                    transitions.append(
                        DealTransition(deal=d, action="transition", from_stage=previous, to_stage=stage, at=at)
                    )
                    previous = stage
                    at = at + dt.timedelta(days=3)
                if "nda" in reached:
                    ndas.append(
                        NdaAcceptance(
                            nda=self.ndas[d.seller_organisation_id],
                            version=1,
                            user=self.buyer_user,
                            organisation_id=d.buyer_organisation_id,
                            deal=d,
                            accepted_at=d.created_at + dt.timedelta(days=4),
                        )
                    )
                if "notice" in reached:
                    first = d.created_at.date() + dt.timedelta(days=9)
                    notices.append(
                        PriceNotice(
                            deal=d,
                            achievement_title="基准成果",
                            seller_name="机构",
                            buyer_name="企业",
                            proposed_price_cny=Decimal("500000"),
                            starts_on=first,
                            ends_on=first + dt.timedelta(days=14),
                            objection_contact="科技局",
                            published_at=d.created_at + dt.timedelta(days=9),
                        )
                    )
            DealTransition.objects.bulk_create(transitions, batch_size=BATCH)
            NdaAcceptance.objects.bulk_create(ndas, batch_size=BATCH)
            PriceNotice.objects.bulk_create(notices, batch_size=BATCH)
            self.count += n
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


SHOW_SLOW = os.environ.get("DEALFLOW_BENCH_SLOW_MS")


def measure(label: str, runs: int, call) -> None:
    samples, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        queries = captured.captured_queries
    print(f"  {label:<34} median {pystats.median(samples):8.1f} ms   {len(queries):3d} queries")
    if SHOW_SLOW:
        for query in queries:
            if float(query["time"]) * 1000 >= float(SHOW_SLOW):
                print(f"      {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")


def bench(filler: Filler, size: int, runs: int) -> None:
    from django.core.cache import cache

    from dealflow import selectors

    year = timezone.localdate().year
    print(f"{size:,} deals:")
    measure("board (bureau, all deals)", runs, lambda: selectors.deals_board(filler.staff))
    measure("board (one institution)", runs, lambda: selectors.deals_board(filler.seller_user))
    measure("funnel by month (computed)", runs, lambda: selectors.funnel_compute(year=year, dimension="month"))
    measure(
        "funnel by institution (computed)", runs, lambda: selectors.funnel_compute(year=year, dimension="institution")
    )
    measure("funnel by month (cached)", runs, lambda: selectors.funnel(year=year, dimension="month"))
    client = Client()
    client.force_login(filler.staff)
    measure("page /deals/ (bureau)", runs, lambda: client.get("/deals/"))
    cache.clear()
    measure("page /deals/bureau/ (first, computes)", 1, lambda: client.get("/deals/bureau/"))
    measure("page /deals/bureau/ (cached)", runs, lambda: client.get("/deals/bureau/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated deal counts, ascending")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measurement")
    parser.add_argument("--keep", action="store_true", help="leave the benchmark database behind for inspection")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    for name in ("wagtail", "django_tasks"):
        logging.getLogger(name).setLevel(logging.WARNING)
    original_name = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} (test copy of {original_name}); sizes {sizes}")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        filler = Filler(random.Random(2026))
        for size in sizes:
            start = time.perf_counter()
            filler.fill(size)
            print(f"filled to {size:,} deals in {time.perf_counter() - start:.0f} s")
            # The rows went in with bulk_create, past the services that keep the funnel's counters: rebuild them.
            from dealflow.services import funnel_counters_rebuild

            start = time.perf_counter()
            rows = funnel_counters_rebuild()
            print(f"funnel counters rebuilt ({rows:,} rows) in {time.perf_counter() - start:.1f} s")
            bench(filler, size, args.runs)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
