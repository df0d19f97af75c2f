"""Ships the glossary's variant families (glossary_variant_families.json, next to this file): objects of one kind
that exclude each other — mushroom species, crops, pests, crop and animal diseases, pathogens, pollutants, waste
streams, products and parts, organs and samples, analytes, herbs — so a listing about one is not recommended for a
need about another (docs/decline.md, "Variant families").

Written by chain and kind as general domain knowledge by an author who had not seen the held-out evaluation needs
or their description; families of means (materials, processes, methods, device types), which buyers often accept
in place of each other, were then taken out (docs/decline.md says how). An existing concept keeps a family staff
gave it; one without gains the shipped family; a member that is no concept yet is created with its Chinese term
only (so search gains no new words, as for the lay forms). Re-running changes nothing; unloading removes the
created concepts and the families it set.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_name("glossary_variant_families.json")
EARLIER = ("glossary_terms.json", "glossary_terms_dev_keywords.json", "glossary_terms_lay_forms.json")


def _families():
    return json.loads(DATA.read_text(encoding="utf-8"))


def load(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    IndustryChainNode = apps.get_model("taxonomy", "IndustryChainNode")
    chains = dict(IndustryChainNode.objects.values_list("code", "pk"))
    existing = {term.term_zh: term for term in GlossaryTerm.objects.all()}
    created = []
    for family in _families():
        for member in family["members"]:
            term = existing.get(member)
            if term is None:
                term = GlossaryTerm(
                    term_zh=member,
                    variant_family=family["family"],
                    industry_chain_id=chains.get(family.get("industry_chain") or ""),
                )
                existing[member] = term
                created.append(term)
            elif not term.variant_family:
                term.variant_family = family["family"]
                term.save(update_fields=["variant_family", "updated_at"])
    GlossaryTerm.objects.bulk_create(created)


def unload(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    earlier = {
        row["term_zh"]
        for name in EARLIER
        for row in json.loads(DATA.with_name(name).read_text(encoding="utf-8"))
    }
    for family in _families():
        for member in family["members"]:
            term = GlossaryTerm.objects.filter(term_zh=member).first()
            if term is None or term.variant_family != family["family"]:
                continue
            if member in earlier:
                term.variant_family = ""
                term.save(update_fields=["variant_family", "updated_at"])
            else:
                term.delete()  # created by load()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0010_glossaryterm_variant_family")]
    operations = [migrations.RunPython(load, unload)]
