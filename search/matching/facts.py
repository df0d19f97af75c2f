"""What both matchers know about a pair: multipliers, structure, shared words, the need's coverage, reasons.

The engine and the database matcher score text differently (the engine also scores bigram fields) but compute
everything else here, so a pair gets the same multipliers, the same recommendation and the same reasons in both.
"""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _

from taxonomy import glossary

from ..documents import ACHIEVEMENT, NEED
from ..profiles import LAY_MENTION, Profile
from ..text import has_han, query_terms
from .indicators import compare

# Multipliers (function_score, score_mode=multiply).
TRL_MET, TRL_ONE_SHORT, TRL_FAR_SHORT = 1.1, 0.8, 0.5
SAME_CITY, SAME_PROVINCE = 1.15, 1.05
INVENTION_PATENT = 1.1
MODE_FITS = 1.1
# Structure multiplies a text match, it never makes one: a pair without shared text scores 0 whatever its codes,
# and a need without codes is ranked by its text alone (nothing to lose). Same chain node (or one an ancestor of
# the other) ×1.2 on top of same chain ×1.1; same technical field ×1.05; a chain guessed from text ×1.05.
CHAIN_NODE, CHAIN_ROOT, SAME_FIELD, INFERRED_CHAIN = 1.2, 1.1, 1.05, 1.05
# A listing that carries no chain code at all (real portfolios: a quarter of them) is not a listing of another
# chain: facing a need with a code it gets the same-chain multiplier, so missing codes cost it nothing against
# listings of the need's chain that match at chain level. (Same-node listings still lead by CHAIN_NODE.)
UNKNOWN_CHAIN = CHAIN_ROOT

# A need's distinctive vocabulary: its COVERAGE_TERMS rarest words (general-language IDF, so the measure does
# not depend on the listings indexed). ``coverage`` is the share of that vocabulary's weight a candidate covers
# (glossary forms count: PTFE covers 聚四氟乙烯); it is shown, but no longer decides.
COVERAGE_TERMS = 12
RECOMMEND_COVERAGE = 0.2

# What decides "recommended" is the best candidates' *evidence*: the need's distinctive words (each weighted 0–1 by
# its general-language IDF, from 0 for everyday words — 设备, 客户, idf ≤ EVERYDAY_IDF — to 1 for words as rare as
# DISTINCTIVE_IDF or rarer, and domain words jieba's table does not know, 石墨烯) that the candidate contains,
# glossary forms on its side included (锂离子电池 is found in a listing that says "lithium-ion battery").
# The share is taken of the *answerable* vocabulary: the need's distinctive words that at least one of the top
# KNOWN_FROM candidates contains. Words no listing uses (a lay need's 烫得不敢摸, 趴窝) can be evidence for nothing,
# so they no longer count against every candidate, while a need whose core words nobody speaks is still judged by
# how little of the rest a candidate covers. A row is recommended when it covers RECOMMEND_SHARE of that
# vocabulary and more than one distinctive word's worth of evidence (MIN_EVIDENCE: one rare word alone is not an
# answer). A buyer's symptom words count when the glossary bridges them: a lay form of a concept (taxonomy/0009:
# 漏水 of 防渗漏, 费电 of 节能, 发黄 of 耐候 …) in the need is "found" in a listing that names the concept in any words
# (``lay_words``). Lay forms are evidence only, never search terms: they draw the line without reordering the
# search. A listing written in another language than the need is measured against the words it could show at all
# (``reachable_terms``: codes, its language's words, the need's glossary terms), so an English answer to a Chinese
# need is not declined for its language.
# A row must also *stand out*: it must say at least MIN_LEAD distinctive words of the need more than the typical
# candidate does (the median evidence of the KNOWN_FROM best candidates, empty places counting as none). A need
# nobody answers still finds its topic in the pool (香菇 菌棒 for a machine that carries mushroom logs, 基站 电池
# for a base station's batteries stolen): every candidate says the same few topic words, so none leads; an
# answer says the need's problem too, which its neighbours do not. RECOMMEND_SHARE and MIN_LEAD were chosen by
# cross-validation (leave-one-out and 5-fold) over the grown dev split, 129 needs (33 without an answer): the
# pair that declines most unanswerable needs at a price of three times the share of answerable needs declined,
# the same pair in 128 of 129 folds (docs/decline.md). MIN_EVIDENCE is kept from the first rule, not tuned: one
# rare word alone is never an answer. The held-out split was not looked at while choosing.
EVERYDAY_IDF, DISTINCTIVE_IDF = 6.0, 10.0
KNOWN_FROM = 10
RECOMMEND_SHARE = 0.4
MIN_EVIDENCE = 1.2
MIN_LEAD = 1.0
# English function words and filler of enterprise briefs (the Chinese ones are weighed down by their IDF).
ENGLISH_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "be",
        "been",
        "was",
        "were",
        "we",
        "our",
        "us",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "need",
        "needs",
        "want",
        "wants",
        "looking",
        "look",
        "seek",
        "seeking",
        "find",
        "would",
        "could",
        "can",
        "should",
        "will",
        "may",
        "must",
        "not",
        "no",
        "any",
        "some",
        "all",
        "more",
        "less",
        "than",
        "very",
        "also",
        "only",
        "new",
        "old",
        "use",
        "used",
        "using",
        "make",
        "made",
        "get",
        "two",
        "one",
        "three",
        "per",
        "into",
        "out",
        "up",
        "about",
        "after",
        "before",
        "within",
        "without",
        "over",
        "under",
        "between",
        "which",
        "who",
        "what",
        "when",
        "where",
        "how",
        "why",
        "there",
        "their",
        "they",
    ]
)


@dataclass
class Match:
    object_id: int
    external_id: str | None
    title: str
    url: str
    score: float
    reasons: list[str] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)
    kind: str = ACHIEVEMENT
    # Share of the need's distinctive vocabulary the pair shares (0–1); below RECOMMEND_COVERAGE the row is
    # shown under "可能相关" rather than recommended.
    coverage: float = 0.0
    # Absolute evidence: the weight of the need's distinctive words found in the achievement (see RECOMMEND_SHARE).
    evidence: float = 0.0
    # Evidence beyond the typical candidate's (see MIN_LEAD); ``None`` until ``decide`` has seen the whole list.
    lead: float | None = None
    recommended: bool = True
    # The need's distinctive words this pair shares, with their weights (``order`` decides recommendation from
    # them over the whole list).
    found_terms: tuple = field(default=(), repr=False)
    # The need's distinctive words this achievement *could* show in the language it is written in (see
    # ``reachable_terms``); ``None``: all of them.
    reachable: frozenset | None = field(default=None, repr=False)
    # The need asks for one variant of a kind and this achievement is about another (``other_variants``): never
    # recommended, whatever its evidence.
    variants: tuple = field(default=(), repr=False)


def need_and_achievement(source: Profile, target: Profile) -> tuple[Profile, Profile]:
    return (source, target) if source.kind == NEED else (target, source)


def trl_factor(achievement_trl: int | None, need_min_trl: int | None) -> float:
    if achievement_trl is None or need_min_trl is None:
        return 1.0
    gap = need_min_trl - achievement_trl
    if gap <= 0:
        return TRL_MET
    return TRL_ONE_SHORT if gap == 1 else TRL_FAR_SHORT


def chain_relation(source: Profile, target: Profile) -> str | None:
    """'chain' when one side's node is the other's node or an ancestor of it; 'chain_root' for the same chain;
    'inferred' when a side without codes reads like the other's chain."""
    if set(source.chains) & set(target.chain_codes) or set(target.chains) & set(source.chain_codes):
        return "chain"
    if set(source.roots) & set(target.roots):
        return "chain_root"
    if source.inferred_root and source.inferred_root in target.roots:
        return "inferred"
    if target.inferred_root and target.inferred_root in source.roots:
        return "inferred"
    return None


def multipliers(source: Profile, target: Profile) -> dict[str, float]:
    need, achievement = need_and_achievement(source, target)
    factors = {"trl": trl_factor(achievement.trl, need.trl)}
    if source.city and source.city == target.city:
        factors["region"] = SAME_CITY
    elif source.province and source.province == target.province:
        factors["region"] = SAME_PROVINCE
    if "invention" in achievement.ip_types:
        factors["ip"] = INVENTION_PATENT
    if need.transfer_modes and set(need.transfer_modes) & set(achievement.transfer_modes):
        factors["mode"] = MODE_FITS
    relation = chain_relation(source, target)
    if need.chains and not achievement.chains:
        relation = "unknown"  # before any guess from the listing's text: a guess can only give it less
    if relation == "chain":
        factors["chain"] = CHAIN_NODE
    if relation in ("chain", "chain_root"):
        factors["chain_root"] = CHAIN_ROOT
    elif relation == "inferred":
        factors["chain_inferred"] = INFERRED_CHAIN
    elif relation == "unknown":
        factors["chain_unknown"] = UNKNOWN_CHAIN
    if source.technical_field and source.technical_field == target.technical_field:
        factors["field"] = SAME_FIELD
    return factors


def keyword_forms(profile: Profile) -> list[str]:
    """The source's keywords and every glossary form of the concepts they name, lower-cased: the keyword clause
    is part of the query, so the glossary applies to it as to the rest (a need's 锂电池 meets a listing's
    "lithium-ion battery" keyword)."""
    if "keyword_forms" not in profile._cache:
        forms = [k.lower() for k in profile.keywords]
        if profile.keywords:
            current = glossary.current()
            for concept_id in sorted(current.mentions(" ".join(profile.keywords)).found):
                forms += [form.lower() for form in current.concepts[concept_id].forms]
        profile._cache["keyword_forms"] = list(dict.fromkeys(forms))
    return profile._cache["keyword_forms"]


def target_words(profile: Profile) -> set[str]:
    return set(profile.terms("headline")) | set(profile.terms("body"))


def shared_terms(source: Profile, target: Profile, limit: int = 6) -> list[str]:
    words = target_words(target)
    out = []
    for term in query_terms(source.full_text):
        if term in words and not term.isdigit() and len(term) > 1:
            out.append(term)
        if len(out) == limit:
            break
    return out


@lru_cache(maxsize=1)
def _general_idf() -> tuple[dict, float]:
    """jieba's general-language IDF table (shipped with jieba): how distinctive a word is in Chinese at large."""
    from jieba.analyse.tfidf import TFIDF

    model = TFIDF()
    return model.idf_freq, model.median_idf


def idf(term: str) -> float:
    table, median = _general_idf()
    if term.isascii():
        # English words and abbreviations are rarer in Chinese listings than in English prose: weigh them as
        # an ordinary Chinese content word unless they are digits.
        return 0.0 if term.isdigit() else median
    return table.get(term, median)


def distinctive_terms(need: Profile) -> list[tuple[str, float]]:
    if "distinctive" not in need._cache:
        terms = [t for t in query_terms(need.full_text) if len(t) > 1 and not t.isdigit()]
        weighted = sorted(((t, idf(t)) for t in terms), key=lambda tw: -tw[1])[:COVERAGE_TERMS]
        need._cache["distinctive"] = weighted
    return need._cache["distinctive"]


def coverage(source: Profile, target: Profile) -> float:
    """How much of the need's distinctive vocabulary the achievement's text (glossary-expanded) contains."""
    need, achievement = need_and_achievement(source, target)
    terms = distinctive_terms(need)
    reachable = reachable_terms(need, achievement)
    if reachable is not None:
        terms = [(t, w) for t, w in terms if t in reachable]
    total = sum(w for _t, w in terms)
    if not total:
        return 0.0
    words = target_words(achievement)
    text = f"{achievement.full_text} {achievement.expansion}".lower()
    lay = lay_words(need, achievement)
    covered = sum(w for t, w in terms if t in words or (len(t) > 2 and t in text) or (lay and _bridged(t, lay)))
    return round(covered / total, 3)


def term_weight(term: str) -> float:
    """How distinctive a need's word is (0–1), from its general-language IDF; see EVERYDAY_IDF."""
    if term.isascii():
        return 0.0 if term.isdigit() or term.lower() in ENGLISH_FILLER or len(term) < 2 else 1.0
    value = idf(term)
    return max(0.0, min(1.0, (value - EVERYDAY_IDF) / (DISTINCTIVE_IDF - EVERYDAY_IDF)))


def evidence_terms(need: Profile) -> list[tuple[str, float]]:
    if "evidence_terms" not in need._cache:
        terms = [t for t in query_terms(need.full_text) if len(t) > 1 and not t.isdigit()]
        need._cache["evidence_terms"] = [(t, w) for t in dict.fromkeys(terms) if (w := term_weight(t)) > 0]
    return need._cache["evidence_terms"]


def lay_mention(profile: Profile) -> glossary.Mention:
    """The concepts a side's own text names in a buyer's words (the glossary's lay forms)."""
    if LAY_MENTION not in profile._cache:  # a candidate read from the index may carry it (profile_from_source)
        profile._cache[LAY_MENTION] = glossary.current().lay_mentions(profile.full_text)
    return profile._cache[LAY_MENTION]


def named_concepts(profile: Profile) -> glossary.Mention:
    """Every concept a side's own text names, in search forms or lay forms, with the forms found."""
    if "named_concepts" not in profile._cache:
        found = {cid: set(forms) for cid, forms in profile.mention().found.items()}
        for cid, forms in lay_mention(profile).found.items():
            found.setdefault(cid, set()).update(forms)
        profile._cache["named_concepts"] = glossary.Mention(found)
    return profile._cache["named_concepts"]


def lay_words(need: Profile, achievement: Profile) -> set[str]:
    """The need's lay forms whose concept the achievement names (the need's 漏水 where the listing says 防水卷材)."""
    mine = lay_mention(need)
    if not mine.found:
        return set()
    named = named_concepts(achievement).concept_ids
    return {form.lower() for cid, forms in mine.found.items() if cid in named for form in forms}


def head_mention(profile: Profile) -> glossary.Mention:
    """The glossary concepts a side's headline (title and keywords) names: what the need asks for, what the
    listing is about."""
    if "head_mention" not in profile._cache:
        profile._cache["head_mention"] = glossary.current().mentions(profile.headline)
    return profile._cache["head_mention"]


def other_variants(source: Profile, target: Profile) -> list[glossary.VariantClash]:
    """Where the need's headline names one variant of a kind (the glossary's 同类组) and the achievement's headline
    another, neither naming the other's (``Glossary.other_variants``): a 金针菇 strain for a need about 香菇. Shared
    words cannot tell these apart (the nearest listing of another variant says most of the need's words), so the row
    is never recommended; it stays listed under the line with a reason saying which variant it is."""
    need, achievement = need_and_achievement(source, target)
    return glossary.current().other_variants(
        head_mention(need), achievement.headline, need.full_text, achievement.full_text
    )


def _bridged(term: str, lay: set[str]) -> bool:
    term = term.lower()
    return any(term in form or form in term for form in lay)


def found_terms(source: Profile, target: Profile) -> tuple[tuple[str, float], ...]:
    """The need's distinctive words the achievement contains (its words, glossary forms included, and the need's
    lay forms of concepts the achievement names), weighted."""
    need, achievement = need_and_achievement(source, target)
    words = target_words(achievement)
    text = f"{achievement.full_text} {achievement.expansion}".lower()
    lay = lay_words(need, achievement)
    return tuple(
        (t, w)
        for t, w in evidence_terms(need)
        if t in words or (len(t) > 2 and t.lower() in text) or (lay and _bridged(t, lay))
    )


# Running English: words of four letters or more, lower-case or capitalised (abbreviations, units and codes —
# PTFE, 5G, ppm — are not English prose: Chinese listings use them too). A side with at least WRITES_ENGLISH
# distinct ones writes English.
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]{3,}(?![A-Za-z])")
WRITES_ENGLISH = 3


def writes_chinese(profile: Profile) -> bool:
    """Whether a side's own text (not its glossary expansion) is written in Chinese."""
    if "writes_chinese" not in profile._cache:
        profile._cache["writes_chinese"] = has_han(profile.full_text)
    return profile._cache["writes_chinese"]


def english_words(profile: Profile) -> frozenset[str]:
    if "english_words" not in profile._cache:
        profile._cache["english_words"] = frozenset(w.lower() for w in _ENGLISH_WORD.findall(profile.full_text))
    return profile._cache["english_words"]


def writes_english(profile: Profile) -> bool:
    return len(english_words(profile)) >= WRITES_ENGLISH


def translatable_terms(need: Profile) -> frozenset[str]:
    """The need's distinctive words that are part of a glossary term it uses (in a search form or a lay form): the
    words a listing in the other language can still show, through the glossary (人工湿地 → constructed wetland)."""
    if "translatable" not in need._cache:
        forms = {form.lower() for forms in named_concepts(need).found.values() for form in forms}
        need._cache["translatable"] = frozenset(
            t for t, _w in evidence_terms(need) if any(t in form or form in t for form in forms)
        )
    return need._cache["translatable"]


def reachable_terms(source: Profile, target: Profile) -> frozenset[str] | None:
    """The need's distinctive words the achievement could contain at all (``None``: every one of them).

    A listing written only in English cannot contain a Chinese need's 冷库 or 叉车, only fail to translate them; a
    listing written only in Chinese cannot contain an English need's "heated" or "seat". Such words are not
    evidence against the listing: it can show the words of its own language, abbreviations and codes (PTFE, 5G)
    and the words the glossary carries across, and its share of the need's vocabulary is taken of those
    (``decide``), so a listing is neither recommended nor declined for the language it is written in."""
    need, achievement = need_and_achievement(source, target)
    chinese, english = writes_chinese(achievement), writes_english(achievement)
    if chinese and english:
        return None
    carried, prose = translatable_terms(need), english_words(need)

    def shown(term: str) -> bool:
        if term in carried:
            return True
        if has_han(term):
            return chinese
        return english or term not in prose  # an English word needs English text; a code fits any text

    terms = [t for t, _w in evidence_terms(need)]
    reachable = frozenset(t for t in terms if shown(t))
    return None if len(reachable) == len(terms) else reachable


def evidence(source: Profile, target: Profile) -> float:
    """Absolute text evidence for a pair: the weight of the need's distinctive words the achievement contains."""
    return round(sum(w for _t, w in found_terms(source, target)), 2)


def line() -> tuple[float, float]:
    """(share, lead) where the line is drawn: RECOMMEND_SHARE and MIN_LEAD unless the deployment moved them
    (settings SEARCH_RECOMMEND_SHARE, SEARCH_MIN_LEAD; ``manage.py decline_review`` shows the trade-off on the
    platform's own judgements)."""
    return (
        getattr(settings, "SEARCH_RECOMMEND_SHARE", RECOMMEND_SHARE),
        getattr(settings, "SEARCH_MIN_LEAD", MIN_LEAD),
    )


def is_recommended(
    cover: float,
    evidence_found: float | None = None,
    lead: float | None = None,
    *,
    at: tuple[float, float] | None = None,
) -> bool:
    """A row covering the line's share of the need's answerable vocabulary with at least MIN_EVIDENCE words, and
    the line's lead in words more than the typical candidate; a measure not given (older callers) does not decide.
    ``at``: (share, lead) to test instead of the deployment's line (the decline review's other points)."""
    share, min_lead = line() if at is None else at
    if evidence_found is not None and evidence_found < MIN_EVIDENCE:
        return False
    if lead is not None and lead < min_lead:
        return False
    return cover >= share


def pair_recommended(source: Profile, target: Profile) -> bool:
    """One pair on its own (alerts, where the need's other candidates are not at hand): the per-pair coverage
    rule, with the same minimum evidence."""
    return (
        coverage(source, target) >= RECOMMEND_COVERAGE
        and evidence(source, target) >= MIN_EVIDENCE
        and not other_variants(source, target)
    )


_CHAIN_NAMES: dict = {"at": 0.0, "names": {}}


def chain_name(codes: list[str]) -> str:
    """The name of the most specific of these codes (taxonomy read at most once a minute per process)."""
    from taxonomy.models import IndustryChainNode

    if time.monotonic() - _CHAIN_NAMES["at"] > 60:
        _CHAIN_NAMES["names"] = dict(IndustryChainNode.objects.values_list("code", "name"))
        _CHAIN_NAMES["at"] = time.monotonic()
    known = [c for c in codes if c in _CHAIN_NAMES["names"]]
    if not known:
        return ", ".join(codes)
    return _CHAIN_NAMES["names"][max(known, key=lambda c: c.count("."))]


def _number(value: float) -> str:
    return f"{value:g}"


def _enumerate(items) -> str:
    """Words listed in a reason, joined as the page's language lists them (、 in Chinese, a comma in English)."""
    # Translators: the separator between the words of a list (English: ", ").
    return _("、").join(items)


def reasons_for(
    source: Profile, target: Profile, clauses: set[str], terms: list[str], variants: tuple | None = None
) -> list[str]:
    """Plain-language Chinese reasons: what matched, which words and glossary terms are shared, how targets,
    TRL, region and IP fit. ``variants``: the pair's ``other_variants`` when the caller has them already."""
    need, achievement = need_and_achievement(source, target)
    reasons: list[str] = []
    # First: it is why the row is under the line, whatever it shares.
    for clash in other_variants(source, target) if variants is None else variants:
        reasons.append(
            _("注意:需求针对“%(wanted)s”,该成果针对“%(offered)s”(同类不同种:%(family)s)")
            % {"wanted": clash.wanted_form, "offered": clash.offered_form, "family": clash.family}
        )
    if "title_text" in clauses:
        reasons.append(_("名称或关键词与对方高度相关"))
    if "keywords" in clauses:
        common = sorted({k.lower() for k in source.keywords} & {k.lower() for k in target.keywords})
        if common:
            reasons.append(_("共同关键词:%(words)s") % {"words": _enumerate(common)})
        else:
            reasons.append(_("关键词出现在对方的描述中"))
    if "body_text" in clauses or "more_like_this" in clauses:
        if terms:
            reasons.append(_("内容相似,共同用语:%(terms)s") % {"terms": _enumerate(terms)})
        else:
            reasons.append(_("内容描述相似"))
    # A bridge needs a concept on both sides: when the source (or the need, for lay forms) names none, the
    # other side's text is not scanned for them (each scan is a candidate's whole text; docs/search.md
    # "API overhead"). The same bridges either way.
    source_mention = source.mention()
    bridges = glossary.current().bridges(source_mention, target.mention()) if source_mention.found else []
    need_lay = lay_mention(need)
    lay_bridges = glossary.current().lay_bridges(need_lay, named_concepts(achievement)) if need_lay.found else []
    for concept, need_form, achievement_form in lay_bridges:
        mine, theirs = (need_form, achievement_form) if source is need else (achievement_form, need_form)
        bridges.append((concept, mine, theirs))
    for concept, mine, theirs in bridges[:3]:
        reasons.append(
            _("术语对照:“%(mine)s”即“%(theirs)s”(术语表:%(term)s)")
            % {"mine": mine, "theirs": theirs, "term": concept.label()}
        )
    factors = multipliers(source, target)
    if "chain" in factors:
        shared = sorted(set(source.chain_codes) & set(target.chain_codes))
        reasons.append(_("同属产业链环节:%(name)s") % {"name": chain_name(shared or target.chain_codes)})
    elif "chain_root" in factors:
        reasons.append(_("同一产业链:%(name)s") % {"name": chain_name(sorted(set(source.roots) & set(target.roots)))})
    elif "chain_inferred" in factors:
        root = source.inferred_root or target.inferred_root
        reasons.append(_("内容涉及同一产业链:%(name)s(据文字推断)") % {"name": chain_name([root])})
    if "field" in factors:
        reasons.append(
            _("同属技术领域:%(name)s") % {"name": target.technical_field_name or source.technical_field_name}
        )
    for comparison in compare(need.indicators, achievement.indicators):
        values = {
            "name": comparison.achievement_name,
            "value": comparison.achievement_text,
            "target": f"{comparison.target.text} {comparison.target.unit}".strip(),
            "need_name": comparison.target.name,
        }
        if comparison.meets:
            reasons.append(_("指标达标:%(name)s %(value)s,满足需求“%(need_name)s %(target)s”") % values)
        else:
            reasons.append(_("指标未达标:%(name)s %(value)s,未达到需求“%(need_name)s %(target)s”") % values)
    if need.trl is not None and achievement.trl is not None:
        if factors["trl"] >= 1:
            reasons.append(
                _("技术就绪度 TRL %(trl)s,达到需求的最低要求 TRL %(min)s") % {"trl": achievement.trl, "min": need.trl}
            )
        else:
            reasons.append(
                _("注意:技术就绪度 TRL %(trl)s 低于需求的最低要求 TRL %(min)s")
                % {"trl": achievement.trl, "min": need.trl}
            )
    if factors.get("region") == SAME_CITY:
        reasons.append(_("双方同在一个城市,便于对接"))
    elif factors.get("region") == SAME_PROVINCE:
        reasons.append(_("双方同在一个省份"))
    if "ip" in factors:
        reasons.append(_("拥有发明专利"))
    if "mode" in factors:
        reasons.append(_("转化方式符合需求的意向合作方式"))
    return reasons


def normalise(raw: float, self_score: float) -> float:
    return round(min(100.0, 100.0 * raw / self_score), 1) if self_score > 0 else 0.0


def match_row(
    source: Profile,
    target: Profile,
    score: float,
    clauses: set[str],
    terms: list[str] | None = None,
    *,
    with_reasons: bool = True,
):
    """One result row. ``with_reasons=False`` leaves ``reasons`` empty for the caller to fill (``add_reasons``)
    once it knows which rows it returns: they cost more than the rest of the row."""
    terms = shared_terms(source, target) if terms is None else terms
    if terms:
        clauses = clauses | {"body_text"}
    cover = coverage(source, target)
    found = found_terms(source, target)
    variants = tuple(other_variants(source, target))
    return Match(
        object_id=target.object_id,
        external_id=target.external_id,
        title=target.title,
        url=target.url,
        score=score,
        reasons=reasons_for(source, target, clauses, terms, variants) if with_reasons else [],
        shared_terms=terms,
        clauses=sorted(clauses),
        kind=target.kind,
        coverage=cover,
        evidence=round(sum(w for _t, w in found), 2),
        recommended=cover >= RECOMMEND_COVERAGE and not variants,
        found_terms=found,
        reachable=reachable_terms(source, target) if target.kind == ACHIEVEMENT else None,
        variants=variants,
    )


def add_reasons(source: Profile, rows: list[Match], targets: dict[int, Profile]) -> None:
    """Fill the reasons of rows built with ``with_reasons=False`` (the same reasons ``match_row`` gives)."""
    for row in rows:
        row.reasons = reasons_for(source, targets[row.object_id], set(row.clauses), row.shared_terms, row.variants)


ENGINE_MODE, DATABASE_MODE = "engine", "database"


class MatchList(list):
    """Match rows in order, and which matcher actually served them (``ENGINE_MODE`` or ``DATABASE_MODE``):
    the engine can be configured and still not answer (outage, open breaker, a need not indexed yet)."""

    def __init__(self, rows=(), *, mode: str):
        super().__init__(rows)
        self.mode = mode


def typical_evidence(best: list[Match], reachable: frozenset | None = None) -> float:
    """What the typical one of the KNOWN_FROM best candidates says of the need: the median of their evidence,
    places the list does not fill counting as nothing (a short list is a pool where most say nothing); with
    ``reachable``, only of those words (a listing in another language is compared on what it could show)."""
    said = [sum(w for t, w in m.found_terms if reachable is None or t in reachable) for m in best]
    said += [0.0] * (KNOWN_FROM - len(said))
    return statistics.median(said)


def decide(rows: list[Match]) -> None:
    """Recommend from evidence over the list (see RECOMMEND_SHARE and MIN_LEAD): a need's answerable vocabulary is
    what its best KNOWN_FROM candidates know; ``coverage`` becomes each row's share of it, ``lead`` what it says
    beyond the typical one of them. Lists of needs for an achievement keep the per-pair coverage rule (each row
    is another need)."""
    if not rows or rows[0].kind != ACHIEVEMENT:
        return
    best = sorted(rows, key=lambda m: (-m.score, m.object_id))[:KNOWN_FROM]
    weights = {t: w for m in best for t, w in m.found_terms}
    total = sum(weights.values())
    typical = typical_evidence(best)
    for m in rows:
        found = sum(w for _t, w in m.found_terms)
        # A listing in another language is measured against what it could show (``reachable_terms``).
        own_total = total if m.reachable is None else sum(w for t, w in weights.items() if t in m.reachable)
        m.coverage = round(min(1.0, found / own_total), 3) if own_total else 0.0
        m.lead = round(found - (typical if m.reachable is None else typical_evidence(best, m.reachable)), 2)
        m.recommended = is_recommended(m.coverage, found, m.lead) and not m.variants


def order(rows: list[Match], limit: int, *, mode: str) -> MatchList:
    """Recommended rows first (best score first), then the weaker ones ("可能相关"), at most ``limit``."""
    decide(rows)
    rows.sort(key=lambda m: (not m.recommended, -m.score, m.object_id))
    return MatchList(rows[:limit], mode=mode)
