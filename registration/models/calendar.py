"""The working-day calendar's exceptions to Monday–Friday."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday default: a public holiday on a weekday, or a 调休 working
    weekend. Seeded from the ``chinesecalendar`` package, editable by bureau staff."""

    class Source(models.TextChoices):
        PACKAGE = "chinesecalendar", _("chinesecalendar 数据包")
        STAFF = "staff", _("工作人员维护")

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("工作日"))
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("如:春节、国庆节调休上班。"))
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default=Source.STAFF)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("维护人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
