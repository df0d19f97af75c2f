"""The engine matcher: one query per direction, text clauses named so the answer says why, multipliers for
structure (chain, field), TRL, region, patents and cooperation mode in a function_score rescorer."""

from __future__ import annotations

import time

from django.utils import timezone
from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import FunctionScore

from ..documents import ACHIEVEMENT, NEED, alias_name
from ..engine import EngineUnavailable, get_engine
from ..profiles import Profile, profile_from_source
from ..text import segment_query
from . import facts
from .database import db_matches
from .facts import (
    CHAIN_NODE,
    CHAIN_ROOT,
    INFERRED_CHAIN,
    INVENTION_PATENT,
    MODE_FITS,
    SAME_CITY,
    SAME_FIELD,
    SAME_PROVINCE,
    TRL_FAR_SHORT,
    TRL_MET,
    TRL_ONE_SHORT,
    UNKNOWN_CHAIN,
    match_row,
    normalise,
)
from .weights import BOOSTS, MLT_MAX_TERMS, MLT_MIN_SHOULD

WORD_FIELDS = ["title_words", "keywords_text_words", "summary_words", "description_words", "glossary_text_words"]


# The bigram part of a text clause reads at most this many characters (a 500-character need would otherwise
# expand to more than the engine's 1,024 clauses); the word part reads the whole, de-duplicated text.
BIGRAM_CHARS = 160


def _text_clause(name: str, raw: str, bigram_fields: list[str], word_fields: list[str], segmented: str | None = None):
    should = [Q("multi_match", query=raw[:BIGRAM_CHARS], fields=bigram_fields, type="most_fields")]
    segmented = segment_query(raw) if segmented is None else segmented
    if segmented:
        should.append(Q("multi_match", query=segmented, fields=word_fields, type="most_fields"))
    return Q("bool", should=should, boost=BOOSTS[name], _name=name)


def match_clauses(source: Profile) -> list:
    """The named should-clauses of a match query from this source profile (glossary-expanded text)."""
    clauses = [
        _text_clause(
            "title_text", source.headline_query, ["title", "keywords_text"], ["title_words", "keywords_text_words"]
        ),
        _text_clause(
            "body_text",
            source.full_query,
            ["summary", "description"],
            ["summary_words", "description_words", "glossary_text_words"],
            segmented=source.full_query_words,
        ),
    ]
    like = source.full_query_index_words
    if like:
        clauses.append(
            Q(
                "more_like_this",
                fields=WORD_FIELDS,
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
        forms = facts.keyword_forms(source)
        keyword_should = [Q("terms", keywords=forms)]
        segmented = segment_query(" ".join(forms))
        if segmented:
            keyword_should.append(Q("match", keywords_text_words=segmented))
        clauses.append(Q("bool", should=keyword_should, boost=BOOSTS["keywords"], _name="keywords"))
    return clauses


def _structure_functions(source: Profile) -> list[tuple]:
    functions = []
    if source.chains:
        node = Q(
            "bool",
            should=[Q("terms", industry_chain_codes=source.chains), Q("terms", industry_chains=source.chain_codes)],
        )
        functions.append((node, CHAIN_NODE))
        functions.append((Q("terms", industry_chain_codes=source.roots), CHAIN_ROOT))
        # A target without any chain code is not of another chain (facts.UNKNOWN_CHAIN).
        functions.append((Q("bool", must_not=[Q("exists", field="industry_chain_codes")]), UNKNOWN_CHAIN))
    elif source.inferred_root:
        functions.append((Q("term", industry_chain_codes=source.inferred_root), INFERRED_CHAIN))
    if source.technical_field:
        functions.append((Q("term", technical_field=source.technical_field), SAME_FIELD))
    return functions


def _functions(source: Profile) -> list[dict]:
    """function_score multipliers mirroring ``facts.multipliers()`` from the target's indexed fields."""
    functions: list[tuple] = []
    if source.kind == NEED and source.trl is not None:
        functions += [
            (Q("range", trl={"gte": source.trl}), TRL_MET),
            (Q("term", trl=source.trl - 1), TRL_ONE_SHORT),
            (Q("range", trl={"lte": source.trl - 2}), TRL_FAR_SHORT),
        ]
    elif source.kind == ACHIEVEMENT and source.trl is not None:
        functions += [
            (Q("range", trl={"lte": source.trl}), TRL_MET),
            (Q("term", trl=source.trl + 1), TRL_ONE_SHORT),
            (Q("range", trl={"gte": source.trl + 2}), TRL_FAR_SHORT),
        ]
    if source.city:
        functions.append((Q("term", city=source.city), SAME_CITY))
    if source.province:
        functions.append(
            (
                Q("bool", filter=[Q("term", province=source.province)], must_not=[Q("term", city=source.city or "")]),
                SAME_PROVINCE,
            )
        )
    if source.kind == NEED:
        functions.append((Q("term", ip_types="invention"), INVENTION_PATENT))
    elif "invention" in source.ip_types:
        functions.append((Q("match_all"), INVENTION_PATENT))
    if source.transfer_modes:
        functions.append((Q("terms", transfer_modes=source.transfer_modes), MODE_FITS))
    functions += _structure_functions(source)
    return [{"filter": f.to_dict(), "weight": w} for f, w in functions]


def listed_filters(kind: str, *, include_private: bool = False) -> list:
    today = timezone.localdate().isoformat()
    # "No valid_until, or valid_until ≥ today", said as "not expired": the range matches only the few expired
    # listings, where the former disjunction walked every document's field (about 20 % of a match's filter time
    # at 100,000 listings, docs/search.md "Match latency").
    filters = [Q("term", kind=kind), Q("bool", must_not=[Q("range", valid_until={"lt": today})])]
    if not include_private:
        filters.append(Q("term", visibility="public"))
    return filters


# Retrieval is cheap, scoring exact. The full text clauses (``match_clauses``) cost time in proportion to the
# posting lists of every term they read: a long need's ``body_text`` alone sends some 160 bigrams and dozens of
# words, many of them common, over the whole index (229 ms of a 428 ms match at 100,000 listings). So the query
# only *retrieves* with the headline clauses and a probe of the source's PROBE_TERMS most distinctive body terms
# (``more_like_this`` picks them by tf-idf from the index's own statistics), and a rescorer then computes the
# exact score — every clause of ``match_clauses``, query_weight 0 — over the best RESCORE_WINDOW candidates. A
# candidate in the window gets exactly the score the full query would give it; the only loss possible is a
# listing that shares none of the need's distinctive terms and neither its headline nor keywords, and still
# scores into the top rows on common words alone. Structure never retrieves: a listing that shares no words with
# the source is not a candidate, whatever its codes. Measured (docs/search.md, "Match latency"): match quality is
# unchanged on both splits; on the 10,000-listing benchmark the probe costs a third of the full body clause.
HEADLINE_CLAUSES = frozenset({"title_text", "keywords"})
# 24 terms per probe (words, bigrams). At 10,000 listings the probe alone takes p50 14.5 ms against 43.8 ms for
# the full body clause (benchmarks/search_perf.py); 16 terms took 9.6 ms but changed more tail rows
# and declined one more answerable need, while 24 left every figure of both evaluation splits as it was.
PROBE_TERMS = 24
PROBE_MIN_SHOULD = "1"
# The probe leaves out the terms more than PROBE_MAX_DOC_SHARE of the target index's documents contain (never
# fewer than PROBE_MAX_DOC_FREQ_FLOOR): without a bound, more_like_this fills its 24 terms with the words nearly
# every listing shares (工艺, 提高, 领域 …: low idf, but a high count in the need's text), and retrieval then walks
# and scores almost the whole index (at 100,000 listings: 60 % of the match query's time). The exact rescorer
# still scores those words in the window. Below 10,000 listings the floor leaves every term in, so small indices
# (the tests, the evaluation splits) retrieve as before. The index's size is read after a match, at most once per
# LISTINGS_COUNT_SECONDS per process (``note_index_size``); a process's first match runs unbounded.
PROBE_MAX_DOC_SHARE = 0.10
PROBE_MAX_DOC_FREQ_FLOOR = 1000
LISTINGS_COUNT_SECONDS = 300
# With the common terms out of the probe, the window of 200 keeps the top ten closer to the full query's than
# 100 did with them (on 60 needs at 100,000 listings: 98.9 % of the full query's top-ten score sum against
# 98.2 %), at less than half the time.
RESCORE_WINDOW = 200
BODY_WORD_FIELDS = ["summary_words", "description_words", "glossary_text_words"]


def _clause_name(clause) -> str:
    """A named clause's ``_name``, read from its parameters (serialising the clause, the need's whole text
    included, only to read its name cost more than the name is worth)."""
    params = clause._params
    if "_name" in params:
        return params["_name"]
    inner = next(iter(params.values()), None)
    return inner.get("_name", "") if isinstance(inner, dict) else ""


_index_sizes: dict[str, tuple[float, int | None]] = {}


def probe_max_doc_freq(kind: str) -> int | None:
    """The probe's ``max_doc_freq`` for the index of ``kind``: None (unbounded, as before) until a match in this
    process has read the index's size (``note_index_size``), or when the engine could not say."""
    cached = _index_sizes.get(alias_name(kind))
    if cached is None or cached[1] is None:
        return None
    return max(PROBE_MAX_DOC_FREQ_FLOOR, int(cached[1] * PROBE_MAX_DOC_SHARE))


def note_index_size(engine, kind: str) -> None:
    """Read the size of ``kind``'s index when it is unknown or older than LISTINGS_COUNT_SECONDS: called after a
    match's search succeeded, never before it, and past the circuit breaker (``unguarded``), so this best-effort
    read neither counts as an engine failure nor takes a half-open breaker's one probe. A failure is remembered for
    the same time (no retry per request against a sick engine); the probe then stays unbounded."""
    alias = alias_name(kind)
    now = time.monotonic()
    cached = _index_sizes.get(alias)
    if cached is not None and cached[0] > now:
        return
    try:
        size = getattr(engine, "unguarded", engine).count(alias)
    except EngineUnavailable:
        size = None
    _index_sizes[alias] = (now + LISTINGS_COUNT_SECONDS, size)


def probe_clauses(source: Profile) -> list:
    """The cheap stand-in for ``body_text`` in retrieval: the source's most distinctive body words and bigrams,
    at most PROBE_TERMS of each, chosen by the engine from the index's document frequencies. Named ``body_text``
    so ``matched_queries`` still says the body matched."""
    probes = []
    bound = probe_max_doc_freq(ACHIEVEMENT if source.kind == NEED else NEED)
    limits = {"max_doc_freq": bound} if bound is not None else {}
    words = source.full_query_index_words
    if words:
        probes.append(
            Q(
                "more_like_this",
                fields=BODY_WORD_FIELDS,
                like=words,
                min_term_freq=1,
                min_doc_freq=1,
                max_query_terms=PROBE_TERMS,
                minimum_should_match=PROBE_MIN_SHOULD,
                **limits,
            )
        )
    text = source.full_query[:BIGRAM_CHARS].strip()
    if text:
        probes.append(
            Q(
                "more_like_this",
                fields=["summary", "description"],
                like=text,
                min_term_freq=1,
                min_doc_freq=1,
                max_query_terms=PROBE_TERMS,
                minimum_should_match=PROBE_MIN_SHOULD,
                **limits,
            )
        )
    if not probes:
        return []
    return [Q("bool", should=probes, boost=BOOSTS["body_text"], _name="body_text")]


def _split_clauses(source: Profile) -> tuple[list, list]:
    """(retrieval clauses, every clause): the cheap clauses that pick candidates and the exact ones that score."""
    if "split_clauses" in source._cache:
        return source._cache["split_clauses"]
    clauses = match_clauses(source)
    retrieval = [c for c in clauses if _clause_name(c) in HEADLINE_CLAUSES] + probe_clauses(source)
    source._cache["split_clauses"] = (retrieval, clauses)
    return retrieval, clauses


def _exact_rescorer(clauses: list, window: int) -> dict:
    """Replace the retrieval score by the full clauses' score (query_weight 0) over the window."""
    return {
        "window_size": window,
        "query": {
            "rescore_query": Q("bool", should=clauses).to_dict(),
            "query_weight": 0.0,
            "rescore_query_weight": 1.0,
            "score_mode": "total",
        },
    }


def _scoring_rescorer(clauses: list, functions: list[dict], window: int) -> dict:
    """The exact rescorer and the multipliers in one pass over the window: final = text × multipliers, the
    formula the database matcher uses. The exact clauses' score (query_weight 0 drops the retrieval score) is
    multiplied by the multipliers inside one function_score, instead of a second rescorer walking the same window
    again: the same rows in the same order (scores equal to float rounding, about 2e-7 relative, on 60 needs at
    100,000 listings) and 1–2.5 ms less per match (docs/search.md, "Match latency", fourth pass)."""
    if not functions:
        return _exact_rescorer(clauses, window)
    scored = FunctionScore(
        query=Q("bool", should=clauses), functions=functions, score_mode="multiply", boost_mode="multiply"
    )
    return {
        "window_size": window,
        "query": {
            "rescore_query": scored.to_dict(),
            "query_weight": 0.0,
            "rescore_query_weight": 1.0,
            "score_mode": "total",
        },
    }


def _multipliers_rescorer(functions: list[dict], window: int) -> dict:
    """Multiply by the multipliers: final = text × multipliers, the formula the database matcher uses."""
    multipliers_query = FunctionScore(
        query=Q("match_all"), functions=functions, score_mode="multiply", boost_mode="replace"
    )
    return {
        "window_size": window,
        "query": {
            "rescore_query": multipliers_query.to_dict(),
            "query_weight": 1.0,
            "rescore_query_weight": 1.0,
            "score_mode": "multiply",
        },
    }


def match_search(
    source: Profile, *, size: int = 10, include_private: bool = False, only_ids: list[int] | None = None
) -> Search:
    """The one match query: cheap retrieval, the exact named clauses in a rescorer, then the multipliers.

    With ``only_ids`` the candidates are already known (a pair's score): the full clauses then run directly,
    since the id filter leads and they only visit those documents."""
    target_kind = ACHIEVEMENT if source.kind == NEED else NEED
    filters = listed_filters(target_kind, include_private=include_private)
    window = max(RESCORE_WINDOW, size)
    retrieval, clauses = _split_clauses(source)
    functions = _functions(source)
    if only_ids is not None:
        filters.append(Q("terms", object_id=only_ids))
        query = Q("bool", should=clauses, minimum_should_match=1, filter=filters)
        rescore = [_multipliers_rescorer(functions, window)] if functions else []
        search = Search(index=alias_name(target_kind)).query(query)
    else:
        # The listed filters (kind, not expired, public) as a post_filter: the engine applies it while it
        # collects the top hits, so the rescore window holds only listed candidates, exactly as with a filter
        # clause. But any filter clause beside the retrieval disjunction (one or all three alike) slowed the
        # query: at 100,000 listings p50 62 → 54 ms, p95 74 → 61 ms, the same rows for 60 of 60 needs
        # (docs/search.md, "Match latency"). A match has no aggregations, the one thing a post_filter treats
        # differently. Pair scores (``only_ids``) keep the clause: there the id filter leads.
        query = Q("bool", should=retrieval, minimum_should_match=1)
        rescore = [_scoring_rescorer(clauses, functions, window)]
        search = Search(index=alias_name(target_kind)).query(query).post_filter(Q("bool", filter=filters))
    return search.extra(size=size, track_total_hits=False, rescore=rescore)


def self_search(source: Profile, *, own_kind: str | None = None) -> Search:
    """The same text clauses run against the source's own document: the score a perfect match would get, so
    a score reads as "how much of the source's own evidence the candidate reproduces" (0–100).

    ``own_kind`` names a registered kind (search.kinds) whose index holds the source's document when it is not
    a listing (a challenge matched like a need). That index is small, so its own term statistics would make
    every candidate look perfect: the search then spans the achievements too, sent with
    ``dfs_query_then_fetch`` (see ``SELF_SEARCH_TYPE``), so the self-score is measured on the same statistics
    as the candidates' scores."""
    _retrieval, clauses = _split_clauses(source)
    own = [Q("term", object_id=source.object_id)]
    index = alias_name(source.kind)
    if own_kind and own_kind != source.kind:
        own.append(Q("term", kind=own_kind))
        index = f"{alias_name(ACHIEVEMENT)},{alias_name(own_kind)}"
    # The own-document filter leads, so the full clauses only visit that one document: no rescorer needed.
    query = Q("bool", should=clauses, minimum_should_match=1, filter=own)
    return Search(index=index).query(query).extra(size=1, track_total_hits=False, _source=False)


SELF_SEARCH_TYPE = {"search_type": "dfs_query_then_fetch"}


def _with_indicators(profiles: list[Profile], source: Profile) -> None:
    """Index documents carry no structured indicators; read them for the few rows shown (one query). Only
    reasons read them, to compare the need's targets with the achievement's indicators (``indicators.compare``),
    so when the source has none there is nothing to compare and the query is not sent (about 1 ms a match)."""
    from marketplace.models import AchievementIndicator, NeedIndicator

    if not source.indicators:
        return
    by_kind: dict[str, dict[int, Profile]] = {}
    for p in profiles:
        by_kind.setdefault(p.kind, {})[p.object_id] = p
    if by_kind.get(ACHIEVEMENT):
        for page_id, name, value, unit in AchievementIndicator.objects.filter(
            page_id__in=list(by_kind[ACHIEVEMENT])
        ).values_list("page_id", "name", "value", "unit"):
            by_kind[ACHIEVEMENT][page_id].indicators.append((name, value, unit))
    if by_kind.get(NEED):
        for need_id, name, target, unit in NeedIndicator.objects.filter(need_id__in=list(by_kind[NEED])).values_list(
            "need_id", "name", "target", "unit"
        ):
            by_kind[NEED][need_id].indicators.append((name, target, unit))


def engine_matches(
    source: Profile,
    *,
    limit: int = 10,
    include_private: bool = False,
    floor: float | None = None,
    only_ids=None,
    own_kind: str | None = None,
) -> facts.MatchList:
    """Engine matching. A pair's score is always computed from the need's side (need → achievement,
    normalised by the need's self-score), so both directions and the alerts agree on it. ``floor`` (default 0)
    drops rows below a score; the recommendation is decided by coverage (facts.coverage), not by a floor."""
    floor = 0.0 if floor is None else floor
    engine = get_engine()
    if source.kind == NEED:
        body = match_search(source, size=limit, include_private=include_private, only_ids=only_ids).to_dict()
        if own_kind and own_kind != source.kind:
            own_search = self_search(source, own_kind=own_kind)
            own_index = f"{alias_name(ACHIEVEMENT)},{alias_name(own_kind)}"
            response, own = engine.msearch(
                [(alias_name(ACHIEVEMENT), body), (own_index, own_search.to_dict(), SELF_SEARCH_TYPE)]
            )
        else:
            response, own = engine.msearch(
                [(alias_name(ACHIEVEMENT), body), (alias_name(NEED), self_search(source).to_dict())]
            )
        note_index_size(engine, ACHIEVEMENT)
        if not own["hits"]["hits"]:
            # The need is not indexed (a draft, or the outbox has not caught up): use the database matcher
            # rather than guess a scale.
            return db_matches(source, limit=limit, include_private=include_private, floor=floor, only_ids=only_ids)
        self_score = own["hits"]["hits"][0]["_score"]
        hits = [
            (hit, profile_from_source(hit["_source"]))
            for hit in response["hits"]["hits"]
            if normalise(hit["_score"], self_score) >= floor and hit["_score"] > 0
        ]
        _with_indicators([p for _hit, p in hits], source)
        rows = [
            match_row(source, target, normalise(hit["_score"], self_score), set(hit.get("matched_queries") or []))
            for hit, target in hits
        ]
        return facts.order(rows, limit, mode=facts.ENGINE_MODE)

    body = match_search(source, size=max(limit * 3, 20), include_private=include_private, only_ids=only_ids).to_dict()
    candidates = [profile_from_source(hit["_source"]) for hit in engine.search(alias_name(NEED), body)["hits"]["hits"]]
    note_index_size(engine, NEED)
    if not candidates:
        return facts.MatchList(mode=facts.ENGINE_MODE)
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
    _with_indicators(candidates, source)
    rows = []
    for i, need in enumerate(candidates):
        pair, own = responses[2 * i]["hits"]["hits"], responses[2 * i + 1]["hits"]["hits"]
        if not pair or not own:
            continue
        score = normalise(pair[0]["_score"], own[0]["_score"])
        if score >= floor:
            rows.append(match_row(source, need, score, set(pair[0].get("matched_queries") or [])))
    return facts.order(rows, limit, mode=facts.ENGINE_MODE)
