"""Check the evaluation set (listings.jsonl + judgements.tsv) against the import format and taxonomy.

Also checks the held-out split (heldout_needs.jsonl + heldout_judgements.tsv): needs written by enterprises
that refer to the dev file's enterprises and achievements (plus a few enterprises of their own).
Runs without Django: taxonomy/data.py is imported by path.  Usage:
    python evaluation/validate.py [listings.jsonl] [judgements.tsv] [heldout_needs.jsonl] [heldout_judgements.tsv]
Exit status 0 when every check passes; otherwise each problem is printed with its line number.
"""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_TYPES = {"cas_institute", "university", "research_institute", "new_rd_institution"}
PRICINGS = {"negotiable", "asking", "auction", "negotiated_notice"}
VISIBILITIES = {"public", "bureau_only"}
IP_STATUSES = {"pending", "granted", "expired", "na"}
# Same pattern as common/text.py's validate_no_html: plain-text fields must not look like HTML tags.
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
PATENT = re.compile(r"^(ZL)?20\d{2}[12]\d{7}\.[\dX]$")
SOFTWARE = re.compile(r"^20\d{2}SR\d{7}$")
VARIETY = re.compile(r"^CNA20\d{2}\d{5}\.\d$")
# Model field lengths in marketplace/models.py that the import will enforce.
INDICATOR_LIMITS = {"name": 100, "value": 50, "target": 50, "unit": 30, "compared_with": 200}


def load_taxonomy():
    spec = importlib.util.spec_from_file_location("taxonomy_data", ROOT / "taxonomy" / "data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    chains = set()
    chain_names = {}
    for code, name, _en, segments in module.INDUSTRY_CHAINS:
        chains.add(code)
        chain_names[code] = name
        for seg, _n, _e, techs in segments:
            chains.add(f"{code}.{seg}")
            for tech, _n2, _e2 in techs:
                chains.add(f"{code}.{seg}.{tech}")
    return {
        "fields": {c for c, _n, _e in module.TECHNICAL_FIELDS},
        "ip_types": {c for c, _n, _e in module.IP_TYPES},
        "modes": {c for c, _n, _e in module.TRANSFER_MODES},
        "chains": chains,
        "chain_names": chain_names,
        "regions": {c for c, _n in module.PROVINCES + module.CITIES + module.COUNTIES},
    }


def credit_code_ok(code: str) -> bool:
    if len(code) != 18 or any(c not in CREDIT_ALPHABET for c in code):
        return False
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(code[:17], CREDIT_WEIGHTS, strict=True))
    return code[17] == CREDIT_ALPHABET[(31 - total % 31) % 31]


def is_date(value) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


class Checker:
    def __init__(self, tax):
        self.tax = tax
        self.errors: list[str] = []
        self.source = ""  # file-name prefix for line numbers once a second file is being read

    def err(self, line: int, msg: str) -> None:
        self.errors.append(f"{self.source}line {line}: {msg}")

    def need(self, line: int, rec: dict, keys: list[str]) -> bool:
        missing = [k for k in keys if rec.get(k) in (None, "", [])]
        if missing:
            self.err(line, f"{rec.get('external_id')}: missing {missing}")
        return not missing

    def indicators(self, line: int, rec: dict, value_key: str) -> None:
        for ind in rec.get("indicators") or []:
            if not ind.get("name") or not ind.get(value_key):
                self.err(line, f"{rec['external_id']}: indicator without name/{value_key}: {ind}")
            if any(TAG.search(str(v)) for v in ind.values()):
                self.err(line, f"{rec['external_id']}: indicator must be plain text: {ind}")
            for key, limit in INDICATOR_LIMITS.items():
                if len(str(ind.get(key) or "")) > limit:
                    self.err(line, f"{rec['external_id']}: indicator {key} longer than {limit}: {ind.get(key)}")

    def organisation(self, line: int, rec: dict, enterprise: bool) -> None:
        self.need(line, rec, ["external_id", "name", "region", "credit_code", "description", "address"])
        if not enterprise and rec.get("type") not in ORG_TYPES:
            self.err(line, f"{rec['external_id']}: institution type {rec.get('type')!r}")
        if enterprise and rec.get("type", "enterprise") != "enterprise":
            self.err(line, f"{rec['external_id']}: enterprise type {rec.get('type')!r}")
        if rec.get("region") not in self.tax["regions"]:
            self.err(line, f"{rec['external_id']}: unknown region {rec.get('region')}")
        code = rec.get("credit_code", "")
        if not credit_code_ok(code):
            self.err(line, f"{rec['external_id']}: credit code {code} fails the check character")
        # 91 company; 93 farmers' specialised co-operative (the held-out split has two co-ops as need owners).
        prefixes = ("91", "93") if enterprise else ("12", "52")
        if not code.startswith(prefixes):
            self.err(line, f"{rec['external_id']}: credit code {code} should start with {prefixes}")
        if rec.get("contact_email") and not EMAIL.match(rec["contact_email"]):
            self.err(line, f"{rec['external_id']}: contact_email {rec['contact_email']}")

    def achievement(self, line: int, rec: dict, institutions: set[str], *, gaps: bool = False) -> None:
        """``gaps``: a held-out listing as real portfolios send them (TRL and chain may be missing, never wrong)."""
        tax = self.tax
        eid = rec.get("external_id")
        self.need(
            line,
            rec,
            ["external_id", "title", "summary", "description", "keywords", "technical_field", "ip_type"]
            + ([] if gaps else ["trl"]),
        )
        self.need(line, rec, ["transfer_modes", "institution", "contact_name", "contact_phone", "valid_until"])
        if len(rec.get("summary", "")) > 1000:
            self.err(line, f"{eid}: summary longer than 1000 characters")
        for key in ("title", "summary", "contact_name", "contact_phone"):
            if TAG.search(str(rec.get(key) or "")):
                self.err(line, f"{eid}: {key} must be plain text")
        if not 3 <= len(rec.get("keywords") or []) <= 6:
            self.err(line, f"{eid}: expected 3–6 keywords")
        if rec.get("technical_field") not in tax["fields"]:
            self.err(line, f"{eid}: unknown technical_field {rec.get('technical_field')}")
        chains = rec.get("industry_chains") or ([rec["industry_chain"]] if rec.get("industry_chain") else [])
        if not chains and not gaps:
            self.err(line, f"{eid}: no industry chain")
        for code in chains:
            if code not in tax["chains"]:
                self.err(line, f"{eid}: unknown industry chain {code}")
        if (rec.get("trl") is not None or not gaps) and (
            not isinstance(rec.get("trl"), int) or not 1 <= rec["trl"] <= 9
        ):
            self.err(line, f"{eid}: trl {rec.get('trl')!r}")
        if rec.get("ip_type") not in tax["ip_types"]:
            self.err(line, f"{eid}: ip_type {rec.get('ip_type')}")
        for mode in rec.get("transfer_modes") or []:
            if mode not in tax["modes"]:
                self.err(line, f"{eid}: transfer mode {mode}")
        pricing = rec.get("pricing", "negotiable")
        price = rec.get("price_cny")
        if pricing not in PRICINGS:
            self.err(line, f"{eid}: pricing {pricing}")
        if price is not None and (not isinstance(price, int | float) or price <= 0):
            self.err(line, f"{eid}: price_cny {price!r}")
        if pricing in ("asking", "auction", "negotiated_notice") and price is None:
            self.err(line, f"{eid}: pricing {pricing} needs price_cny")
        if pricing == "negotiated_notice" and not is_date(rec.get("public_notice_start")):
            self.err(line, f"{eid}: negotiated_notice needs public_notice_start")
        if rec.get("institution") not in institutions:
            self.err(line, f"{eid}: institution {rec.get('institution')!r} not defined earlier in the file")
        if not is_date(rec.get("valid_until")):
            self.err(line, f"{eid}: valid_until {rec.get('valid_until')!r}")
        if rec.get("contact_email") and not EMAIL.match(rec["contact_email"]):
            self.err(line, f"{eid}: contact_email {rec['contact_email']}")
        records = rec.get("ip_records") or []
        if rec.get("ip_type") != "none" and not records:
            self.err(line, f"{eid}: ip_type {rec.get('ip_type')} without ip_records")
        for ip in records:
            kind, number, status = ip.get("type"), ip.get("number", ""), ip.get("status", "granted")
            if kind not in tax["ip_types"] or status not in IP_STATUSES:
                self.err(line, f"{eid}: ip record {ip}")
            pattern = {"invention": PATENT, "utility": PATENT, "software": SOFTWARE, "plant_variety": VARIETY}.get(kind)
            if pattern and not pattern.match(number):
                self.err(line, f"{eid}: {kind} number {number!r} has an unexpected format")
            if kind in ("invention", "utility") and status == "granted" and not number.startswith("ZL"):
                self.err(line, f"{eid}: granted patent {number} should carry the ZL prefix")
            if kind == "secret" and number:
                self.err(line, f"{eid}: a technical secret has no number")
            for key in ("granted_on", "expires_on"):
                if ip.get(key) is not None and not is_date(ip[key]):
                    self.err(line, f"{eid}: ip {key} {ip[key]!r}")
        if rec.get("ip_type") not in (None, "none") and records and records[0].get("type") != rec.get("ip_type"):
            self.err(line, f"{eid}: ip_type differs from the first ip record")
        self.indicators(line, rec, "value")

    def content_rules(self, achievements: dict[str, dict], needs: dict[str, dict]) -> None:
        """The evaluation set's own authoring rules, stricter than the import format."""
        for eid, rec in achievements.items():
            if not 60 <= len(rec["summary"]) <= 200:
                self.errors.append(f"{eid}: summary has {len(rec['summary'])} characters, expected 60–200")
            if not 2 <= len(rec.get("indicators") or []) <= 4:
                self.errors.append(f"{eid}: expected 2–4 indicators")
            if not 1 <= len(rec.get("ip_records") or []) <= 3:
                self.errors.append(f"{eid}: expected 1–3 ip records")
            if rec["description"].count("<p>") < 2:
                self.errors.append(f"{eid}: description should have at least two paragraphs")
        for eid, rec in needs.items():
            if not 100 <= len(rec["description"]) <= 300:
                self.errors.append(f"{eid}: description has {len(rec['description'])} characters, expected 100–300")
            if not 1 <= len(rec.get("indicators") or []) <= 3:
                self.errors.append(f"{eid}: expected 1–3 indicators")
            if rec.get("budget_min_cny") is None or rec.get("budget_max_cny") is None:
                self.errors.append(f"{eid}: expected a budget range")
            if not str(rec.get("deadline", "")).startswith("2027"):
                self.errors.append(f"{eid}: deadline should fall in 2027")

    def need_record(self, line: int, rec: dict, enterprises: set[str]) -> None:
        tax = self.tax
        eid = rec.get("external_id")
        self.need(line, rec, ["external_id", "title", "description", "technical_field", "enterprise", "keywords"])
        if TAG.search(rec.get("title", "") + rec.get("description", "")):
            self.err(line, f"{eid}: title and description must be plain text")
        if len(rec.get("title", "")) > 200 or len(rec.get("description", "")) > 5000:
            self.err(line, f"{eid}: title or description too long")
        if rec.get("technical_field") not in tax["fields"]:
            self.err(line, f"{eid}: unknown technical_field {rec.get('technical_field')}")
        if rec.get("industry_chain") and rec["industry_chain"] not in tax["chains"]:
            self.err(line, f"{eid}: unknown industry chain {rec['industry_chain']}")
        lo = rec.get("budget_min_cny")
        hi = rec.get("budget_max_cny", rec.get("budget_cny"))
        if lo is not None and hi is not None and lo > hi:
            self.err(line, f"{eid}: budget_min_cny > budget_max_cny")
        if rec.get("deadline") and not is_date(rec["deadline"]):
            self.err(line, f"{eid}: deadline {rec['deadline']!r}")
        if rec.get("region") and rec["region"] not in tax["regions"]:
            self.err(line, f"{eid}: unknown region {rec['region']}")
        if rec.get("cooperation_mode") and rec["cooperation_mode"] not in tax["modes"]:
            self.err(line, f"{eid}: cooperation_mode {rec['cooperation_mode']}")
        if rec.get("min_trl") is not None and not 1 <= rec["min_trl"] <= 9:
            self.err(line, f"{eid}: min_trl {rec['min_trl']}")
        if rec.get("visibility", "public") not in VISIBILITIES:
            self.err(line, f"{eid}: visibility {rec.get('visibility')}")
        if rec.get("enterprise") not in enterprises:
            self.err(line, f"{eid}: enterprise {rec.get('enterprise')!r} not defined earlier in the file")
        self.indicators(line, rec, "target")


def read_judgements(path: Path, needs: dict, achievements: dict, check: Checker):
    """Grades per need from a judgements file; every problem goes to check.errors, prefixed with the file name."""
    grades = collections.Counter()
    per_need: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    pairs: dict[tuple[str, str], str] = {}
    name = path.name
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "need_external_id\tachievement_external_id\tgrade":
        check.errors.append(f"{name}: header must be need_external_id<TAB>achievement_external_id<TAB>grade")
    for n, raw in enumerate(lines[1:], start=2):
        parts = raw.split("\t")
        if len(parts) != 3:
            check.errors.append(f"{name} line {n}: expected 3 columns")
            continue
        nid, aid, grade = parts
        if nid not in needs:
            check.errors.append(f"{name} line {n}: unknown need {nid}")
        if aid not in achievements:
            check.errors.append(f"{name} line {n}: unknown achievement {aid}")
        if grade not in ("0", "1", "2"):
            check.errors.append(f"{name} line {n}: grade {grade!r}")
            continue
        if (nid, aid) in pairs:
            check.errors.append(f"{name} line {n}: duplicate pair {nid} {aid}")
        pairs[(nid, aid)] = grade
        grades[grade] += 1
        per_need[nid][grade] += 1
    return grades, per_need, pairs


def check_heldout(
    path: Path,
    judgements_path: Path,
    check: Checker,
    ids: set[str],
    enterprises: set[str],
    achievements: dict[str, dict],
) -> None:
    """The held-out split: its own achievements (a fifth of the pool in English, some without TRL or chain), the
    gaps it applies to the dev achievements, and needs judged against both."""
    out = sys.stdout.write
    enterprises = set(enterprises)
    achievements = dict(achievements)
    listings_path = path.with_name("heldout_listings.jsonl")
    institutions = {a.get("institution") for a in achievements.values()}
    own = {}
    if listings_path.exists():
        check.source = f"{listings_path.name} "
        for n, raw in enumerate(listings_path.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            rec = json.loads(raw)
            eid = rec.get("external_id")
            if rec.get("kind") != "achievement" or not str(eid).startswith("hach-"):
                check.err(n, f"{eid}: held-out listings are achievements with ids hach-…")
                continue
            if eid in ids:
                check.err(n, f"external_id {eid} repeats another")
            ids.add(eid)
            check.achievement(n, rec, institutions, gaps=True)
            if not 60 <= len(rec.get("summary", "")) <= 400:
                check.errors.append(f"{eid}: summary has {len(rec.get('summary', ''))} characters, expected 60–400")
            own[eid] = rec
        achievements.update(own)
    gaps_path = path.with_name("heldout_listing_gaps.tsv")
    gap_counts = collections.Counter()
    if gaps_path.exists():
        for n, raw in enumerate(gaps_path.read_text(encoding="utf-8").splitlines()[1:], start=2):
            parts = raw.split("\t")
            if len(parts) != 2 or parts[0] not in achievements or parts[0].startswith("hach-"):
                check.errors.append(f"{gaps_path.name} line {n}: expected a dev achievement id and what it lacks")
                continue
            for what in parts[1].split(","):
                if what not in ("chains", "trl"):
                    check.errors.append(f"{gaps_path.name} line {n}: unknown gap {what!r} (chains, trl)")
                gap_counts[what] += 1
    needs: dict[str, dict] = {}
    kinds = collections.Counter()
    check.source = f"{path.name} "
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            check.err(n, f"invalid JSON: {exc}")
            continue
        kind, eid = rec.get("kind"), rec.get("external_id")
        kinds[kind] += 1
        if eid in ids:
            check.err(n, f"external_id {eid} repeats one in the dev split or this file")
        ids.add(eid)
        if kind == "enterprise":
            check.organisation(n, rec, enterprise=True)
            enterprises.add(rec.get("name"))
        elif kind == "need":
            if not str(eid).startswith("hneed-"):
                check.err(n, f"held-out need id {eid} should start with hneed-")
            check.need_record(n, rec, enterprises)
            needs[eid] = rec
            # Enterprise wording: lengths vary from two sentences to a long brief; targets are optional.
            if not 30 <= len(rec.get("description", "")) <= 800:
                check.errors.append(
                    f"{eid}: description has {len(rec.get('description', ''))} characters, expected 30–800"
                )
            if len(rec.get("indicators") or []) > 3:
                check.errors.append(f"{eid}: expected at most 3 indicators")
            if rec.get("deadline") and not str(rec["deadline"]).startswith("2027"):
                check.errors.append(f"{eid}: deadline should fall in 2027")
        else:
            check.err(n, f"unknown or misplaced kind {kind!r} (held-out files hold enterprises and needs)")
    grades, per_need, pairs = read_judgements(judgements_path, needs, achievements, check)
    for nid in needs:
        if not per_need.get(nid):
            check.errors.append(f"{judgements_path.name}: need {nid} has no judgements")
    no_match = [nid for nid in needs if not per_need[nid]["2"] and not per_need[nid]["1"]]
    # Cross-chain: no grade-2 (or, failing that, grade-1) achievement shares the top-level chain the need names.
    cross = []
    for nid, rec in needs.items():
        if not rec.get("industry_chain"):
            continue  # a lay need without a code names no chain to lie outside of
        top = str(rec.get("industry_chain")).split(".")[0]
        best = "2" if per_need[nid]["2"] else "1"
        relevant = [a for (nn, a), g in pairs.items() if nn == nid and g == best]
        if relevant and not any(
            str(c).split(".")[0] == top
            for a in relevant
            for c in achievements[a].get("industry_chains") or [achievements[a].get("industry_chain")]
        ):
            cross.append(nid)
    out(f"\nheld-out split ({path.name}): {dict(kinds)}\n")
    english = sum(1 for a in own.values() if a.get("language") == "en")
    out(
        f"held-out pool: {len(achievements)} achievements, {len(own)} of them held-out only ({english} in English, "
        f"{sum(1 for a in own.values() if not a.get('industry_chains'))} without chain, "
        f"{sum(1 for a in own.values() if a.get('trl') is None)} without TRL); dev achievements loaded with gaps: "
        f"{dict(gap_counts)}\n"
    )
    out(f"held-out needs without a chain code: {sum(1 for r in needs.values() if not r.get('industry_chain'))}\n")
    out(f"held-out judgements: {sum(grades.values())} pairs, grades {dict(sorted(grades.items()))}\n")
    several = [nid for nid in needs if per_need[nid]["2"] >= 2]
    single = [nid for nid in needs if per_need[nid]["2"] == 1]
    only_partial = [nid for nid in needs if not per_need[nid]["2"] and per_need[nid]["1"]]
    out(f"held-out needs with several grade-2 matches: {len(several)}; exactly one: {len(single)}; ")
    out(f"only grade-1: {len(only_partial)}; no grade-1/2 match: {len(no_match)} {no_match}\n")
    out(f"held-out needs whose best answers lie outside the chain they name: {len(cross)} {cross}\n")


def main(argv: list[str]) -> int:
    listings = Path(argv[1]) if len(argv) > 1 else HERE / "listings.jsonl"
    judgements_path = Path(argv[2]) if len(argv) > 2 else HERE / "judgements.tsv"
    heldout_path = Path(argv[3]) if len(argv) > 3 else HERE / "heldout_needs.jsonl"
    heldout_judgements = Path(argv[4]) if len(argv) > 4 else HERE / "heldout_judgements.tsv"
    tax = load_taxonomy()
    check = Checker(tax)
    out = sys.stdout.write

    ids: set[str] = set()
    institutions: set[str] = set()
    enterprises: set[str] = set()
    kinds = collections.Counter()
    ach_by_chain = collections.Counter()
    need_by_chain = collections.Counter()
    achievements: dict[str, dict] = {}
    needs: dict[str, dict] = {}
    titles = collections.Counter()
    summaries: set[str] = set()
    for n, raw in enumerate(listings.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            check.err(n, f"invalid JSON: {exc}")
            continue
        kind = rec.get("kind")
        kinds[kind] += 1
        eid = rec.get("external_id")
        if eid in ids:
            check.err(n, f"duplicate external_id {eid}")
        ids.add(eid)
        if kind == "institution":
            check.organisation(n, rec, enterprise=False)
            institutions.add(rec.get("name"))
        elif kind == "enterprise":
            check.organisation(n, rec, enterprise=True)
            enterprises.add(rec.get("name"))
        elif kind == "achievement":
            if not str(eid).startswith("ach-"):
                check.err(n, f"achievement id {eid} should start with ach-")
            check.achievement(n, rec, institutions)
            achievements[eid] = rec
            titles[rec.get("title")] += 1
            if rec.get("summary") in summaries:
                check.err(n, f"{eid}: summary repeats another achievement's")
            summaries.add(rec.get("summary"))
            chains = rec.get("industry_chains") or [rec.get("industry_chain")]
            for top in sorted({str(c).split(".")[0] for c in chains}):
                ach_by_chain[top] += 1
        elif kind == "need":
            if not str(eid).startswith("need-"):
                check.err(n, f"need id {eid} should start with need-")
            check.need_record(n, rec, enterprises)
            needs[eid] = rec
            need_by_chain[str(rec.get("industry_chain")).split(".")[0]] += 1
        else:
            check.err(n, f"unknown kind {kind!r}")
    check.content_rules(achievements, needs)
    for title, count in titles.items():
        if count > 1:
            check.errors.append(f"achievement title used {count} times: {title}")

    grades, per_need, _pairs = read_judgements(judgements_path, needs, achievements, check)
    for nid in needs:
        if not per_need.get(nid):
            check.errors.append(f"judgements: need {nid} has no judgements")

    today = dt.date(2026, 11, 29)
    expired = sum(1 for a in achievements.values() if dt.date.fromisoformat(a["valid_until"]) < today)
    no_match = [nid for nid in needs if not per_need[nid]["2"] and not per_need[nid]["1"]]
    single = [nid for nid in needs if per_need[nid]["2"] == 1]
    several = [nid for nid in needs if per_need[nid]["2"] >= 2]

    out(f"records: {dict(kinds)}\n")
    out("achievements per chain (an achievement counts once in each chain it names):\n")
    for code in [c for c in tax["chain_names"]]:
        out(f"  {code} {tax['chain_names'][code]}: {ach_by_chain.get(code, 0)} achievements, ")
        out(f"{need_by_chain.get(code, 0)} needs\n")
    out(f"judgements: {sum(grades.values())} pairs, grades {dict(sorted(grades.items()))}\n")
    out(f"needs with several grade-2 matches: {len(several)}; exactly one: {len(single)}; ")
    out(f"no grade-1/2 match: {len(no_match)} {no_match}\n")
    out(f"achievements already expired on {today}: {expired}\n")
    pricing = collections.Counter(a.get("pricing", "negotiable") for a in achievements.values())
    out(f"pricing: {dict(pricing)}\n")
    visibility = collections.Counter(nd.get("visibility", "public") for nd in needs.values())
    out(f"need visibility: {dict(visibility)}\n")
    if heldout_path.exists() or heldout_judgements.exists():
        check_heldout(heldout_path, heldout_judgements, check, ids, enterprises, achievements)
    if check.errors:
        out(f"\n{len(check.errors)} problem(s):\n")
        for e in check.errors:
            out(f"  {e}\n")
        return 1
    out("OK\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
