"""The meeting scheduler of a matchmaking event: requested one-to-one meetings → a grid of time slots × tables.

Pure functions over plain data (no database), so the guarantees can be tested on generated inputs and the
benchmark measures the algorithm alone. The guarantees:

- no attendee is in two meetings in one slot, and no table holds two meetings in one slot;
- an attendee's unavailable slots are never used;
- the same inputs give the same schedule, whatever order they come in;
- re-planning with the previous schedule keeps every placement that is still valid where it was.

This first version places greedily; it is the contract the events app builds on (see ``plan``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MeetingRequest:
    """One meeting to place. ``parties`` are attendee keys (e.g. ``"org:12"``); ``priority`` orders who is placed
    first when the grid is short (e.g. mutually accepted and higher match scores first)."""

    key: str
    parties: tuple[str, str]
    priority: float = 1.0


@dataclass(frozen=True)
class Grid:
    """``slots`` time slots × ``tables`` tables; ``unavailable`` maps an attendee to the slot numbers (0-based)
    they cannot attend."""

    slots: int
    tables: int
    unavailable: Mapping[str, frozenset[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Placement:
    request_key: str
    slot: int
    table: int


@dataclass(frozen=True)
class Schedule:
    placements: tuple[Placement, ...]
    unplaced: tuple[str, ...]

    def by_request(self) -> dict[str, Placement]:
        return {p.request_key: p for p in self.placements}


def plan(requests: Iterable[MeetingRequest], grid: Grid, *, previous: Schedule | None = None) -> Schedule:
    """Place ``requests`` on ``grid``. With ``previous``, placements that are still valid stay where they were
    and only the rest is placed again (minimal change after a cancellation)."""
    ordered = sorted(set(requests), key=lambda r: (-r.priority, r.key))
    busy: set[tuple[str, int]] = set()
    taken: set[tuple[int, int]] = set()
    placements: dict[str, Placement] = {}

    def free(request: MeetingRequest, slot: int) -> bool:
        return all(
            (party, slot) not in busy and slot not in grid.unavailable.get(party, frozenset())
            for party in request.parties
        )

    def put(request: MeetingRequest, slot: int, table: int) -> None:
        for party in request.parties:
            busy.add((party, slot))
        taken.add((slot, table))
        placements[request.key] = Placement(request.key, slot, table)

    kept = previous.by_request() if previous else {}
    for request in ordered:
        old = kept.get(request.key)
        fits = old and old.slot < grid.slots and old.table < grid.tables and (old.slot, old.table) not in taken
        if fits and free(request, old.slot):
            put(request, old.slot, old.table)
    for request in ordered:
        if request.key in placements:
            continue
        for slot in range(grid.slots):
            if not free(request, slot):
                continue
            table = next((t for t in range(grid.tables) if (slot, t) not in taken), None)
            if table is not None:
                put(request, slot, table)
                break
    unplaced = tuple(r.key for r in ordered if r.key not in placements)
    return Schedule(tuple(sorted(placements.values(), key=lambda p: (p.slot, p.table))), unplaced)
