"""manage.py dealflow_flag_idle: flag deals idle for 30 days (run daily from the scheduler)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dealflow.services import deals_flag_idle


class Command(BaseCommand):
    help = "标记 30 天没有进展的转化项目,并通知双方和科技局(每天运行一次)。"

    def handle(self, *args, **options):
        count = deals_flag_idle()
        self.stdout.write(_("已标记 %(n)s 个停滞项目。") % {"n": count})
