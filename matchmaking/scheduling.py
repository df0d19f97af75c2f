"""The meeting scheduler of a matchmaking event: requested one-to-one meetings → a grid of time slots × tables.

Pure functions over plain data (no database), so the guarantees can be tested on generated inputs and the
benchmark measures the algorithm alone. The guarantees:

- no attendee is in two meetings in one slot, and no table holds two meetings in one slot;
- an attendee's unavailable slots are never used;
- the same inputs give the same schedule, whatever order they come in (nothing depends on set or dict order
  or on string hashing: every choice is made over sorted data);
- re-planning with the previous schedule keeps every placement that is still valid exactly where it was (same
  slot, same table) and only places the rest in the capacity that is left.

How ``plan`` places (docs/scheduling.md has the details and the benchmark figures):

1. **Tiers.** ``MeetingRequest.tier`` (default 0) is strict: a higher tier is placed before any lower one and
   never loses a meeting to it (e.g. 2 mutually accepted, 1 accepted by one side, 0 only proposed).
2. **Fair greedy.** Inside a tier, the next request is the one whose less-busy party has the fewest meetings
   so far, then whose busier party has the fewest, then the higher priority (max-min fairness: when the grid is
   short, a second meeting for someone waits until everyone who can still get a first one has it).
   A request goes to the free slot most of its parties prefer (``Grid.preferred``), then the emptiest slot.
3. **Repair.** A request the greedy pass could not place is retried with moves that never unplace anything:
   move the meetings that block a slot (and, one level further, the meetings that block those) to other slots,
   move one meeting out of a slot whose tables are all taken, or swap an alternating chain of meetings between
   two slots (a Kempe chain, the step that makes bipartite edge colouring exact).
4. **Augmenting paths.** When a party already meets in every slot they can attend, the request can only get
   in by exchange: add x–y, drop y–z, add z–w, … until someone with a free slot is reached. The ends gain a
   meeting, nobody else changes count, and no tier loses a meeting, so the placed count rises by one.
   Steps 3–4 repeat while they place something. Only meetings placed in this run move or are exchanged;
   kept placements never are.
5. **Tables** are given last: kept placements keep theirs, the others take the lowest free tables.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from heapq import heapify, heappop, heappush

# A Kempe chain longer than this is not followed; chains in event-sized schedules are short and this bounds
# the cost of a hopeless search.
_CHAIN_LIMIT = 40
# Attendees an augmenting-path search visits before it gives up.
_PATH_SEARCH_LIMIT = 400
# How many levels of meetings a repair may push aside to free one slot (1 = move a blocker to a free slot).
_MOVE_DEPTH = 2
# Repair passes per tier: a move that places one request can open the way for an earlier failure.
_REPAIR_PASSES = 3


@dataclass(frozen=True)
class MeetingRequest:
    """One meeting to place. ``parties`` are attendee keys (e.g. ``"org:12"``); ``priority`` (e.g. the match
    score) orders who is placed first when the grid is short, among requests whose parties have as many meetings
    so far (fairness comes first, see ``plan``); ``tier`` is strict: every higher tier is served first."""

    key: str
    parties: tuple[str, str]
    priority: float = 1.0
    tier: int = 0


@dataclass(frozen=True)
class Grid:
    """``slots`` time slots × ``tables`` tables; ``unavailable`` maps an attendee to the slot numbers (0-based)
    they cannot attend; ``preferred`` maps an attendee to the slots they would rather meet in (a soft wish:
    honoured when a free slot allows, never at the cost of a placement)."""

    slots: int
    tables: int
    unavailable: Mapping[str, frozenset[int]] = field(default_factory=dict)
    preferred: Mapping[str, frozenset[int]] = field(default_factory=dict)


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
    and only the rest is placed again (minimal change after a cancellation).

    ``placements`` come sorted by (slot, table); ``unplaced`` lists the keys of the requests not placed, highest
    tier and priority first. Raises ``ValueError`` for a request whose parties are not two different attendees, two
    different requests with one key, a non-finite priority or a negative grid size."""
    ordered = _normalise(requests, grid)
    board = _Board(ordered, grid)
    if previous is not None:
        board.keep(previous.by_request(), grid)
    tiers = sorted({board.tier[i] for i in range(len(ordered))}, reverse=True)
    for tier in tiers:
        members = [i for i in range(len(ordered)) if board.tier[i] == tier and board.slot[i] < 0]
        failed = board.greedy(members)
        for _ in range(_REPAIR_PASSES):
            if not failed:
                break
            still = [i for i in board.fair_order(failed) if not board.repair(i)]
            still = [i for i in board.fair_order(still) if not board.augment(i)]
            board.journal.clear()  # nothing before this point will be rolled back
            if len(still) == len(failed):
                break
            failed = still
    placements = board.placements()
    unplaced = tuple(r.key for i, r in enumerate(ordered) if board.slot[i] < 0)
    return Schedule(placements, unplaced)


def violations(requests: Iterable[MeetingRequest], grid: Grid, schedule: Schedule) -> list[str]:
    """What makes ``schedule`` invalid for ``requests`` on ``grid`` (empty when it is valid): unknown or twice
    placed requests, cells outside the grid, a table or an attendee used twice in a slot, an unavailable slot.
    For checking a schedule edited by hand before it is published."""
    by_key = {r.key: r for r in requests}
    problems: list[str] = []
    seen: set[str] = set()
    tables: dict[tuple[int, int], str] = {}
    busy: dict[tuple[str, int], str] = {}
    for p in sorted(schedule.placements, key=lambda p: (p.slot, p.table, p.request_key)):
        request = by_key.get(p.request_key)
        if request is None:
            problems.append(f"{p.request_key}: no such request")
            continue
        if p.request_key in seen:
            problems.append(f"{p.request_key}: placed twice")
            continue
        seen.add(p.request_key)
        if not (0 <= p.slot < grid.slots and 0 <= p.table < grid.tables):
            problems.append(f"{p.request_key}: slot {p.slot}, table {p.table} is outside the grid")
            continue
        other = tables.setdefault((p.slot, p.table), p.request_key)
        if other != p.request_key:
            problems.append(f"{p.request_key}: slot {p.slot}, table {p.table} already holds {other}")
        for party in request.parties:
            if p.slot in grid.unavailable.get(party, ()):
                problems.append(f"{p.request_key}: {party} is unavailable in slot {p.slot}")
            other = busy.setdefault((party, p.slot), p.request_key)
            if other != p.request_key:
                problems.append(f"{p.request_key}: {party} already meets in slot {p.slot} ({other})")
    return problems


def placement_bound(requests: Iterable[MeetingRequest], grid: Grid) -> int:
    """An upper bound on how many of ``requests`` any schedule can place on ``grid``: no more than the grid's
    cells, and no attendee in more meetings than the slots they can attend.

    When the attendees split into two sides (enterprises meet institutions) the second limit is computed
    exactly as a maximum flow, and without unavailable slots the bound is then the true maximum (a bipartite
    graph with at most ``slots`` meetings per attendee can be spread over ``slots`` slots of near-equal size,
    König and de Werra); otherwise it is half the sum of the attendees' limits."""
    ordered = _normalise(requests, grid)
    names = sorted({p for r in ordered for p in r.parties})
    index = {n: k for k, n in enumerate(names)}
    capacity = [
        min(grid.slots, sum(1 for s in range(grid.slots) if s not in grid.unavailable.get(n, ()))) for n in names
    ]
    edges = [(index[r.parties[0]], index[r.parties[1]]) for r in ordered]
    sides = _two_sides(len(names), edges)
    if sides is None:
        degree = [0] * len(names)
        for a, b in edges:
            degree[a] += 1
            degree[b] += 1
        by_attendee = sum(min(d, c) for d, c in zip(degree, capacity, strict=True)) // 2
    else:
        by_attendee = _degree_limited_matching(len(names), edges, capacity, sides)
    return min(len(ordered), grid.slots * grid.tables, by_attendee)


# --- internals -------------------------------------------------------------------------------------------------


def _normalise(requests: Iterable[MeetingRequest], grid: Grid) -> list[MeetingRequest]:
    """Check the inputs and put the requests in one canonical order (tier and priority down, then key)."""
    if grid.slots < 0 or grid.tables < 0:
        raise ValueError("a grid needs zero or more slots and tables")
    by_key: dict[str, MeetingRequest] = {}
    for request in requests:
        a, b = request.parties
        if a == b:
            raise ValueError(f"request {request.key}: a meeting needs two different attendees")
        if not math.isfinite(request.priority):
            raise ValueError(f"request {request.key}: priority must be a finite number")
        known = by_key.setdefault(request.key, request)
        if known != request:
            raise ValueError(f"two different requests share the key {request.key}")
    return sorted(by_key.values(), key=lambda r: (-r.tier, -r.priority, r.key))


class _Board:
    """The grid being filled: who meets in which slot, how full each slot is, and which meetings may move."""

    def __init__(self, ordered: list[MeetingRequest], grid: Grid) -> None:
        self.slots, self.tables = grid.slots, grid.tables
        self.keys = [r.key for r in ordered]
        names = sorted({p for r in ordered for p in r.parties})
        index = {n: k for k, n in enumerate(names)}
        # A request's parties in a fixed order, so nothing depends on which side the caller named first.
        self.u = [index[min(r.parties)] for r in ordered]
        self.v = [index[max(r.parties)] for r in ordered]
        self.tier = [r.tier for r in ordered]
        self.available = [[s not in grid.unavailable.get(n, ()) for s in range(self.slots)] for n in names]
        self.preferred = [[s in grid.preferred.get(n, ()) for s in range(self.slots)] for n in names]
        self.at = [[-1] * self.slots for _ in names]  # attendee × slot → request index, or -1
        self.count = [0] * self.slots
        self.members: list[set[int]] = [set() for _ in range(self.slots)]  # read only through sorted()
        self.load = [0] * len(names)  # meetings per attendee
        self.journal: list[tuple[int, int]] = []  # (request, slot it left or -1 if it was unplaced), for rollback
        self.slot = [-1] * len(ordered)
        self.table = [-1] * len(ordered)  # only kept placements have a table before the end
        self.locked = [False] * len(ordered)
        self.room = [sum(row) for row in self.available]  # slots an attendee can attend
        self.requests_of: list[list[int]] = [[] for _ in names]  # attendee → request indices, ascending
        for i in range(len(ordered)):
            self.requests_of[self.u[i]].append(i)
            self.requests_of[self.v[i]].append(i)

    # basic moves

    def usable(self, i: int, s: int) -> bool:
        return self.available[self.u[i]][s] and self.available[self.v[i]][s]

    def free(self, i: int, s: int) -> bool:
        return (
            self.count[s] < self.tables
            and self.usable(i, s)
            and self.at[self.u[i]][s] < 0
            and self.at[self.v[i]][s] < 0
        )

    def wishes(self, i: int, s: int) -> int:
        return self.preferred[self.u[i]][s] + self.preferred[self.v[i]][s]

    def put(self, i: int, s: int) -> None:
        self.journal.append((i, -1))
        self.at[self.u[i]][s] = self.at[self.v[i]][s] = i
        self.count[s] += 1
        self.members[s].add(i)
        self.load[self.u[i]] += 1
        self.load[self.v[i]] += 1
        self.slot[i] = s

    def lift(self, i: int) -> None:
        s = self.slot[i]
        self.journal.append((i, s))
        self.at[self.u[i]][s] = self.at[self.v[i]][s] = -1
        self.count[s] -= 1
        self.members[s].discard(i)
        self.load[self.u[i]] -= 1
        self.load[self.v[i]] -= 1
        self.slot[i] = -1

    def rollback(self, mark: int) -> None:
        """Undo every put and lift since ``len(self.journal)`` was ``mark``."""
        while len(self.journal) > mark:
            i, old = self.journal.pop()
            if old < 0:
                self.lift(i)
            else:
                self.put(i, old)
            self.journal.pop()  # the undo itself is not to be undone

    def best_free_slot(self, i: int, *, avoid: Container[int] = ()) -> int:
        best, best_rank = -1, None
        for s in range(self.slots):
            if s not in avoid and self.free(i, s):
                rank = (-self.wishes(i, s), self.count[s], s)
                if best_rank is None or rank < best_rank:
                    best, best_rank = s, rank
        return best

    # phases

    def keep(self, previous: dict[str, Placement], grid: Grid) -> None:
        """Put back every previous placement that is still valid, highest priority first when two now clash."""
        taken: set[tuple[int, int]] = set()
        for i, key in enumerate(self.keys):
            old = previous.get(key)
            if old is None or not (0 <= old.slot < grid.slots and 0 <= old.table < grid.tables):
                continue
            if (old.slot, old.table) in taken or not self.free(i, old.slot):
                continue
            taken.add((old.slot, old.table))
            self.put(i, old.slot)
            self.table[i] = old.table
            self.locked[i] = True

    def fairness(self, i: int) -> tuple[int, int, int]:
        a, b = self.load[self.u[i]], self.load[self.v[i]]
        return (min(a, b), max(a, b), i)  # i is the canonical rank: tier, priority, then key

    def fair_order(self, members: list[int]) -> list[int]:
        return sorted(members, key=self.fairness)

    def greedy(self, members: list[int]) -> list[int]:
        """Place ``members`` in max-min fair order (loads only grow, so a stale heap entry is re-keyed when it
        surfaces); return those that found no free slot."""
        heap = [self.fairness(i) for i in members]
        heapify(heap)
        failed: list[int] = []
        while heap:
            entry = heappop(heap)
            i = entry[2]
            current = self.fairness(i)
            if current != entry:
                heappush(heap, current)
                continue
            s = self.best_free_slot(i)
            if s >= 0:
                self.put(i, s)
            else:
                failed.append(i)
        return failed

    def repair(self, i: int) -> bool:
        """Place ``i`` by moving placed meetings (never unplacing one); True when it worked."""
        if all(c >= self.tables for c in self.count):
            return False  # every table is taken: no move makes room
        if self.load[self.u[i]] >= self.room[self.u[i]] or self.load[self.v[i]] >= self.room[self.v[i]]:
            return False  # a party meets in every slot they can attend: only ``augment`` can help
        s = self.best_free_slot(i)
        if s >= 0:
            self.put(i, s)
            return True
        order = sorted(
            (s for s in range(self.slots) if self.usable(i, s)),
            key=lambda s: (-self.wishes(i, s), s),
        )
        return any(self.clear_slot(i, s) for s in order) or any(self.swap_chain(i, s) for s in order)

    def augment(self, i: int) -> bool:
        """Place ``i`` whose one party has a meeting in every slot they can attend, by exchanging meetings along
        an augmenting path: i = x–y is added, y–z dropped, z–w added, … until an attendee with a free slot is
        reached. Everyone on the path keeps their number of meetings and the two ends gain one, so the placed
        count grows by one and fairness never gets worse. A dropped meeting is never of a lower tier than ``i``
        and is replaced by a request of its own tier or higher, so no tier loses a meeting; kept placements are
        never dropped. When the new meetings cannot all be given slots, everything goes back as it was."""
        if sum(self.count) >= self.slots * self.tables:
            return False
        for x, y in ((self.u[i], self.v[i]), (self.v[i], self.u[i])):
            if self.load[x] >= self.room[x] or self.load[y] < self.room[y]:
                continue
            path = self.augmenting_path(i, x, y)
            if path is None:
                continue
            dropped, added = path
            mark = len(self.journal)
            for j in dropped:
                self.lift(j)
            if all(self.repair(j) for j in added):
                return True
            self.rollback(mark)
        return False

    def augmenting_path(self, i: int, x: int, y: int) -> tuple[list[int], list[int]] | None:
        """Breadth-first search for the exchange ``augment`` makes, from ``y`` (who has no free slot)."""
        tier = self.tier[i]
        came_from: dict[int, tuple[int, int, int]] = {}  # attendee → (dropped, added, previous attendee)
        seen = {x, y}
        queue = [y]
        for node in queue:
            if len(seen) > _PATH_SEARCH_LIMIT:
                return None
            for s in range(self.slots):
                j = self.at[node][s]
                if j < 0 or self.locked[j] or self.tier[j] < tier:
                    continue
                z = self.v[j] if self.u[j] == node else self.u[j]
                if z in seen:
                    continue
                seen.add(z)
                for k in self.requests_of[z]:
                    if k == i or self.slot[k] >= 0 or self.tier[k] < self.tier[j]:
                        continue
                    w = self.v[k] if self.u[k] == z else self.u[k]
                    if w in seen:
                        continue
                    came_from[w] = (j, k, node)
                    if self.load[w] < self.room[w]:
                        dropped, added = [], [i]
                        while w != y:
                            j_, k_, w = came_from[w]
                            dropped.append(j_)
                            added.append(k_)
                        return dropped, added
                    seen.add(w)
                    queue.append(w)
        return None

    def clear_slot(self, i: int, s: int) -> bool:
        """Move the meetings that keep ``i`` out of slot ``s`` to other slots, then place ``i`` in ``s``: its
        parties' meetings there (each may in turn push one level of further meetings aside, see ``relocate``),
        or, when the slot has no table left, one movable meeting that fits another slot as it is."""
        blockers = sorted({j for j in (self.at[self.u[i]][s], self.at[self.v[i]][s]) if j >= 0})
        if any(self.locked[j] for j in blockers):
            return False
        mark = len(self.journal)
        if not blockers:
            if self.count[s] < self.tables:
                return False  # not blocked at all: best_free_slot would have used it
            for j in sorted(self.members[s]):
                if not self.locked[j]:
                    target = self.best_free_slot(j, avoid=(s,))
                    if target >= 0:
                        self.lift(j)
                        self.put(j, target)
                        self.put(i, s)
                        return True
            return False
        for j in blockers:
            self.lift(j)
        if all(self.relocate(j, (s,), _MOVE_DEPTH - 1) for j in blockers):
            self.put(i, s)
            return True
        self.rollback(mark)
        return False

    def relocate(self, j: int, avoid: tuple[int, ...], depth: int) -> bool:
        """Put the lifted meeting ``j`` in a slot outside ``avoid``: a free one, or else (``depth`` times over)
        one where its parties' meetings can themselves be relocated."""
        target = self.best_free_slot(j, avoid=avoid)
        if target >= 0:
            self.put(j, target)
            return True
        if depth <= 0:
            return False
        for t in range(self.slots):
            if t in avoid or not self.usable(j, t):
                continue
            blockers = sorted({k for k in (self.at[self.u[j]][t], self.at[self.v[j]][t]) if k >= 0})
            if not blockers or any(self.locked[k] for k in blockers):
                continue
            if self.count[t] - len(blockers) >= self.tables:
                continue
            mark = len(self.journal)
            for k in blockers:
                self.lift(k)
            self.put(j, t)
            if all(self.relocate(k, (*avoid, t), depth - 1) for k in blockers):
                return True
            self.rollback(mark)
        return False

    def swap_chain(self, i: int, a: int) -> bool:
        """Place ``i`` in slot ``a`` where one party is free and the other is not, by swapping slots ``a`` and
        ``b`` along the chain of meetings that starts at the busy party's meeting in ``a``."""
        for x, y in ((self.u[i], self.v[i]), (self.v[i], self.u[i])):
            if self.at[x][a] >= 0 or self.at[y][a] < 0:
                continue
            for b in range(self.slots):
                if b != a and self.at[y][b] < 0 and self.try_chain(i, x, y, a, b):
                    return True
        return False

    def try_chain(self, i: int, x: int, y: int, a: int, b: int) -> bool:
        chain: list[int] = []
        node, want = y, a
        while True:
            j = self.at[node][want]
            if j < 0:
                break
            if self.locked[j] or len(chain) >= _CHAIN_LIMIT:
                return False
            other = self.v[j] if self.u[j] == node else self.u[j]
            if other == x:
                return False  # the chain would give x a meeting in slot a
            target = b if want == a else a
            if not self.usable(j, target):
                return False
            chain.append(j)
            node, want = other, target
        out_of_a = (len(chain) + 1) // 2
        into_a = len(chain) // 2
        if self.count[a] - out_of_a + into_a + 1 > self.tables or self.count[b] + out_of_a - into_a > self.tables:
            return False
        for j in chain:
            self.lift(j)
        for position, j in enumerate(chain):
            self.put(j, b if position % 2 == 0 else a)
        self.put(i, a)
        return True

    def placements(self) -> tuple[Placement, ...]:
        used = [set() for _ in range(self.slots)]
        for i, t in enumerate(self.table):
            if t >= 0:
                used[self.slot[i]].add(t)
        result: list[Placement] = []
        for i, s in enumerate(self.slot):
            if s < 0:
                continue
            t = self.table[i]
            if t < 0:
                t = next(t for t in range(self.tables) if t not in used[s])
                used[s].add(t)
            result.append(Placement(self.keys[i], s, t))
        return tuple(sorted(result, key=lambda p: (p.slot, p.table)))


def _two_sides(size: int, edges: list[tuple[int, int]]) -> list[int] | None:
    """Colour the attendees 0/1 so every meeting joins the two colours, or None when that is impossible."""
    neighbours: list[list[int]] = [[] for _ in range(size)]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    side = [-1] * size
    for start in range(size):
        if side[start] >= 0:
            continue
        side[start] = 0
        stack = [start]
        while stack:
            node = stack.pop()
            for other in neighbours[node]:
                if side[other] < 0:
                    side[other] = 1 - side[node]
                    stack.append(other)
                elif side[other] == side[node]:
                    return None
    return side


def _degree_limited_matching(size: int, edges: list[tuple[int, int]], capacity: list[int], side: list[int]) -> int:
    """The most meetings with every attendee in at most ``capacity`` of them (Dinic's maximum flow)."""
    source, sink = size, size + 1
    head: list[list[int]] = [[] for _ in range(size + 2)]
    to: list[int] = []
    cap: list[int] = []

    def arc(a: int, b: int, c: int) -> None:
        head[a].append(len(to))
        to.append(b)
        cap.append(c)
        head[b].append(len(to))
        to.append(a)
        cap.append(0)

    for node in range(size):
        if side[node] == 0:
            arc(source, node, capacity[node])
        else:
            arc(node, sink, capacity[node])
    for a, b in edges:
        left, right = (a, b) if side[a] == 0 else (b, a)
        arc(left, right, 1)

    def push(node: int, limit: int, level: list[int], pointer: list[int]) -> int:
        if node == sink:
            return limit
        while pointer[node] < len(head[node]):
            e = head[node][pointer[node]]
            nxt = to[e]
            if cap[e] > 0 and level[nxt] == level[node] + 1:
                pushed = push(nxt, min(limit, cap[e]), level, pointer)
                if pushed:
                    cap[e] -= pushed
                    cap[e ^ 1] += pushed
                    return pushed
            pointer[node] += 1
        return 0

    total = 0
    while True:
        level = [-1] * (size + 2)
        level[source] = 0
        queue = [source]
        for node in queue:
            for e in head[node]:
                if cap[e] > 0 and level[to[e]] < 0:
                    level[to[e]] = level[node] + 1
                    queue.append(to[e])
        if level[sink] < 0:
            return total
        pointer = [0] * (size + 2)
        while pushed := push(source, 1 << 30, level, pointer):
            total += pushed
