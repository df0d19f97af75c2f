"""manage.py dealflow_funnel_rebuild: recount the funnel's running totals from the deal-flow tables (a repair)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dealflow.services import funnel_counters, funnel_counters_rebuild, funnel_recount


class Command(BaseCommand):
    help = "根据咨询、项目和审计记录重新统计漏斗计数(批量导入或直接改库之后运行)。"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只比较,不改写;计数与重算不一致时以非零状态退出。")

    def handle(self, *args, **options):
        if options["check"]:
            stored, recounted = funnel_counters(), funnel_recount()
            differing = {key for key in stored.keys() | recounted.keys() if stored[key] != recounted[key]}
            if differing:
                raise CommandError(_("漏斗计数与重算不一致:%(n)s 组。") % {"n": len(differing)})
            self.stdout.write(_("漏斗计数与重算一致。"))
            return
        rows = funnel_counters_rebuild()
        self.stdout.write(_("已重建漏斗计数:%(n)s 组。") % {"n": rows})
