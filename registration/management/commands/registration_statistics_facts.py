"""manage.py registration_statistics_facts: rebuild the statistics' per-contract facts from the contracts.

The services write each contract's facts with every change, so this is a repair: run it after
loading contracts outside the services (raw SQL, ``QuerySet.update()``, a restore without the facts
table). ``--rebuild`` is accepted for older scripts; every run rebuilds.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registration.statistics import facts_rebuild


class Command(BaseCommand):
    help = "重建技术合同统计所用的当事人汇总数据。"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="(兼容旧参数)每次运行都全部重建")

    def handle(self, *args, **options):
        written = facts_rebuild()
        self.stdout.write(_("已更新 %(n)s 份合同的统计数据。") % {"n": written})
