"""Pre-check (预审) of an application: what the seller sees before a registrar does.

A *blocking* finding stops submission (the registrar would have to refuse it anyway); a *warning*
is shown to both sides and recorded with the submission (e.g. expert review and the longer limit).
Each finding names the refusal reason it would lead to under the applicable rule set, taken from
the rule-set file's ``precheck_reason_map``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import DomainError

from .amounts import carrier_excess, deduction_rows, price_not_itemised, technology_amount
from .models import Attachment, ContractParty, TechnologyContract
from .rules import RuleSet, ruleset_for_date

BLOCKING = "blocking"
WARNING = "warning"
PATENT_IP_CODES = {"invention", "utility", "design"}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    field: str = ""
    refusal_code: str = ""

    @property
    def is_blocking(self) -> bool:
        return self.severity == BLOCKING

    def as_dict(self) -> dict:
        return asdict(self)


def application_date(contract: TechnologyContract) -> date:
    if contract.submitted_at is not None:
        return timezone.localdate(contract.submitted_at)
    return timezone.localdate()


def applicable_ruleset(contract: TechnologyContract) -> RuleSet:
    return ruleset_for_date(application_date(contract))


def _expired_ip(contract: TechnologyContract, on: date) -> list[str]:
    """Numbers of expired patents among the contract's own IP records and its linked achievements'."""
    expired = []
    for record in contract.ip_records.select_related("ip_type"):
        if record.ip_type.code in PATENT_IP_CODES and (
            record.status == "expired" or (record.expires_on is not None and record.expires_on < on)
        ):
            expired.append(record.number or str(record.ip_type))
    for achievement in contract.achievements.all():
        for record in achievement.ip_records.select_related("ip_type"):
            if record.ip_type.code in PATENT_IP_CODES and (
                record.status == "expired" or (record.expires_on is not None and record.expires_on < on)
            ):
                expired.append(record.number or str(record.ip_type))
    return expired


def precheck(contract: TechnologyContract, *, on: date | None = None) -> list[Finding]:
    on = on or timezone.localdate()
    rules = applicable_ruleset(contract)
    reason = rules.precheck_reason_map.get
    findings: list[Finding] = []

    def block(code, message, field_name="", refusal=""):
        findings.append(Finding(code, BLOCKING, str(message), field_name, reason(refusal or code, "")))

    def warn(code, message, field_name=""):
        findings.append(Finding(code, WARNING, str(message), field_name))

    # --- Written, in effect, within term -------------------------------------------------------
    if not contract.is_written:
        block("not_written", _("只受理书面合同,口头合同不予登记。"), "is_written", "not_in_effect")
    if contract.signed_on is None:
        block("not_in_effect", _("请填写合同签订日期。"), "signed_on")
    if contract.effective_on is None:
        block("not_in_effect", _("请填写合同生效日期。"), "effective_on")
    elif contract.effective_on > on:
        block(
            "not_in_effect",
            _("合同尚未生效(生效日期 %(d)s),生效后才能申请登记。") % {"d": contract.effective_on},
            "effective_on",
        )
    if contract.term_end is not None and contract.term_end < on:
        block("not_in_effect", _("合同有效期已于 %(d)s 届满,不能申请登记。") % {"d": contract.term_end}, "term_end")
    if contract.term_start and contract.term_end and contract.term_end < contract.term_start:
        block("not_in_effect", _("合同有效期止不能早于有效期起。"), "term_end")

    # --- Parties: the seller side registers ----------------------------------------------------
    parties = list(contract.parties.all())
    sellers = [p for p in parties if p.side == ContractParty.Side.SELLER]
    buyers = [p for p in parties if p.side == ContractParty.Side.BUYER]
    if not sellers or not buyers:
        block("parties_unclear", _("合同须至少有一个卖方和一个买方当事人。"), "parties")
    registering_side = buyers if contract.is_import else sellers
    if parties and contract.seller_organisation_id not in {p.organisation_id for p in registering_side}:
        message = (
            _("技术引进合同由境内买方登记:申请单位须是买方当事人。")
            if contract.is_import
            else _("技术合同由卖方(研究开发人、让与人、许可人、受托人等)登记:申请单位须是卖方当事人。")
        )
        block("wrong_registering_side", message, "parties")
    type_rule = rules.type(contract.contract_type) if contract.contract_type else None
    if type_rule is not None and type_rule.seller_roles:
        wrong = [p for p in sellers if p.party_role and p.party_role not in type_rule.seller_roles]
        if wrong:
            allowed = "、".join(str(ContractParty.PartyRole(r).label) for r in type_rule.seller_roles)
            block(
                "seller_role_mismatch",
                _("“%(type)s”合同的卖方应为%(roles)s;“%(names)s”的身份与合同类别不符,请更正合同名称或当事人身份。")
                % {"type": type_rule.display, "roles": allowed, "names": "、".join(p.name for p in wrong)},
                "parties",
            )
    for party in parties:
        if party.country_code == "156" and not party.region_code:
            warn("party_region_missing", _("当事人“%(name)s”未填写行政区划代码。") % {"name": party.name}, "parties")
        if party.entity_type_id is None:
            warn("party_entity_type_missing", _("当事人“%(name)s”未填写单位性质。") % {"name": party.name}, "parties")

    # A contract is registered once: the same seller's contract number already filed elsewhere is a duplicate.
    if contract.contract_number.strip():
        same_number = TechnologyContract.objects.filter(
            seller_organisation_id=contract.seller_organisation_id, contract_number=contract.contract_number.strip()
        )
        if contract.contract_part.strip():
            # Separately registered parts of one signed contract share its number (§5: a mixed contract
            # registers its separable technical part); the same part, or the whole, is still a duplicate.
            same_number = same_number.filter(Q(contract_part="") | Q(contract_part=contract.contract_part.strip()))
        duplicate = (
            same_number.exclude(pk=contract.pk)
            .exclude(
                status__in=[
                    TechnologyContract.Status.DRAFT,
                    TechnologyContract.Status.WITHDRAWN,
                    TechnologyContract.Status.REFUSED,
                ]
            )
            .first()
        )
        if duplicate is not None:
            block(
                "duplicate",
                _("合同编号 %(n)s 已提交或已登记(%(s)s),同一合同只登记一次;如需修改请申请变更登记。")
                % {"n": contract.contract_number, "s": duplicate.get_status_display()},
                "contract_number",
            )

    # --- Classification --------------------------------------------------------------------------
    sub_rule = None
    if not contract.contract_type or not contract.sub_type:
        block("type_missing", _("请选择合同类别和子类。"), "contract_type")
    else:
        try:
            rules.validate_classification(
                contract_type=contract.contract_type, sub_type=contract.sub_type, licence_scope=contract.licence_scope
            )
            sub_rule = rules.sub_type_rule(contract.contract_type, contract.sub_type)
        except DomainError as exc:
            block("type_invalid", exc.message, "sub_type")
    if sub_rule is not None and sub_rule.licence and not contract.licence_scope:
        type_rule = rules.type(contract.contract_type)
        if type_rule and type_rule.requires_licence_scope:
            block(
                "licence_scope_missing",
                _("许可合同须写明许可范围(独占、排他或普通)。"),
                "licence_scope",
                "price_unclear",
            )
        else:
            warn("licence_scope_missing", _("建议写明许可范围(独占、排他或普通)。"), "licence_scope")
    if contract.technical_field_id is None:
        block("field_missing", _("请选择技术领域。"), "technical_field")

    # --- Documents -------------------------------------------------------------------------------
    kinds = set(contract.attachments.values_list("kind", flat=True))
    if Attachment.Kind.SIGNED_CONTRACT not in kinds:
        block("contract_text_missing", _("请上传已签章的合同文本(PDF)。"), "attachments", "ip_proof_missing")
    if sub_rule is not None and sub_rule.requires_ip_proof and Attachment.Kind.IP_PROOF not in kinds:
        block(
            "ip_proof_missing",
            _("“%(sub)s”合同须附知识产权权属证明(如专利证书、登记簿副本)。") % {"sub": sub_rule.label},
            "attachments",
        )
    if sub_rule is not None and sub_rule.patent:
        expired = _expired_ip(contract, on)
        if expired:
            block(
                "patent_expired",
                _("已失效的专利不能转让或许可:%(numbers)s。") % {"numbers": "、".join(expired)},
                "ip_records",
            )
    if (contract.language or "zh") != "zh":
        if not contract.has_chinese_version or not contract.consistency_statement:
            block(
                "chinese_version_missing",
                _("外文合同须附中文译本和中外文本一致性声明。"),
                "has_chinese_version",
            )
        elif Attachment.Kind.CHINESE_VERSION not in kinds:
            warn("chinese_version_file_missing", _("已声明附中文译本,但尚未上传中文译本文件。"), "attachments")

    # --- Price and amounts -----------------------------------------------------------------------
    if contract.total_amount_cny is None or contract.total_amount_cny <= 0:
        block("price_unclear", _("合同成交额不明确:请填写大于 0 的成交额。"), "total_amount_cny")
    if not contract.payment_method:
        block("price_unclear", _("请选择支付方式。"), "payment_method")
    elif contract.payment_method in ("royalty", "royalty_with_fee") and not contract.price_terms.strip():
        block("price_unclear", _("提成支付须写明提成基数和提成比例。"), "price_terms")
    if contract.is_mixed and contract.separable_technical_amount_cny is None:
        block(
            "mixed_amount_unclear",
            _("混合合同须写明可分离的技术部分金额,否则不能登记。"),
            "separable_technical_amount_cny",
        )
    deductions = list(contract.deductions.all())
    if price_not_itemised(
        price_terms=contract.price_terms, deductions=deductions, bundled_phrases=rules.bundled_price_phrases
    ):
        block(
            "price_not_itemised",
            _(
                "价款包含设备、材料等非技术性费用但未分列,技术交易额无法确定:请补正,分列非技术性费用"
                "(或写明技术交易额)。"
            ),
            "price_terms",
        )
    tech = None
    try:
        tech = technology_amount(
            total_amount_cny=contract.total_amount_cny or 0,
            deductions=deduction_rows(deductions),
            is_mixed=contract.is_mixed,
            separable_technical_amount_cny=contract.separable_technical_amount_cny,
        )
    except DomainError as exc:
        if not (contract.is_mixed and contract.separable_technical_amount_cny is None):
            block("amount_invalid", exc.message, "deductions", "price_unclear")
    max_sets = settings.REGISTRATION_CARRIER_MAX_SETS
    for deduction in deductions:
        excess = carrier_excess(
            amount_cny=deduction.amount_cny,
            quantity=deduction.quantity,
            category=deduction.category,
            is_reasonable_carrier=deduction.is_reasonable_carrier,
        )
        if excess > 0:
            warn(
                "carrier_quantity",
                _(
                    "“%(d)s”共 %(n)s 台/套,超过合理数量 %(max)s 套的部分按成本 %(excess)s 元"
                    "作为非技术性费用从技术交易额中扣除。"
                )
                % {"d": deduction.description, "n": deduction.quantity, "max": max_sets, "excess": f"{excess:,.2f}"},
                "deductions",
            )

    # --- Review level ------------------------------------------------------------------------------
    amount_for_review = contract.effective_technology_amount_cny or tech or contract.technology_amount_cny
    if rules.needs_expert_review(technology_amount_cny=amount_for_review or 0, is_disputed=False):
        limit = rules.expert_review_limit
        warn(
            "expert_review",
            _("技术交易额达到 %(t)s 元,需专家评审,办理时限为 %(d)s 个工作日。")
            % {"t": f"{rules.expert_review_threshold_cny:,.0f}", "d": limit.days},
            "technology_amount_cny",
        )
    if contract.is_disputed and rules.expert_review_when_disputed:
        warn(
            "disputed",
            _("合同存在争议,需专家评审,办理时限为 %(d)s 个工作日。") % {"d": rules.expert_review_limit.days},
            "is_disputed",
        )
    return findings


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_blocking]
