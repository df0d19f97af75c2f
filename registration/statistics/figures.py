"""The value objects of the statistics (a row, a breakdown, progress, a year) and how their figures read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .periods import (
    CENT,
    ZERO,
)

# --- Value objects ---------------------------------------------------------------------------------


def yoy_percent(current, previous) -> Decimal | None:
    """Year-on-year change in percent (one decimal), or None when the base is zero."""
    if not previous:
        return None
    change = (Decimal(current) - Decimal(previous)) / Decimal(previous) * 100
    return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_yoy(change: Decimal | None) -> str:
    """'+12.5%', '-3.0%', '0.0%', or '—' when there is no base to compare with."""
    if change is None:
        return "—"
    sign = "+" if change > 0 else ""
    return f"{sign}{change}%"


def format_wan(amount: Decimal) -> str:
    """Yuan as 万元 with thousands separators and two decimals: 12,345,678.9 → '1,234.57'."""
    wan = (Decimal(amount) / Decimal(10000)).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{wan:,.2f}"


@dataclass
class Row:
    """One line of a breakdown: the chosen year's figures beside the previous year's."""

    key: str
    label: str
    count: int = 0
    total: Decimal = ZERO  # 合同成交额 (effective), yuan
    technology: Decimal = ZERO  # 技术交易额 (effective), yuan
    previous_count: int = 0
    previous_total: Decimal = ZERO
    previous_technology: Decimal = ZERO
    bar_percent: int = 0  # width of this row's bar relative to the breakdown's largest 技术交易额
    indent: bool = False  # a sub-row (of which …) in a table

    def __reduce__(self):
        # Pickled (for the cache) with its amounts as text: pickling 500 Decimals one by one was half the cost of
        # storing a computed dashboard, and loading them back costs less too. Exact, scale included ("0.00").
        return (
            _row,
            (
                self.key,
                self.label,
                self.count,
                str(self.total),
                str(self.technology),
                self.previous_count,
                str(self.previous_total),
                str(self.previous_technology),
                self.bar_percent,
                self.indent,
            ),
        )

    def add(self, other: Row) -> None:
        self.count += other.count
        self.total += other.total
        self.technology += other.technology
        self.previous_count += other.previous_count
        self.previous_total += other.previous_total
        self.previous_technology += other.previous_technology

    @property
    def count_yoy(self) -> Decimal | None:
        return yoy_percent(self.count, self.previous_count)

    @property
    def total_yoy(self) -> Decimal | None:
        return yoy_percent(self.total, self.previous_total)

    @property
    def technology_yoy(self) -> Decimal | None:
        return yoy_percent(self.technology, self.previous_technology)

    @property
    def count_yoy_display(self) -> str:
        return format_yoy(self.count_yoy)

    @property
    def total_yoy_display(self) -> str:
        return format_yoy(self.total_yoy)

    @property
    def technology_yoy_display(self) -> str:
        return format_yoy(self.technology_yoy)

    @property
    def total_wan(self) -> str:
        return format_wan(self.total)

    @property
    def technology_wan(self) -> str:
        return format_wan(self.technology)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "count": self.count,
            "total_amount_cny": str(self.total),
            "technology_amount_cny": str(self.technology),
            "previous_count": self.previous_count,
            "previous_total_amount_cny": str(self.previous_total),
            "previous_technology_amount_cny": str(self.previous_technology),
            "count_yoy_percent": _str_or_none(self.count_yoy),
            "total_yoy_percent": _str_or_none(self.total_yoy),
            "technology_yoy_percent": _str_or_none(self.technology_yoy),
        }


def _row(key, label, count, total, technology, previous_count, previous_total, previous_technology, bar, indent):
    """A ``Row`` back from its pickled form (``Row.__reduce__``)."""
    return Row(
        key,
        label,
        count,
        Decimal(total),
        Decimal(technology),
        previous_count,
        Decimal(previous_total),
        Decimal(previous_technology),
        bar,
        indent,
    )


def _str_or_none(value) -> str | None:
    return None if value is None else str(value)


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[Row]
    note: str = ""

    def __post_init__(self):
        largest = max((row.technology for row in self.rows if not row.indent), default=ZERO)
        for row in self.rows:
            row.bar_percent = int((row.technology / largest * 100).to_integral_value()) if largest > 0 else 0

    def as_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "note": self.note, "rows": [r.as_dict() for r in self.rows]}


@dataclass
class Progress:
    year: int
    count: int
    target: int
    previous_count: int = 0

    @property
    def percent(self) -> int:
        """Progress towards the target, capped at 100 (a bar never overflows; the count shows the excess)."""
        if self.target <= 0:
            return 100
        return min(100, int((Decimal(self.count) * 100 / self.target).to_integral_value(rounding=ROUND_HALF_UP)))

    @property
    def count_yoy_display(self) -> str:
        return format_yoy(yoy_percent(self.count, self.previous_count))

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "count": self.count,
            "target": self.target,
            "percent": self.percent,
            "previous_count": self.previous_count,
            "count_yoy_percent": _str_or_none(yoy_percent(self.count, self.previous_count)),
        }


@dataclass
class YearStatistics:
    year: int
    generated_at: object
    totals: Row
    commercialisation: Progress
    breakdowns: list[Breakdown] = field(default_factory=list)
    previous_period_end: date | None = None

    @property
    def compares_whole_year(self) -> bool:
        return self.previous_period_end == date(self.year - 1, 12, 31)

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "previous_year": self.year - 1,
            "previous_period_end": self.previous_period_end.isoformat() if self.previous_period_end else None,
            "generated_at": self.generated_at.isoformat(),
            "totals": self.totals.as_dict(),
            "commercialisation": self.commercialisation.as_dict(),
            "breakdowns": [b.as_dict() for b in self.breakdowns],
        }
