"""Basic-mode (database matcher) latency: match p50/p95 through the full-text index at a given size on SQLite.

    .venv/bin/python benchmarks/basic_match_perf.py --size 10000 [--queries 200] [--profile] [--db PATH]

Fills a fresh SQLite database with the synthetic listings of benchmarks/search_perf.py, segments every listing
once into ListingTerms (timed: basic mode's "rebuild"), then times ``db_matches`` for needs drawn at random
(the first match warms the profile cache for its candidates, as a running site's would be). Wall time and the
process's CPU time per match are both printed: on a shared machine the wall time mostly measures the wait for a
core.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--needs", type=int, default=300)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print where the timed matches spend their time")
    parser.add_argument("--db", help="keep the generated SQLite database at this path and reuse it next time")
    args = parser.parse_args()

    db = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="basic-perf-")) / "db.sqlite3"
    reuse = db.exists()
    from benchmarks.search_perf import generate, percentiles, setup_django

    setup_django(f"sqlite:///{db}", f"basicperf{os.getpid()}")
    from django.conf import settings

    settings.SEARCH_URL = ""
    import logging

    logging.disable(logging.INFO)
    from marketplace.models import TechnologyNeed
    from search.matching import db_matches, terms
    from search.profiles import need_profile

    if reuse:
        print(f"reusing {db} (its listings, and the terms stored for them)", flush=True)
    else:
        generated = generate(args.size, args.needs)
        print(f"{args.size} achievements, {args.needs} needs generated in {generated['seconds']:.1f}s", flush=True)
    started = time.perf_counter()
    count = terms.ensure_fresh("achievement")
    segment = time.perf_counter() - started
    print(
        f"segmented {count} achievements into ListingTerms in {segment:.1f}s ({1000 * segment / max(count, 1):.2f} ms each)"
    )
    from search.matching import achievement_profiles

    started = time.perf_counter()
    loaded = len(achievement_profiles())
    print(
        f"loaded {loaded} profiles from the stored terms in {time.perf_counter() - started:.1f}s "
        "(a running site's profile cache; the first 20 timed queries are still reported apart)",
        flush=True,
    )
    from marketplace.selectors import for_matching

    needs = list(for_matching(TechnologyNeed.objects.all()))
    rng = random.Random(11)
    samples, cold, cpu = [], [], []
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    for i in range(args.queries):
        need = rng.choice(needs)
        if args.profile and i >= 20:
            profiler.enable()
        t, c = time.perf_counter(), time.process_time()
        db_matches(need_profile(need), limit=10)
        (cold if i < 20 else samples).append(1000 * (time.perf_counter() - t))
        if i >= 20:
            cpu.append(1000 * (time.process_time() - c))
        profiler.disable()
    p50, p95 = percentiles(samples)
    print(
        f"basic-mode match (need → achievements), {len(samples)} queries after 20 warm-up: p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )
    c50, c95 = percentiles(cpu)
    print(
        f"CPU time per match (time.process_time, this process only; the wall time above includes waiting for the "
        f"shared cores): mean {sum(cpu) / len(cpu):.1f} ms, p50 {c50:.1f} ms, p95 {c95:.1f} ms",
        flush=True,
    )
    print(f"first 20 queries (warm-up): mean {sum(cold) / len(cold):.1f} ms")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
