"""The shape every daily reminder job's command shares (registration, challenges, deal flow): ``--date`` to judge
deadlines as of another day, ``--dry-run`` to list without sending or recording, one summary line, and a non-zero
exit when a mail failed, so systemd's journal shows the failure and the next run retries it.

A subclass names its service in ``send``; the service returns a run with ``on``, ``sent`` and ``already_sent``, and
may add ``without_recipients`` and ``failed``."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("日期格式应为 YYYY-MM-DD:%(value)s") % {"value": value}) from error


class ReminderCommand(BaseCommand):
    def send(self, *, on: date | None, dry_run: bool, progress):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--date", type=str, help="按该日期判断期限(默认今天),格式 YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的提醒,不发送、不记录")

    def handle(self, *args, **options):
        on = parse_day(options["date"]) if options["date"] else None
        run = self.send(on=on, dry_run=options["dry_run"], progress=self.stdout.write)
        failed = getattr(run, "failed", [])
        self.stdout.write(
            _("%(on)s:已发送 %(sent)s 条提醒,此前已发送 %(already)s 条,无收件人 %(none)s 件,失败 %(failed)s 件。")
            % {
                "on": run.on.isoformat(),
                "sent": len(run.sent),
                "already": run.already_sent,
                "none": len(getattr(run, "without_recipients", [])),
                "failed": len(failed),
            }
        )
        if failed:
            raise CommandError(_("%(n)s 条提醒发送失败,下次运行时将重试。") % {"n": len(failed)})
