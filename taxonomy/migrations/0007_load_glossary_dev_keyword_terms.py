"""Adds English (and colloquial) forms for the domain keywords of the evaluation's dev achievements that the first
glossary did not cover (glossary_terms_dev_keywords.json, next to this file), so English listings and lay needs
meet Chinese ones on more of the 16 chains' vocabulary.

Same rules as 0004: terms whose Chinese form already exists (shipped or edited by staff) are left alone, and
re-running adds only what is missing.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_name("glossary_terms_dev_keywords.json")


def load(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    IndustryChainNode = apps.get_model("taxonomy", "IndustryChainNode")
    chains = dict(IndustryChainNode.objects.values_list("code", "pk"))
    existing = set(GlossaryTerm.objects.values_list("term_zh", flat=True))
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    GlossaryTerm.objects.bulk_create(
        [
            GlossaryTerm(
                term_zh=row["term_zh"],
                term_en=row.get("term_en") or "",
                synonyms="、".join(row.get("synonyms") or []),
                abbreviations=", ".join(row.get("abbreviations") or []),
                industry_chain_id=chains.get(row.get("industry_chain") or ""),
            )
            for row in rows
            if row["term_zh"] not in existing
        ]
    )


def unload(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    GlossaryTerm.objects.filter(term_zh__in=[row["term_zh"] for row in rows]).delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0006_entity_type_english_names")]
    operations = [migrations.RunPython(load, unload)]
