"""Need ↔ achievement matching: an engine matcher and a database matcher with the same text clauses,
multipliers, recommendation and reasons. Pair facts live in ``facts``, the engine query in ``engine``, basic mode
in ``database``; pages, API, commands and alerts call the selectors below.

Every list is ordered: recommended rows first (they cover enough of the need's distinctive vocabulary), then
weaker rows marked ``recommended=False``, which pages show below a line as "可能相关".
"""

from __future__ import annotations

import logging

from django.conf import settings

from ..engine import EngineUnavailable, engine_enabled
from ..profiles import Profile, achievement_profile, need_profile
from .database import _Corpus, achievement_profiles, db_matches, db_pair_scorer, db_score, need_profiles
from .engine import BOOSTS, engine_matches, listed_filters, match_clauses, match_search, self_search
from .facts import (
    DATABASE_MODE,
    ENGINE_MODE,
    RECOMMEND_COVERAGE,
    Match,
    MatchList,
    chain_relation,
    coverage,
    evidence,
    is_recommended,
    multipliers,
    normalise,
    pair_recommended,
    reasons_for,
    shared_terms,
    trl_factor,
)

logger = logging.getLogger(__name__)

__all__ = [
    "BOOSTS",
    "DATABASE_MODE",
    "ENGINE_MODE",
    "RECOMMEND_COVERAGE",
    "Match",
    "MatchList",
    "_Corpus",
    "achievement_profiles",
    "chain_relation",
    "coverage",
    "db_matches",
    "db_pair_scorer",
    "db_score",
    "engine_matches",
    "evidence",
    "is_recommended",
    "listed_filters",
    "match_clauses",
    "match_floor",
    "match_search",
    "matches_for_achievement",
    "matches_for_need",
    "multipliers",
    "need_profiles",
    "normalise",
    "pair_recommended",
    "reasons_for",
    "run_matcher",
    "self_search",
    "shared_terms",
    "trl_factor",
]


def match_floor(*, basic: bool | None = None) -> float:
    """An optional score floor (0–100) below which rows are dropped entirely (default 0: nothing is hidden;
    whether a row is *recommended* is decided by coverage, not by this)."""
    basic = (not engine_enabled()) if basic is None else basic
    name = "SEARCH_MATCH_FLOOR_BASIC" if basic else "SEARCH_MATCH_FLOOR"
    return float(getattr(settings, name, 0.0) or 0.0)


def run_matcher(
    source: Profile, *, limit: int, include_private: bool = False, only_ids=None, own_kind: str | None = None
) -> MatchList:
    """``own_kind``: the registered document kind (search.kinds) whose index holds the source's own document,
    when the source is not a listing (a challenge scored like a need); its self-score is read there."""
    if engine_enabled():
        try:
            return engine_matches(
                source,
                limit=limit,
                include_private=include_private,
                only_ids=only_ids,
                floor=match_floor(basic=False),
                own_kind=own_kind,
            )
        except EngineUnavailable as exc:
            # Reads degrade to the database matcher rather than fail; the outage is logged for operators.
            logger.warning("search engine unavailable, matching in basic mode: %s", exc)
    return db_matches(
        source, limit=limit, include_private=include_private, only_ids=only_ids, floor=match_floor(basic=True)
    )


def matches_for_need(need, *, limit: int = 10) -> MatchList:
    """Achievements for a need: recommended ones first, then the weaker "可能相关" ones."""
    return run_matcher(need_profile(need), limit=limit)


def matches_for_achievement(page, *, limit: int = 10, include_private: bool = False) -> MatchList:
    """Open needs for an achievement; bureau-only needs only when ``include_private`` (bureau staff)."""
    return run_matcher(achievement_profile(page), limit=limit, include_private=include_private)
