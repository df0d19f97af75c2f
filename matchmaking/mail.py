"""E-mails of events: sign-up confirmations (with an .ics file), proposals and personal schedules.

Every message is sent after the transaction commits, so a rolled-back approval never writes to anyone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import calendar_files


def _recipients(organisation) -> list[str]:
    emails = list(organisation.members.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    if organisation.contact_email and organisation.contact_email not in emails:
        emails.append(organisation.contact_email)
    return emails


def _send_later(subject: str, body: str, recipients: list[str], attachments=()) -> None:
    if not recipients:
        return

    def send() -> None:
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        for name, content, mimetype in attachments:
            message.attach(name, content, mimetype)
        message.send(fail_silently=True)

    transaction.on_commit(send)


def _when(event) -> str:
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    return (
        f"{start:%Y-%m-%d %H:%M} – {end:%H:%M}"
        if start.date() == end.date()
        else f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"
    )


def send_signup_confirmation(signup) -> None:
    event = signup.event
    subject = _("[对接活动] 报名已通过:%(title)s") % {"title": event.title}
    body = "\n".join(
        [
            _("贵单位报名的活动已通过审核。"),
            _("活动:%(title)s") % {"title": event.title},
            _("时间:%(when)s") % {"when": _when(event)},
            _("地点:%(place)s") % {"place": event.place or event.online_url},
            _("参会人员:%(names)s") % {"names": "、".join(signup.attendee_list())},
            "",
            _("附件为日历文件(.ics),可导入手机或电脑日历。"),
        ]
    )
    ics = calendar_files.event_ics(event)
    _send_later(subject, body, _recipients(signup.organisation), [("event.ics", ics, "text/calendar")])
    signup.confirmed_at = timezone.now()
    type(signup).objects.filter(pk=signup.pk).update(confirmed_at=signup.confirmed_at)


def send_signup_declined(signup) -> None:
    subject = _("[对接活动] 报名未通过:%(title)s") % {"title": signup.event.title}
    body = _("很抱歉,贵单位对“%(title)s”的报名未通过。%(note)s") % {
        "title": signup.event.title,
        "note": signup.decision_note,
    }
    _send_later(subject, body, _recipients(signup.organisation))


def send_proposals(event, meetings) -> None:
    organisations = {}
    for meeting in meetings:
        for signup in (meeting.enterprise_signup, meeting.institution_signup):
            organisations.setdefault(signup.organisation_id, signup.organisation)
    for organisation in organisations.values():
        subject = _("[对接活动] 新的一对一洽谈推荐:%(title)s") % {"title": event.title}
        body = _("平台为贵单位推荐了“%(title)s”的一对一洽谈,请登录后接受或谢绝。") % {"title": event.title}
        _send_later(subject, body, _recipients(organisation))


def schedule_lines(event, meetings, organisation_id: int) -> list[str]:
    lines = []
    for meeting in meetings:
        if not meeting.is_scheduled:
            continue
        other = (
            meeting.institution_signup.organisation
            if meeting.enterprise_signup.organisation_id == organisation_id
            else meeting.enterprise_signup.organisation
        )
        start = timezone.localtime(event.slot_starts(meeting.slot))
        lines.append(
            _("%(time)s 第%(table)s桌 与 %(other)s")
            % {"time": f"{start:%m-%d %H:%M}", "table": meeting.table + 1, "other": other.name}
        )
    return lines


def send_schedules(event) -> int:
    from .selectors import schedule_for_organisation

    sent = 0
    for signup in event.signups.filter(status="approved").select_related("organisation"):
        meetings = schedule_for_organisation(event=event, organisation_id=signup.organisation_id)
        lines = schedule_lines(event, meetings, signup.organisation_id) or [_("暂无已安排的洽谈。")]
        subject = _("[对接活动] 您的洽谈日程:%(title)s") % {"title": event.title}
        body = "\n".join([_("您在“%(title)s”的一对一洽谈安排如下:") % {"title": event.title}, "", *lines])
        ics = calendar_files.event_ics(event, meetings=meetings)
        _send_later(subject, body, _recipients(signup.organisation), [("schedule.ics", ics, "text/calendar")])
        sent += 1
    return sent
