"""What registrars decide and what it produces: decisions with refusal reasons, the audit trail, numbers, certificates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .contracts import Registry, TechnologyContract


class Decision(models.Model):
    """A registrar's decision on a contract, under the rule set in force for its application."""

    class Outcome(models.TextChoices):
        REGISTERED = "registered", _("予以登记")
        REFUSED = "refused", _("不予登记")
        CANCELLED = "cancelled", _("注销登记")
        AMENDED = "amended", _("变更登记")
        OBJECTION_UPHELD = "objection_upheld", _("异议成立,重新认定")
        OBJECTION_DISMISSED = "objection_dismissed", _("异议不成立,维持原认定")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="decisions"
    )
    outcome = models.CharField(_("结论"), max_length=24, choices=Outcome.choices)
    rule_set_key = models.CharField(_("适用规则"), max_length=16)
    contract_type = models.CharField(_("认定类别"), max_length=16, blank=True)
    sub_type = models.CharField(_("认定子类"), max_length=40, blank=True)
    explanation = models.TextField(_("说明"), max_length=5000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记员"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("时间"), auto_now_add=True)
    # The certificate this decision gets is rendered after the deciding transaction commits; until then
    # (or until ``manage.py registration_issue_certificates`` retries a failed rendering) it is pending.
    certificate_kind = models.CharField(_("待出具证明类别"), max_length=16, blank=True)
    certificate_pending = models.BooleanField(_("证明生成中"), default=False, db_index=True)

    class Meta:
        ordering = ["contract", "decided_at", "pk"]
        verbose_name = _("认定决定")
        verbose_name_plural = _("认定决定")
        indexes = [models.Index(fields=["outcome", "decided_at"], name="reg_decision_outcome_date")]

    def __str__(self) -> str:
        return self.get_outcome_display()


class RefusalReason(models.Model):
    """One refusal reason on a decision: the rule set's code and its label as it read at the time."""

    decision = models.ForeignKey(Decision, verbose_name=_("认定决定"), on_delete=models.CASCADE, related_name="reasons")
    code = models.CharField(_("理由代码"), max_length=32, db_index=True)
    label = models.CharField(_("理由"), max_length=300)

    class Meta:
        ordering = ["decision", "pk"]
        verbose_name = _("不予登记理由")
        verbose_name_plural = _("不予登记理由")
        constraints = [models.UniqueConstraint(fields=["decision", "code"], name="reg_refusal_reason_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


TRANSITION_ACTION_LABELS = {
    "create": _("创建草稿"),
    "edit": _("补正修改"),
    "attach": _("上传补正材料"),
    "submit": _("提交并受理"),
    "resubmit": _("补正后重新提交"),
    "withdraw": _("撤回申请"),
    "classify": _("认定类别"),
    "correct_amount": _("更正金额"),
    "request_material": _("要求补正"),
    "register": _("予以登记"),
    "register_historical": _("录入已登记合同"),
    "refuse": _("不予登记"),
    "cancel": _("注销登记"),
    "request_amendment": _("申请变更登记"),
    "amend": _("变更登记"),
    "reject_amendment": _("不予变更"),
    "object": _("提出异议"),
    "redetermine": _("异议复核"),
}


class TransitionLog(models.Model):
    """The audit trail: every workflow action on a contract, who did it and when."""

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("操作"), max_length=32)
    from_status = models.CharField(_("原状态"), max_length=24, blank=True)
    to_status = models.CharField(_("新状态"), max_length=24, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    reason = models.TextField(_("说明"), max_length=5000, blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        ordering = ["contract", "at", "pk"]
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        indexes = [models.Index(fields=["contract", "at"], name="reg_transition_contract_at")]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"

    @property
    def action_label(self) -> str:
        return str(TRANSITION_ACTION_LABELS.get(self.action, self.action))

    @property
    def from_status_label(self) -> str:
        return _status_label(self.from_status)

    @property
    def to_status_label(self) -> str:
        return _status_label(self.to_status)


def _status_label(value: str) -> str:
    if value in TechnologyContract.Status.values:
        return str(TechnologyContract.Status(value).label)
    return value


class RegistrationNumberSequence(models.Model):
    """The last serial allocated per registry and year; locked row-wise so numbers have no gaps."""

    registry = models.ForeignKey(
        Registry, verbose_name=_("登记机构"), on_delete=models.PROTECT, related_name="number_sequences"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    last_serial = models.PositiveIntegerField(_("最后流水号"), default=0)

    class Meta:
        verbose_name = _("登记编号序列")
        verbose_name_plural = _("登记编号序列")
        constraints = [models.UniqueConstraint(fields=["registry", "year"], name="reg_sequence_registry_year")]

    def __str__(self) -> str:
        return f"{self.registry.code}/{self.year}: {self.last_serial}"


def certificate_upload_to(instance: Certificate, filename: str) -> str:
    return f"registration/certificates/{instance.contract_id}/{instance.kind}-{instance.sha256[:16]}.pdf"


class Certificate(models.Model):
    """A stored 登记证明 (or 未予登记 notice). Served as stored; never regenerated differently."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("技术合同登记证明")
        REFUSED = "refused", _("未予登记通知书")
        AMENDED = "amended", _("变更登记证明")
        CANCELLED = "cancelled", _("注销登记通知书")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="certificates"
    )
    decision = models.OneToOneField(
        Decision,
        verbose_name=_("认定决定"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("PDF 文件"), upload_to=certificate_upload_to, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    registration_number = models.CharField(_("登记编号"), max_length=32, blank=True)
    rule_set_key = models.CharField(_("适用规则"), max_length=16)
    issued_at = models.DateTimeField(_("出具时间"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("出具人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["contract", "-issued_at", "-pk"]
        verbose_name = _("登记证明")
        verbose_name_plural = _("登记证明")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.registration_number}".strip()
