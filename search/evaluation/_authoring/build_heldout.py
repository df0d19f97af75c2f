"""Assemble the held-out split: heldout_needs.jsonl and heldout_judgements.tsv.

Run: python search/evaluation/_authoring/build_heldout.py [--pool]
The needs and their grades are in heldout.py (written by a second author, not the dev set's). They are judged
against the same 185 achievements as the dev split; this script formats the records, derives the new
enterprises' credit codes and completes each need's judging pool with explicit zeros:

    pool = graded by hand  ∪  achievements in the need's top-level chain  ∪  achievements sharing a keyword
           ∪  the top 25 of the TF-IDF bigram baseline (lexical_baseline.py) for the need

Every pool member without a hand grade was reviewed (`--pool` lists them with the baseline's rank) and judged
not relevant, so it is written as 0. Pairs outside the pool are not listed and count as 0.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import heldout  # noqa: E402
import lexical_baseline  # noqa: E402

from common import _org_code, credit_check  # noqa: E402

OUT = HERE.parent
LEXICAL_POOL_DEPTH = 25


def credit_code(key: str, prefix: str, region: str) -> str:
    """91 = company, 93 = farmers' specialised co-operative (GB 32100 registration-authority/type codes)."""
    first17 = prefix + region + _org_code(key, "MA3")
    return first17 + credit_check(first17)


def main() -> None:
    show_pool = "--pool" in sys.argv
    listings = [json.loads(line) for line in (OUT / "listings.jsonl").open(encoding="utf-8")]
    achievements = {r["external_id"]: r for r in listings if r["kind"] == "achievement"}
    enterprises = {r["name"]: r for r in listings if r["kind"] == "enterprise"}
    ent_by_key = {r["external_id"]: r for r in enterprises.values()}

    lines: list[dict] = []
    for key, name, prefix, region, address, desc, contact in heldout.NEW_ENTERPRISES:
        rec = {
            "kind": "enterprise",
            "external_id": key,
            "name": name,
            "type": "enterprise",
            "short_name": "",
            "region": region,
            "credit_code": credit_code(key, prefix, region),
            "description": desc,
            "address": address,
            "website": "",
            "contact_name": contact[0],
            "contact_phone": contact[1],
            "contact_email": contact[2],
        }
        lines.append(rec)
        ent_by_key[key] = rec

    needs: list[dict] = []
    for n, need in enumerate(heldout.NEEDS, start=1):
        ent = ent_by_key[need["ent"]]
        rec = {
            "kind": "need",
            "external_id": f"hneed-{n:04d}",
            "title": need["title"],
            "description": need["description"],
            "keywords": need["keywords"],
            "technical_field": need["field"],
            "industry_chain": need["chain"],
        }
        if need["budget"]:
            rec["budget_min_cny"], rec["budget_max_cny"] = need["budget"]
        if need["deadline"]:
            rec["deadline"] = need["deadline"]
        rec["region"] = ent["region"]
        if need["mode"]:
            rec["cooperation_mode"] = need["mode"]
        if need["min_trl"]:
            rec["min_trl"] = need["min_trl"]
        rec["visibility"] = need["visibility"]
        rec["enterprise"] = ent["name"]
        rec["indicators"] = [{"name": i[0], "target": i[1], "unit": i[2]} for i in need["indicators"]]
        needs.append(rec)
        lines.append(rec)

    ranked = lexical_baseline.rank(list(achievements.values()), needs)
    judgements: list[tuple[str, str, int]] = []
    for rec, need in zip(needs, heldout.NEEDS, strict=True):
        nid = rec["external_id"]
        graded = {f"ach-{k:04d}": g for k, g in need["grades"].items()}
        for aid in graded:
            if aid not in achievements:
                raise SystemExit(f"{nid}: unknown achievement {aid}")
        top = need["chain"].split(".")[0]
        kw = {k.lower() for k in need["keywords"]}
        order = [aid for aid, _score in ranked[nid]]
        for aid, ach in achievements.items():
            chains = ach.get("industry_chains") or [ach["industry_chain"]]
            in_chain = any(c.split(".")[0] == top for c in chains)
            shared = kw & {k.lower() for k in ach["keywords"]}
            lexical = order.index(aid) < LEXICAL_POOL_DEPTH
            if (in_chain or shared or lexical) and aid not in graded:
                graded[aid] = 0
                if show_pool:
                    sys.stdout.write(
                        f"{nid} {rec['title'][:22]} | 0 <- {aid} r{order.index(aid) + 1} {ach['title'][:34]}\n"
                    )
        if show_pool:
            hand = {a: g for a, g in graded.items() if g}
            ranks = {a: order.index(a) + 1 for a in hand}
            sys.stdout.write(f"{nid} hand grades {hand} baseline ranks {ranks}\n")
        for aid, grade in graded.items():
            judgements.append((nid, aid, grade))

    with (OUT / "heldout_needs.jsonl").open("w", encoding="utf-8") as fh:
        for rec in lines:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with (OUT / "heldout_judgements.tsv").open("w", encoding="utf-8") as fh:
        fh.write("need_external_id\tachievement_external_id\tgrade\n")
        for nid, aid, grade in sorted(judgements):
            fh.write(f"{nid}\t{aid}\t{grade}\n")
    sys.stdout.write(
        f"{len(heldout.NEW_ENTERPRISES)} new enterprises, {len(needs)} needs, {len(judgements)} judgements\n"
    )


if __name__ == "__main__":
    main()
