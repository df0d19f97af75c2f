"""Drain the search outbox into the engine, once or forever (--loop, the worker), and handle dead letters."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError

from search.engine import EngineUnavailable
from search.selectors import dead_letters
from search.services import outbox_dead_letters_discard, outbox_dead_letters_retry
from search.sync import drain

logger = logging.getLogger(__name__)

MAX_IDLE_BACKOFF_SECONDS = 60.0


class Command(BaseCommand):
    help = "把索引待办写入搜索引擎;--loop 持续运行;--dead/--retry/--discard 处理死信。"

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--loop", action="store_true", help="持续运行(工作进程)")
        action.add_argument("--dead", action="store_true", help="列出死信(多次写入失败而搁置的待办)")
        action.add_argument("--retry", nargs="*", type=int, metavar="ID", help="重试死信(不写编号则全部重试)")
        action.add_argument("--discard", nargs="+", type=int, metavar="ID", help="放弃这些死信")
        parser.add_argument("--interval", type=float, default=2.0, help="空闲时的轮询间隔(秒)")
        parser.add_argument("--batch", type=int, default=200)

    def handle(self, *args, **options):
        if options["dead"]:
            return self._list_dead()
        if options["retry"] is not None:
            count = outbox_dead_letters_retry(ids=options["retry"] or None)
            self.stdout.write(f"已重新排队 {count} 条死信。")
            return None
        if options["discard"]:
            count = outbox_dead_letters_discard(ids=options["discard"])
            self.stdout.write(f"已放弃 {count} 条死信。")
            return None
        if options["batch"] < 1:
            raise CommandError("--batch 至少为 1。")
        return self._drain(loop=options["loop"], interval=options["interval"], batch=options["batch"])

    def _list_dead(self):
        rows = list(dead_letters()[:500])
        for row in rows:
            self.stdout.write(
                f"#{row.pk} {row.kind}:{row.object_id} 尝试 {row.attempts} 次, {row.dead_at:%Y-%m-%d %H:%M} 搁置: "
                f"{row.last_error[:200]}"
            )
        self.stdout.write(f"死信 {len(rows)} 条。")

    def _drain(self, *, loop: bool, interval: float, batch: int):
        total = 0
        pause = interval
        while True:
            try:
                done = drain(limit=batch)
            except EngineUnavailable as exc:
                # Rows stay pending; the worker waits longer each time while the engine is down.
                self.stderr.write(f"搜索引擎不可用,稍后重试: {exc}")
                if not loop:
                    raise SystemExit(1) from exc
                time.sleep(pause)
                pause = min(pause * 2, MAX_IDLE_BACKOFF_SECONDS)
                continue
            except Exception:
                logger.exception("search outbox drain failed")
                if not loop:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, MAX_IDLE_BACKOFF_SECONDS)
                continue
            pause = interval
            total += done
            if done:
                continue
            if not loop:
                break
            time.sleep(interval)
        self.stdout.write(f"已处理 {total} 条索引待办。")
