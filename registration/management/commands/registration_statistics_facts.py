"""manage.py registration_statistics_facts: rebuild the statistics' per-contract facts and running totals from the contracts.

The services write each contract's facts and move the dashboard's running totals with every change, so this is a
repair: run it after loading contracts outside the services (raw SQL, ``QuerySet.update()``, a restore without the
facts table). ``--check`` only compares the running totals with a recount from the facts and exits non-zero when
they differ. ``--rebuild`` is accepted for older scripts; every run without ``--check`` rebuilds.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registration.statistics import facts_rebuild
from registration.statistics.summary import summary_differences


class Command(BaseCommand):
    help = "重建技术合同统计所用的合同统计数据和汇总数。"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="(兼容旧参数)每次运行都全部重建")
        parser.add_argument(
            "--check", action="store_true", help="只比较汇总数与按合同统计数据的重算,不改写;不一致时以非零状态退出。"
        )

    def handle(self, *args, **options):
        if options["check"]:
            differing = summary_differences()
            if differing:
                month, dimension, key = differing[0]
                raise CommandError(
                    _("统计汇总数与重算不一致:%(n)s 组(例如 %(month)s %(dimension)s=%(key)s)。")
                    % {"n": len(differing), "month": f"{month:%Y-%m}", "dimension": dimension, "key": key}
                )
            self.stdout.write(_("统计汇总数与重算一致。"))
            return
        written = facts_rebuild()
        self.stdout.write(_("已更新 %(n)s 份合同的统计数据。") % {"n": written})
