"""Rule sets as data: loads ``registration/rulesets/<key>.json`` and answers questions about them.

Which rule set applies is decided by the application date (the day the seller submits; today for a
draft) against each file's ``effective_from``. A decision stores the key, so a later file never
changes how an earlier contract was decided.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.errors import DomainError

RULESET_DIR = Path(__file__).resolve().parent / "rulesets"


def localized(label: str, label_en: str = "") -> str:
    """The rule-set label in the active language: English when the UI is English and a translation exists.

    Rule-set labels are data (like taxonomy names), so they carry their English beside the Chinese
    rather than going through gettext catalogues.
    """
    if label_en and (get_language() or "").startswith("en"):
        return label_en
    return label


@dataclass(frozen=True)
class SubType:
    code: str
    label: str
    requires_ip_proof: bool = False
    patent: bool = False
    secret: bool = False
    licence: bool = False
    label_en: str = ""

    @property
    def display(self) -> str:
        return localized(self.label, self.label_en)


@dataclass(frozen=True)
class ContractTypeRule:
    code: str
    label: str
    sub_types: tuple[SubType, ...]
    seller_roles: tuple[str, ...]
    recognition_checks: tuple[tuple[str, str], ...]
    requires_licence_scope: bool = False
    label_en: str = ""
    # recognition check code → the refusal code a registrar cites when the check fails
    check_refusal_codes: dict[str, str] = field(default_factory=dict)

    @property
    def display(self) -> str:
        return localized(self.label, self.label_en)

    def sub_type(self, code: str) -> SubType | None:
        return next((s for s in self.sub_types if s.code == code), None)


@dataclass(frozen=True)
class TimeLimit:
    days: int
    kind: str  # "calendar" | "working"
    expert_review: bool = False


@dataclass(frozen=True)
class RuleSet:
    key: str
    title: str
    effective_from: date | None
    time_limit: TimeLimit
    expert_review_threshold_cny: Decimal | None
    expert_review_when_disputed: bool
    expert_review_limit: TimeLimit | None
    types: tuple[ContractTypeRule, ...]
    refusal_reasons: tuple[tuple[str, str], ...]
    precheck_reason_map: dict[str, str] = field(default_factory=dict)
    socio_economic_objectives: tuple[tuple[str, str], ...] = ()
    english: dict[str, str] = field(default_factory=dict)  # refusal code / objective code → English label
    not_technology_contract_reason: str = ""
    bundled_price_phrases: tuple[str, ...] = ()

    # --- Types ----------------------------------------------------------------------------------
    def type(self, code: str) -> ContractTypeRule | None:
        return next((t for t in self.types if t.code == code), None)

    def type_choices(self) -> list[tuple[str, str]]:
        return [(t.code, t.display) for t in self.types]

    def sub_type_choices(self) -> list[tuple[str, str]]:
        return [(s.code, f"{t.display} · {s.display}") for t in self.types for s in t.sub_types]

    def refusal_choices(self) -> list[tuple[str, str]]:
        return [(code, localized(label, self.english.get(code, ""))) for code, label in self.refusal_reasons]

    def objective_choices(self) -> list[tuple[str, str]]:
        return [
            (code, localized(label, self.english.get(f"objective:{code}", "")))
            for code, label in self.socio_economic_objectives
        ]

    def sub_type_rule(self, type_code: str, sub_type_code: str) -> SubType | None:
        rule = self.type(type_code)
        return rule.sub_type(sub_type_code) if rule else None

    def type_label(self, type_code: str) -> str:
        rule = self.type(type_code)
        return rule.display if rule else type_code

    def sub_type_label(self, type_code: str, sub_type_code: str) -> str:
        sub = self.sub_type_rule(type_code, sub_type_code)
        return sub.display if sub else sub_type_code

    def validate_classification(self, *, contract_type: str, sub_type: str, licence_scope: str = "") -> None:
        """Raise DomainError (per field) unless type and sub-type exist together in this rule set."""
        rule = self.type(contract_type)
        if rule is None:
            raise DomainError(
                _("合同类别不属于 %(key)s 规则。") % {"key": self.key},
                field_errors={"contract_type": [_("请选择 %(key)s 规则中的合同类别。") % {"key": self.key}]},
            )
        if rule.sub_type(sub_type) is None:
            raise DomainError(
                _("合同子类与合同类别不匹配。"),
                field_errors={
                    "sub_type": [
                        _("“%(type)s”的子类只能是:%(choices)s。")
                        % {"type": rule.display, "choices": "、".join(s.display for s in rule.sub_types)}
                    ]
                },
            )
        if licence_scope and not rule.sub_type(sub_type).licence:
            raise DomainError(
                _("只有许可类合同才填写许可范围。"),
                field_errors={"licence_scope": [_("只有许可类合同才填写许可范围。")]},
            )

    # --- Refusals -------------------------------------------------------------------------------
    def recognition_checks_with_reasons(self, type_code: str) -> list[dict[str, str]]:
        """The recognition checks a registrar reviews for a type, each with the refusal reason that applies
        when it fails (so a refusal can always cite the right code)."""
        rule = self.type(type_code)
        if rule is None:
            return []
        rows = []
        for code, label in rule.recognition_checks:
            refusal = rule.check_refusal_codes.get(code) or self.not_technology_contract_reason
            rows.append(
                {
                    "code": code,
                    "label": label,
                    "refusal_code": refusal,
                    "refusal_label": localized(self.refusal_label(refusal) or "", self.english.get(refusal, "")),
                }
            )
        return rows

    def price_bundles_non_technical_costs(self, text: str) -> bool:
        """Whether a price clause bundles non-technical costs ("包括设备、材料等全部费用")."""
        return any(phrase in (text or "") for phrase in self.bundled_price_phrases)

    def refusal_label(self, code: str) -> str | None:
        return dict(self.refusal_reasons).get(code)

    def validate_refusal_codes(self, codes: list[str]) -> list[tuple[str, str]]:
        if not codes:
            raise DomainError(
                _("不予登记须至少选择一项理由。"), field_errors={"reason_codes": [_("请至少选择一项不予登记理由。")]}
            )
        unknown = [c for c in codes if self.refusal_label(c) is None]
        if unknown:
            raise DomainError(
                _("理由代码不属于 %(key)s 规则:%(codes)s。") % {"key": self.key, "codes": "、".join(unknown)},
                field_errors={"reason_codes": [_("未知的理由代码:%(codes)s。") % {"codes": "、".join(unknown)}]},
            )
        seen: list[str] = []
        for code in codes:
            if code not in seen:
                seen.append(code)
        return [(code, self.refusal_label(code)) for code in seen]

    # --- Time limits ----------------------------------------------------------------------------
    def needs_expert_review(self, *, technology_amount_cny: Decimal, is_disputed: bool) -> bool:
        if self.expert_review_limit is None:
            return False
        if is_disputed and self.expert_review_when_disputed:
            return True
        threshold = self.expert_review_threshold_cny
        return threshold is not None and technology_amount_cny >= threshold

    def time_limit_for(self, *, technology_amount_cny: Decimal, is_disputed: bool, expert_review: bool) -> TimeLimit:
        if self.expert_review_limit is not None and (
            expert_review
            or self.needs_expert_review(technology_amount_cny=technology_amount_cny, is_disputed=is_disputed)
        ):
            return self.expert_review_limit
        return self.time_limit

    def objective_label(self, code: str) -> str:
        return dict(self.objective_choices()).get(code, code)


def _load(key: str) -> RuleSet:
    path = RULESET_DIR / f"{key}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    objectives: tuple[tuple[str, str], ...] = ()
    english = {r["code"]: r.get("label_en", "") for r in raw["refusal_reasons"]}
    if raw.get("socio_economic_objectives_ref"):
        ref = json.loads((RULESET_DIR / raw["socio_economic_objectives_ref"]).read_text(encoding="utf-8"))
        objectives = tuple((o["code"], o["label"]) for o in ref["objectives"])
        english.update({f"objective:{o['code']}": o.get("label_en", "") for o in ref["objectives"]})
    expert = raw.get("expert_review")
    return RuleSet(
        key=raw["key"],
        title=raw["title"],
        effective_from=date.fromisoformat(raw["effective_from"]) if raw.get("effective_from") else None,
        time_limit=TimeLimit(days=int(raw["time_limit"]["days"]), kind=raw["time_limit"]["kind"]),
        expert_review_threshold_cny=(
            Decimal(expert["threshold_technology_amount_cny"])
            if expert and expert.get("threshold_technology_amount_cny")
            else None
        ),
        expert_review_when_disputed=bool(expert and expert.get("when_disputed")),
        expert_review_limit=(
            TimeLimit(days=int(expert["days"]), kind=expert["kind"], expert_review=True) if expert else None
        ),
        types=tuple(
            ContractTypeRule(
                code=t["code"],
                label=t["label"],
                sub_types=tuple(SubType(**s) for s in t["sub_types"]),
                seller_roles=tuple(t.get("seller_roles", ())),
                recognition_checks=tuple((c["code"], c["label"]) for c in t.get("recognition_checks", ())),
                requires_licence_scope=bool(t.get("requires_licence_scope")),
                label_en=t.get("label_en", ""),
                check_refusal_codes={
                    c["code"]: c["refusal_code"] for c in t.get("recognition_checks", ()) if c.get("refusal_code")
                },
            )
            for t in raw["types"]
        ),
        refusal_reasons=tuple((r["code"], r["label"]) for r in raw["refusal_reasons"]),
        precheck_reason_map=dict(raw.get("precheck_reason_map", {})),
        socio_economic_objectives=objectives,
        english=english,
        not_technology_contract_reason=raw.get("not_technology_contract_reason", ""),
        bundled_price_phrases=tuple(raw.get("bundled_price_phrases", ())),
    )


@cache
def _all(keys: tuple[str, ...]) -> dict[str, RuleSet]:
    return {key: _load(key) for key in keys}


def all_rulesets() -> dict[str, RuleSet]:
    return _all(tuple(settings.REGISTRATION_RULESET_KEYS))


def ruleset(key: str) -> RuleSet:
    try:
        return all_rulesets()[key]
    except KeyError as exc:
        raise DomainError(_("未知的认定规则:%(key)s。") % {"key": key}) from exc


def ruleset_for_date(on: date) -> RuleSet:
    """The rule set in force for an application made on ``on``: the latest whose effective_from ≤ on."""
    candidates = [r for r in all_rulesets().values() if r.effective_from is None or r.effective_from <= on]
    if not candidates:
        raise DomainError(_("%(date)s 没有适用的认定规则。") % {"date": on.isoformat()})
    return max(candidates, key=lambda r: r.effective_from or date.min)
