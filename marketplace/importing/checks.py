"""Import row checks: validate each kind of record and the references between rows, without writing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import Organisation
from accounts.validators import validate_credit_code
from common.text import validate_no_html

from ..models import AchievementIPRecord, AchievementPage, TechnologyNeed
from .fields import Lookups, RowChecker, _check_description, _shown
from .report import RowError
from .schema import INSTITUTION_TYPES, KIND_ALIASES, KIND_LABELS, ImportOptions, Row


@dataclass
class Plan:
    """A validated row, ready to write."""

    row: Row
    kind: str
    values: dict[str, Any]
    suggestions: int = 0  # classification suggestions the write made (listings without field or chain)

    @property
    def unstated(self) -> list[str]:
        """The optional classification columns this achievement or need leaves unknown (for the summary)."""
        values = self.values
        if self.kind == "need":
            return [
                name
                for name, missing in (
                    ("need_technical_field", values.get("technical_field") is None),
                    ("need_industry_chain", values.get("industry_chain") is None),
                )
                if missing
            ]
        if self.kind != "achievement":
            return []
        return [
            name
            for name, missing in (
                ("trl", values.get("trl") is None),
                ("technical_field", values.get("technical_field") is None),
                ("industry_chain", not values.get("industry_chains")),
                ("ip_type", not values.get("ip_records")),
                ("transfer_modes", not values.get("transfer_modes")),
            )
            if missing
        ]


def _check_organisation(checker: RowChecker, kind: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "external_id": checker.text("external_id", max_length=100),
        "name": checker.text("name", required=True, model_field="name"),
        "short_name": checker.text("short_name", model_field="short_name"),
        "description": checker.text("description", max_length=5000),
        "address": checker.text("address", model_field="address"),
        "website": checker.url("website"),
        "contact_name": checker.text("contact_name", model_field="contact_name"),
        "contact_phone": checker.text("contact_phone", model_field="contact_phone"),
        "contact_email": checker.email("contact_email"),
        "region": checker.term("region", checker.lookups.regions, what=_("行政区划代码")),
    }
    if kind == "institution":
        choices = {code: label for code, label in Organisation.Kind.choices if code in INSTITUTION_TYPES}
        values["kind"] = checker.choice(
            "type", choices, default=Organisation.Kind.RESEARCH_INSTITUTE, what=_("机构类型")
        )
    else:
        values["kind"] = checker.choice(
            "type",
            {Organisation.Kind.ENTERPRISE: Organisation.Kind.ENTERPRISE.label},
            default="enterprise",
            what=_("企业类型"),
        )
    credit_code = checker.text("credit_code", max_length=40)
    if credit_code:
        credit_code = credit_code.upper()
        try:
            validate_credit_code(credit_code)
        except ValidationError as error:
            checker.error("credit_code", " ".join(error.messages))
            credit_code = ""
    values["credit_code"] = credit_code or None
    return values


# Optional classification columns may say "not stated" in words; that is a blank, not a wrong value.
UNSTATED_KEYS = ("technical_field", "industry_chain", "industry_chains", "trl", "transfer_modes")


def _check_achievement(checker: RowChecker, options: ImportOptions) -> dict[str, Any]:
    lookups = checker.lookups
    for key in UNSTATED_KEYS:
        checker.blank_if_unstated(key)
    values: dict[str, Any] = {
        "external_id": checker.text("external_id", required=True, max_length=100),
        "title": checker.text("title", required=True, model_field="title"),
        "summary": checker.text("summary", required=True, max_length=1000),
        "description": _check_description(checker, "description"),
        "keywords": checker.strings("keywords"),
        # Real listings often leave these out: stored as unknown (NULL), with a field and chain inferred from the
        # text as a suggestion for staff. Only a value that is there and wrong is refused.
        "technical_field": checker.term("technical_field", lookups.fields, what=_("技术领域")),
        "trl": checker.trl("trl"),
        "transfer_modes": checker.terms("transfer_modes", lookups.modes, what=_("转化方式")),
        "price_cny": checker.money("price_cny"),
        "public_notice_start": checker.date("public_notice_start"),
        "contact_name": checker.text("contact_name", model_field="contact_name"),
        "contact_phone": checker.text("contact_phone", model_field="contact_phone"),
        "contact_email": checker.email("contact_email"),
        "valid_until": checker.date("valid_until"),
        "institution": checker.text("institution", required=True, max_length=200),
    }
    chains = checker.terms("industry_chain", lookups.chains, what=_("产业链")) + checker.terms(
        "industry_chains", lookups.chains, what=_("产业链")
    )
    values["industry_chains"] = list(dict.fromkeys(chains))
    if values["price_cny"] == 0:
        values["price_cny"] = None  # 0 means "no price": the listing shows 面议
    default_pricing = AchievementPage.Pricing.ASKING if values["price_cny"] else AchievementPage.Pricing.NEGOTIABLE
    values["pricing"] = checker.choice(
        "pricing", dict(AchievementPage.Pricing.choices), default=default_pricing, what=_("定价方式")
    )
    if (
        values["pricing"] == AchievementPage.Pricing.ASKING
        and values["price_cny"] is None
        and "price_cny" not in {e.field for e in checker.errors}
    ):
        checker.error("price_cny", _("定价方式为“标价”时必须填写价格。"))
    if values["pricing"] == AchievementPage.Pricing.NEGOTIATED_NOTICE and values["public_notice_start"] is None:
        checker.error("public_notice_start", _("定价方式为“协议定价(公示)”时必须填写公示开始日期。"))
    values["indicators"] = _check_indicators(
        checker, "indicators", {"name": 100, "value": 50, "unit": 30, "compared_with": 200}, required=("name", "value")
    )
    values["ip_records"] = _check_ip_records(checker)
    return values


def _check_indicators(
    checker: RowChecker, key: str, limits: dict[str, int], required: tuple[str, ...]
) -> list[dict[str, str]]:
    result = []
    for position, item in enumerate(checker.records(key, set(limits)), start=1):
        clean: dict[str, str] = {}
        for name, limit in limits.items():
            text = str(item.get(name) if item.get(name) is not None else "").strip()
            if name in required and not text:
                checker.error(key, _("第 %(n)s 项缺少“%(name)s”。") % {"n": position, "name": name})
                return []
            if len(text) > limit:
                checker.error(
                    key,
                    _("第 %(n)s 项的“%(name)s”太长(最多 %(limit)s 个字)。")
                    % {"n": position, "name": name, "limit": limit},
                )
                return []
            try:
                validate_no_html(text)
            except ValidationError:
                checker.error(key, _("第 %(n)s 项只能填写纯文本,不能包含 HTML 标签。") % {"n": position})
                return []
            clean[name] = text
        result.append(clean)
    return result


def _check_ip_records(checker: RowChecker) -> list[dict[str, Any]]:
    lookups = checker.lookups
    statuses = dict(AchievementIPRecord.Status.choices)
    records = []
    allowed = {"type", "number", "status", "holder", "granted_on", "expires_on"}
    for position, item in enumerate(checker.records("ip_records", allowed), start=1):
        sub = RowChecker(Row(checker.row.line, item, checker.row.kind, checker.row.sheet), lookups)
        record = {
            "ip_type": sub.term("type", lookups.ip_types, required=True, what=_("知识产权类型")),
            "number": sub.text("number", max_length=50),
            "status": sub.choice(
                "status", statuses, default=AchievementIPRecord.Status.GRANTED, what=_("知识产权状态")
            ),
            "holder": sub.text("holder", max_length=200),
            "granted_on": sub.date("granted_on"),
            "expires_on": sub.date("expires_on"),
        }
        if sub.errors:
            first = sub.errors[0]
            checker.error(
                "ip_records",
                _("第 %(n)s 项的 %(field)s:%(message)s")
                % {"n": position, "field": first.field, "message": first.message},
            )
            return []
        records.append(record)
    # Flat columns (handy in CSV/XLSX): one IP record from ip_type / ip_number / ip_status.
    ip_type = checker.term("ip_type", lookups.ip_types, what=_("知识产权类型"))
    if ip_type is not None and not any(record["ip_type"] == ip_type for record in records):
        not_applicable = ip_type.code in {"none", "secret"}
        default_status = (
            AchievementIPRecord.Status.NOT_APPLICABLE if not_applicable else AchievementIPRecord.Status.GRANTED
        )
        records.insert(
            0,
            {
                "ip_type": ip_type,
                "number": checker.text("ip_number", max_length=50),
                "status": checker.choice("ip_status", statuses, default=default_status, what=_("知识产权状态")),
                "holder": "",
                "granted_on": None,
                "expires_on": None,
            },
        )
    return records


def _check_need(checker: RowChecker) -> dict[str, Any]:
    lookups = checker.lookups
    for key in ("technical_field", "industry_chain"):
        checker.blank_if_unstated(key)
    problem_key = "description" if checker.raw("description") is not None else "problem"
    values: dict[str, Any] = {
        "external_id": checker.text("external_id", required=True, max_length=100),
        "title": checker.text("title", required=True, max_length=200),
        "problem": checker.text(problem_key, required=True, max_length=5000),
        # Enterprises often do not know the national field code: blank (or 不详, 未填写 …) is stored as unknown,
        # with a field inferred from the text as a suggestion for staff; only a wrong code is refused.
        "technical_field": checker.term("technical_field", lookups.fields, what=_("技术领域")),
        "industry_chain": checker.term("industry_chain", lookups.chains, what=_("产业链")),
        "enterprise": checker.text("enterprise", required=True, max_length=200),
        "deadline": checker.date("deadline"),
        "region": checker.term("region", lookups.regions, what=_("行政区划代码")),
        "cooperation_mode": checker.term("cooperation_mode", lookups.modes, what=_("转化方式")),
        "min_trl": checker.integer("min_trl", low=1, high=9),
        "visibility": checker.choice(
            "visibility", dict(TechnologyNeed.Visibility.choices), default="public", what=_("公开范围")
        ),
    }
    keywords = checker.strings("keywords", max_length=50)
    joined = ",".join(keywords)
    if len(joined) > 300:
        checker.error("keywords", _("关键词合计太长(最多 300 个字)。"))
        joined = ""
    values["keywords"] = joined
    budget = checker.money("budget_cny")
    budget_min = checker.money("budget_min_cny")
    budget_max = checker.money("budget_max_cny")
    if budget is not None and budget_max is None:
        budget_max = budget
    if budget_min is not None and budget_max is not None and budget_min > budget_max:
        checker.error(
            "budget_max_cny",
            _("预算上限(%(max)s 元)不能低于预算下限(%(min)s 元)。")
            % {"max": f"{budget_max:,.2f}", "min": f"{budget_min:,.2f}"},
        )
    values["budget_min_cny"] = budget_min
    values["budget_max_cny"] = budget_max
    values["indicators"] = _check_indicators(
        checker, "indicators", {"name": 100, "target": 50, "unit": 30}, ("name", "target")
    )
    return values


def validate_rows(rows: list[Row], options: ImportOptions, lookups: Lookups) -> tuple[list[Plan], list[RowError], int]:
    """Check every row without writing. Returns the plans for good rows, the errors, and the rows skipped."""
    plans: list[Plan] = []
    errors: list[RowError] = []
    skipped = 0
    seen: dict[tuple[str, str], Row] = {}
    file_orgs: dict[str, dict[str, str]] = {"institution": {}, "enterprise": {}}
    default_kind = options.kind
    referencing: list[Plan] = []  # rows already in error, whose references are still worth checking

    for row in rows:
        if "__error__" in row.data:
            errors.append(RowError(row, "", row.data["__error__"]))
            continue
        raw_kind = row.data.get("kind") or row.kind or default_kind
        kind = KIND_ALIASES.get(str(raw_kind or "").strip().lower(), "")
        if not raw_kind:
            errors.append(
                RowError(
                    row,
                    "",
                    _(
                        "无法确定记录类型:请在文件中加 kind 列(institution、enterprise、achievement 或 need),或用 --kind 指定。"
                    ),
                )
            )
            continue
        if not kind:
            errors.append(
                RowError(
                    row,
                    "kind",
                    _("“%(value)s”不是有效的记录类型,可选值:institution、enterprise、achievement、need。")
                    % {"value": _shown(raw_kind)},
                )
            )
            continue
        row.kind = kind
        if default_kind and kind != default_kind:
            skipped += 1  # --kind restricts the import to one kind
            continue
        model = {"achievement": AchievementPage, "need": TechnologyNeed}.get(kind, Organisation)
        checker = RowChecker(row, lookups, model)
        if kind in ("institution", "enterprise"):
            values = _check_organisation(checker, kind)
        elif kind == "achievement":
            values = _check_achievement(checker, options)
        else:
            values = _check_need(checker)

        external_id = values.get("external_id")
        identity = external_id or values.get("name")
        group = "organisation" if kind in ("institution", "enterprise") else kind
        if identity:
            earlier = seen.get((group, identity))
            if earlier is not None:
                checker.error(
                    "external_id" if external_id else "name",
                    _("“%(id)s”在本文件中重复出现(第一次在第 %(line)s 行)。") % {"id": identity, "line": earlier.line},
                )
            else:
                seen[(group, identity)] = row
        if kind in ("institution", "enterprise") and not checker.errors:
            _check_organisation_identity(checker, values, kind)
        if checker.errors:
            errors.extend(checker.errors)
            if kind in ("achievement", "need") and values.get(_REFERENCE[kind]):
                referencing.append(Plan(row, kind, values))
            continue
        if kind in file_orgs:
            for key in (values["name"], values["short_name"], values["external_id"]):
                if key:
                    file_orgs[kind].setdefault(key, values["name"])
        plans.append(Plan(row, kind, values))

    # References are checked once every organisation in the file is known.
    good: list[Plan] = []
    for plan in referencing:
        if plan.kind == "achievement":
            _check_reference(plan, "institution", lookups, file_orgs, options.create_institutions, errors)
        else:
            _check_reference(plan, "enterprise", lookups, file_orgs, options.create_enterprises, errors)
    for plan in plans:
        if plan.kind == "achievement":
            ok = _check_reference(plan, "institution", lookups, file_orgs, options.create_institutions, errors)
        elif plan.kind == "need":
            ok = _check_reference(plan, "enterprise", lookups, file_orgs, options.create_enterprises, errors)
        else:
            ok = True
        if ok:
            good.append(plan)
    return good, errors, skipped


_REFERENCE = {"achievement": "institution", "need": "enterprise"}


def _check_organisation_identity(checker: RowChecker, values: dict[str, Any], kind: str) -> None:
    """The same organisation must not be two things: an external id, a name and a credit code agree."""
    by_id = Organisation.objects.filter(external_id=values["external_id"]).first() if values["external_id"] else None
    by_name = Organisation.objects.filter(name=values["name"]).first()
    target = by_id or by_name
    if by_id and by_name and by_id.pk != by_name.pk:
        checker.error("name", _("名称“%(name)s”已被另一家机构使用。") % {"name": values["name"]})
        return
    if target and target.external_id and values["external_id"] and target.external_id != values["external_id"]:
        checker.error(
            "external_id",
            _("“%(name)s”已存在,其外部编号为“%(id)s”,与本行不一致。")
            % {"name": values["name"], "id": target.external_id},
        )
        return
    if target is not None and (target.kind == Organisation.Kind.ENTERPRISE) != (kind == "enterprise"):
        checker.error(
            "name",
            _("“%(name)s”已作为%(existing)s存在,不能再作为%(kind)s导入。")
            % {"name": values["name"], "existing": target.get_kind_display(), "kind": KIND_LABELS[kind]},
        )
        return
    if values["credit_code"]:
        holder = Organisation.objects.filter(credit_code=values["credit_code"]).exclude(
            pk=target.pk if target else None
        )
        if holder.exists():
            checker.error(
                "credit_code",
                _("统一社会信用代码 %(code)s 已属于“%(name)s”。")
                % {"code": values["credit_code"], "name": holder.first().name},
            )


def _check_reference(
    plan: Plan,
    key: str,
    lookups: Lookups,
    file_orgs: dict[str, dict[str, str]],
    may_create: bool,
    errors: list[RowError],
) -> bool:
    reference = plan.values[key]
    wanted = "enterprise" if key == "enterprise" else "institution"
    other = "institution" if wanted == "enterprise" else "enterprise"
    if reference in file_orgs[wanted]:
        plan.values[key] = file_orgs[wanted][reference]
        return True
    if reference in file_orgs[other]:
        errors.append(
            RowError(
                plan.row,
                key,
                _("“%(name)s”在本文件中是%(existing)s,不是%(kind)s。")
                % {"name": reference, "existing": KIND_LABELS[other], "kind": KIND_LABELS[wanted]},
            )
        )
        return False
    existing = lookups.organisations.get(reference)
    wanted_enterprise = wanted == "enterprise"
    if existing is not None:
        if existing.is_enterprise != wanted_enterprise:
            errors.append(
                RowError(
                    plan.row,
                    key,
                    _("“%(name)s”是%(existing)s,不是%(kind)s。")
                    % {"name": reference, "existing": existing.get_kind_display(), "kind": KIND_LABELS[key]},
                )
            )
            return False
        plan.values[key] = existing.name
        return True
    if may_create:
        return True
    flag = "--create-enterprises" if wanted_enterprise else "--create-institutions"
    errors.append(
        RowError(
            plan.row,
            key,
            _("找不到%(kind)s“%(name)s”:请先导入该%(kind)s(可放在同一文件中),或加 %(flag)s 自动创建。")
            % {"kind": KIND_LABELS[key], "name": _shown(reference), "flag": flag},
        )
    )
    return False
