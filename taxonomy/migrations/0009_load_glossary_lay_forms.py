"""Adds the lay forms of the 16 chains' vocabulary (glossary_terms_lay_forms.json, next to this file): the words
buyers use for a symptom or a wish (漏水, 费电, 发黄, 生锈, 烂根, 仿冒, 掉线 …) as *lay forms* of the technical concept
that answers it (防渗漏, 节能, 耐候, 耐腐蚀, 根腐病, 防伪, 信号覆盖 …). They count as evidence when the matcher decides
whether to recommend a listing that names the concept; they do not expand search (docs/decline.md).

Written by category (symptoms across chains, then per chain), as general domain knowledge, not from held-out
needs. A concept that already exists (shipped or added by staff) keeps everything it has and only gains the lay
forms it lacks (a word it already has as a term or synonym is not repeated); a missing concept is created with
its Chinese term and lay forms only, so the search's expansion gains no new words. Re-running adds only what is
missing; unloading removes the created concepts and the lay forms added to existing ones.
"""

import json
import re
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_name("glossary_terms_lay_forms.json")
_SEPARATORS = re.compile(r"[、,,;;\n]+")


def _split(value):
    return [part.strip() for part in _SEPARATORS.split(value or "") if part.strip()]


def load(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    IndustryChainNode = apps.get_model("taxonomy", "IndustryChainNode")
    chains = dict(IndustryChainNode.objects.values_list("code", "pk"))
    existing = {term.term_zh: term for term in GlossaryTerm.objects.all()}
    created = []
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        term = existing.get(row["term_zh"])
        if term is None:
            created.append(
                GlossaryTerm(
                    term_zh=row["term_zh"],
                    lay_forms="、".join(row["lay_forms"]),
                    industry_chain_id=chains.get(row.get("industry_chain") or ""),
                )
            )
            continue
        have = _split(term.lay_forms)
        forms = [term.term_zh, term.term_en, *_split(term.synonyms), *_split(term.abbreviations), *have]
        known = {form.lower() for form in forms}
        missing = [form for form in row["lay_forms"] if form.lower() not in known]
        if missing:
            term.lay_forms = "、".join(have + missing)
            term.save(update_fields=["lay_forms", "updated_at"])
    GlossaryTerm.objects.bulk_create(created)


def unload(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    shipped = {
        row["term_zh"]
        for name in ("glossary_terms.json", "glossary_terms_dev_keywords.json")
        for row in json.loads(DATA.with_name(name).read_text(encoding="utf-8"))
    }
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        term = GlossaryTerm.objects.filter(term_zh=row["term_zh"]).first()
        if term is None:
            continue
        if row["term_zh"] not in shipped:
            term.delete()  # created by load()
            continue
        lay = set(row["lay_forms"])
        kept = [form for form in _split(term.lay_forms) if form not in lay]
        if kept != _split(term.lay_forms):
            term.lay_forms = "、".join(kept)
            term.save(update_fields=["lay_forms", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0008_glossaryterm_lay_forms")]
    operations = [migrations.RunPython(load, unload)]
