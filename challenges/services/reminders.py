"""Deadline reminders for challenges: e-mailed once per item and deadline by ``manage.py challenges_deadline_reminders``.

What is due on a day ``on`` (``CHALLENGES_REMINDER_DAYS_BEFORE`` = 3 calendar days ahead by default):

* **application_closing** — an open challenge closes within the window and an institution's application is still a
  draft: its lead's institution editors (and whoever started it) are told to submit before the close.
* **review_due** — a challenge under review must be reviewed by ``review_by`` within the window: each panel expert
  who still owes a score on an application they may judge (no conflict) is reminded.
* **review_overdue** — ``review_by`` has passed and the challenge is still under review: the bureau staff (and
  ``BUREAU_CONTACT_EMAIL``) are told.
* **milestone_due** — an awarded milestone not yet reported (or sent back) falls due within the window: the winner's
  institution editors are reminded.
* **milestone_late** — such a milestone is past its date (``Milestone.is_late``): the winner and the bureau are told
  it is late.

Each (kind, item, deadline) is sent once: the ``ChallengeReminder`` row is written in the transaction that sends
the mail, under a unique constraint, so a second run — or two at once — sends nothing twice; a mail that fails
rolls its row back and the next run tries again. A moved date is a new deadline and earns its reminders again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock

from ..models import Application, Challenge, ChallengeReminder, Milestone, PanelMember, Review
from ..permissions import conflicted_organisation_ids
from ._base import end_of_day

REMINDER_DAYS_BEFORE = 3
Kind = ChallengeReminder.Kind


@dataclass
class Due:
    """One reminder that is due: what it is about, for which deadline, to whom, saying what."""

    kind: str
    object_id: int
    challenge_id: int
    deadline: date
    recipients: list[str]
    subject: str
    body: str


@dataclass
class ReminderRun:
    on: date
    sent: list[ChallengeReminder] = field(default_factory=list)
    already_sent: int = 0
    without_recipients: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, int, str]] = field(default_factory=list)


def _days_before() -> int:
    return int(getattr(settings, "CHALLENGES_REMINDER_DAYS_BEFORE", REMINDER_DAYS_BEFORE))


def _unique(addresses) -> list[str]:
    return list(dict.fromkeys(address for address in addresses if address))


def _editors(organisation_id: int) -> list[str]:
    return list(
        User.objects.filter(organisation_id=organisation_id, role=User.Role.INSTITUTION_EDITOR, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )


def _bureau() -> list[str]:
    staff = list(
        User.objects.filter(role=User.Role.BUREAU_STAFF, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    return _unique([*staff, settings.BUREAU_CONTACT_EMAIL])


def _link(name: str, pk: int) -> str:
    return f"{settings.SITE_BASE_URL.rstrip('/')}{reverse(name, args=[pk])}"


def _footer() -> str:
    return _("本邮件由平台按期限自动发送,每个事项每个期限只提醒一次。")


def _applications_closing(on: date, horizon: date) -> Iterator[Due]:
    drafts = (
        Application.objects.filter(
            status=Application.Status.DRAFT,
            challenge__status=Challenge.Status.OPEN,
            challenge__closes_at__gt=clock.now(),
            challenge__closes_at__lte=end_of_day(horizon),
        )
        .select_related("challenge", "created_by")
        .order_by("challenge__closes_at", "pk")
    )
    for application in drafts:
        challenge = application.challenge
        closes = timezone.localtime(challenge.closes_at)
        creator = application.created_by
        people = _editors(application.lead_id)
        if creator is not None and creator.is_active:
            people.insert(0, creator.email)
        yield Due(
            Kind.APPLICATION_CLOSING,
            application.pk,
            challenge.pk,
            closes.date(),
            _unique(people),
            _("【申报即将截止】“%(t)s”的申报尚未提交") % {"t": challenge.title},
            "\n".join(
                [
                    _("榜单:%(t)s") % {"t": challenge.title},
                    _("申报截止:%(at)s") % {"at": closes.strftime("%Y-%m-%d %H:%M")},
                    _("贵单位的申报仍是草稿,截止前未提交的申报不参加评审。"),
                    _("申报入口:%(url)s") % {"url": _link("challenges:application_edit", challenge.pk)},
                    "",
                    _footer(),
                ]
            ),
        )


def _reviews(on: date, horizon: date) -> Iterator[Due]:
    challenges = Challenge.objects.filter(status=Challenge.Status.UNDER_REVIEW, review_by__lte=horizon).order_by(
        "review_by", "pk"
    )
    for challenge in challenges:
        url = _link("challenges:review", challenge.pk)
        if challenge.review_by < on:
            yield Due(
                Kind.REVIEW_OVERDUE,
                challenge.pk,
                challenge.pk,
                challenge.review_by,
                _bureau(),
                _("【评审已超期】“%(t)s”未在评审完成日期前完成评审") % {"t": challenge.title},
                "\n".join(
                    [
                        _("榜单:%(t)s") % {"t": challenge.title},
                        _("评审完成日期:%(d)s(已超期 %(n)s 天)")
                        % {"d": challenge.review_by.isoformat(), "n": (on - challenge.review_by).days},
                        _("评审入口:%(url)s") % {"url": url},
                        "",
                        _footer(),
                    ]
                ),
            )
            continue
        applications = list(
            challenge.applications.filter(status=Application.Status.SUBMITTED).prefetch_related("partners")
        )
        reviewed = set(Review.objects.filter(application__in=applications).values_list("expert_id", "application_id"))
        for member in PanelMember.objects.filter(challenge=challenge).select_related("expert").order_by("pk"):
            expert = member.expert
            conflicts = conflicted_organisation_ids(expert)
            owed = [
                application
                for application in applications
                if (expert.pk, application.pk) not in reviewed and not (conflicts & application.organisation_ids())
            ]
            if not owed:
                continue
            yield Due(
                Kind.REVIEW_DUE,
                member.pk,
                challenge.pk,
                challenge.review_by,
                _unique([expert.email] if expert.is_active else []),
                _("【评审即将到期】“%(t)s”还有 %(n)s 份申报待您评分") % {"t": challenge.title, "n": len(owed)},
                "\n".join(
                    [
                        _("榜单:%(t)s") % {"t": challenge.title},
                        _("评审完成日期:%(d)s") % {"d": challenge.review_by.isoformat()},
                        _("待评分申报:%(n)s 份") % {"n": len(owed)},
                        _("评审入口:%(url)s") % {"url": url},
                        "",
                        _footer(),
                    ]
                ),
            )


def _milestones(on: date, horizon: date) -> Iterator[Due]:
    open_milestones = (
        Milestone.objects.filter(
            status__in=[Milestone.Status.PENDING, Milestone.Status.REJECTED],
            award__challenge__status=Challenge.Status.AWARDED,
            due_on__lte=horizon,
        )
        .select_related("award__challenge", "award__application")
        .order_by("due_on", "pk")
    )
    for milestone in open_milestones:
        challenge = milestone.award.challenge
        late = milestone.is_late(today=on)
        winner = _editors(milestone.award.application.lead_id)
        lines = [
            _("榜单:%(t)s") % {"t": challenge.title},
            _("攻关节点:%(m)s(%(i)s)") % {"m": milestone.title, "i": milestone.indicator},
            _("完成日期:%(d)s") % {"d": milestone.due_on.isoformat()},
        ]
        if late:
            lines.append(_("已逾期 %(n)s 天,尚未报告完成情况或验收未通过。") % {"n": (on - milestone.due_on).days})
        lines += [_("榜单页面:%(url)s") % {"url": _link("challenges:challenge_detail", challenge.pk)}, "", _footer()]
        yield Due(
            Kind.MILESTONE_LATE if late else Kind.MILESTONE_DUE,
            milestone.pk,
            challenge.pk,
            milestone.due_on,
            _unique([*winner, *_bureau()]) if late else winner,
            (_("【节点已逾期】“%(m)s”(%(t)s)") if late else _("【节点即将到期】“%(m)s”(%(t)s)"))
            % {"m": milestone.title, "t": challenge.title},
            "\n".join(lines),
        )


def reminders_due(*, on: date) -> list[Due]:
    """Every reminder due ``on``, whether or not it was sent already (the caller checks)."""
    horizon = on + timedelta(days=_days_before())
    with translation.override(settings.LANGUAGE_CODE):  # the bureau's working language
        return [*_applications_closing(on, horizon), *_reviews(on, horizon), *_milestones(on, horizon)]


def challenge_reminders_send(
    *, on: date | None = None, dry_run: bool = False, progress: Callable[[str], None] | None = None
) -> ReminderRun:
    """Send the challenge reminders due ``on`` (today by default); each (kind, item, deadline) once."""
    on = on or clock.today()
    run = ReminderRun(on=on)
    say = progress or (lambda line: None)
    due = reminders_due(on=on)
    sent_before = set(
        ChallengeReminder.objects.filter(kind__in={d.kind for d in due}).values_list("kind", "object_id", "deadline")
    )
    for item in due:
        label = Kind(item.kind).label
        if (item.kind, item.object_id, item.deadline) in sent_before:
            run.already_sent += 1
            continue
        if not item.recipients:
            run.without_recipients.append((item.kind, item.object_id))
            say(_("无收件人,未发送(%(label)s):%(s)s") % {"label": label, "s": item.subject})
            continue
        if dry_run:
            say(
                _("将发送(%(label)s):%(s)s → %(to)s")
                % {"label": label, "s": item.subject, "to": ", ".join(item.recipients)}
            )
            continue
        try:
            reminder = _send_once(item)
        except IntegrityError:  # another run sent it a moment ago
            run.already_sent += 1
            continue
        except OSError as error:  # SMTP down or refused: nothing recorded, the next run tries again
            run.failed.append((item.kind, item.object_id, str(error)))
            say(_("发送失败:%(s)s(%(error)s)") % {"s": item.subject, "error": error})
            continue
        run.sent.append(reminder)
        say(
            _("已发送(%(label)s):%(s)s → %(to)s")
            % {"label": label, "s": item.subject, "to": ", ".join(item.recipients)}
        )
    return run


@transaction.atomic
def _send_once(item: Due) -> ChallengeReminder:
    # The row first: a concurrent run blocks on the unique constraint and then fails it instead of sending again.
    reminder = ChallengeReminder.objects.create(
        kind=item.kind,
        object_id=item.object_id,
        challenge_id=item.challenge_id,
        deadline=item.deadline,
        sent_at=clock.now(),
        recipients=", ".join(item.recipients),
    )
    send_mail(item.subject, item.body, settings.DEFAULT_FROM_EMAIL, item.recipients, fail_silently=False)
    return reminder
