"""English terms, synonyms and abbreviations for the concepts 0011 created with their Chinese term only
(glossary_variant_families_en.json, next to this file), so an English listing names its variant too (enoki
mushroom, rice blast, COD) and the glossary bridges it to Chinese needs like any other concept.

A concept gains only what it lacks: an English term when it has none, synonyms and abbreviations not already among
its forms; staff edits stay. Re-running changes nothing; unloading removes exactly what was added.
"""

import json
import re
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_name("glossary_variant_families_en.json")
_SEPARATORS = re.compile(r"[、,,;;\n]+")


def _split(value):
    return [part.strip() for part in _SEPARATORS.split(value or "") if part.strip()]


def _rows():
    return json.loads(DATA.read_text(encoding="utf-8"))


def load(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    rows = _rows()
    for term in GlossaryTerm.objects.filter(term_zh__in=list(rows)):
        row = rows[term.term_zh]
        known = {f.lower() for f in [term.term_zh, term.term_en, *_split(term.synonyms), *_split(term.abbreviations)]}
        changed = []
        if not term.term_en and row["term_en"].lower() not in known:
            term.term_en = row["term_en"]
            known.add(row["term_en"].lower())
            changed.append("term_en")
        synonyms = [s for s in row.get("synonyms") or [] if s.lower() not in known]
        if synonyms:
            term.synonyms = "、".join(_split(term.synonyms) + synonyms)
            known.update(s.lower() for s in synonyms)
            changed.append("synonyms")
        abbreviations = [a for a in row.get("abbreviations") or [] if a.lower() not in known]
        if abbreviations:
            term.abbreviations = ", ".join(_split(term.abbreviations) + abbreviations)
            changed.append("abbreviations")
        if changed:
            term.save(update_fields=[*changed, "updated_at"])


def unload(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    rows = _rows()
    for term in GlossaryTerm.objects.filter(term_zh__in=list(rows)):
        row = rows[term.term_zh]
        if term.term_en == row["term_en"]:
            term.term_en = ""
        added = set(row.get("synonyms") or [])
        term.synonyms = "、".join(s for s in _split(term.synonyms) if s not in added)
        added = set(row.get("abbreviations") or [])
        term.abbreviations = ", ".join(a for a in _split(term.abbreviations) if a not in added)
        term.save(update_fields=["term_en", "synonyms", "abbreviations", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0011_load_glossary_variant_families")]
    operations = [migrations.RunPython(load, unload)]
