"""manage.py registration_deadline_reminders: e-mail the registrars (and, when overdue, the bureau) about cases
near or past their decision deadline. Run daily (deploy/systemd/techtransfer-deadline-reminders.timer); running it
again the same day sends nothing twice (see registration/services/reminders.py)."""

from common.commands import ReminderCommand
from registration.services import deadline_reminders_send


class Command(ReminderCommand):
    help = "向登记员(超期时另抄送科技局)发送认定登记办理期限提醒;每份合同每个期限只提醒一次。"

    def send(self, *, on, dry_run, progress):
        return deadline_reminders_send(on=on, dry_run=dry_run, progress=progress)
