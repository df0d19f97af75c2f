"""manage.py load_demo [--reset]: demo institutions, achievements, needs and one user per role (development only)."""

import logging

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
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
        # The site uses the database cache; creating its table here keeps `make run` one step.
        call_command("createcachetable", verbosity=0)
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

        users = loader.demo_users_ensure()
        # Other apps' demo steps (registration's contracts, search's index rebuild) listen to marketplace signals.
        for message in loader.demo_loaded_announce(stdout=self.stdout):
            self.stdout.write(message)

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
