"""Deadline reminders for the service-level clock: cases near or past their decision deadline are e-mailed once.

A case whose deadline is ``REMINDER_DAYS_BEFORE`` days away or less (in the clock's own unit: working days for a
working-day clock) reminds its registrar — the assigned one, else every registrar of its registry. A case past its
deadline reminds every registrar of the registry and the bureau (``BUREAU_CONTACT_EMAIL``). Paused cases (补正)
have no running clock and are skipped.

Each (contract, threshold, deadline) is sent once: the ``DeadlineReminder`` row is written in the transaction that
sends the mail, under a unique constraint, so a second run — or two runs at once — sends nothing twice; a mail that
fails rolls its row back and the next run tries again. A clock restarted after 补正 has a new deadline and so
earns its reminders again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from common import clock

from ..models import DeadlineReminder, TechnologyContract
from ..selectors import days_left

# Overridable in settings (REGISTRATION_REMINDER_DAYS_BEFORE) without a code change.
REMINDER_DAYS_BEFORE = 2
OPEN_STATUSES = (TechnologyContract.Status.SUBMITTED, TechnologyContract.Status.REDETERMINATION)


@dataclass
class ReminderRun:
    on: date
    sent: list[DeadlineReminder] = field(default_factory=list)
    already_sent: int = 0
    without_recipients: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)


def _days_before() -> int:
    return int(getattr(settings, "REGISTRATION_REMINDER_DAYS_BEFORE", REMINDER_DAYS_BEFORE))


def reminder_threshold(contract: TechnologyContract, *, on: date) -> str | None:
    """Which reminder the case is due today, if any."""
    if contract.deadline is None:
        return None
    # Overdue by the calendar: on a Saturday after a Friday deadline no working day has passed, yet it is late.
    if contract.deadline < on:
        return DeadlineReminder.Threshold.OVERDUE
    if days_left(contract, on=on) <= _days_before():
        return DeadlineReminder.Threshold.DUE_SOON
    return None


def reminder_recipients(contract: TechnologyContract, threshold: str) -> list[str]:
    registrars = [user for user in contract.registry.registrars.all() if user.is_active and user.email]
    assigned = contract.assigned_registrar
    if threshold == DeadlineReminder.Threshold.DUE_SOON and assigned is not None and assigned.is_active:
        people = [assigned] if assigned.email else registrars
    else:
        people = ([assigned] if assigned is not None and assigned.is_active and assigned.email else []) + registrars
    addresses = [user.email for user in people]
    if threshold == DeadlineReminder.Threshold.OVERDUE and settings.BUREAU_CONTACT_EMAIL:
        addresses.append(settings.BUREAU_CONTACT_EMAIL)
    return list(dict.fromkeys(addresses))  # unique, in order


def _message(contract: TechnologyContract, threshold: str, *, on: date) -> tuple[str, str]:
    unit = _("个工作日") if contract.time_limit_kind == TechnologyContract.ClockKind.WORKING else _("天")
    url = f"{settings.SITE_BASE_URL.rstrip('/')}{reverse('registration:contract_review', args=[contract.pk])}"
    if threshold == DeadlineReminder.Threshold.OVERDUE:
        subject = _("【已超期】技术合同“%(name)s”已超过认定登记办理期限") % {"name": contract.project_name}
        state = _("已超期 %(n)s 天") % {"n": (on - contract.deadline).days}
    else:
        subject = _("【临近期限】技术合同“%(name)s”的认定登记办理期限将至") % {"name": contract.project_name}
        state = _("剩余 %(n)s %(unit)s") % {"n": days_left(contract, on=on), "unit": unit}
    body = "\n".join(
        [
            _("技术合同:%(name)s") % {"name": contract.project_name},
            _("登记机构:%(registry)s") % {"registry": contract.registry.name},
            _("办理期限:%(deadline)s(%(state)s)") % {"deadline": contract.deadline.isoformat(), "state": state},
            _("办理入口:%(url)s") % {"url": url},
            "",
            _("本邮件由平台按办理期限自动发送,每份合同每个期限只提醒一次。"),
        ]
    )
    return subject, body


def contracts_due_for_reminder(*, on: date):
    """Open cases with a running clock whose deadline is within the reminder window or past (oldest first)."""
    from ..working_days import add_working_days

    # A working-day clock's window reaches further in calendar days; the exact check is reminder_threshold().
    horizon = add_working_days(on, _days_before() + 1)
    return (
        TechnologyContract.objects.filter(status__in=OPEN_STATUSES, deadline__isnull=False, deadline__lte=horizon)
        .select_related("registry", "assigned_registrar")
        .prefetch_related("registry__registrars")
        .order_by("deadline", "pk")
    )


def deadline_reminders_send(
    *, on: date | None = None, dry_run: bool = False, progress: Callable[[str], None] | None = None
) -> ReminderRun:
    """Send the reminders due ``on`` (today by default); each (contract, threshold, deadline) once."""
    on = on or clock.today()
    run = ReminderRun(on=on)
    say = progress or (lambda line: None)
    candidates = list(contracts_due_for_reminder(on=on))
    say(_("待检查的案件:%(n)s 件") % {"n": len(candidates)})
    for contract in candidates:
        threshold = reminder_threshold(contract, on=on)
        if threshold is None:
            continue
        if DeadlineReminder.objects.filter(contract=contract, threshold=threshold, deadline=contract.deadline).exists():
            run.already_sent += 1
            continue
        recipients = reminder_recipients(contract, threshold)
        if not recipients:
            run.without_recipients.append(contract.pk)
            say(_("无收件人,未发送:%(name)s") % {"name": contract.project_name})
            continue
        label = DeadlineReminder.Threshold(threshold).label
        if dry_run:
            say(
                _("将发送(%(label)s):%(name)s → %(to)s")
                % {"label": label, "name": contract.project_name, "to": ", ".join(recipients)}
            )
            continue
        try:
            reminder = _send_once(contract, threshold, recipients, on=on)
        except IntegrityError:  # another run sent it a moment ago
            run.already_sent += 1
            continue
        except OSError as error:  # SMTP down or refused: nothing recorded, the next run tries again
            run.failed.append((contract.pk, str(error)))
            say(_("发送失败:%(name)s(%(error)s)") % {"name": contract.project_name, "error": error})
            continue
        run.sent.append(reminder)
        say(
            _("已发送(%(label)s):%(name)s → %(to)s")
            % {"label": label, "name": contract.project_name, "to": ", ".join(recipients)}
        )
    return run


@transaction.atomic
def _send_once(contract: TechnologyContract, threshold: str, recipients: list[str], *, on: date) -> DeadlineReminder:
    # The row first: a concurrent run blocks on the unique constraint and then fails it instead of sending again.
    reminder = DeadlineReminder.objects.create(
        contract=contract,
        threshold=threshold,
        deadline=contract.deadline,
        sent_at=clock.now(),
        recipients=", ".join(recipients),
    )
    with translation.override(settings.LANGUAGE_CODE):  # the registry's working language
        subject, body = _message(contract, threshold, on=on)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    return reminder
