"""The database matcher (basic mode): the engine's text clauses scored with BM25 in Python over the listed
profiles, then the same multipliers, recommendation and reasons (facts.py). Used when SEARCH_URL is empty,
when the engine is down, and for a need that is not indexed yet."""

from __future__ import annotations

import math
from collections import Counter

from ..documents import ACHIEVEMENT, NEED
from ..profiles import Profile, achievement_profile, need_profile
from ..text import query_terms
from . import facts
from .engine import BOOSTS, MLT_MAX_TERMS, MLT_MIN_SHOULD
from .facts import Match, match_row, multipliers, normalise

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
    """The engine's text clauses and boosts scored in Python, times the same multipliers."""
    clauses: set[str] = set()
    score = 0.0
    full = query_terms(source.full_query)
    parts = {
        "title_text": corpus.bm25(source.headline_query_terms, target, "headline"),
        "body_text": corpus.bm25(full, target, "body"),
    }
    if mlt_terms:
        words = facts.target_words(target)
        present = [t for t in mlt_terms if t in words]
        if len(present) >= max(1, int(MLT_MIN_SHOULD * len(mlt_terms))):
            parts["more_like_this"] = sum(
                corpus.bm25([t], target, "body") + corpus.bm25([t], target, "headline") for t in present
            )
    if source.keywords:
        mine = {k.lower() for k in source.keywords}
        kw = 1.0 if mine & {k.lower() for k in target.keywords} else 0.0
        kw += corpus.bm25(query_terms(" ".join(source.keywords)), target, "headline") if kw == 0 else 0.0
        parts["keywords"] = kw
    for name, value in parts.items():
        if value > 0:
            clauses.add(name)
            score += BOOSTS[name] * value
    if not clauses or not with_multipliers:
        return score, clauses
    for factor in multipliers(source, target).values():
        score *= factor
    return score, clauses


def _mlt_terms(source: Profile, corpus: _Corpus) -> list[str]:
    counts = Counter(query_terms(source.full_query))
    counts.update(source.terms("body"))
    ranked = sorted(counts, key=lambda t: counts[t] * corpus.idf(t), reverse=True)
    return ranked[:MLT_MAX_TERMS]


def db_pair_scorer(achievements: list[Profile]):
    """Score (need, achievement) pairs from the need's side against the achievement corpus, normalised by the
    need's self-score (text clauses only): the database twin of ``engine_matches``."""
    corpus = _Corpus(achievements)
    cache: dict[int, tuple[list[str], float]] = {}

    def score(need: Profile, achievement: Profile) -> tuple[float, set[str]]:
        if need.object_id not in cache:
            mlt = _mlt_terms(need, corpus)
            cache[need.object_id] = (mlt, db_score(need, need, corpus, mlt, with_multipliers=False)[0])
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
    floor = 0.0 if floor is None else floor
    scored = []
    for target in targets:
        score, clauses = scorer(source, target) if source.kind == NEED else scorer(target, source)
        if score >= floor and score > 0:
            scored.append((score, target, clauses))
    scored.sort(key=lambda item: (-item[0], item[1].object_id))
    rows = [match_row(source, target, score, clauses) for score, target, clauses in scored[: max(limit, 10) * 2]]
    return facts.order(rows, limit)
