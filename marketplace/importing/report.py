"""Import report: per-row error messages, per-kind counts, the result and the end-of-import summary table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .schema import COLUMNS, GENERAL_LABELS, KIND_LABELS, KINDS, Row


@dataclass
class RowError:
    row: Row
    field: str  # column key, "" for the row as a whole
    message: str

    def render(self, filename: str, kind: str = "") -> str:
        where = self.row.where(filename)
        if not self.field:
            return f"{where}:{self.message}"
        label = COLUMNS.get(kind or self.row.kind, {}).get(self.field, "") or GENERAL_LABELS.get(self.field, "")
        if label:
            return _("%(where)s,字段“%(label)s”(%(field)s):%(message)s") % {
                "where": where,
                "label": label,
                "field": self.field,
                "message": self.message,
            }
        return _("%(where)s,字段 %(field)s:%(message)s") % {
            "where": where,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class KindCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass
class ImportResult:
    filename: str
    counts: dict[str, KindCount] = field(default_factory=lambda: {kind: KindCount() for kind in KINDS})
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False
    rolled_back: bool = False

    failed_rows: int = 0
    suggestions: int = 0  # field/chain suggestions inferred from text, waiting for staff
    # How many written achievements (and needs, as need_<column>) leave each optional column unknown: not errors.
    unstated: Counter = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return self.failed_rows or sum(count.failed for count in self.counts.values())

    @property
    def written(self) -> int:
        return sum(count.created + count.updated for count in self.counts.values())


def summary_table(result: ImportResult) -> list[list[str]]:
    """The end-of-import summary: one row per kind (created, updated, unchanged, failed, skipped)."""
    table = [[_("类型"), _("新建"), _("更新"), _("未变"), _("失败"), _("跳过")]]
    for kind in KINDS:
        count = result.counts[kind]
        table.append(
            [str(KIND_LABELS[kind])]
            + [str(n) for n in (count.created, count.updated, count.unchanged, count.failed, count.skipped)]
        )
    return table


UNSTATED_LABELS = {
    "trl": gettext_lazy("技术就绪度"),
    "technical_field": gettext_lazy("技术领域"),
    "industry_chain": gettext_lazy("产业链"),
    "ip_type": gettext_lazy("知识产权类型"),
    "transfer_modes": gettext_lazy("转化方式"),
}


# The same for needs (counted under "need_<column>"): enterprises often do not know the codes.
NEED_UNSTATED_LABELS = {
    "need_technical_field": gettext_lazy("技术领域"),
    "need_industry_chain": gettext_lazy("产业链"),
}


def unstated_lines(result: ImportResult) -> list[str]:
    """One line per optional column some achievements leave unknown, e.g. "未填写技术就绪度:3 条(按未知保存)"."""
    return [
        _("未填写%(label)s:%(count)s 条成果(按“未填写”保存,不是错误)。")
        % {"label": label, "count": result.unstated[name]}
        for name, label in UNSTATED_LABELS.items()
        if result.unstated.get(name)
    ] + [
        _("未填写%(label)s:%(count)s 条需求(按“未填写”保存,不是错误)。")
        % {"label": label, "count": result.unstated[name]}
        for name, label in NEED_UNSTATED_LABELS.items()
        if result.unstated.get(name)
    ]


def format_table(table: list[list[str]]) -> str:
    """Align columns for a terminal; CJK characters take two cells."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
