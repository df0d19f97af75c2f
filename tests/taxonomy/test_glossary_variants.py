"""Variant families in the glossary (同类组): when a need's headline names one variant of a kind and an offer's
headline another, neither text names the other's and the headlines share no other family member, the offer is about
a sibling of what is asked."""

import json
from pathlib import Path

from taxonomy.glossary import Glossary, concept_from_row

ROWS = [
    {"term_zh": "氟橡胶", "term_en": "fluoroelastomer", "abbreviations": ["FKM"], "variant_family": "橡胶品种"},
    {"term_zh": "全氟醚橡胶", "term_en": "perfluoroelastomer", "abbreviations": ["FFKM"], "variant_family": "橡胶品种"},
    {"term_zh": "硅橡胶", "term_en": "silicone rubber", "variant_family": "橡胶品种"},
    {"term_zh": "香菇", "term_en": "shiitake", "variant_family": "食用菌"},
    {"term_zh": "金针菇", "term_en": "enoki", "variant_family": "食用菌"},
    {"term_zh": "O形圈", "term_en": "O-ring"},
    {"term_zh": "杂菌污染", "term_en": "contamination"},
    {"term_zh": "灰霉病", "term_en": "grey mould", "variant_family": "病害"},
    {"term_zh": "霜霉病", "term_en": "downy mildew", "variant_family": "病害"},
]


def _glossary(rows=ROWS):
    return Glossary([concept_from_row(i, row) for i, row in enumerate(rows)])


def _clashes(need_head, offer_head, need_text="", offer_text=""):
    g = _glossary()
    return g.other_variants(g.mentions(need_head), offer_head, f"{need_head} {need_text}", f"{offer_head} {offer_text}")


def test_a_sibling_variant_in_the_offers_headline_clashes():
    [clash] = _clashes("全氟醚橡胶密封件国产化", "耐低温氟橡胶配方", "半导体刻蚀机用", "用于化工泵阀")
    assert (clash.family, clash.wanted.zh, clash.wanted_form, clash.offered.zh, clash.offered_form) == (
        "橡胶品种",
        "全氟醚橡胶",
        "全氟醚橡胶",
        "氟橡胶",
        "氟橡胶",
    )


def test_the_clash_holds_across_languages_and_names_the_forms_used():
    [clash] = _clashes("FFKM seals for etch tools", "耐低温氟橡胶配方")
    assert (clash.wanted_form, clash.offered_form) == ("FFKM", "氟橡胶")
    [clash] = _clashes("香菇出菇不齐", "Enoki bottle cultivation line")
    assert (clash.wanted.zh, clash.offered_form) == ("香菇", "Enoki")


def test_no_clash_when_either_side_names_the_others_variant():
    # The offer can also make the wanted variant (said in its body only).
    assert _clashes("全氟醚橡胶密封件", "氟橡胶配方", offer_text="也可按图纸加工全氟醚橡胶密封件") == []
    # The buyer uses the offered variant today and wants to move on from it.
    assert _clashes("全氟醚橡胶密封件", "氟橡胶配方", need_text="现在用的氟橡胶圈耐不住等离子体") == []
    # The offer names both in its headline.
    assert _clashes("全氟醚橡胶密封件", "氟橡胶与全氟醚橡胶配方") == []


def test_headlines_sharing_another_member_name_the_same_object_in_a_siblings_setting():
    # The same disease on another crop: the disease is what is asked, the crop only where the offer was proven.
    assert len(_clashes("香菇出菇不齐", "金针菇瓶栽")) == 1
    assert _clashes("香菇灰霉病", "金针菇灰霉病防控") == []
    # A shared word outside the families is the topic, not the object: the clash stands.
    assert len(_clashes("全氟醚橡胶O形圈", "耐低温氟橡胶O形圈")) == 1
    assert len(_clashes("香菇杂菌污染严重", "金针菇杂菌污染防控")) == 1


def test_no_clash_without_a_variant_on_both_headlines_or_across_families():
    assert _clashes("密封件老化开裂", "耐低温氟橡胶配方") == []  # the need names no variant in its headline
    assert _clashes("全氟醚橡胶密封件", "密封件检测设备", offer_text="可检测氟橡胶、硅橡胶制品") == []  # body only
    assert _clashes("全氟醚橡胶密封件", "金针菇瓶栽生产线") == []  # another kind altogether
    # The need's body naming a variant does not make it what the need asks for.
    assert _clashes("密封件老化开裂", "硅橡胶配方", need_text="以前试过全氟醚橡胶太贵") == []


def test_one_clash_per_family_and_concepts_without_a_family_never_clash():
    clashes = _clashes("香菇和全氟醚橡胶", "金针菇与硅橡胶")
    assert [(c.family, c.offered.zh) for c in clashes] == [("橡胶品种", "硅橡胶"), ("食用菌", "金针菇")]
    g = _glossary([{**row, "variant_family": ""} for row in ROWS])
    assert g.other_variants(g.mentions("全氟醚橡胶"), "氟橡胶", "全氟醚橡胶", "氟橡胶") == []


def test_the_shipped_families_are_well_formed():
    here = Path(__file__).resolve().parents[2] / "taxonomy" / "migrations"
    families = json.loads((here / "glossary_variant_families.json").read_text(encoding="utf-8"))
    names = [f["family"] for f in families]
    members = [m for f in families for m in f["members"]]
    assert len(names) == len(set(names)) and all(len(f["members"]) >= 2 for f in families)
    assert len(members) == len(set(members)), "a concept belongs to one family at most"
    assert all(0 < len(f["family"]) <= 50 for f in families)
    english = json.loads((here / "glossary_variant_families_en.json").read_text(encoding="utf-8"))
    assert set(english) <= set(members), "English only for shipped members"
    assert all(row["term_en"] and row["term_en"].isascii() for row in english.values())
