"""Print the best matches of a need or an achievement as JSON: [{"external_id","title","score","reasons"}]."""

import json

from django.core.management.base import BaseCommand, CommandError

from search.matching import matches_for_achievement, matches_for_need


class Command(BaseCommand):
    help = "按外部编号输出需求或成果的匹配结果(JSON)。"

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--need", metavar="EXTERNAL_ID")
        group.add_argument("--achievement", metavar="EXTERNAL_ID")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="输出 JSON(默认即为 JSON)")

    def handle(self, *args, **options):
        from marketplace.models import AchievementPage, TechnologyNeed

        limit = options["limit"]
        if not 1 <= limit <= 100:
            raise CommandError("--limit 应为 1 到 100 之间的整数。")
        if options["need"]:
            need = TechnologyNeed.objects.filter(external_id=options["need"]).first()
            if need is None:
                raise CommandError(f"找不到外部编号为 {options['need']!r} 的技术需求。")
            matches = matches_for_need(need, limit=limit)
        else:
            page = AchievementPage.objects.live().filter(external_id=options["achievement"]).first()
            if page is None:
                raise CommandError(f"找不到外部编号为 {options['achievement']!r} 的已发布科技成果。")
            matches = matches_for_achievement(page, limit=limit, include_private=True)
        rows = [
            {"external_id": m.external_id, "title": m.title, "score": m.score, "reasons": m.reasons} for m in matches
        ]
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
