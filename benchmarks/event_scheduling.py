#!/usr/bin/env python
"""Meeting-scheduler benchmark: 500 attendees and 3,000 proposed meetings into 8 slots × 60 tables (issue 11).

Usage (from the repository root; pure Python, no database or search engine):

    .venv/bin/python benchmarks/event_scheduling.py
    .venv/bin/python benchmarks/event_scheduling.py --mutual 400,700 --seed 7 --baseline

The generator (seeded, so every run prints the same placements):

- ``--institutions`` (200) and ``--enterprises`` (300) attendees. Institutions are drawn with a Zipf-like
  popularity ``1 / (rank + 8) ** 1.1`` (the most popular institution gets about 3.5 % of all proposals, the
  median one 0.3 %); enterprises with a milder ``1 / (rank + 20) ** 0.6`` (some are busier than others).
- ``--meetings`` (3,000) distinct institution–enterprise proposals drawn with probability ∝ institution weight ×
  enterprise weight, each with a match score in [0.3, 1) (the matcher's floor is the lower end).
- Each side accepts a proposal with probability q; an attendee accepts at most ``--accept-cap`` (8, the slot
  count; fewer when they miss slots) proposals, their best-scored, as a sign-up page that says "you can meet
  at most 8" would have them do (``--accept-cap 0`` lifts the cap). q is bisected so the mutually accepted count
  comes close to the ``--mutual`` target. Every proposal is requested with ``tier`` = how many sides accepted
  (2, 1, 0) and ``priority`` = its score, so mutually accepted meetings form the top tier. Declines are not
  modelled (a declined proposal would simply not be requested).
- 10 % of attendees miss two consecutive slots (arrive late or leave early); 20 % prefer the morning (slots 0–3)
  or the afternoon (4–7).

Each ``--mutual`` target is one scenario: 400 fits the 480-meeting grid, 700 exceeds it (all 3,000 requests
always exceed it). Per scenario it prints: seconds, requested vs placed, the upper bound on what any schedule
could place (``placement_bound``), mutually accepted placed (% of all mutual and % of their own upper bound:
"feasible" means the bound says they could all be placed), fairness (attendees with at least one meeting among
those who requested one, max and mean load), preference hits, then a re-plan after cancelling 5 % of attendees
(seconds, meetings moved, newly placed). ``--baseline`` adds the first greedy version (strict priority, first
free slot) for comparison. ``--only-mutual`` schedules the mutually accepted meetings alone, in one tier with
the score (0–100) as priority, the way the event app calls ``plan``. Figures only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matchmaking.scheduling import (  # noqa: E402
    Grid,
    MeetingRequest,
    Placement,
    Schedule,
    placement_bound,
    plan,
    violations,
)


def generate(
    rng: random.Random,
    *,
    institutions: int,
    enterprises: int,
    meetings: int,
    mutual: int,
    slots: int,
    accept_cap: int,
) -> tuple[list[MeetingRequest], dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    inst = [f"inst:{k}" for k in range(institutions)]
    ent = [f"ent:{k}" for k in range(enterprises)]
    inst_weight = [1 / (k + 8) ** 1.1 for k in range(institutions)]
    ent_weight = [1 / (k + 20) ** 0.6 for k in range(enterprises)]
    rng.shuffle(ent_weight)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < meetings:
        batch = meetings - len(pairs)
        for a, b in zip(
            rng.choices(range(institutions), weights=inst_weight, k=batch),
            rng.choices(range(enterprises), weights=ent_weight, k=batch),
            strict=True,
        ):
            pairs.add((a, b))
    unavailable: dict[str, frozenset[int]] = {}
    preferred: dict[str, frozenset[int]] = {}
    half = slots // 2
    for name in inst + ent:
        if rng.random() < 0.10:
            start = rng.choice([0, slots - 2])
            unavailable[name] = frozenset({start, start + 1})
        if rng.random() < 0.20:
            preferred[name] = frozenset(range(half)) if rng.random() < 0.5 else frozenset(range(half, slots))
    ordered = sorted(pairs)
    scores = [rng.uniform(0.3, 1.0) for _ in ordered]
    draws = [(rng.random(), rng.random()) for _ in ordered]

    def acceptances(q: float) -> list[int]:
        """Each side accepts with probability q; with a cap, an attendee keeps only their best-scored
        acceptances, as many as the slots they can attend."""
        sides = [[draw < q for draw in pair] for pair in draws]
        if accept_cap:
            for side, names in ((0, inst), (1, ent)):
                mine: dict[int, list[int]] = {}
                for n, pair in enumerate(ordered):
                    if sides[n][side]:
                        mine.setdefault(pair[side], []).append(n)
                for who, ns in mine.items():
                    limit = min(accept_cap, slots - len(unavailable.get(names[who], ())))
                    for n in sorted(ns, key=lambda n: -scores[n])[limit:]:
                        sides[n][side] = False
        return [a + b for a, b in sides]

    # Bisect q so the mutually accepted count comes close to the target (it grows with q).
    low, high = 0.0, 1.0
    for _ in range(30):
        middle = (low + high) / 2
        if sum(1 for n in acceptances(middle) if n == 2) < mutual:
            low = middle
        else:
            high = middle
    accepted = acceptances(high)
    requests = [
        MeetingRequest(f"m{n}", (inst[a], ent[b]), priority=scores[n], tier=accepted[n])
        for n, (a, b) in enumerate(ordered)
    ]
    return requests, unavailable, preferred


def baseline_plan(requests: list[MeetingRequest], grid: Grid) -> Schedule:
    """The first version on main: strict priority order (tier, then priority), first slot with a free table."""
    ordered = sorted(requests, key=lambda r: (-r.tier, -r.priority, r.key))
    busy: set[tuple[str, int]] = set()
    used = [0] * grid.slots
    placements = []
    for r in ordered:
        for s in range(grid.slots):
            if used[s] >= grid.tables:
                continue
            if any((p, s) in busy or s in grid.unavailable.get(p, ()) for p in r.parties):
                continue
            busy.update((p, s) for p in r.parties)
            placements.append(Placement(r.key, s, used[s]))
            used[s] += 1
            break
    placed = {p.request_key for p in placements}
    return Schedule(tuple(placements), tuple(r.key for r in ordered if r.key not in placed))


def describe(label: str, requests: list[MeetingRequest], grid: Grid, schedule: Schedule, seconds: float) -> None:
    by_key = {r.key: r for r in requests}
    placed = schedule.by_request()
    mutual = [r for r in requests if r.tier == 2]
    mutual_placed = sum(1 for r in mutual if r.key in placed)
    mutual_bound = placement_bound(mutual, grid)
    load: Counter[str] = Counter()
    for key in placed:
        load.update(by_key[key].parties)
    requesters = {p for r in requests for p in r.parties}
    mutual_requesters = {p for r in mutual for p in r.parties}
    loads = [load[p] for p in sorted(requesters)]
    wished = hits = 0
    for key, placement in placed.items():
        for party in by_key[key].parties:
            if party in grid.preferred:
                wished += 1
                hits += placement.slot in grid.preferred[party]
    problems = violations(requests, grid, schedule)
    print(f"  {label}: {seconds:.2f} s, placed {len(placed)} of {len(requests)} requested, {len(problems)} violations")
    print(
        f"    mutually accepted placed: {mutual_placed} / {len(mutual)} ({100 * mutual_placed / max(1, len(mutual)):.1f} %), "
        f"upper bound for them {mutual_bound} → {100 * mutual_placed / max(1, mutual_bound):.1f} % of the bound"
    )
    print(
        f"    fairness: {sum(1 for p in requesters if load[p])} / {len(requesters)} requesters have ≥ 1 meeting "
        f"({sum(1 for p in mutual_requesters if load[p])} / {len(mutual_requesters)} with a mutual request); "
        f"load max {max(loads)}, mean {statistics.fmean(loads):.2f}, "
        f"histogram {dict(sorted(Counter(loads).items()))}"
    )
    if wished:
        print(f"    preferred slot honoured for {hits} / {wished} attendee-meetings ({100 * hits / wished:.0f} %)")


def replan(requests: list[MeetingRequest], grid: Grid, schedule: Schedule, rng: random.Random) -> None:
    attendees = sorted({p for r in requests for p in r.parties})
    cancelled = set(rng.sample(attendees, k=round(len(attendees) * 0.05)))
    remaining = [r for r in requests if not set(r.parties) & cancelled]
    before = schedule.by_request()
    started = time.perf_counter()
    again = plan(remaining, grid, previous=schedule)
    seconds = time.perf_counter() - started
    after = again.by_request()
    kept_keys = [r.key for r in remaining if r.key in before]
    moved = sum(1 for k in kept_keys if after.get(k) != before[k])
    fresh = sum(1 for k in after if k not in before)
    print(
        f"  re-plan after cancelling {len(cancelled)} attendees ({len(requests) - len(remaining)} requests gone, "
        f"{len(before) - len(kept_keys)} of them placed): {seconds:.2f} s, {moved} of {len(kept_keys)} still-valid "
        f"meetings moved, {fresh} newly placed in the freed capacity, {len(after)} placed, "
        f"{len(violations(remaining, grid, again))} violations"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institutions", type=int, default=200)
    parser.add_argument("--enterprises", type=int, default=300)
    parser.add_argument("--meetings", type=int, default=3000)
    parser.add_argument("--mutual", default="400,700", help="mutually accepted targets, one scenario each")
    parser.add_argument("--slots", type=int, default=8)
    parser.add_argument("--tables", type=int, default=60)
    parser.add_argument(
        "--accept-cap", type=int, default=8, help="most proposals one attendee accepts (0: no cap); default 8"
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--baseline", action="store_true", help="also run the first greedy version")
    parser.add_argument(
        "--only-mutual",
        action="store_true",
        help="schedule only the mutually accepted meetings, one tier, priority = score × 100 (as the event app does)",
    )
    args = parser.parse_args()

    for target in (int(t) for t in args.mutual.split(",")):
        rng = random.Random(args.seed * 1000 + target)
        print(
            f"scenario: {args.institutions} institutions, {args.enterprises} enterprises, {args.meetings} proposals, "
            f"~{target} mutually accepted, {args.slots} slots × {args.tables} tables (seed {args.seed})",
            flush=True,
        )
        requests, unavailable, preferred = generate(
            rng,
            institutions=args.institutions,
            enterprises=args.enterprises,
            meetings=args.meetings,
            mutual=target,
            slots=args.slots,
            accept_cap=args.accept_cap,
        )
        grid = Grid(args.slots, args.tables, unavailable, preferred)
        if args.only_mutual:
            requests = [
                MeetingRequest(r.key, r.parties, round(r.priority * 100, 2), tier=2) for r in requests if r.tier == 2
            ]
        tiers = Counter(r.tier for r in requests)
        proposals = Counter(r.parties[0] for r in requests)
        print(
            f"  generated: {tiers[2]} mutually accepted, {tiers[1]} accepted by one side, {tiers[0]} by neither; "
            f"proposals per institution max {max(proposals.values())}, median {statistics.median(proposals.values())}; "
            f"upper bound on placements {placement_bound(requests, grid)} (grid {args.slots * args.tables})",
            flush=True,
        )
        started = time.perf_counter()
        schedule = plan(requests, grid)
        describe("scheduler", requests, grid, schedule, time.perf_counter() - started)
        replan(requests, grid, schedule, random.Random(rng.random()))
        if args.baseline:
            started = time.perf_counter()
            naive = baseline_plan(requests, grid)
            describe("baseline (first greedy)", requests, grid, naive, time.perf_counter() - started)


if __name__ == "__main__":
    main()
