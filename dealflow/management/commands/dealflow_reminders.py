"""manage.py dealflow_reminders: remind organisations of enquiries and proposals left unanswered, and both parties
(and the bureau, when an objection is pending) that a price notice has ended. Run daily
(deploy/systemd/techtransfer-deal-reminders.timer); running it again sends nothing twice (see
dealflow/services/reminders.py)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dealflow.services import deal_reminders_send


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("日期格式应为 YYYY-MM-DD:%(value)s") % {"value": value}) from error


class Command(BaseCommand):
    help = "提醒待答复的意向咨询和解决方案、已结束的价格公示;每个事项每个期限只提醒一次(每天运行一次)。"

    def add_arguments(self, parser):
        parser.add_argument("--date", type=str, help="按该日期判断期限(默认今天),格式 YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的提醒,不发送、不记录")

    def handle(self, *args, **options):
        on = _day(options["date"]) if options["date"] else None
        run = deal_reminders_send(on=on, dry_run=options["dry_run"], progress=self.stdout.write)
        self.stdout.write(
            _("%(on)s:已发送 %(sent)s 条提醒,此前已发送 %(already)s 条。")
            % {"on": run.on.isoformat(), "sent": len(run.sent), "already": run.already_sent}
        )
