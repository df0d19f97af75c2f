"""manage.py dealflow_reminders: remind organisations of enquiries and proposals left unanswered, and both parties
(and the bureau, when an objection is pending) that a price notice has ended. Run daily
(deploy/systemd/techtransfer-deal-reminders.timer); running it again sends nothing twice (see
dealflow/services/reminders.py)."""

from common.commands import ReminderCommand
from dealflow.services import deal_reminders_send


class Command(ReminderCommand):
    help = "提醒待答复的意向咨询和解决方案、已结束的价格公示;每个事项每个期限只提醒一次(每天运行一次)。"

    def send(self, *, on, dry_run, progress):
        return deal_reminders_send(on=on, dry_run=dry_run, progress=progress)
