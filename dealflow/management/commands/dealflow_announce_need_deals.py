"""manage.py dealflow_announce_need_deals: announce every deal that is about a need again (a repair for listeners)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dealflow.services import deals_announce_needs


class Command(BaseCommand):
    help = "重新通知所有关联技术需求的转化项目(例如问题地图的“洽谈中”计数需要修复时)。"

    def handle(self, *args, **options):
        count = deals_announce_needs()
        self.stdout.write(_("已重新通知 %(n)s 个关联需求的项目。") % {"n": count})
