"""Compare a need's numeric targets with an achievement's indicators of the same unit (盐雾 ≥ 3000 h vs 3200 h).

Only explicit targets are compared (≥, >, ≤, <, 不低于, 不超过 …): "300 ℃" alone might be a floor, a ceiling
or a nominal value, and a wrong "meets" is worse than none. Relative figures (降低 38 %) are not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_AT_LEAST = ("≥", ">=", "＞", ">", "不低于", "不小于", "大于", "高于", "至少", "以上")
_AT_MOST = ("≤", "<=", "＜", "<", "不高于", "不大于", "不超过", "小于", "低于", "以下", "以内")
_RELATIVE = ("降低", "提高", "下降", "提升", "增加", "减少", "缩短", "延长", "倍")
_RANGE = re.compile(rf"({_NUMBER})\s*[~～–—-]\s*({_NUMBER})")
_UNIT_ALIASES = {
    "小时": "h",
    "hr": "h",
    "hrs": "h",
    "hours": "h",
    "分钟": "min",
    "秒": "s",
    "天": "d",
    "w/mk": "w/(m·k)",
    "w/m·k": "w/(m·k)",
    "w/(m*k)": "w/(m·k)",
    "w/(m.k)": "w/(m·k)",
    "℃": "°c",
    "摄氏度": "°c",
    "毫米": "mm",
    "微米": "μm",
    "um": "μm",
}
# Units shared by too many unrelated indicators to pair on the unit alone.
GENERIC_UNITS = frozenset({"%", "", "元", "万元", "个", "次", "倍", "台", "件"})


@dataclass(frozen=True)
class Target:
    name: str
    op: str  # ">=" or "<="
    value: float
    unit: str
    text: str


@dataclass(frozen=True)
class Comparison:
    target: Target
    achievement_name: str
    achievement_text: str
    meets: bool


def normalise_unit(unit: str) -> str:
    key = (unit or "").strip().lower().replace(" ", "")
    return _UNIT_ALIASES.get(key, key)


def parse_target(name: str, target: str, unit: str) -> Target | None:
    text = (target or "").strip()
    if not text or any(word in text for word in _RELATIVE):
        return None
    number = re.search(_NUMBER, text)
    if number is None:
        return None
    before = text[: number.start()]
    after = text[number.end() :]
    if any(op in before for op in _AT_LEAST) or any(word in after for word in ("以上",)):
        op = ">="
    elif any(op in before for op in _AT_MOST) or any(word in after for word in ("以下", "以内")):
        op = "<="
    else:
        return None
    return Target(name=name, op=op, value=float(number.group()), unit=normalise_unit(unit), text=text)


def value_bounds(value: str) -> tuple[float | None, float | None] | None:
    """(lowest, highest) an achievement's stated value guarantees; None when it is relative or not a number."""
    text = (value or "").strip()
    if not text or any(word in text for word in _RELATIVE):
        return None
    span = _RANGE.search(text)
    if span:
        low, high = sorted((float(span.group(1)), float(span.group(2))))
        return low, high
    number = re.search(_NUMBER, text)
    if number is None:
        return None
    x = float(number.group())
    before = text[: number.start()]
    if any(op in before for op in _AT_LEAST):
        return x, None
    if any(op in before for op in _AT_MOST):
        return None, x
    return x, x


def _grams(text: str) -> set[str]:
    """An indicator name's words: two-character runs of Chinese, and Latin words."""
    text = text.lower()
    out = {run[i : i + 2] for run in re.findall(r"[\u4e00-\u9fff]+", text) for i in range(len(run) - 1)}
    return out | set(re.findall(r"[a-z][a-z0-9]+", text))


def _closeness(a: str, b: str) -> float:
    """How alike two indicator names are: 2 for the same name, else the share of their words in common (0–1)."""
    if a.strip().lower() == b.strip().lower():
        return 2.0
    ga, gb = _grams(a), _grams(b)
    return len(ga & gb) / len(ga | gb) if ga and gb else 0.0


def _meets(target: Target, value: str) -> bool | None:
    bounds = value_bounds(value)
    if bounds is None:
        return None
    low, high = bounds
    if target.op == ">=":
        return None if low is None else low >= target.value
    return None if high is None else high <= target.value


def compare(need_indicators, achievement_indicators) -> list[Comparison]:
    """Each need target with an achievement indicator of the same unit and a related name (or, for a specific
    unit, the only one of that unit), and whether it meets the target.

    Each indicator answers one target, and the closest names pair first: an achievement's 过检率 answers the need's
    过检率, never also its 漏检率 (the two share 检率 but are opposite errors)."""
    targets = [t for t in (parse_target(*row) for row in need_indicators) if t is not None]
    pairs = []
    for i, target in enumerate(targets):
        same_unit = [(j, row) for j, row in enumerate(achievement_indicators) if normalise_unit(row[2]) == target.unit]
        for j, row in same_unit:
            closeness = _closeness(row[0], target.name)
            if closeness == 0.0 and (target.unit in GENERIC_UNITS or len(same_unit) != 1):
                continue
            pairs.append((-closeness, i, j))
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _closeness_rank, i, j in sorted(pairs):
        if i not in chosen and j not in used:
            chosen[i] = j
            used.add(j)
    out: list[Comparison] = []
    for i, target in enumerate(targets):
        if i not in chosen:
            continue
        a_name, a_value, a_unit = achievement_indicators[chosen[i]]
        meets = _meets(target, a_value)
        if meets is not None:
            out.append(Comparison(target, a_name, f"{a_value} {a_unit}".strip(), meets))
    return out
