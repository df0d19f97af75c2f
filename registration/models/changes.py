"""Changes after a decision: objections (异议) and amendments (变更登记)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .contracts import TechnologyContract
from .decisions import Decision


class Objection(models.Model):
    """An objection (异议) to a decision, asking for re-determination."""

    class Status(models.TextChoices):
        OPEN = "open", _("待复核")
        UPHELD = "upheld", _("异议成立")
        DISMISSED = "dismissed", _("异议不成立")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="objections"
    )
    contested_decision = models.ForeignKey(
        Decision, verbose_name=_("所异议的决定"), on_delete=models.PROTECT, related_name="objections"
    )
    # Where the contract returns if the objection is dismissed.
    previous_status = models.CharField(_("异议前状态"), max_length=24)
    grounds = models.TextField(_("异议理由"), max_length=5000)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(_("复核意见"), max_length=5000, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    resolving_decision = models.ForeignKey(
        Decision, verbose_name=_("复核决定"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["contract", "filed_at", "pk"]
        verbose_name = _("异议")
        verbose_name_plural = _("异议")

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_status_display()}"


class Amendment(models.Model):
    """A change to a registered contract (变更登记): the old and new values, field by field."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("待审核")
        APPROVED = "approved", _("已变更")
        REJECTED = "rejected", _("未予变更")

    contract = models.ForeignKey(
        TechnologyContract, verbose_name=_("技术合同"), on_delete=models.CASCADE, related_name="amendments"
    )
    changes = models.JSONField(_("变更内容"), default=dict, help_text=_("字段 → {原值, 新值}。"))
    reason = models.TextField(_("变更理由"), max_length=5000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.TextField(_("审核意见"), max_length=5000, blank=True)

    class Meta:
        ordering = ["contract", "requested_at", "pk"]
        verbose_name = _("变更登记")
        verbose_name_plural = _("变更登记")

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_status_display()}"
