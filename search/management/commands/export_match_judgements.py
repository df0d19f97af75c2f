"""Write every match judgement as JSON Lines: evaluation data written by the people the match lists are for."""

from __future__ import annotations

from pathlib import Path

import orjson
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.judgements import judgements_for_export
from search.models import MatchJudgement


class Command(BaseCommand):
    help = "导出匹配评价(JSON Lines,每行一条):需求原文、被评价的成果、评价、当时的名次与是否推荐。"

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="PATH", help="输出文件(默认写到标准输出)")

    def handle(self, *args, **options):
        target = options["output"]
        if not target:
            for record in judgements_for_export():
                self.stdout.write(orjson.dumps(record).decode())
            return
        path = Path(target)
        if not path.parent.is_dir():
            raise CommandError(f"输出目录不存在: {path.parent}")
        total = MatchJudgement.objects.count()
        try:
            with path.open("wb") as out:
                for record in tqdm(judgements_for_export(), total=total, desc="匹配评价", unit="条"):
                    out.write(orjson.dumps(record) + b"\n")
        except OSError as exc:
            raise CommandError(f"无法写入 {path}: {exc.strerror}") from exc
        self.stdout.write(f"已导出 {total} 条匹配评价到 {path}。")
