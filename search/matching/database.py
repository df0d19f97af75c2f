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
from .facts import match_row, multipliers, normalise

_PROFILE_CACHE: dict[tuple, Profile] = {}
K1, B = 1.2, 0.75


def _cached(key: tuple, build) -> Profile:
    profile = _PROFILE_CACHE.get(key)
    if profile is None:
        if len(_PROFILE_CACHE) > 50_000:
            _PROFILE_CACHE.clear()
        profile = _PROFILE_CACHE[key] = build()
    return profile


def achievement_queryset():
    from marketplace.models import AchievementPage

    return (
        AchievementPage.objects.listed()
        .select_related("technical_field", "institution_organisation__region")
        .prefetch_related("industry_chains", "transfer_modes", "ip_records__ip_type", "indicators", "keywords")
    )


def need_queryset(*, include_private: bool = True):
    from marketplace.models import TechnologyNeed

    needs = TechnologyNeed.objects.open_for_matching()
    if not include_private:
        needs = needs.filter(visibility=TechnologyNeed.Visibility.PUBLIC)
    return needs.select_related(
        "technical_field", "industry_chain", "region", "enterprise__region", "cooperation_mode"
    ).prefetch_related("indicators")


def achievement_profiles() -> list[Profile]:
    """Every listed achievement's profile (public search's basic mode and the evaluation use it)."""
    return [
        _cached(
            (ACHIEVEMENT, p.pk, p.latest_revision_id, p.latest_revision_created_at), lambda p=p: achievement_profile(p)
        )
        for p in achievement_queryset()
    ]


def need_profiles(*, include_private: bool = False) -> list[Profile]:
    return [
        _cached((NEED, n.pk, n.updated_at), lambda n=n: need_profile(n))
        for n in need_queryset(include_private=include_private)
    ]


def profiles_for(kind: str, ids, *, include_private: bool = True) -> list[Profile]:
    """Profiles of these listed ids, cached per version: one flat query says which versions are listed, and only
    the listings not cached yet are loaded (their words come from the stored terms, not from jieba)."""
    from . import terms

    ids = list(ids)
    if not ids:
        return []
    listed = (
        achievement_queryset().filter(pk__in=ids)
        if kind == ACHIEVEMENT
        else need_queryset(include_private=include_private).filter(pk__in=ids)
    )
    if kind == ACHIEVEMENT:
        keys = {
            pk: (ACHIEVEMENT, pk, revision, created)
            for pk, revision, created in listed.values_list("pk", "latest_revision_id", "latest_revision_created_at")
        }
    else:
        keys = {pk: (NEED, pk, updated) for pk, updated in listed.values_list("pk", "updated_at")}
    missing = [pk for pk, key in keys.items() if key not in _PROFILE_CACHE]
    if missing:
        stored = terms.stored_words(kind, missing)
        build = achievement_profile if kind == ACHIEVEMENT else need_profile
        for obj in listed.filter(pk__in=missing):
            profile = build(obj)
            if obj.pk in stored:
                headline, body = stored[obj.pk]
                profile._terms = {"headline": Counter(headline.split()), "body": Counter(body.split())}
            _cached(keys[obj.pk], lambda p=profile: p)
    return [_PROFILE_CACHE[keys[pk]] for pk in ids if pk in keys and keys[pk] in _PROFILE_CACHE]


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
        # The keyword clause reads the glossary forms of the keywords too (facts.keyword_forms), as the engine's.
        mine = set(facts.keyword_forms(source))
        kw = 1.0 if mine & {k.lower() for k in target.keywords} else 0.0
        kw += corpus.bm25(query_terms(" ".join(mine)), target, "headline") if kw == 0 else 0.0
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


def db_pair_scorer(achievements: list[Profile] | None = None):
    """Score (need, achievement) pairs from the need's side, normalised by the need's self-score: the database
    twin of ``engine_matches``. Statistics come from the stored terms (``TableCorpus``), or from the given
    profiles (the evaluation's in-memory corpus)."""
    from .terms import TableCorpus

    corpus = _Corpus(achievements) if achievements is not None else TableCorpus(ACHIEVEMENT)
    cache: dict[int, tuple[list[str], float]] = {}

    def score(need: Profile, achievement: Profile) -> tuple[float, set[str]]:
        if need.object_id not in cache:
            if hasattr(corpus, "prefetch"):
                corpus.prefetch(
                    [
                        *query_terms(need.full_query),
                        *need.terms("body"),
                        *need.headline_query_terms,
                        *query_terms(" ".join(facts.keyword_forms(need))),
                    ]
                )
            mlt = _mlt_terms(need, corpus)
            cache[need.object_id] = (mlt, db_score(need, need, corpus, mlt, with_multipliers=False)[0])
        mlt, self_score = cache[need.object_id]
        raw, clauses = db_score(need, achievement, corpus, mlt)
        return normalise(raw, self_score), clauses

    return score


def db_matches(
    source: Profile, *, limit: int = 10, include_private: bool = False, floor: float | None = None, only_ids=None
) -> facts.MatchList:
    """Basic mode: the full-text index retrieves candidates, the clauses score them."""
    from . import terms

    target_kind = ACHIEVEMENT if source.kind == NEED else NEED
    terms.ensure_fresh(ACHIEVEMENT)
    if target_kind == NEED:
        terms.ensure_fresh(NEED)
    ids = list(only_ids) if only_ids is not None else terms.retrieve(target_kind, source.full_query)
    targets = profiles_for(target_kind, ids, include_private=include_private)
    scorer = db_pair_scorer()
    floor = 0.0 if floor is None else floor
    scored = []
    for target in targets:
        score, clauses = scorer(source, target) if source.kind == NEED else scorer(target, source)
        if score >= floor and score > 0:
            scored.append((score, target, clauses))
    scored.sort(key=lambda item: (-item[0], item[1].object_id))
    rows = [match_row(source, target, score, clauses) for score, target, clauses in scored[: max(limit, 10) * 2]]
    return facts.order(rows, limit, mode=facts.DATABASE_MODE)
