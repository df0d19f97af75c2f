"""manage.py challenges_deadline_reminders: e-mail applicants, experts, winners and the bureau before (and after)
the challenges' deadlines — application close, review date, milestone dates. Run daily
(deploy/systemd/techtransfer-challenge-reminders.timer); running it again sends nothing twice (see
challenges/services/reminders.py)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from challenges.services import challenge_reminders_send


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("日期格式应为 YYYY-MM-DD:%(value)s") % {"value": value}) from error


class Command(BaseCommand):
    help = "发送揭榜挂帅期限提醒(申报截止、评审完成、攻关节点到期及逾期);每个事项每个期限只提醒一次。"

    def add_arguments(self, parser):
        parser.add_argument("--date", type=str, help="按该日期判断期限(默认今天),格式 YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的提醒,不发送、不记录")

    def handle(self, *args, **options):
        on = _day(options["date"]) if options["date"] else None
        run = challenge_reminders_send(on=on, dry_run=options["dry_run"], progress=self.stdout.write)
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
