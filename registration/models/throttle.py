"""Failed verification attempts per client and time window, counted atomically in the database."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerificationFailureCount(models.Model):
    """How many wrong number/code pairs one client sent in one fixed window (``window`` = the window's
    start as a Unix time divided by its length). Incremented with ``UPDATE … SET failures = failures + 1``,
    so parallel requests cannot all see the count below the limit."""

    client = models.CharField(_("客户端地址"), max_length=64)
    window = models.BigIntegerField(_("时间窗口"))
    failures = models.PositiveIntegerField(_("失败次数"), default=0)

    class Meta:
        verbose_name = _("核验失败计数")
        verbose_name_plural = _("核验失败计数")
        constraints = [models.UniqueConstraint(fields=["client", "window"], name="reg_verify_client_window")]

    def __str__(self) -> str:
        return f"{self.client} {self.window}: {self.failures}"
