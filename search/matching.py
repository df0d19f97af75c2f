"""Need ↔ achievement matching: one engine query with named clauses, and a database matcher with the same
clauses, boosts and segmentation scored in Python (used when SEARCH_URL is empty or the engine is down).

Both return ``Match`` rows best first, each with plain-language reasons, and drop what falls below the
relevance floor (calibrated on the evaluation set by benchmarks/match_quality.py) instead of padding.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import FunctionScore

from .documents import ACHIEVEMENT, NEED, alias_name
from .engine import EngineUnavailable, engine_enabled, get_engine
from .profiles import Profile, achievement_profile, need_profile, profile_from_source
from .text import query_terms, segment, segment_query

logger = logging.getLogger(__name__)

# Boosts of the named clauses (tuned on the evaluation set; see docs/search.md).
BOOSTS = {
    "title_text": 3.0,
    "body_text": 1.0,
    "more_like_this": 1.0,
    "keywords": 2.0,
    "chain": 4.0,
    "chain_root": 1.0,
    "field": 1.0,
}
# Multipliers (function_score, score_mode=multiply).
TRL_MET, TRL_ONE_SHORT, TRL_FAR_SHORT = 1.1, 0.8, 0.5
SAME_CITY, SAME_PROVINCE = 1.15, 1.05
INVENTION_PATENT = 1.1
MODE_FITS = 1.1
MLT_MAX_TERMS = 30
MLT_MIN_SHOULD = 0.2
# Relevance floors: below these a result is not shown. Defaults calibrated by benchmarks/match_quality.py.
DEFAULT_FLOOR_ENGINE = 27.0
DEFAULT_FLOOR_BASIC = 25.0


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


ENGINE_MODE, DATABASE_MODE = "engine", "database"


class MatchList(list):
    """Match rows best first, and which matcher actually served them (``ENGINE_MODE`` or ``DATABASE_MODE``):
    the engine can be configured and still not answer (outage, open breaker, a need not indexed yet)."""

    def __init__(self, rows=(), *, mode: str):
        super().__init__(rows)
        self.mode = mode


def match_floor(*, basic: bool | None = None) -> float:
    basic = (not engine_enabled()) if basic is None else basic
    if basic:
        return float(getattr(settings, "SEARCH_MATCH_FLOOR_BASIC", DEFAULT_FLOOR_BASIC))
    return float(getattr(settings, "SEARCH_MATCH_FLOOR", DEFAULT_FLOOR_ENGINE))


# --- Pair facts shared by both matchers -----------------------------------------------------------


def _need_and_achievement(source: Profile, target: Profile) -> tuple[Profile, Profile]:
    return (source, target) if source.kind == NEED else (target, source)


def trl_factor(achievement_trl: int | None, need_min_trl: int | None) -> float:
    if achievement_trl is None or need_min_trl is None:
        return 1.0
    gap = need_min_trl - achievement_trl
    if gap <= 0:
        return TRL_MET
    return TRL_ONE_SHORT if gap == 1 else TRL_FAR_SHORT


def multipliers(source: Profile, target: Profile) -> dict[str, float]:
    need, achievement = _need_and_achievement(source, target)
    factors = {"trl": trl_factor(achievement.trl, need.trl)}
    if source.city and source.city == target.city:
        factors["region"] = SAME_CITY
    elif source.province and source.province == target.province:
        factors["region"] = SAME_PROVINCE
    if "invention" in achievement.ip_types:
        factors["ip"] = INVENTION_PATENT
    if need.transfer_modes and set(need.transfer_modes) & set(achievement.transfer_modes):
        factors["mode"] = MODE_FITS
    return factors


def chain_relation(source: Profile, target: Profile) -> str | None:
    """'chain' when one side's node is the other's node or an ancestor of it; 'chain_root' for the same chain."""
    if set(source.chains) & set(target.chain_codes) or set(target.chains) & set(source.chain_codes):
        return "chain"
    if set(source.roots) & set(target.roots):
        return "chain_root"
    return None


def shared_terms(source: Profile, target: Profile, limit: int = 6) -> list[str]:
    target_words = set(target.terms("headline")) | set(target.terms("body"))
    out = []
    for term in query_terms(source.full_text):
        if term in target_words and not term.isdigit() and len(term) > 1:
            out.append(term)
        if len(out) == limit:
            break
    return out


_CHAIN_NAMES: dict = {"at": 0.0, "names": {}}


def _chain_name(codes: list[str]) -> str:
    """The name of the most specific of these codes (taxonomy read at most once a minute per process)."""
    import time

    from taxonomy.models import IndustryChainNode

    if time.monotonic() - _CHAIN_NAMES["at"] > 60:
        _CHAIN_NAMES["names"] = dict(IndustryChainNode.objects.values_list("code", "name"))
        _CHAIN_NAMES["at"] = time.monotonic()
    known = [c for c in codes if c in _CHAIN_NAMES["names"]]
    if not known:
        return ", ".join(codes)
    return _CHAIN_NAMES["names"][max(known, key=lambda c: c.count("."))]


def reasons_for(source: Profile, target: Profile, clauses: set[str], terms: list[str]) -> list[str]:
    """Plain-language Chinese reasons: what matched, which words are shared, how TRL/region/IP fit."""
    need, achievement = _need_and_achievement(source, target)
    reasons: list[str] = []
    if "title_text" in clauses:
        reasons.append(_("名称或关键词与对方高度相关"))
    if "keywords" in clauses:
        common = sorted({k.lower() for k in source.keywords} & {k.lower() for k in target.keywords})
        if common:
            reasons.append(_("共同关键词:%(words)s") % {"words": "、".join(common)})
        else:
            reasons.append(_("关键词出现在对方的描述中"))
    if "body_text" in clauses or "more_like_this" in clauses:
        if terms:
            reasons.append(_("内容相似,共同用语:%(terms)s") % {"terms": "、".join(terms)})
        else:
            reasons.append(_("内容描述相似"))
    if "chain" in clauses:
        shared = sorted(set(source.chain_codes) & set(target.chain_codes))
        reasons.append(_("同属产业链环节:%(name)s") % {"name": _chain_name(shared or target.chain_codes)})
    elif "chain_root" in clauses:
        reasons.append(_("同一产业链:%(name)s") % {"name": _chain_name(sorted(set(source.roots) & set(target.roots)))})
    if "field" in clauses:
        reasons.append(
            _("同属技术领域:%(name)s") % {"name": target.technical_field_name or source.technical_field_name}
        )
    factors = multipliers(source, target)
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


# --- Engine matcher ---------------------------------------------------------------------------------


STRUCTURE_CLAUSES = frozenset({"chain", "chain_root", "field"})
# One structural match (same chain node, same field) is worth this many distinct words of the source's text.
# Text scores grow with the length of the source; fixed boosts would then drown in a long, lay-language need
# whose best evidence is exactly its industry-chain node. Scaling keeps structure's share constant.
STRUCTURE_WORDS = 12
STRUCTURE_SCALE_MAX = 3.0


def structure_scale(source: Profile) -> float:
    return min(STRUCTURE_SCALE_MAX, max(1.0, len(query_terms(source.full_text)) / STRUCTURE_WORDS))


def boost(name: str, source: Profile) -> float:
    return BOOSTS[name] * (structure_scale(source) if name in STRUCTURE_CLAUSES else 1.0)


def _text_clause(name: str, raw: str, bigram_fields: list[str], word_fields: list[str]):
    should = [Q("multi_match", query=raw, fields=bigram_fields, type="most_fields")]
    segmented = segment_query(raw)
    if segmented:
        should.append(Q("multi_match", query=segmented, fields=word_fields, type="most_fields"))
    return Q("bool", should=should, boost=BOOSTS[name], _name=name)


def match_clauses(source: Profile) -> list:
    """The named should-clauses of a match query from this source profile."""
    clauses = [
        _text_clause("title_text", source.headline, ["title", "keywords_text"], ["title_words", "keywords_text_words"]),
        _text_clause("body_text", source.full_text, ["summary", "description"], ["summary_words", "description_words"]),
    ]
    like = segment(source.full_text)
    if like:
        clauses.append(
            Q(
                "more_like_this",
                fields=["title_words", "keywords_text_words", "summary_words", "description_words"],
                like=like,
                min_term_freq=1,
                min_doc_freq=1,
                max_query_terms=MLT_MAX_TERMS,
                minimum_should_match=f"{int(MLT_MIN_SHOULD * 100)}%",
                boost=BOOSTS["more_like_this"],
                _name="more_like_this",
            )
        )
    if source.keywords:
        keyword_should = [Q("terms", keywords=[k.lower() for k in source.keywords])]
        segmented = segment_query(" ".join(source.keywords))
        if segmented:
            keyword_should.append(Q("match", keywords_text_words=segmented))
        clauses.append(Q("bool", should=keyword_should, boost=BOOSTS["keywords"], _name="keywords"))
    if source.chains:
        clauses.append(
            Q(
                "bool",
                should=[Q("terms", industry_chain_codes=source.chains), Q("terms", industry_chains=source.chain_codes)],
                boost=boost("chain", source),
                _name="chain",
            )
        )
        clauses.append(
            Q("terms", industry_chain_codes=source.roots, boost=boost("chain_root", source), _name="chain_root")
        )
    clauses.append(
        Q("term", technical_field={"value": source.technical_field, "boost": boost("field", source), "_name": "field"})
    )
    return clauses


def _functions(source: Profile) -> list[dict]:
    """function_score multipliers mirroring ``multipliers()`` from the target's indexed fields."""
    functions: list[dict] = []
    if source.kind == NEED and source.trl is not None:
        functions += [
            {"filter": Q("range", trl={"gte": source.trl}), "weight": TRL_MET},
            {"filter": Q("term", trl=source.trl - 1), "weight": TRL_ONE_SHORT},
            {"filter": Q("range", trl={"lte": source.trl - 2}), "weight": TRL_FAR_SHORT},
        ]
    elif source.kind == ACHIEVEMENT and source.trl is not None:
        functions += [
            {"filter": Q("range", trl={"lte": source.trl}), "weight": TRL_MET},
            {"filter": Q("term", trl=source.trl + 1), "weight": TRL_ONE_SHORT},
            {"filter": Q("range", trl={"gte": source.trl + 2}), "weight": TRL_FAR_SHORT},
        ]
    if source.city:
        functions.append({"filter": Q("term", city=source.city), "weight": SAME_CITY})
    if source.province:
        functions.append(
            {
                "filter": Q(
                    "bool", filter=[Q("term", province=source.province)], must_not=[Q("term", city=source.city or "")]
                ),
                "weight": SAME_PROVINCE,
            }
        )
    if source.kind == NEED:
        functions.append({"filter": Q("term", ip_types="invention"), "weight": INVENTION_PATENT})
        if source.transfer_modes:
            functions.append({"filter": Q("terms", transfer_modes=source.transfer_modes), "weight": MODE_FITS})
    else:
        if "invention" in source.ip_types:
            functions.append({"filter": Q("match_all"), "weight": INVENTION_PATENT})
        if source.transfer_modes:
            functions.append({"filter": Q("terms", transfer_modes=source.transfer_modes), "weight": MODE_FITS})
    return [{**f, "filter": f["filter"].to_dict()} for f in functions]


def listed_filters(kind: str, *, include_private: bool = False) -> list:
    today = timezone.localdate().isoformat()
    filters = [
        Q("term", kind=kind),
        Q(
            "bool",
            should=[Q("bool", must_not=[Q("exists", field="valid_until")]), Q("range", valid_until={"gte": today})],
        ),
    ]
    if not include_private:
        filters.append(Q("term", visibility="public"))
    return filters


# Retrieval clauses decide which documents are candidates at all; the others only re-rank the best
# RESCORE_WINDOW candidates (more_like_this and long-text BM25 are the expensive part of the query, and
# constant field/chain-root boosts match a large share of the corpus: scoring them everywhere costs the most
# and changes only the order of documents that already match).
RETRIEVAL_CLAUSES = frozenset({"title_text", "keywords", "chain"})
RESCORE_WINDOW = 100


def _clause_name(clause) -> str:
    body = clause.to_dict()
    inner = next(iter(body.values()))
    if "_name" in inner:
        return inner["_name"]
    return next(iter(inner.values())).get("_name", "")


def _split_clauses(source: Profile) -> tuple[list, list]:
    if "split_clauses" in source._cache:
        return source._cache["split_clauses"]
    clauses = match_clauses(source)
    retrieval = [c for c in clauses if _clause_name(c) in RETRIEVAL_CLAUSES]
    refine = [c for c in clauses if _clause_name(c) not in RETRIEVAL_CLAUSES]
    source._cache["split_clauses"] = (retrieval, refine)
    return retrieval, refine


def _rescore(refine: list, functions: list[dict], window: int) -> list[dict]:
    """Two rescorers: add the refining clauses, then multiply by the function_score multipliers, so
    final = (retrieval + refine) × multipliers, the same formula the database matcher uses."""
    rescorers = [
        {
            "window_size": window,
            "query": {
                "rescore_query": Q("bool", should=refine).to_dict(),
                "query_weight": 1.0,
                "rescore_query_weight": 1.0,
                "score_mode": "total",
            },
        }
    ]
    if functions:
        multipliers_query = FunctionScore(
            query=Q("match_all"), functions=functions, score_mode="multiply", boost_mode="replace"
        )
        rescorers.append(
            {
                "window_size": window,
                "query": {
                    "rescore_query": multipliers_query.to_dict(),
                    "query_weight": 1.0,
                    "rescore_query_weight": 1.0,
                    "score_mode": "multiply",
                },
            }
        )
    return rescorers


def match_search(
    source: Profile, *, size: int = 10, include_private: bool = False, only_ids: list[int] | None = None
) -> Search:
    """The one match query: named retrieval clauses, refined and multiplied in two rescorers."""
    target_kind = ACHIEVEMENT if source.kind == NEED else NEED
    filters = listed_filters(target_kind, include_private=include_private)
    if only_ids is not None:
        filters.append(Q("terms", object_id=only_ids))
    retrieval, refine = _split_clauses(source)
    query = Q("bool", should=retrieval, minimum_should_match=1, filter=filters)
    return (
        Search(index=alias_name(target_kind))
        .query(query)
        .extra(size=size, track_total_hits=False, rescore=_rescore(refine, _functions(source), RESCORE_WINDOW))
    )


def self_search(source: Profile) -> Search:
    """The same clauses run against the source's own document: the score a perfect match would get.

    Raw BM25 sums grow with the length of the source text and shrink with corpus statistics, so a raw floor
    would mean different things for a terse need and a detailed one. Dividing by this self-score gives a
    0–100 "how much of the source's own evidence does the candidate reproduce", comparable across sources.
    """
    retrieval, refine = _split_clauses(source)
    query = Q("bool", should=retrieval, minimum_should_match=1, filter=[Q("term", object_id=source.object_id)])
    return (
        Search(index=alias_name(source.kind))
        .query(query)
        .extra(size=1, track_total_hits=False, _source=False, rescore=_rescore(refine, [], 1))
    )


def normalise(raw: float, self_score: float) -> float:
    return round(min(100.0, 100.0 * raw / self_score), 1) if self_score > 0 else 0.0


def derived_clauses(source: Profile, target: Profile, terms: list[str]) -> set[str]:
    """Refining clauses the engine applies in its rescorers (which report no names), recomputed from facts."""
    derived = set()
    if source.technical_field == target.technical_field:
        derived.add("field")
    if chain_relation(source, target) in ("chain", "chain_root"):
        derived.add("chain_root")
    if terms:
        derived.add("body_text")
    return derived


def _match_row(source: Profile, target: Profile, score: float, clauses: set[str]) -> Match:
    terms = shared_terms(source, target)
    clauses = clauses | derived_clauses(source, target, terms)
    return Match(
        object_id=target.object_id,
        external_id=target.external_id,
        title=target.title,
        url=target.url,
        score=score,
        reasons=reasons_for(source, target, clauses, terms),
        shared_terms=terms,
        clauses=sorted(clauses),
        kind=target.kind,
    )


def engine_matches(
    source: Profile, *, limit: int = 10, include_private: bool = False, floor: float | None = None, only_ids=None
) -> list[Match]:
    """Engine matching. A pair's score is always computed from the need's side (need → achievement,
    normalised by the need's self-score), so both directions, the alerts and the floor agree on it.
    Achievement → needs first retrieves candidates with the achievement's text, then re-scores them."""
    floor = match_floor(basic=False) if floor is None else floor
    engine = get_engine()
    if source.kind == NEED:
        body = match_search(source, size=limit, include_private=include_private, only_ids=only_ids).to_dict()
        response, own = engine.msearch(
            [(alias_name(ACHIEVEMENT), body), (alias_name(NEED), self_search(source).to_dict())]
        )
        if not own["hits"]["hits"]:
            # The need is not indexed (a draft, or the outbox has not caught up): use the database matcher
            # rather than guess a scale.
            return db_matches(source, limit=limit, include_private=include_private, floor=floor, only_ids=only_ids)
        self_score = own["hits"]["hits"][0]["_score"]
        rows = []
        for hit in response["hits"]["hits"]:
            score = normalise(hit["_score"], self_score)
            if score >= floor:
                rows.append(
                    _match_row(
                        source, profile_from_source(hit["_source"]), score, set(hit.get("matched_queries") or [])
                    )
                )
        return MatchList(rows, mode=ENGINE_MODE)

    body = match_search(source, size=max(limit * 3, 20), include_private=include_private, only_ids=only_ids).to_dict()
    candidates = [profile_from_source(hit["_source"]) for hit in engine.search(alias_name(NEED), body)["hits"]["hits"]]
    if not candidates:
        return MatchList(mode=ENGINE_MODE)
    searches = []
    for need in candidates:
        searches.append(
            (
                alias_name(ACHIEVEMENT),
                match_search(need, size=1, include_private=True, only_ids=[source.object_id]).to_dict(),
            )
        )
        searches.append((alias_name(NEED), self_search(need).to_dict()))
    responses = engine.msearch(searches)
    rows = []
    for i, need in enumerate(candidates):
        pair, own = responses[2 * i]["hits"]["hits"], responses[2 * i + 1]["hits"]["hits"]
        if not pair or not own:
            continue
        score = normalise(pair[0]["_score"], own[0]["_score"])
        if score >= floor:
            rows.append(_match_row(source, need, score, set(pair[0].get("matched_queries") or [])))
    rows.sort(key=lambda m: (-m.score, m.object_id))
    return MatchList(rows[:limit], mode=ENGINE_MODE)


# --- Database matcher ---------------------------------------------------------------------------------

_PROFILE_CACHE: dict[tuple, Profile] = {}
K1, B = 1.2, 0.75


def _cached(key: tuple, build) -> Profile:
    profile = _PROFILE_CACHE.get(key)
    if profile is None:
        if len(_PROFILE_CACHE) > 50_000:
            _PROFILE_CACHE.clear()
        profile = _PROFILE_CACHE[key] = build()
    return profile


def achievement_profiles() -> list[Profile]:
    from marketplace.models import AchievementPage

    pages = (
        AchievementPage.objects.listed()
        .select_related("technical_field", "institution_organisation__region")
        .prefetch_related("industry_chains", "transfer_modes", "ip_records__ip_type", "indicators", "keywords")
    )
    return [_cached((ACHIEVEMENT, p.pk, p.latest_revision_id), lambda p=p: achievement_profile(p)) for p in pages]


def need_profiles(*, include_private: bool = False) -> list[Profile]:
    from marketplace.models import TechnologyNeed

    needs = TechnologyNeed.objects.open_for_matching()
    if not include_private:
        needs = needs.filter(visibility=TechnologyNeed.Visibility.PUBLIC)
    needs = needs.select_related(
        "technical_field", "industry_chain", "region", "enterprise__region", "cooperation_mode"
    ).prefetch_related("indicators")
    return [_cached((NEED, n.pk, n.updated_at), lambda n=n: need_profile(n)) for n in needs]


class _Corpus:
    """BM25 statistics over the candidate profiles, per field group (headline, body)."""

    def __init__(self, profiles: list[Profile]):
        self.n = max(len(profiles), 1)
        self.df: Counter = Counter()
        lengths = {"headline": 0, "body": 0}
        for p in profiles:
            words = set(p.terms("headline")) | set(p.terms("body"))
            self.df.update(words)
            for group in lengths:
                lengths[group] += sum(p.terms(group).values())
        self.avg = {g: max(total / self.n, 1.0) for g, total in lengths.items()}

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def bm25(self, terms, profile: Profile, group: str) -> float:
        counts = profile.terms(group)
        length = sum(counts.values())
        score = 0.0
        for term in terms:
            tf = counts.get(term, 0)
            if tf:
                score += self.idf(term) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.avg[group]))
        return score


def db_score(
    source: Profile, target: Profile, corpus: _Corpus, mlt_terms: list[str], *, with_multipliers: bool = True
) -> tuple[float, set[str]]:
    """The same clauses and boosts as the engine query, scored in Python."""
    clauses: set[str] = set()
    score = 0.0
    headline = source.headline_query_terms
    parts = {
        "title_text": corpus.bm25(headline, target, "headline"),
        "body_text": corpus.bm25(headline, target, "body"),
    }
    if mlt_terms:
        target_words = set(target.terms("headline")) | set(target.terms("body"))
        present = [t for t in mlt_terms if t in target_words]
        if len(present) >= max(1, int(MLT_MIN_SHOULD * len(mlt_terms))):
            parts["more_like_this"] = sum(
                corpus.bm25([t], target, "body") + corpus.bm25([t], target, "headline") for t in present
            )
    if source.keywords:
        mine = {k.lower() for k in source.keywords}
        kw = 1.0 if mine & {k.lower() for k in target.keywords} else 0.0
        kw += corpus.bm25(query_terms(" ".join(source.keywords)), target, "headline") if kw == 0 else 0.0
        parts["keywords"] = kw
    relation = chain_relation(source, target)
    if relation == "chain":
        parts["chain"] = 1.0
    if relation in ("chain", "chain_root"):
        parts["chain_root"] = 1.0
    if source.technical_field == target.technical_field:
        parts["field"] = 1.0
    for name, value in parts.items():
        if value > 0:
            clauses.add(name)
            score += boost(name, source) * value
    if not clauses:
        return 0.0, clauses
    if not with_multipliers:
        return score, clauses
    for factor in multipliers(source, target).values():
        score *= factor
    return score, clauses


def db_self_score(source: Profile, corpus: _Corpus, mlt_terms: list[str]) -> float:
    """The source scored against itself, without multipliers (see ``self_search``)."""
    raw, _clauses = db_score(source, source, corpus, mlt_terms, with_multipliers=False)
    return raw


def _mlt_terms(source: Profile, corpus: _Corpus) -> list[str]:
    counts = Counter(query_terms(source.full_text))
    counts.update(source.terms("body"))
    ranked = sorted(counts, key=lambda t: counts[t] * corpus.idf(t), reverse=True)
    return ranked[:MLT_MAX_TERMS]


def db_pair_scorer(achievements: list[Profile]):
    """Score (need, achievement) pairs from the need's side against the achievement corpus, normalised by the
    need's self-score: the database twin of ``engine_matches``."""
    corpus = _Corpus(achievements)
    cache: dict[int, tuple[list[str], float]] = {}

    def score(need: Profile, achievement: Profile) -> tuple[float, set[str]]:
        if need.object_id not in cache:
            mlt = _mlt_terms(need, corpus)
            cache[need.object_id] = (mlt, db_self_score(need, corpus, mlt))
        mlt, self_score = cache[need.object_id]
        raw, clauses = db_score(need, achievement, corpus, mlt)
        return normalise(raw, self_score), clauses

    return score


def db_matches(
    source: Profile, *, limit: int = 10, include_private: bool = False, floor: float | None = None, only_ids=None
) -> list[Match]:
    achievements = achievement_profiles()
    scorer = db_pair_scorer(achievements)
    targets = achievements if source.kind == NEED else need_profiles(include_private=include_private)
    if only_ids is not None:
        wanted = set(only_ids)
        targets = [t for t in targets if t.object_id in wanted]
    floor = match_floor(basic=True) if floor is None else floor
    scored = []
    for target in targets:
        score, clauses = scorer(source, target) if source.kind == NEED else scorer(target, source)
        if score >= floor and score > 0:
            scored.append((score, target, clauses))
    scored.sort(key=lambda item: (-item[0], item[1].object_id))
    return MatchList(
        [_match_row(source, target, score, clauses) for score, target, clauses in scored[:limit]], mode=DATABASE_MODE
    )


# --- Selectors the pages, API and commands call -----------------------------------------------------


def run_matcher(source: Profile, *, limit: int, include_private: bool = False, only_ids=None) -> MatchList:
    if engine_enabled():
        try:
            return engine_matches(source, limit=limit, include_private=include_private, only_ids=only_ids)
        except EngineUnavailable as exc:
            # Reads degrade to the database matcher rather than fail; the outage is logged for operators.
            logger.warning("search engine unavailable, matching in basic mode: %s", exc)
    return db_matches(source, limit=limit, include_private=include_private, only_ids=only_ids)


def matches_for_need(need, *, limit: int = 10) -> MatchList:
    """Top achievements for a need, best first, above the relevance floor."""
    return run_matcher(need_profile(need), limit=limit)


def matches_for_achievement(page, *, limit: int = 10, include_private: bool = False) -> MatchList:
    """Top open needs for an achievement; bureau-only needs only when ``include_private`` (bureau staff)."""
    return run_matcher(achievement_profile(page), limit=limit, include_private=include_private)
