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


def _related(a: str, b: str) -> bool:
    """Indicator names that share a word: a two-character run of Chinese, or a Latin word."""

    def grams(text: str) -> set[str]:
        text = text.lower()
        han = re.findall(r"[\u4e00-\u9fff]+", text)
        out = {run[i : i + 2] for run in han for i in range(len(run) - 1)}
        out |= {w for w in re.findall(r"[a-z][a-z0-9]+", text)}
        return out

    return bool(grams(a) & grams(b))


def compare(need_indicators, achievement_indicators) -> list[Comparison]:
    """Each need target with an achievement indicator of the same unit and a related name (or, for a specific
    unit, the only one of that unit), and whether it meets the target."""
    out: list[Comparison] = []
    for name, target_text, unit in need_indicators:
        target = parse_target(name, target_text, unit)
        if target is None:
            continue
        same_unit = [(n, v, u) for n, v, u in achievement_indicators if normalise_unit(u) == target.unit]
        related = [row for row in same_unit if _related(row[0], name)]
        if not related and target.unit not in GENERIC_UNITS and len(same_unit) == 1:
            related = same_unit
        for a_name, a_value, a_unit in related[:1]:
            bounds = value_bounds(a_value)
            if bounds is None:
                continue
            low, high = bounds
            if target.op == ">=":
                if low is None:
                    continue
                meets = low >= target.value
            else:
                if high is None:
                    continue
                meets = high <= target.value
            out.append(Comparison(target, a_name, f"{a_value} {a_unit}".strip(), meets))
    return out
