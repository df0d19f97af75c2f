"""A small loader of the listing import format (docs/import-format.md) for benchmarks.

Deliberately minimal: it trusts its input (the evaluation set is validated by its own script) and reuses the
marketplace models the way tests/factories.py does. The real, validating importer is `manage.py import_listings`.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path


def _region(code):
    from taxonomy.models import Region

    return Region.objects.filter(code=code).first() if code else None


def _organisation(row, kind):
    from accounts.models import Organisation

    org, _ = Organisation.objects.get_or_create(
        name=row["name"],
        defaults={
            "kind": kind,
            "short_name": (row.get("short_name") or "")[:50],
            "status": Organisation.Status.APPROVED,
            "region": _region(row.get("region")),
            "external_id": row.get("external_id"),
            "description": row.get("description") or "",
        },
    )
    return org


def _institution_page(org):
    from marketplace.models import InstitutionIndexPage, InstitutionPage

    page = InstitutionPage.objects.filter(organisation=org).first()
    if page is None:
        page = InstitutionPage(title=org.name, organisation=org)
        InstitutionIndexPage.objects.get().add_child(instance=page)
        page.save_revision().publish()
    return page


# Real portfolios lack a TRL or a technical field now and then (evaluation/README.md, held-out split). Where the
# model allows an empty value (after the imports work), a missing TRL loads as empty and counts as neutral (×1.0);
# until then it loads as UNKNOWN_TRL, which a need asking for TRL ≥ 6 reads as short (re-measure once TRL may be
# empty). The evaluation's listings always state a technical field; UNKNOWN_FIELD only keeps a stray row loadable.
UNKNOWN_TRL = 5
UNKNOWN_FIELD = "urban"


def _trl(value):
    from marketplace.models import AchievementPage

    if value is None and not AchievementPage._meta.get_field("trl").null:
        return UNKNOWN_TRL
    return value


def _field(fields, code):
    if code in fields:
        return fields[code]
    return fields.get(UNKNOWN_FIELD)


def load_listings(path: Path, *, progress=None) -> dict[str, int]:
    from accounts.models import Organisation
    from marketplace.models import (
        AchievementIndicator,
        AchievementIPRecord,
        AchievementPage,
        NeedIndicator,
        TechnologyNeed,
    )
    from taxonomy.models import IndustryChainNode, IPType, TechnicalField, TransferMode

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = {"institution": 0, "enterprise": 0, "achievement": 0, "need": 0}
    fields = {f.code: f for f in TechnicalField.objects.all()}
    chains = {c.code: c for c in IndustryChainNode.objects.all()}
    ip_types = {t.code: t for t in IPType.objects.all()}
    modes = {m.code: m for m in TransferMode.objects.all()}
    pages = {}
    for row in rows:
        if row["kind"] == "institution":
            org = _organisation(row, row.get("type") or Organisation.Kind.RESEARCH_INSTITUTE)
            pages[org.name] = _institution_page(org)
            counts["institution"] += 1
        elif row["kind"] == "enterprise":
            _organisation(row, Organisation.Kind.ENTERPRISE)
            counts["enterprise"] += 1
    for row in rows:
        if row["kind"] != "achievement":
            continue
        parent = pages.get(row["institution"])
        if parent is None:
            org = _organisation({"name": row["institution"]}, Organisation.Kind.RESEARCH_INSTITUTE)
            parent = pages[org.name] = _institution_page(org)
        page = AchievementPage(
            title=row["title"][:255],
            external_id=row["external_id"],
            summary=row["summary"][:1000],
            description=row.get("description") or "",
            trl=_trl(row.get("trl")),
            technical_field=_field(fields, row.get("technical_field")),
            price_cny=Decimal(str(row["price_cny"])) if row.get("price_cny") else None,
            pricing=row.get("pricing") or AchievementPage.Pricing.NEGOTIABLE,
            public_notice_start=date.fromisoformat(row["public_notice_start"])
            if row.get("public_notice_start")
            else None,
        )
        if (page.pricing == "asking" and page.price_cny is None) or (
            page.pricing == "negotiated_notice" and page.public_notice_start is None
        ):
            page.pricing = AchievementPage.Pricing.NEGOTIABLE  # the evaluation only needs the text and codes
        parent.add_child(instance=page)
        if row.get("keywords"):
            page.keywords.add(*row["keywords"])
        codes = row.get("industry_chains") or ([row["industry_chain"]] if row.get("industry_chain") else [])
        page.industry_chains.set([chains[c] for c in codes if c in chains])
        page.transfer_modes.set([modes[m] for m in row.get("transfer_modes") or [] if m in modes])
        records = row.get("ip_records") or ([{"type": row["ip_type"]}] if row.get("ip_type") else [])
        for i, record in enumerate(records):
            if record.get("type") in ip_types:
                AchievementIPRecord.objects.create(
                    page=page, ip_type=ip_types[record["type"]], number=(record.get("number") or "")[:50], sort_order=i
                )
        for i, ind in enumerate(row.get("indicators") or []):
            AchievementIndicator.objects.create(
                page=page,
                name=ind["name"][:100],
                value=str(ind.get("value", ""))[:50],
                unit=(ind.get("unit") or "")[:30],
                compared_with=(ind.get("compared_with") or "")[:200],
                sort_order=i,
            )
        page.save_revision().publish()
        counts["achievement"] += 1
        if progress:
            progress(1)
    for row in rows:
        if row["kind"] != "need":
            continue
        enterprise = Organisation.objects.filter(name=row["enterprise"]).first() or _organisation(
            {"name": row["enterprise"]}, Organisation.Kind.ENTERPRISE
        )
        budget_max = row.get("budget_max_cny") or row.get("budget_cny")
        need = TechnologyNeed.objects.create(
            external_id=row["external_id"],
            enterprise=enterprise,
            title=row["title"][:200],
            problem=row["description"][:5000],
            keywords=",".join(row.get("keywords") or [])[:300],
            industry_chain=chains.get(row.get("industry_chain") or ""),
            technical_field=_field(fields, row.get("technical_field")),
            budget_min_cny=row.get("budget_min_cny"),
            budget_max_cny=budget_max,
            region=_region(row.get("region")),
            cooperation_mode=modes.get(row.get("cooperation_mode") or ""),
            min_trl=row.get("min_trl"),
            visibility=row.get("visibility") or TechnologyNeed.Visibility.PUBLIC,
            status=TechnologyNeed.Status.PUBLISHED,
        )
        for i, ind in enumerate(row.get("indicators") or []):
            NeedIndicator.objects.create(
                need=need,
                name=ind["name"][:100],
                target=str(ind.get("target", ""))[:50],
                unit=(ind.get("unit") or "")[:30],
                sort_order=i,
            )
        counts["need"] += 1
    return counts


def load_judgements(path: Path) -> dict[str, dict[str, int]]:
    judged: dict[str, dict[str, int]] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        parts = line.strip().split("\t")
        if len(parts) < 3 or (i == 0 and not parts[2].strip().isdigit()):
            continue
        judged.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return judged
