"""Saved needs as percolator queries: publishing an achievement asks the engine which open needs it fits.

The stored query is deliberately broad (any headline word, or the same industry-chain subtree): it only
finds candidates cheaply. Each candidate is then scored with the full match query against the floor, so
alerts obey exactly the same relevance rule as the match lists people see.
"""

from __future__ import annotations

from elasticsearch.dsl import Q

from .profiles import need_profile
from .text import segment_query


def need_percolator_query(need, *, profile=None) -> dict:
    """The stored query of an open need (the need or its matching shape; ``profile`` when already built)."""
    profile = profile if profile is not None else need_profile(need)
    should = []
    words = segment_query(profile.headline)
    if words:
        should.append(
            Q(
                "multi_match",
                query=words,
                fields=["title_words", "keywords_text_words", "summary_words", "description_words"],
            )
        )
    if profile.chains:
        should.append(Q("terms", industry_chain_codes=profile.chains))
        should.append(Q("terms", industry_chains=profile.chain_codes))
    if not should:
        should.append(Q("term", technical_field=profile.technical_field))
    return Q("bool", should=should, minimum_should_match=1).to_dict()


def need_percolator_document(need, *, profile=None) -> dict:
    """What the percolator index stores for an open need: the query and whose need it is."""
    return {
        "kind": "need",
        "object_id": need.pk,
        "need_id": need.pk,
        "query": need_percolator_query(need, profile=profile),
    }
