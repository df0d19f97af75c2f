"""The database matcher (basic mode): the engine's text clauses scored with BM25 in Python over the listed
profiles, then the same multipliers, recommendation and reasons (facts.py). Used when SEARCH_URL is empty,
when the engine is down, and for a need that is not indexed yet."""

from __future__ import annotations

import math
from collections import Counter

from .. import listings
from ..documents import ACHIEVEMENT, NEED
from ..profiles import Profile
from ..text import query_terms
from . import facts, terms
from .facts import match_row, multipliers, normalise
from .weights import BOOSTS, MLT_MAX_TERMS, MLT_MIN_SHOULD

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
    from marketplace.selectors import for_matching

    return for_matching(listings.listed(ACHIEVEMENT))


def need_queryset(*, include_private: bool = True):
    from marketplace.selectors import for_matching

    return for_matching(listings.listed(NEED, include_private=include_private))


def _versions(kind: str, queryset) -> dict[int, tuple]:
    """pk → profile cache key of every listing in the queryset, in its order (one flat query)."""
    if kind == ACHIEVEMENT:
        return {
            pk: (ACHIEVEMENT, pk, revision, created)
            for pk, revision, created in queryset.values_list("pk", "latest_revision_id", "latest_revision_created_at")
        }
    return {pk: (NEED, pk, updated) for pk, updated in queryset.values_list("pk", "updated_at")}


LOAD_CHUNK = 1000


def _profiles(kind: str, queryset, order=None) -> list[Profile]:
    """Profiles of the listings in ``queryset``, cached per version: one flat query says which versions are
    listed; only listings not cached yet are loaded (flat shapes, words from the stored terms, not from jieba)."""
    keys = _versions(kind, queryset)
    found = {pk: _PROFILE_CACHE[key] for pk, key in keys.items() if key in _PROFILE_CACHE}
    missing = sorted(pk for pk in keys if pk not in found)
    if missing:
        stamp = listings.glossary_stamp()
        for start in range(0, len(missing), LOAD_CHUNK):
            chunk = listings.shapes(kind, missing[start : start + LOAD_CHUNK])
            texts = listings.stored_texts(kind, chunk, stamp=stamp)
            for pk, profile in listings.profiles(kind, chunk, texts).items():
                found[pk] = _cached(keys[pk], lambda p=profile: p)
    order = order if order is not None else list(keys)
    return [found[pk] for pk in order if pk in found]


def achievement_profiles() -> list[Profile]:
    """Every listed achievement's profile (public search's basic mode and the evaluation use it)."""
    return _profiles(ACHIEVEMENT, listings.listed(ACHIEVEMENT))


def need_profiles(*, include_private: bool = False) -> list[Profile]:
    return _profiles(NEED, listings.listed(NEED, include_private=include_private))


def profiles_for(kind: str, ids, *, include_private: bool = True) -> list[Profile]:
    """Profiles of these listed ids, in this order (unlisted ids are left out)."""
    ids = list(ids)
    if not ids:
        return []
    listed = listings.listed(kind, include_private=include_private).filter(pk__in=ids)
    return _profiles(kind, listed, order=ids)


class _Corpus:
    """BM25 statistics over the candidate profiles, per field group (headline, body)."""

    K1, B = K1, B

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
        norm = K1 * (1 - B + B * profile.length(group) / self.avg[group])
        score = 0.0
        for term in terms:
            tf = counts.get(term, 0)
            if tf:
                score += self.idf(term) * tf * (K1 + 1) / (tf + norm)
        return score


class _Query:
    """What db_score reads from the need on every candidate, worked out once per need and corpus: its whole text's
    query words, its headline's, its keyword forms and their words, the more-like-this terms, and the IDF of each
    of those words (the corpus's own values, looked up once instead of once per candidate)."""

    __slots__ = ("full", "headline", "idf", "keyword_terms", "mine", "mlt")

    def __init__(self, source: Profile, corpus, mlt_terms: list[str]):
        self.full = query_terms(source.full_query)
        self.headline = source.headline_query_terms
        self.mine = set(facts.keyword_forms(source)) if source.keywords else set()
        self.keyword_terms = query_terms(" ".join(self.mine)) if self.mine else ()
        self.mlt = mlt_terms
        self.idf = {t: corpus.idf(t) for t in (*self.full, *self.headline, *self.keyword_terms, *mlt_terms)}


def _bm25(idf: dict, k1: float, counts, norm: float, terms) -> float:
    """``corpus.bm25`` with the IDFs, the field's counts and its length norm worked out by the caller (the same
    sums, in the same order, so the same floats)."""
    score = 0.0
    for term in terms:
        tf = counts.get(term, 0)
        if tf:
            score += idf[term] * tf * (k1 + 1) / (tf + norm)
    return score


def db_score(
    source: Profile,
    target: Profile,
    corpus: _Corpus,
    mlt_terms: list[str],
    *,
    with_multipliers: bool = True,
    query: _Query | None = None,
) -> tuple[float, set[str]]:
    """The engine's text clauses and boosts scored in Python, times the same multipliers. ``query``: the need's
    side, when the caller scores many candidates for it (``db_pair_scorer``)."""
    clauses: set[str] = set()
    score = 0.0
    q = query if query is not None else _Query(source, corpus, mlt_terms)
    idf, mlt_terms = q.idf, q.mlt
    k1, b = corpus.K1, corpus.B
    head, body = target.terms("headline"), target.terms("body")
    head_norm = k1 * (1 - b + b * target.length("headline") / corpus.avg["headline"])
    body_norm = k1 * (1 - b + b * target.length("body") / corpus.avg["body"])
    parts = {
        "title_text": _bm25(idf, k1, head, head_norm, q.headline),
        "body_text": _bm25(idf, k1, body, body_norm, q.full),
    }
    if mlt_terms:
        present = [t for t in mlt_terms if t in head or t in body]
        if len(present) >= max(1, int(MLT_MIN_SHOULD * len(mlt_terms))):
            # Each present term's body and headline BM25, summed term by term (corpus.bm25 of one term, inlined).
            mlt = 0
            for t in present:
                tf = body.get(t, 0)
                in_body = idf[t] * tf * (k1 + 1) / (tf + body_norm) if tf else 0.0
                tf = head.get(t, 0)
                mlt += in_body + (idf[t] * tf * (k1 + 1) / (tf + head_norm) if tf else 0.0)
            parts["more_like_this"] = mlt
    if source.keywords:
        # The keyword clause reads the glossary forms of the keywords too (facts.keyword_forms), as the engine's.
        kw = 1.0 if q.mine & {k.lower() for k in target.keywords} else 0.0
        kw += _bm25(idf, k1, head, head_norm, q.keyword_terms) if kw == 0 else 0.0
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


def db_pair_scorer(achievements: list[Profile] | None = None, *, corpus=None):
    """Score (need, achievement) pairs from the need's side, normalised by the need's self-score: the database
    twin of ``engine_matches``. Statistics are given (``corpus``: a match has just read them), or come from the
    given profiles (the evaluation's in-memory corpus), or from the stored terms (``terms.corpus``, cached while
    the table is unchanged)."""
    if corpus is None:
        corpus = _Corpus(achievements) if achievements is not None else terms.corpus(ACHIEVEMENT)
    cache: dict[int, tuple[_Query, float]] = {}

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
            query = _Query(need, corpus, mlt)
            cache[need.object_id] = (query, db_score(need, need, corpus, mlt, with_multipliers=False, query=query)[0])
        query, self_score = cache[need.object_id]
        raw, clauses = db_score(need, achievement, corpus, query.mlt, query=query)
        return normalise(raw, self_score), clauses

    return score


def db_matches(
    source: Profile, *, limit: int = 10, include_private: bool = False, floor: float | None = None, only_ids=None
) -> facts.MatchList:
    """Basic mode: the full-text index retrieves candidates, the clauses score them."""
    target_kind = ACHIEVEMENT if source.kind == NEED else NEED
    stats = terms.fresh_corpus(ACHIEVEMENT)
    target_stats = terms.fresh_corpus(NEED) if target_kind == NEED else stats
    if only_ids is None:
        only_ids = terms.retrieve(target_kind, source.full_query, stats=target_stats)
    ids = list(only_ids)
    targets = profiles_for(target_kind, ids, include_private=include_private)
    scorer = db_pair_scorer(corpus=stats)
    floor = 0.0 if floor is None else floor
    scored = []
    for target in targets:
        score, clauses = scorer(source, target) if source.kind == NEED else scorer(target, source)
        if score >= floor and score > 0:
            scored.append((score, target, clauses))
    scored.sort(key=lambda item: (-item[0], item[1].object_id))
    kept = scored[: max(limit, 10) * 2]
    rows = [match_row(source, target, score, clauses, with_reasons=False) for score, target, clauses in kept]
    shown = facts.order(rows, limit, mode=facts.DATABASE_MODE)
    # Reasons (a glossary scan of each side) only for the rows returned, not for every row the order looked at.
    facts.add_reasons(source, shown, {target.object_id: target for _score, target, _clauses in kept})
    return shown
