"""manage.py challenges_refresh_matches [--chain CODE]: store each open need's matches above the floor for the map."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from challenges import services
from marketplace.models import TechnologyNeed


class Command(BaseCommand):
    help = "为技术问题地图重新计算需求的达标匹配数(按产业链可选)。"

    def add_arguments(self, parser):
        parser.add_argument("--chain", default="", help="只计算该产业链代码下的需求,如 FLU")

    def handle(self, *args, **options):
        needs = TechnologyNeed.objects.open_for_matching().select_related("industry_chain")
        if options["chain"]:
            needs = needs.filter(industry_chain__code__startswith=options["chain"])
        count = services.need_match_summaries_refresh(needs=needs)
        self.stdout.write(_("已更新 %(n)s 项需求的匹配摘要。") % {"n": count})
