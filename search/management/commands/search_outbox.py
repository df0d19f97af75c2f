"""Drain the search outbox into the engine, once or forever (--loop), with backoff while it is down."""

import time

from django.core.management.base import BaseCommand

from search.engine import EngineUnavailable
from search.sync import drain


class Command(BaseCommand):
    help = "把索引待办写入搜索引擎;--loop 持续运行。"

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="持续运行(工作进程)")
        parser.add_argument("--interval", type=float, default=2.0, help="空闲时的轮询间隔(秒)")
        parser.add_argument("--batch", type=int, default=200)

    def handle(self, *args, **options):
        total = 0
        while True:
            try:
                done = drain(limit=options["batch"])
            except EngineUnavailable as exc:
                # Rows stay pending with their own backoff; the worker keeps going.
                self.stderr.write(f"搜索引擎不可用,稍后重试: {exc}")
                done = 0
                if not options["loop"]:
                    raise SystemExit(1) from exc
            total += done
            if done:
                continue
            if not options["loop"]:
                break
            time.sleep(options["interval"])
        self.stdout.write(f"已处理 {total} 条索引待办。")
