"""Layout of the problem map's picture: an icicle tree (chain → segments → technologies) as SVG rectangles, and
its phone form: the same tree as indented rows (a 1000-unit-wide picture shrunk to 390 px has 4 px labels).

Widths follow each node's weight (needs + problems, at least 1 so every node shows); the colour steps with the
node's unsolved key problems, so the reddest boxes are where the chain most needs a challenge.
"""

from __future__ import annotations

from dataclasses import dataclass

from .selectors import MapNode

WIDTH = 1000
ROW = 64
PALETTE = ["#e3f1e6", "#fde7c8", "#f9c59a", "#f19a73", "#d9604d"]  # 0 unsolved … many unsolved


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    label: str
    title: str
    code: str

    @property
    def tx(self) -> float:
        return round(self.x + 4, 1)

    @property
    def ty(self) -> float:
        return self.y + 20


def _weight(item: MapNode) -> int:
    return max(1, item.open_needs + item.problems)


def colour(unsolved: int, most: int) -> str:
    if unsolved <= 0 or most <= 0:
        return PALETTE[0]
    step = 1 + min(3, int(3 * (unsolved - 1) / max(1, most - 1))) if most > 1 else 4
    return PALETTE[min(step, 4)]


def layout(root: MapNode, *, name_attr: str = "name") -> tuple[list[Box], int]:
    """Rectangles for every node, and the picture's height."""
    boxes: list[Box] = []
    most = max(
        [root.unsolved] + [c.unsolved for c in root.children] + [g.unsolved for c in root.children for g in c.children]
    )

    def place(item: MapNode, x: float, w: float, depth: int) -> None:
        name = getattr(item.node, name_attr, "") or item.node.name
        label = name if w >= 12 * max(2, len(name)) else (item.node.code.rsplit(".", 1)[-1] if w >= 24 else "")
        boxes.append(
            Box(
                x=round(x, 1),
                y=depth * ROW,
                w=round(max(w - 1, 0.5), 1),
                h=ROW - 2,
                fill=colour(item.unsolved, most),
                label=label,
                title=f"{item.node.code} {name}: {item.open_needs} / {item.problems} / {item.unsolved}",
                code=item.node.code,
            )
        )
        if not item.children:
            return
        total = sum(_weight(c) for c in item.children)
        offset = x
        for child in item.children:
            share = w * _weight(child) / total
            place(child, offset, share, depth + 1)
            offset += share

    place(root, 0, WIDTH, 0)
    depth = 1 + max((1 + (1 if any(c.children for c in root.children) else 0)) if root.children else 0, 0)
    return boxes, depth * ROW


@dataclass
class ListRow:
    """One node of the phone map: indented by depth, coloured like its box, with a bar for its share of its parent."""

    depth: int
    name: str
    code: str
    fill: str
    share: int  # percent of the parent's needs + problems (100 for the chain itself)
    unsolved: int
    problems: int
    open_needs: int


def list_rows(root: MapNode, *, name_attr: str = "name") -> list[ListRow]:
    """The map's nodes depth-first, with the colours ``layout`` gives their boxes."""
    most = max(
        [root.unsolved] + [c.unsolved for c in root.children] + [g.unsolved for c in root.children for g in c.children]
    )
    rows: list[ListRow] = []

    def walk(item: MapNode, depth: int, share: float) -> None:
        rows.append(
            ListRow(
                depth=depth,
                name=getattr(item.node, name_attr, "") or item.node.name,
                code=item.node.code,
                fill=colour(item.unsolved, most),
                share=max(1, round(share)),
                unsolved=item.unsolved,
                problems=item.problems,
                open_needs=item.open_needs,
            )
        )
        total = sum(_weight(c) for c in item.children)
        for child in item.children:
            walk(child, depth + 1, 100 * _weight(child) / total)

    walk(root, 0, 100)
    return rows
