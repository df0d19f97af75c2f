"""manage.py load_demo [--reset]: demo institutions, achievements, needs and one user per role (development only)."""

import logging

from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from common.errors import DomainError
from marketplace.demo import loader
from marketplace.importing import ImportFileError, format_table, summary_table


class Command(BaseCommand):
    help = "载入演示数据(机构、科技成果、技术需求和各角色的开发用账号);可重复运行,不会产生重复数据。"

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="先删除演示数据和演示账号,再重新载入")
        parser.add_argument("--file", help="演示数据文件(默认 evaluation/listings.jsonl,缺省时用内置文件)")

    def handle(self, *args, **options):
        # Wagtail logs every page creation at INFO; hundreds of lines would bury the summary.
        for name in ("wagtail", "django_tasks"):
            logging.getLogger(name).setLevel(logging.WARNING)
        # The demo is old content: the notifications its steps trigger (awards, enquiries, alerts) go to demo
        # users and would bury this command's summary under hundreds of lines of console e-mail. Keep them in
        # memory and say how many were held back.
        previous = getattr(mail, "outbox", None)  # a test's outbox survives
        mail.outbox = []
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                self._load(options)
            held = len(mail.outbox)
        finally:
            if previous is None:
                del mail.outbox
            else:
                mail.outbox = previous
        if held:
            self.stdout.write(_("演示数据触发的 %(count)s 封通知邮件未发送。") % {"count": held})
        self._print_users()

    def _load(self, options):
        path = loader.listings_path() if not options["file"] else loader.Path(options["file"])
        try:
            if options["reset"]:
                loader.demo_reset(path=path)
                self.stdout.write(_("已删除演示数据和演示账号。"))
            self.stdout.write(_("载入演示数据:%(path)s") % {"path": path})
            result = loader.demo_listings_import(path=path)
        except (ImportFileError, DomainError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(format_table(summary_table(result)))

        self.users = loader.demo_users_ensure()
        # Other apps' demo steps (registration's contracts, search's index rebuild) listen to marketplace signals.
        for message in loader.demo_loaded_announce(stdout=self.stdout):
            self.stdout.write(message)

    def _print_users(self):
        users = self.users
        self.stdout.write("")
        self.stdout.write(self.style.WARNING(_("开发用账号(仅用于本机开发,切勿用于生产环境):")))
        table = [[_("用户名"), _("密码"), _("角色"), _("姓名"), _("所属机构")]]
        for user in users:
            table.append(
                [
                    user.username,
                    user.password,
                    user.role,
                    user.display_name,
                    user.organisation.name if user.organisation else "—",
                ]
            )
        self.stdout.write(format_table(table))
