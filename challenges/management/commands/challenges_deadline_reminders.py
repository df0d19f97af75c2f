"""manage.py challenges_deadline_reminders: e-mail applicants, experts, winners and the bureau before (and after)
the challenges' deadlines — application close, review date, milestone dates. Run daily
(deploy/systemd/techtransfer-challenge-reminders.timer); running it again sends nothing twice (see
challenges/services/reminders.py)."""

from challenges.services import challenge_reminders_send
from common.commands import ReminderCommand


class Command(ReminderCommand):
    help = "发送揭榜挂帅期限提醒(申报截止、评审完成、攻关节点到期及逾期);每个事项每个期限只提醒一次。"

    def send(self, *, on, dry_run, progress):
        return challenge_reminders_send(on=on, dry_run=dry_run, progress=progress)
