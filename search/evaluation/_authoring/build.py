"""Assemble the hand-written content into listings.jsonl and judgements.tsv.

Run: python search/evaluation/_authoring/build.py [--pool]   (--pool lists pooled pairs without an explicit grade)
The text is in orgs.py, ach_*.py and needs.py; this script only formats it, numbers the records and derives
credit codes and IP numbers (check digits) from each record's key.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import needs  # noqa: E402
import orgs  # noqa: E402

from common import ACHIEVEMENTS, credit_code, html, ip_records  # noqa: E402

# Content modules register their records on import; this order fixes the ach-NNNN numbering.
CONTENT_MODULES = [
    "ach_flu",
    "ach_gra_nem",
    "ach_metal",
    "ach_ict",
    "ach_agri",
    "ach_env",
    "ach_health",
    "ach_extra",
    "ach_hard",
]
for _name in CONTENT_MODULES:
    importlib.import_module(_name)

OUT = HERE.parent
VALID_DEFAULTS = ["2027-06-30", "2027-12-31", "2028-06-30", "2027-09-30", "2028-12-31", "2027-12-31"]


def main() -> None:
    show_pool = "--pool" in sys.argv
    lines: list[dict] = []
    inst_by_key: dict[str, tuple] = {}
    for key, name, typ, short, region, code_region, address, website, desc, contacts in orgs.INSTITUTIONS:
        inst_by_key[key] = (name, contacts)
        c = contacts[0]
        lines.append(
            {
                "kind": "institution",
                "external_id": key,
                "name": name,
                "type": typ,
                "short_name": short,
                "region": region,
                "credit_code": credit_code(key, "public", code_region),
                "description": desc,
                "address": address,
                "website": website,
                "contact_name": c[0],
                "contact_phone": c[1],
                "contact_email": c[2],
            }
        )
    ent_by_key: dict[str, tuple] = {}
    for key, name, region, address, desc, contact in orgs.ENTERPRISES:
        ent_by_key[key] = (name, region)
        lines.append(
            {
                "kind": "enterprise",
                "external_id": key,
                "name": name,
                "type": "enterprise",
                "short_name": re.sub(r"^(福建|三明)(省)?|(科技|技术)?有限公司$", "", name),
                "region": region,
                "credit_code": credit_code(key, "enterprise", region),
                "description": desc,
                "address": address,
                "website": "",
                "contact_name": contact[0],
                "contact_phone": contact[1],
                "contact_email": contact[2],
            }
        )

    ach_id: dict[str, str] = {}
    ach_by_key: dict[str, dict] = {}
    for n, a in enumerate(ACHIEVEMENTS, start=1):
        if a["key"] in ach_id:
            raise SystemExit(f"duplicate achievement key {a['key']}")
        ach_id[a["key"]] = f"ach-{n:04d}"
        ach_by_key[a["key"]] = a
        inst_name, contacts = inst_by_key[a["inst"]]
        contact = contacts[a["contact"] % len(contacts)]
        records = ip_records(a["key"], inst_name, a["ip"])
        price = a["price"]
        pricing, price_cny, notice = "negotiable", None, None
        if isinstance(price, int):
            pricing, price_cny = "asking", price
        elif isinstance(price, tuple) and price[0] == "notice":
            pricing, price_cny, notice = "negotiated_notice", price[1], price[2]
        elif isinstance(price, tuple) and price[0] == "auction":
            pricing, price_cny = "auction", price[1]
        record = {
            "kind": "achievement",
            "external_id": ach_id[a["key"]],
            "title": a["title"],
            "summary": a["summary"],
            "description": html(a["description"]),
            "keywords": a["keywords"],
            "technical_field": a["field"],
            "trl": a["trl"],
            "ip_type": records[0]["type"] if records else "none",
            "ip_records": records,
            "transfer_modes": a["modes"],
            "pricing": pricing,
            "price_cny": price_cny,
            "institution": inst_name,
            "indicators": [
                {"name": i[0], "value": i[1], "unit": i[2], "compared_with": i[3] if len(i) > 3 else ""}
                for i in a["indicators"]
            ],
            "contact_name": contact[0],
            "contact_phone": contact[1],
            "contact_email": contact[2],
            "valid_until": a["valid"] or VALID_DEFAULTS[n % len(VALID_DEFAULTS)],
        }
        # Both spellings of the chain field are allowed by the format; exercise both.
        if len(a["chains"]) == 1:
            record["industry_chain"] = a["chains"][0]
        else:
            record["industry_chains"] = a["chains"]
        if notice:
            record["public_notice_start"] = notice
        lines.append(record)

    judgements: list[tuple[str, str, int]] = []
    for n, need in enumerate(needs.NEEDS, start=1):
        nid = f"need-{n:04d}"
        ent_name, ent_region = ent_by_key[need["ent"]]
        lo, hi = need["budget"]
        record = {
            "kind": "need",
            "external_id": nid,
            "title": need["title"],
            "description": need["description"],
            "keywords": need["keywords"],
            "technical_field": need["field"],
            "industry_chain": need["chain"],
            "budget_min_cny": lo,
            "budget_max_cny": hi,
            "deadline": need["deadline"],
            "region": ent_region,
            "cooperation_mode": need["mode"],
            "min_trl": need["min_trl"],
            "visibility": need["visibility"],
            "enterprise": ent_name,
            "indicators": [{"name": i[0], "target": i[1], "unit": i[2]} for i in need["indicators"]],
        }
        lines.append(record)
        graded = dict(need["judgements"])
        for key in graded:
            if key not in ach_id:
                raise SystemExit(f"{need['key']}: unknown achievement key {key}")
        # Pool: same top-level chain or a shared keyword. Anything in the pool that the need's author did not
        # grade explicitly was reviewed (see --pool) and judged not relevant.
        chain_top = need["chain"].split(".")[0]
        need_kw = {k.lower() for k in need["keywords"]}
        for key, a in ach_by_key.items():
            in_chain = any(c.split(".")[0] == chain_top for c in a["chains"])
            shared = need_kw & {k.lower() for k in a["keywords"]}
            if (in_chain or shared) and key not in graded:
                graded[key] = 0
                if show_pool:
                    sys.stdout.write(f"{nid} {need['title'][:24]} | 0 <- {key} {a['title'][:30]} {sorted(shared)}\n")
        for key, grade in graded.items():
            judgements.append((nid, ach_id[key], grade))

    with (OUT / "listings.jsonl").open("w", encoding="utf-8") as fh:
        for rec in lines:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with (OUT / "judgements.tsv").open("w", encoding="utf-8") as fh:
        fh.write("need_external_id\tachievement_external_id\tgrade\n")
        for nid, aid, grade in sorted(judgements):
            fh.write(f"{nid}\t{aid}\t{grade}\n")
    sys.stdout.write(
        f"{len(orgs.INSTITUTIONS)} institutions, {len(orgs.ENTERPRISES)} enterprises, "
        f"{len(ACHIEVEMENTS)} achievements, {len(needs.NEEDS)} needs, {len(judgements)} judgements\n"
    )


if __name__ == "__main__":
    main()
