"""manage.py registration_statistics_facts [--rebuild]: bring the statistics' party facts up to date.

The dashboard refreshes them incrementally on every view; run this once after deploying onto
existing contracts (a full build), or with --rebuild after editing contracts outside the services.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registration.statistics import facts_refresh


class Command(BaseCommand):
    help = "更新技术合同统计所用的当事人汇总数据(--rebuild 全部重建)。"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="删除后全部重建")

    def handle(self, *args, **options):
        written = facts_refresh(full=options["rebuild"], progress=options["verbosity"] > 0)
        self.stdout.write(_("已更新 %(n)s 份合同的统计数据。") % {"n": written})
