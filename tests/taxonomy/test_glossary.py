"""The bilingual glossary: shipped terms, how a text's mentions are found, expansion, cache, chain inference."""

import pytest

from taxonomy import glossary
from taxonomy.glossary import Glossary, concept_from_row
from taxonomy.inference import infer_classification
from taxonomy.models import GlossaryTerm

ROWS = [
    {"term_zh": "聚四氟乙烯", "term_en": "polytetrafluoroethylene", "synonyms": ["特氟龙"], "abbreviations": ["PTFE"]},
    {"term_zh": "锂离子电池", "term_en": "lithium-ion battery", "synonyms": ["锂电", "锂电池"], "abbreviations": []},
    {"term_zh": "氧化石墨烯", "term_en": "graphene oxide", "synonyms": [], "abbreviations": ["GO"]},
    {"term_zh": "石墨烯", "term_en": "graphene", "synonyms": [], "abbreviations": [], "industry_chain": "GRA"},
    {
        "term_zh": "导热膜",
        "term_en": "thermally conductive film",
        "synonyms": [],
        "abbreviations": [],
        "industry_chain": "GRA",
    },
]


@pytest.fixture
def small():
    return Glossary([concept_from_row(i, row) for i, row in enumerate(ROWS)])


def _names(g, text):
    return {g.concepts[c].zh for c in g.mentions(text).found}


def test_forms_in_either_language_mention_the_same_concept(small):
    assert _names(small, "PTFE membranes for filter bags") == {"聚四氟乙烯"}
    assert _names(small, "一种特氟龙涂层") == {"聚四氟乙烯"}
    assert _names(small, "Lithium-ion batteries with long life") == {"锂离子电池"}
    assert _names(small, "锂电池正极") == {"锂离子电池"}


def test_abbreviations_are_case_sensitive_words_and_longer_forms_win(small):
    assert _names(small, "we go to the plant") == set()
    assert _names(small, "GO 分散液") == {"氧化石墨烯"}
    assert _names(small, "氧化石墨烯浆料") == {"氧化石墨烯"}  # not also 石墨烯
    assert _names(small, "PTFEX resin") == set()


def test_latin_runs_match_after_words_no_form_starts_with(small):
    # mentions() skips a token that starts no Latin form; a run's later words, a one-word plural and an
    # abbreviation after skipped words must still be found (each would be lost if the skip were too eager).
    g = Glossary(
        [
            concept_from_row(0, {"term_zh": "板框压滤机", "term_en": "filter press", "abbreviations": []}),
            concept_from_row(1, {"term_zh": "膜", "term_en": "membrane", "abbreviations": []}),
            *[concept_from_row(i + 2, row) for i, row in enumerate(ROWS)],
        ]
    )
    text = "the new plate and Filter Presses, two ceramic membranes, some graphene oxide and a GO slurry"
    assert {g.concepts[c].zh: forms for c, forms in g.mentions(text).found.items()} == {
        "板框压滤机": {"Filter Presses"},
        "膜": {"membranes"},
        "氧化石墨烯": {"graphene oxide", "GO"},
    }
    assert g.mentions("plate filter presses").found == {0: {"filter presses"}}


def test_expansion_carries_every_other_form(small):
    words = small.expansion("PTFE 密封件").split()
    assert {"聚四氟乙烯", "polytetrafluoroethylene", "特氟龙", "PTFE"} <= set(words)


def test_bridges_name_the_concept_met_in_different_words(small):
    bridges = small.bridges(small.mentions("锂电 储能"), small.mentions("lithium-ion battery pack"))
    assert [(c.zh, mine, theirs) for c, mine, theirs in bridges] == [("锂离子电池", "锂电", "lithium-ion battery")]
    assert small.bridges(small.mentions("锂电池"), small.mentions("锂电池组")) == []


def test_lay_forms_name_a_concept_without_expanding_text():
    rows = [
        {"term_zh": "防渗漏", "lay_forms": ["漏水", "渗水", "防水", "leaking"]},
        {"term_zh": "防水卷材", "synonyms": ["防水"], "lay_forms": []},  # 防水 stays this concept's search form
        {"term_zh": "节能", "lay_forms": "费电、电费"},
    ]
    g = Glossary([concept_from_row(i, row) for i, row in enumerate(rows)])
    assert g.lay_mentions("屋顶漏水,墙角渗水;the roof is leaking; 太费电").found == {
        0: {"漏水", "渗水", "leaking"},
        2: {"费电"},
    }
    assert g.lay_mentions("防水做了三遍").found == {}  # a search form is never read as a lay form
    assert g.lay_mentions("unleakingly").found == {}  # English lay forms are whole words
    assert "漏水" not in g.expansion("防渗漏 防水卷材").split()
    bridges = g.lay_bridges(g.lay_mentions("一下雨就漏水"), g.mentions("防渗漏 涂层"))
    assert [(c.zh, mine, theirs) for c, mine, theirs in bridges] == [("防渗漏", "漏水", "防渗漏")]


@pytest.mark.django_db
def test_the_shipped_glossary_covers_all_sixteen_chains():
    terms = GlossaryTerm.objects.filter(is_active=True)
    assert terms.count() >= 300
    roots = {
        code.split(".")[0] for code in terms.exclude(industry_chain=None).values_list("industry_chain__code", flat=True)
    }
    assert len(roots) == 16
    ptfe = GlossaryTerm.objects.get(term_zh="聚四氟乙烯")
    assert ptfe.term_en == "polytetrafluoroethylene" and "PTFE" in ptfe.abbreviation_list
    assert GlossaryTerm.objects.get(term_zh="硬质合金").term_en == "cemented carbide"
    assert "锂电" in GlossaryTerm.objects.get(term_zh="锂离子电池").synonym_list


@pytest.mark.django_db
def test_a_changed_term_reaches_the_next_expansion():
    assert "FooBarium" not in glossary.expand("钕铁硼磁体")
    GlossaryTerm.objects.create(term_zh="钕铁硼磁体", term_en="FooBarium magnet", abbreviations="NdFeB")
    assert "NdFeB" in glossary.expand("钕铁硼磁体").split()
    GlossaryTerm.objects.filter(term_zh="钕铁硼磁体").get().delete()
    assert glossary.expand("钕铁硼磁体") == ""


def test_inference_needs_clear_evidence(small):
    names = {"GRA": "石墨烯", "GRA.02.01": "导热散热材料", "NEM": "新能源材料"}
    guess = infer_classification("手机背壳用石墨烯导热膜", glossary=small, chain_names=names)
    assert guess.root == "GRA" and guess.technical_field == "materials"
    assert "石墨烯" in guess.evidence
    assert not infer_classification("车间温度太高", glossary=small, chain_names=names)


@pytest.mark.django_db
def test_the_dev_keyword_terms_migration_adds_english_and_lay_forms():
    # taxonomy/0007: English forms of the evaluation's dev keywords, colloquial synonyms among them.
    wetland = GlossaryTerm.objects.get(term_zh="人工湿地")
    assert wetland.term_en == "constructed wetland" and wetland.industry_chain.code == "ENV"
    assert "中风" in GlossaryTerm.objects.get(term_zh="脑卒中").synonym_list
    assert "constructed wetland" in glossary.expand("村里建了一处人工湿地")
    assert "人工湿地" in glossary.expand("An unpowered constructed wetland for villages").split()
    # The first glossary's terms are left as they were (0007 adds only what is missing).
    assert GlossaryTerm.objects.filter(term_zh="再生铝").count() == 1
