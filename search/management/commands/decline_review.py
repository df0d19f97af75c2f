"""Where a need's match list should draw its line, read on the platform's own match judgements."""

from __future__ import annotations

import unicodedata

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.judgements import SUGGEST_FROM_ANSWERABLE, SUGGEST_FROM_NO_ANSWER, decline_review, judged_answers
from search.matching.decline_curve import CurvePoint, frontier, one_per_outcome

MODE_NAMES = {"engine": "搜索引擎", "database": "数据库匹配(基本模式)"}


class Command(BaseCommand):
    help = (
        "按匹配评价和转化项目回放当前的匹配,列出分界线(覆盖份额、领先词数)各取值下:评价为“没有合适的成果”的需求有多少不作推荐(对),"
        "有成果被评为“有用”或已就其达成转化项目的需求有多少不作推荐(错),并在评价足够多时建议 SEARCH_RECOMMEND_SHARE 与 "
        "SEARCH_MIN_LEAD。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="列出每一个取值(默认只列当前、建议和不被其他取值全面胜过的取值)"
        )

    def handle(self, *args, **options):
        judged = judged_answers()
        total = len(judged[0] | set(judged[1]))
        if not total:
            self.stdout.write(
                "还没有可用的匹配评价:需要有需求被评为“没有合适的成果”,或有成果被评为“有用”(需求的匹配页上的按钮),"
                "或有关闭时说明“平台上没有合适的技术”的需求,或有关联需求的转化项目。"
            )
            return
        with tqdm(total=total, desc="回放匹配", unit="条需求", disable=None) as bar:
            review = decline_review(judged=judged, progress=bar.update)
        modes = "、".join(MODE_NAMES.get(m, m) for m in sorted(review.modes))
        answerable = (
            f"有成果被评为“有用”或已就其达成转化项目的 {review.answerable} 条(其中 {review.from_deals} 条只有转化项目)"
            if review.from_deals
            else f"有成果被评为“有用”的 {review.answerable} 条"
        )
        no_answer = f"评价为“没有合适的成果”的 {review.no_answer} 条" + (
            f"(其中 {review.from_closing} 条是关闭时说明“平台上没有合适的技术”)" if review.from_closing else ""
        )
        self.stdout.write(f"回放 {total} 条评价过的需求(匹配方式:{modes}):{no_answer},{answerable}。")
        current, suggested = review.current, review.suggested
        if options["all"]:
            rows = [(p, 0) for p in review.points]
        else:
            rows = one_per_outcome(frontier(review.points), keep={current, suggested}, near=current)
        rows = sorted(rows, key=lambda row: _order(row[0]))
        widths = (10, 10, 18, 18, 16)
        header = ("覆盖份额 ≥", "领先词数 ≥", "无答案需求不推荐(对)", "有答案需求不推荐(错)", "答案都在线下")
        self.stdout.write("  ".join(_pad(h, w) for h, w in zip(header, widths, strict=True)))
        for p, alike in rows:
            cells = (
                f"{p.share:.2f}",
                f"{p.lead:.1f}",
                f"{p.no_answer_declined}/{review.no_answer}",
                f"{p.answerable_declined}/{review.answerable}",
                f"{p.answer_below_line}/{review.answerable}",
            )
            marks = [m for m, on in (("当前", p == current), ("建议", p == suggested)) if on]
            if alike:
                marks.append(f"(另有 {alike} 处取值结果相同)")
            text = "  ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True))
            self.stdout.write(f"{text}  {' '.join(marks)}".rstrip())
        if review.suggested is None:
            self.stdout.write(
                f"评价还太少,不建议移动分界线:至少需要 {SUGGEST_FROM_NO_ANSWER} 条评为“没有合适的成果”的需求和 "
                f"{SUGGEST_FROM_ANSWERABLE} 条有答案(有成果被评为“有用”或已达成转化项目)的需求。"
            )
        elif review.suggested == review.current:
            self.stdout.write("当前的分界线已是这些评价下最好的取值,无需调整。")
        else:
            s = review.suggested
            self.stdout.write(
                f"建议把分界线移到 覆盖份额 {s.share:g}、领先词数 {s.lead:g}:设置环境变量 SEARCH_RECOMMEND_SHARE={s.share:g} "
                f"SEARCH_MIN_LEAD={s.lead:g} 后重启网站(错判一条有答案的需求按 3 条无答案需求计)。"
            )


def _order(p: CurvePoint) -> tuple:
    return p.answerable_declined, p.no_answer_declined, p.share, p.lead


def _pad(text: str, width: int) -> str:
    """Right-align in terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return " " * max(0, width - columns) + text
