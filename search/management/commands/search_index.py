"""Create, rebuild (zero downtime) or check the search indices."""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from search import kinds
from search.documents import ACHIEVEMENT, NEED
from search.engine import EngineUnavailable, engine_enabled
from search.services import index_check, index_create_missing, index_rebuild


class Command(BaseCommand):
    help = "创建、重建(不停机)或检查搜索索引。"

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--create", action="store_true", help="创建缺失的索引")
        group.add_argument("--rebuild", action="store_true", help="从数据库重建索引并原子切换别名")
        group.add_argument("--check", action="store_true", help="报告缺失或过期的文档")
        parser.add_argument(
            "--workers", type=int, default=min(2, os.cpu_count() or 1), help="重建时并行生成文档的进程数"
        )
        parser.add_argument("--fresh", action="store_true", help="重建时不使用已存储的索引文档,全部从数据库重新生成")

    def handle(self, *args, **options):
        if options["fresh"] and not options["rebuild"]:
            raise CommandError("--fresh 只能与 --rebuild 一起使用。")
        if not engine_enabled():
            raise CommandError("未配置 SEARCH_URL:搜索以基础模式(数据库)运行,无需索引。")
        try:
            if options["create"]:
                created = index_create_missing()
                self.stdout.write(("已创建: " + ", ".join(created)) if created else "索引均已存在。")
            elif options["rebuild"]:
                if options["workers"] < 1:
                    raise CommandError("--workers 至少为 1。")
                started = time.perf_counter()
                report = index_rebuild(progress=True, workers=options["workers"], fresh=options["fresh"])
                seconds = time.perf_counter() - started
                registered = "".join(
                    f"{kind.label} {report.documents[name]} 条, " for name, kind in kinds.registered().items()
                )
                self.stdout.write(
                    f"重建完成: 成果 {report.documents['achievement']} 条, 需求 {report.documents['need']} 条, "
                    f"{registered}重放待办 {report.replayed} 条; "
                    f"重新生成文档 成果 {report.built[ACHIEVEMENT]} 条、需求 {report.built[NEED]} 条(其余使用已存储的文档); "
                    f"新索引 {', '.join(report.indices.values())}; "
                    f"已删除旧索引 {len(report.dropped)} 个; 用时 {seconds:.1f}s。"
                )
            else:
                report = index_check()
                labels = [("achievement", "成果"), ("need", "需求")]
                labels += [(name, str(kind.label)) for name, kind in kinds.registered().items()]
                for kind, label in labels:
                    self.stdout.write(
                        f"{label}: 缺失 {len(report.missing[kind])} {report.missing[kind][:20]}, "
                        f"多余 {len(report.extra[kind])} {report.extra[kind][:20]}, "
                        f"过期 {len(report.stale[kind])} {report.stale[kind][:20]}"
                    )
                awaiting = sum(len(ids) for ids in report.awaiting.values())
                self.stdout.write(f"待处理的索引待办: {report.pending} 条(上述差异中 {awaiting} 项有待办在排队)")
                if report.dead:
                    self.stdout.write(f"死信: {report.dead} 条(search_outbox --dead 查看)")
                if not report.ok:
                    raise CommandError("索引与数据库不一致;运行 search_index --rebuild 修复。")
                self.stdout.write("索引与数据库一致。")
        except EngineUnavailable as exc:
            raise CommandError(f"搜索引擎不可用: {exc}") from exc
