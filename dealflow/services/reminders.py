"""Deal-flow reminders, sent once per item and deadline by ``manage.py dealflow_reminders`` (run daily).

What is due on a day ``on``:

* **enquiry_unanswered / proposal_unanswered** — an enquiry (or a solution proposal) still waits for an answer
  ``DEALFLOW_ANSWER_REMINDER_DAYS`` (7) days after it was sent: the receiving organisation is reminded (an on-site
  notice plus an e-mail to its members, as every deal-flow notice).
* **notice_ended** — a price notice (协议定价公示) that was not withdrawn has ended and its deal still waits at the
  notice stage: both parties are told they may move on to signing; when an objection is still pending the bureau
  is told too, since signing waits for its decision.

Idle deals (30 days without activity) are flagged by ``dealflow_flag_idle``, once per deal (``idle_flagged_at``).

Each (kind, item, deadline) is sent once: the ``DealReminder`` row and the notices are written in one transaction
under a unique constraint, so a second run — or two at once — sends nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common import clock

from ..models import Approach, Deal, DealReminder, Enquiry, NoticeObjection, PriceNotice, SolutionProposal
from ._base import _local_date, notify

ANSWER_REMINDER_DAYS = 7
Kind = DealReminder.Kind


@dataclass
class Due:
    """One reminder that is due: about what, for which deadline, and the notices (organisation or bureau, text)."""

    kind: str
    object_id: int
    deadline: date
    notices: list[tuple[object, bool, str]]  # (organisation, for_bureau, text)
    url: str


@dataclass
class ReminderRun:
    on: date
    sent: list[DealReminder] = field(default_factory=list)
    already_sent: int = 0


def _answer_days() -> int:
    return int(getattr(settings, "DEALFLOW_ANSWER_REMINDER_DAYS", ANSWER_REMINDER_DAYS))


def _unanswered(on: date) -> Iterator[Due]:
    days = _answer_days()
    # Sent on or before ``on - days`` (local dates) → its answer was due by ``on``; checked exactly per row below.
    cutoff = timezone.make_aware(datetime.combine(on - timedelta(days=days - 1), time.min))
    for model, kind, what in (
        (Enquiry, Kind.ENQUIRY_UNANSWERED, _("意向咨询")),
        (SolutionProposal, Kind.PROPOSAL_UNANSWERED, _("解决方案")),
    ):
        waiting = (
            model.objects.filter(status=Approach.Status.SENT, created_at__lt=cutoff)
            .select_related("sender_organisation", "recipient_organisation")
            .order_by("created_at", "pk")
        )
        for approach in waiting:
            answer_by = _local_date(approach.created_at) + timedelta(days=days)
            if answer_by > on:
                continue
            text = _("%(sender)s 于 %(day)s 发来的%(what)s已 %(n)s 天未答复,请尽快答复。") % {
                "sender": approach.sender_organisation.name,
                "day": _local_date(approach.created_at).isoformat(),
                "what": what,
                "n": (on - _local_date(approach.created_at)).days,
            }
            yield Due(
                kind,
                approach.pk,
                answer_by,
                [(approach.recipient_organisation, False, text)],
                reverse("dealflow:inbox"),
            )


def _notices_ended(on: date) -> Iterator[Due]:
    notices = (
        PriceNotice.objects.filter(
            withdrawn_at__isnull=True,
            ends_on__lt=on,
            deal__status=Deal.Status.OPEN,
            deal__stage=Deal.Stage.NOTICE,
        )
        .select_related("deal__seller_organisation", "deal__buyer_organisation")
        .order_by("ends_on", "pk")
    )
    for notice in notices:
        deal = notice.deal
        if notice.pk != deal.price_notices.filter(withdrawn_at__isnull=True).order_by("-starts_on", "-pk").first().pk:
            continue  # an older notice of a deal that published again
        pending = notice.objections.filter(outcome=NoticeObjection.Outcome.PENDING).count()
        text = _("项目“%(t)s”的价格公示已于 %(d)s 结束。") % {"t": deal.title, "d": notice.ends_on.isoformat()}
        if pending:
            parties_text = text + _("尚有 %(n)s 条异议待科技局处理,处理后方可签约。") % {"n": pending}
        else:
            parties_text = text + _("公示期内无待处理异议,可推进签约。")
        notices_out = [
            (deal.seller_organisation, False, parties_text),
            (deal.buyer_organisation, False, parties_text),
        ]
        if pending:
            notices_out.append((None, True, text + _("尚有 %(n)s 条异议待处理。") % {"n": pending}))
        yield Due(Kind.NOTICE_ENDED, notice.pk, notice.ends_on, notices_out, reverse("dealflow:deal", args=[deal.pk]))


def reminders_due(*, on: date) -> list[Due]:
    """Every reminder due ``on``, whether or not it was sent already (the caller checks)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [*_unanswered(on), *_notices_ended(on)]


def deal_reminders_send(
    *, on: date | None = None, dry_run: bool = False, progress: Callable[[str], None] | None = None
) -> ReminderRun:
    """Send the deal-flow reminders due ``on`` (today by default); each (kind, item, deadline) once."""
    on = on or clock.today()
    run = ReminderRun(on=on)
    say = progress or (lambda line: None)
    due = reminders_due(on=on)
    sent_before = set(
        DealReminder.objects.filter(kind__in={d.kind for d in due}).values_list("kind", "object_id", "deadline")
    )
    for item in due:
        label = Kind(item.kind).label
        if (item.kind, item.object_id, item.deadline) in sent_before:
            run.already_sent += 1
            continue
        first_text = item.notices[0][2]
        if dry_run:
            say(_("将发送(%(label)s):%(text)s") % {"label": label, "text": first_text})
            continue
        try:
            run.sent.append(_send_once(item))
        except IntegrityError:  # another run sent it a moment ago
            run.already_sent += 1
            continue
        say(_("已发送(%(label)s):%(text)s") % {"label": label, "text": first_text})
    return run


@transaction.atomic
def _send_once(item: Due) -> DealReminder:
    # The row first: a concurrent run blocks on the unique constraint and then fails it instead of notifying again.
    now = clock.now()
    reminder = DealReminder.objects.create(
        kind=item.kind, object_id=item.object_id, deadline=item.deadline, sent_at=now
    )
    for organisation, for_bureau, text in item.notices:
        notify(organisation=organisation, for_bureau=for_bureau, text=text, url=item.url, now=now)
    return reminder
