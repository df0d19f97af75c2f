"""manage.py registration_deadline_reminders: e-mail the registrars (and, when overdue, the bureau) about cases
near or past their decision deadline. Run daily (deploy/systemd/techtransfer-deadline-reminders.timer); running it
again the same day sends nothing twice (see registration/services/reminders.py)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registration.services import deadline_reminders_send


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("日期格式应为 YYYY-MM-DD:%(value)s") % {"value": value}) from error


class Command(BaseCommand):
    help = "向登记员(超期时另抄送科技局)发送认定登记办理期限提醒;每份合同每个期限只提醒一次。"

    def add_arguments(self, parser):
        parser.add_argument("--date", type=str, help="按该日期判断期限(默认今天),格式 YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的提醒,不发送、不记录")

    def handle(self, *args, **options):
        on = _day(options["date"]) if options["date"] else None
        run = deadline_reminders_send(on=on, dry_run=options["dry_run"], progress=self.stdout.write)
        self.stdout.write(
            _("%(on)s:已发送 %(sent)s 条提醒,此前已发送 %(already)s 条,无收件人 %(none)s 件,失败 %(failed)s 件。")
            % {
                "on": run.on.isoformat(),
                "sent": len(run.sent),
                "already": run.already_sent,
                "none": len(run.without_recipients),
                "failed": len(run.failed),
            }
        )
        if run.failed:
            # A failed job shows in systemctl/journal; the reminders not sent are retried by the next run.
            raise CommandError(_("%(n)s 条提醒发送失败,下次运行时将重试。") % {"n": len(run.failed)})
