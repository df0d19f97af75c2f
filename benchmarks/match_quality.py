"""Match quality on the labelled evaluation set: nDCG@10, recall@10 and MRR for the engine matcher, the database
matcher and a plain BM25 multi_match baseline; then calibrates the relevance floor.

    SEARCH_URL=http://127.0.0.1:9250 .venv/bin/python benchmarks/match_quality.py [--split dev|heldout|both]

``--split both`` (the default) measures the dev split and the held-out split, each in its own fresh SQLite
database and fresh indices (own prefix, dropped at the end), and prints them side by side. The held-out split is
assembled from evaluation/: the dev file's institutions, enterprises and achievements (with the gaps listed in
``heldout_listing_gaps.tsv`` applied: chain codes or TRL removed, as real portfolios arrive), the held-out
achievements (``heldout_listings.jsonl``, a fifth of them English) and the held-out needs; the dev needs are left
out. ``--data DIR`` measures any folder with listings.jsonl + judgements.tsv instead. Without
evaluation/listings.jsonl it falls back to the small test set, so the script always runs. Without SEARCH_URL
only the database matcher is measured.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("SEARCH_INDEX_PREFIX", f"eval{os.getpid()}")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fallback_dataset(tmp: Path) -> Path:
    """The small test set in the import format, with obvious judgements (used when the real set is absent)."""
    from tests.search.factories import ACHIEVEMENTS, NEEDS

    lines = [
        {
            "kind": "institution",
            "external_id": "inst-eval",
            "name": "评测研究院",
            "type": "research_institute",
            "region": "350400",
        }
    ]
    for key, title, summary, keywords, field, chains, trl in ACHIEVEMENTS:
        lines.append(
            {
                "kind": "achievement",
                "external_id": f"ach-{key}",
                "title": title,
                "summary": summary,
                "keywords": keywords,
                "technical_field": field,
                "industry_chains": chains,
                "trl": trl,
                "ip_type": "invention",
                "transfer_modes": ["licence"],
                "institution": "评测研究院",
            }
        )
    for key, title, problem, keywords, field, chain, min_trl in NEEDS:
        lines.append(
            {
                "kind": "need",
                "external_id": f"need-{key}",
                "title": title,
                "description": problem,
                "keywords": keywords.split(","),
                "technical_field": field,
                "industry_chain": chain,
                "min_trl": min_trl,
                "enterprise": "评测企业有限公司",
                "region": "350400",
            }
        )
    (tmp / "listings.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    judgements = [
        ("need-phone-heat", "ach-graphene-film", 2),
        ("need-phone-heat", "ach-graphene-coating", 0),
        ("need-battery-life", "ach-lfp-cathode", 2),
        ("need-battery-life", "ach-pvdf-binder", 1),
        ("need-defect-detection", "ach-image-recognition", 2),
        ("need-defect-detection", "ach-machine-vision", 1),
        ("need-space-travel", "ach-5g-filter", 0),
    ]
    (tmp / "judgements.tsv").write_text(
        "need_external_id\tachievement_external_id\tgrade\n" + "\n".join(f"{a}\t{b}\t{g}" for a, b, g in judgements),
        encoding="utf-8",
    )
    return tmp


def heldout_dataset(evaluation: Path, out: Path) -> Path:
    """The held-out split as one folder in the import format: dev organisations and achievements (with the listed
    gaps applied), the held-out achievements, the held-out enterprises and needs; judgements of held-out needs."""
    gaps: dict[str, set[str]] = {}
    gaps_file = evaluation / "heldout_listing_gaps.tsv"
    if gaps_file.exists():
        for line in gaps_file.read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip():
                achievement, missing = line.split("\t")[:2]
                gaps[achievement] = set(missing.split(","))
    rows = []
    for line in (evaluation / "listings.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["kind"] == "need":
            continue
        missing = gaps.get(row.get("external_id"), set())
        if "chains" in missing:
            row.pop("industry_chains", None)
            row.pop("industry_chain", None)
        if "trl" in missing:
            row["trl"] = None
        rows.append(row)
    for name in ("heldout_listings.jsonl", "heldout_needs.jsonl"):
        path = evaluation / name
        if path.exists():
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    order = {"institution": 0, "enterprise": 1, "achievement": 2, "need": 3}
    rows.sort(key=lambda r: order.get(r["kind"], 4))
    out.mkdir(parents=True, exist_ok=True)
    (out / "listings.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    (out / "judgements.tsv").write_text(
        (evaluation / "heldout_judgements.tsv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return out


def dev_dataset(evaluation: Path, out: Path) -> Path:
    """The dev split as one folder: listings.jsonl with its needs, plus the dev lay needs
    (``dev_lay_needs.jsonl``: needs in the buyer's own words, 26 of them without an answer, written for tuning the
    decline on dev) and both judgement files."""
    lay = evaluation / "dev_lay_needs.jsonl"
    if not lay.exists():
        return evaluation
    out.mkdir(parents=True, exist_ok=True)
    listings = (evaluation / "listings.jsonl").read_text(encoding="utf-8").rstrip("\n") + "\n"
    (out / "listings.jsonl").write_text(listings + lay.read_text(encoding="utf-8"), encoding="utf-8")
    extra = (evaluation / "dev_lay_judgements.tsv").read_text(encoding="utf-8").split("\n", 1)[1]
    judgements = (evaluation / "judgements.tsv").read_text(encoding="utf-8").rstrip("\n") + "\n"
    (out / "judgements.tsv").write_text(judgements + extra, encoding="utf-8")
    return out


# --- metrics ------------------------------------------------------------------------------------------


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** grades.get(x, 0) - 1) / math.log2(i + 2) for i, x in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked, grades, k=10) -> float:
    relevant = {x for x, g in grades.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked, grades) -> float:
    for i, x in enumerate(ranked):
        if grades.get(x, 0) >= 1:
            return 1 / (i + 1)
    return 0.0


def evaluate(name: str, run, judged: dict[str, dict[str, int]], needs: dict) -> dict:
    """``run(need) -> [(external_id, score)]`` best first, unfloored, at most 10."""
    per_need = {}
    started = time.perf_counter()
    for need_id in judged:
        need = needs.get(need_id)
        per_need[need_id] = run(need) if need is not None else []
    elapsed = time.perf_counter() - started
    with_relevant = [n for n in judged if any(g >= 1 for g in judged[n].values())]
    result = {
        "name": name,
        "ndcg@10": sum(ndcg_at([row[0] for row in per_need[n]], judged[n]) for n in with_relevant)
        / max(len(with_relevant), 1),
        "recall@10": sum(recall_at([row[0] for row in per_need[n]], judged[n]) for n in with_relevant)
        / max(len(with_relevant), 1),
        "mrr": sum(reciprocal_rank([row[0] for row in per_need[n]], judged[n]) for n in with_relevant)
        / max(len(with_relevant), 1),
        "needs": len(judged),
        "needs_with_relevant": len(with_relevant),
        "ms_per_need": 1000 * elapsed / max(len(judged), 1),
    }
    result["floor"], result["floor_stats"] = calibrate_floor(per_need, judged)
    # The decline: a need whose list holds no *recommended* row (the matchers' coverage rule; the baseline has
    # none, so it never declines).
    no_answer = [n for n in judged if n not in with_relevant]
    declined = {n for n, ranked in per_need.items() if not any(len(row) < 3 or row[2] for row in ranked)}
    result["no_answer_declined"] = f"{len(declined & set(no_answer))}/{len(no_answer)}"
    result["answerable_declined"] = f"{len(declined & set(with_relevant))}/{len(with_relevant)}"
    # Answerable needs whose first relevant row is shown below the line (可能相关), declined or not: the rows are
    # still on the page, but not recommended.
    below = 0
    for n in with_relevant:
        first = next((row for row in per_need[n] if judged[n].get(row[0], 0) >= 1), None)
        if first is not None and len(first) >= 3 and not first[2]:
            below += 1
    result["first_relevant_below_line"] = f"{below}/{len(with_relevant)}"
    # Answerable needs declined whose relevant row is still in the list (under 可能相关): what a wrong decline
    # costs the user is a click, not the answer.
    still_listed = sum(
        1 for n in declined & set(with_relevant) if any(judged[n].get(row[0], 0) >= 1 for row in per_need[n])
    )
    result["declined_answer_listed"] = f"{still_listed}/{len(declined & set(with_relevant))}"
    result["decline_sweep"] = decline_sweep(per_need, no_answer, with_relevant, judged)
    result["per_need"] = per_need
    return result


class _Row:
    """A dumped row as the decline curve reads it (``search.matching.decline_curve.curve``)."""

    def __init__(self, row):
        self.external_id, self.coverage, self.evidence, self.lead = row[0], row[3], row[4], row[7]
        self.variants = ("clash",) if len(row) > 8 and row[8] else ()


def decline_sweep(per_need: dict, no_answer: list, answerable: list, judged: dict) -> dict:
    """The dev trade-off curve of the decline, computed as ``manage.py decline_review`` computes it on real
    judgements: for each share of the answerable vocabulary and lead over the typical candidate (the minimum
    evidence fixed): (no-answer needs declined, answerable needs declined, answerable needs none of whose relevant
    rows is recommended). Read it on dev only."""
    from search.matching.decline_curve import curve

    lists = {n: [_Row(r) for r in ranked if len(r) > 7] for n, ranked in per_need.items()}
    answers = {n: {a for a, g in judged[n].items() if g >= 1} for n in answerable}
    return {
        f"share≥{p.share} lead≥{p.lead}": (p.no_answer_declined, p.answerable_declined, p.answer_below_line)
        for p in curve(lists, no_answer, answers, row_id=lambda row: row.external_id)
    }


def calibrate_floor(per_need: dict, judged: dict) -> tuple[float, dict]:
    """The score threshold that best separates relevant (grade ≥ 1) from the rest among the top 10 (max F1,
    ties broken towards the higher floor: showing nothing beats padding with noise)."""
    points = [(row[1], judged[n].get(row[0], 0) >= 1) for n, ranked in per_need.items() for row in ranked]
    total_relevant = sum(1 for _, rel in points if rel)
    best = (0.0, 0.0, {})
    for threshold in sorted({s for s, _ in points}):
        kept = [rel for s, rel in points if s >= threshold]
        tp = sum(kept)
        precision = tp / len(kept) if kept else 0.0
        recall = tp / total_relevant if total_relevant else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 >= best[0]:
            no_match = [n for n in judged if not any(g >= 1 for g in judged[n].values())]
            empty = sum(1 for n in no_match if not any(row[1] >= threshold for row in per_need[n]))
            best = (
                f1,
                threshold,
                {
                    "f1": f1,
                    "precision": precision,
                    "recall": recall,
                    "no_match_needs_left_empty": f"{empty}/{len(no_match)}",
                },
            )
    return round(best[1], 2), best[2]


def _dumped(m) -> tuple:
    """A matcher's row as the evaluation keeps it (and --dump writes it): id, score, recommended, share, evidence,
    found terms, reach, lead, whether it names a sibling variant (``_Row`` reads it back)."""
    return (
        m.external_id,
        m.score,
        m.recommended,
        m.coverage,
        m.evidence,
        list(m.found_terms),
        _reach(m),
        m.lead,
        bool(m.variants),
    )


def _reach(match) -> list[str] | None:
    """The need's words a row's listing could show (``facts.reachable_terms``; ``None``: all), for --dump."""
    return None if match.reachable is None else sorted(match.reachable)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="a folder with listings.jsonl and judgements.tsv (instead of --split)")
    parser.add_argument(
        "--split", choices=["dev", "heldout", "both"], default="both", help="which split of evaluation/ to measure"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--db", help="keep the loaded SQLite database at this path and reuse it next time")
    parser.add_argument("--summary", help=argparse.SUPPRESS)  # used by --split both
    parser.add_argument("--dump", help="write every need's ranked results with grades to this JSON file")
    args = parser.parse_args()
    if args.data is None and args.split == "both":
        return run_both(args)

    tmp = Path(tempfile.mkdtemp(prefix="match-quality-"))
    db_path = Path(args.db) if args.db else tmp / "eval.sqlite3"
    reuse = db_path.exists()
    setup_django(db_path)
    from django.conf import settings

    from benchmarks.evaluation_loader import load_judgements, load_listings
    from search import sync

    logging.disable(logging.INFO)  # page publishing logs every revision; the figures are what matters here
    evaluation = ROOT / "evaluation"
    if args.data:
        data = Path(args.data)
    elif args.split == "heldout" and (evaluation / "heldout_needs.jsonl").exists():
        data = heldout_dataset(evaluation, tmp / "heldout")
    else:
        data = dev_dataset(evaluation, tmp / "dev")
    if not (data / "listings.jsonl").exists() or not (data / "judgements.tsv").exists():
        print(f"未找到评测集 {data}/listings.jsonl,改用测试用的小样本。")
        data = fallback_dataset(tmp)
    started = time.perf_counter()
    if not reuse:
        with sync.suspended():
            counts = load_listings(data / "listings.jsonl")
        print(f"载入 {counts} 用时 {time.perf_counter() - started:.1f}s (数据: {data})")
    judged = load_judgements(data / "judgements.tsv")

    from marketplace.models import TechnologyNeed
    from search.matching import db_matches, engine_matches
    from search.profiles import need_profile

    needs = {
        n.external_id: n
        for n in TechnologyNeed.objects.select_related(
            "enterprise__region", "technical_field", "industry_chain", "region", "cooperation_mode"
        )
    }
    results = []
    engine_url = os.environ.get("SEARCH_URL", "")
    settings.SEARCH_URL = engine_url
    if engine_url:
        from search.documents import ACHIEVEMENT, alias_name
        from search.engine import get_engine
        from search.services import index_rebuild

        report = index_rebuild()
        print(f"索引重建: {report.documents}")
        engine = get_engine()

        def engine_run(need):
            return [_dumped(m) for m in engine_matches(need_profile(need), limit=10, floor=0.0, include_private=True)]

        def baseline_run(need):
            body = {
                "size": 10,
                "_source": ["external_id"],
                "query": {
                    "multi_match": {
                        "query": f"{need.title} {need.problem}",
                        "fields": ["title", "summary", "description"],
                    }
                },
            }
            hits = engine.search(alias_name(ACHIEVEMENT), body)["hits"]["hits"]
            return [(h["_source"]["external_id"], h["_score"]) for h in hits]

        results.append(evaluate("engine", engine_run, judged, needs))
        results.append(evaluate("bm25-baseline", baseline_run, judged, needs))
    settings.SEARCH_URL = ""

    def db_run(need):
        return [_dumped(m) for m in db_matches(need_profile(need), limit=10, floor=0.0)]

    results.append(evaluate("database", db_run, judged, needs))

    print()
    print(
        f"{'matcher':<16}{'nDCG@10':>9}{'recall@10':>11}{'MRR':>7}{'ms/need':>9}"
        f"{'no-answer declined':>20}{'answerable declined':>21}{'of which listed':>17}{'1st relevant 可能相关':>22}"
    )
    for r in results:
        print(
            f"{r['name']:<16}{r['ndcg@10']:>9.3f}{r['recall@10']:>11.3f}{r['mrr']:>7.3f}{r['ms_per_need']:>9.1f}"
            f"{r['no_answer_declined']:>20}{r['answerable_declined']:>21}{r['declined_answer_listed']:>17}"
            f"{r['first_relevant_below_line']:>22}"
        )
    by_name = {r["name"]: r for r in results}
    if "engine" in by_name:
        e, b, d = by_name["engine"], by_name["bm25-baseline"], by_name["database"]
        print()
        print(
            f"engine vs baseline nDCG@10: {100 * (e['ndcg@10'] / b['ndcg@10'] - 1):+.1f}%  (target ≥ +10%, engine ≥ 0.75)"
        )
        print(f"database vs engine nDCG@10: {100 * (d['ndcg@10'] / e['ndcg@10'] - 1):+.1f}%  (target within 10%)")
        if args.split == "dev" or args.data:
            # Held-out: never read a sweep (choosing a threshold from it would be tuning on the held-out split).
            print(
                "decline sweep (no-answer declined, answerable declined, answerable without a relevant recommended row):"
            )
            for name in ("engine", "database"):
                for setting, counts in by_name[name]["decline_sweep"].items():
                    print(
                        f"  {name:<9}{setting:<26}{counts[0]:>4}/{len(e['per_need']) - e['needs_with_relevant']}"
                        f"{counts[1]:>5}/{e['needs_with_relevant']}{counts[2]:>5}"
                    )
        print(f"judged needs: {e['needs']} ({e['needs_with_relevant']} with at least one relevant achievement)")
        from search.services import INDEX_KINDS

        for kind in INDEX_KINDS:
            for name in engine.list_indices(f"{alias_name(kind)}-*"):
                engine.delete_index(name)
    if args.summary:
        Path(args.summary).write_text(
            json.dumps([{k: v for k, v in r.items() if k != "per_need"} for r in results], ensure_ascii=False),
            encoding="utf-8",
        )
    if args.dump:
        from search.matching.facts import evidence_terms

        # Each need's distinctive vocabulary (word, weight): the decline's features are replayed offline from it.
        vocab = {n: evidence_terms(need_profile(needs[n])) for n in judged if n in needs}
        Path(args.dump).write_text(
            json.dumps({"judged": judged, "results": results, "vocab": vocab}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    for r in results:
        r.pop("per_need")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


def run_both(args) -> int:
    """Each split in its own process (a fresh database and fresh indices each), then one table for both."""
    tmp = Path(tempfile.mkdtemp(prefix="match-quality-"))
    table = {}
    for split in ("dev", "heldout"):
        summary = tmp / f"{split}.json"
        command = [sys.executable, __file__, "--split", split, "--summary", str(summary)]
        if args.dump:
            command += ["--dump", f"{args.dump}.{split}.json"]
        print(f"== {split} ==", flush=True)
        subprocess.run(command, check=True)  # noqa: S603 - our own script with our own arguments
        table[split] = json.loads(summary.read_text(encoding="utf-8"))
    print()
    print("== both splits ==")
    print(
        f"{'split':<9}{'matcher':<15}{'nDCG@10':>9}{'recall@10':>11}{'MRR':>7}"
        f"{'no-answer declined':>20}{'answerable declined':>21}{'of which listed':>17}{'1st relevant 可能相关':>22}"
    )
    for split, results in table.items():
        for r in results:
            print(
                f"{split:<9}{r['name']:<15}{r['ndcg@10']:>9.3f}{r['recall@10']:>11.3f}{r['mrr']:>7.3f}"
                f"{r['no_answer_declined']:>20}{r['answerable_declined']:>21}"
                f"{r.get('declined_answer_listed', '—'):>17}{r.get('first_relevant_below_line', '—'):>22}"
            )
    for split, results in table.items():
        by_name = {r["name"]: r for r in results}
        if "engine" in by_name:
            e, b, d = by_name["engine"], by_name["bm25-baseline"], by_name["database"]
            print(
                f"{split}: engine vs BM25 {100 * (e['ndcg@10'] / b['ndcg@10'] - 1):+.1f}%, "
                f"database vs engine {100 * (d['ndcg@10'] / e['ndcg@10'] - 1):+.1f}%"
            )
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
