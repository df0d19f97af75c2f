"""The deadline reminders already sent: one row per contract, threshold and deadline, so a reminder goes out once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineReminder(models.Model):
    class Threshold(models.TextChoices):
        DUE_SOON = "due_soon", _("临近办理期限")
        OVERDUE = "overdue", _("已超过办理期限")

    contract = models.ForeignKey(
        "registration.TechnologyContract",
        verbose_name=_("技术合同"),
        on_delete=models.CASCADE,
        related_name="deadline_reminders",
    )
    threshold = models.CharField(_("提醒类型"), max_length=16, choices=Threshold.choices)
    # The deadline the reminder was about: a clock restarted after 补正 has a new deadline and earns new reminders.
    deadline = models.DateField(_("办理期限"))
    sent_at = models.DateTimeField(_("发送时间"))
    recipients = models.TextField(_("收件人"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("办理期限提醒")
        verbose_name_plural = _("办理期限提醒")
        constraints = [
            models.UniqueConstraint(fields=["contract", "threshold", "deadline"], name="reg_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.threshold} {self.deadline}"
