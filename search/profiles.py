"""What matching knows about one side of a pair, built from the database the same way for both matchers.

A *profile* is the comparable summary of a need or an achievement: its headline (title + keywords), its
full text, its jieba words, taxonomy codes, TRL, region and transfer modes. The engine query and the
database matcher are both computed from profiles, so the two modes rank alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from taxonomy import glossary

from .documents import ACHIEVEMENT, MENTIONS_FIELD, indicator_text, listing_shape
from .text import index_terms, query_terms, segment


@dataclass
class Profile:
    kind: str
    object_id: int
    external_id: str | None
    title: str
    url: str
    keywords: list[str]
    headline: str  # title + keywords: what the source is *about*
    body: str  # everything else worth comparing
    technical_field: str
    technical_field_name: str
    chains: list[str]  # tagged codes
    chain_codes: list[str]  # tagged codes and every ancestor
    trl: int | None  # achievement: its TRL; need: the minimum it wants
    ip_types: list[str]
    transfer_modes: list[str]
    organisation_id: int | None
    city: str | None
    province: str | None
    visibility: str = "public"
    valid_until: object = None
    # Every other form of each glossary concept the text mentions (PTFE → 聚四氟乙烯 polytetrafluoroethylene …).
    expansion: str = ""
    # (name, value or target, unit): an achievement's indicators, a need's targets (reasons compare them).
    indicators: list = field(default_factory=list)
    # Filled lazily: jieba words by field group, for the database matcher and for reasons.
    _terms: dict = field(default_factory=dict, repr=False)
    # Per-profile memo (query clauses): the match query and the self-score query share them.
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def headline_query(self) -> str:
        """The headline as a query: its own words plus the glossary's other forms of what it names."""
        if "headline_query" not in self._cache:
            self._cache["headline_query"] = f"{self.headline} {glossary.expand(self.headline)}".strip()
        return self._cache["headline_query"]

    @property
    def full_query(self) -> str:
        """The whole text as a query, glossary-expanded the same way as the index side."""
        return f"{self.full_text} {self.expansion}".strip()

    @property
    def full_query_index_words(self) -> str:
        """``full_query`` cut into index-side words, once per profile: the more_like_this clause and the retrieval
        probe both read it (jieba over a long need is a few milliseconds)."""
        if "full_query_index_words" not in self._cache:
            self._cache["full_query_index_words"] = segment(self.full_query)
        return self._cache["full_query_index_words"]

    @property
    def full_query_words(self) -> str:
        """``segment_query(full_query)`` without cutting the text again: jieba never cuts across whitespace, so the
        words of "text expansion" are the text's words (already cut and cached for coverage and shared terms)
        followed by the expansion's, de-duplicated in that order."""
        return " ".join(dict.fromkeys(query_terms(self.full_text) + query_terms(self.expansion)))

    @property
    def headline_query_terms(self) -> tuple[str, ...]:
        return query_terms(self.headline_query)

    @property
    def full_text(self) -> str:
        return f"{self.headline} {self.body}"

    def terms(self, group: str) -> Counter:
        """Index-side words of ``headline`` or ``body`` (cached); the body carries the glossary expansion, as the
        index document's ``glossary_text`` field does."""
        if group not in self._terms:
            text = self.headline if group == "headline" else f"{self.body} {self.expansion}"
            self._terms[group] = Counter(index_terms(text))
        return self._terms[group]

    def length(self, group: str) -> int:
        """How many index-side words ``headline`` or ``body`` has (BM25's length norm; cached)."""
        key = f"length:{group}"
        if key not in self._cache:
            self._cache[key] = sum(self.terms(group).values())
        return self._cache[key]

    def mention(self) -> glossary.Mention:
        """The glossary concepts this side's own text mentions (for reasons: which term bridged a pair)."""
        if "mention" not in self._cache:
            self._cache["mention"] = glossary.mentions(self.full_text)
        return self._cache["mention"]

    @property
    def inferred_root(self) -> str | None:
        """The chain the text points to when the listing carries no chain code (a weak signal only)."""
        if self.chains:
            return None
        if "inferred_root" not in self._cache:
            from taxonomy.inference import infer

            self._cache["inferred_root"] = infer(self.full_text).root
        return self._cache["inferred_root"]

    @property
    def roots(self) -> list[str]:
        return sorted({code.split(".")[0] for code in self.chains})


def _region(code: str | None):
    if not code:
        return None, None
    return code[:4] + "00", code[:2] + "0000"


def profile_from_shape(shape, texts: dict | None = None) -> Profile:
    """The profile of a listing from its matching shape (marketplace.selectors.ListingShape). With ``texts``, the
    listing's stored document text fields, its words and glossary expansion are reused instead of recomputed."""
    city, province = _region(shape.region)
    indicators = indicator_text(shape)
    body = (
        f"{shape.summary} {shape.description} {indicators}"
        if shape.kind == ACHIEVEMENT
        else (f"{shape.summary} {indicators}")
    )
    profile = Profile(
        kind=shape.kind,
        object_id=shape.pk,
        external_id=shape.external_id,
        title=shape.title,
        url=shape.url,
        keywords=shape.keywords,
        headline=f"{shape.title} {' '.join(shape.keywords)}",
        body=body,
        technical_field=shape.technical_field or "",  # unknown field: "", like every other absent code
        technical_field_name=shape.technical_field_name or "",
        chains=shape.chains,
        chain_codes=shape.chain_codes,
        trl=shape.trl,
        ip_types=shape.ip_types,
        transfer_modes=shape.transfer_modes,
        organisation_id=shape.organisation_id,
        city=city,
        province=province,
        visibility=shape.visibility,
        valid_until=shape.valid_until,
        indicators=[(name, value, unit) for name, value, unit, _compared in shape.indicators],
    )
    if texts is None:
        # One scan of the text gives both the expansion and the mentions reasons read (``Profile.mention``).
        current = glossary.current()
        mention = current.mentions(profile.full_text)
        profile.expansion = current.expansion_of(mention)
        profile._cache["mention"] = mention
    else:
        profile.expansion = texts.get("glossary_text") or ""
        profile._terms = terms_from_texts(texts)
        stored = texts.get(STORED_MENTIONS)
        if stored is not None:  # rows stored before it was kept scan the text when asked (Profile.mention)
            profile._cache["mention"] = _mention_of(stored)
    return profile


# The profile memo's key for the concepts its text names in lay forms (search.matching.facts.lay_mention).
LAY_MENTION = "lay_mention"

# The stored texts' key for the glossary concepts a listing's own text mentions (concept id → the surface forms
# that mentioned them): worked out when the text is segmented, so reasons do not scan each candidate again.
STORED_MENTIONS = "glossary_mentions"


def terms_from_texts(texts: dict) -> dict[str, Counter]:
    """A profile's index-side words by group, from a document's text fields (the same words jieba gives the
    profile's headline and body: jieba cuts at spaces, so per-field words are the words of the joined text)."""
    headline = f"{texts.get('title_words', '')} {texts.get('keywords_text_words', '')}".split()
    body = (
        f"{texts.get('summary_words', '')} {texts.get('description_words', '')} {texts.get('glossary_text_words', '')}"
    ).split()
    return {"headline": Counter(headline), "body": Counter(body)}


def achievement_profile(page) -> Profile:
    """The profile of an achievement (a page or its matching shape)."""
    return profile_from_shape(listing_shape(page))


def need_profile(need) -> Profile:
    """The profile of a need (a need or its matching shape)."""
    return profile_from_shape(listing_shape(need))


def _mention_of(record: dict) -> glossary.Mention:
    """A Mention from its stored form (``documents.mention_record``)."""
    return glossary.Mention({int(concept_id): set(forms) for concept_id, forms in record.items()})


def profile_from_source(source: dict) -> Profile:
    """A profile from an index document's _source (no database round trip, and no re-segmenting: the
    jieba words stored at index time are reused, and the glossary concepts its text names when the document
    carries them: ``search.documents.MENTIONS_FIELD``)."""
    profile = Profile(
        kind=source["kind"],
        object_id=source["object_id"],
        external_id=source.get("external_id"),
        title=source["title"],
        url=source.get("url") or "",
        keywords=source.get("keywords") or [],
        headline=f"{source['title']} {source.get('keywords_text') or ''}",
        body=f"{source.get('summary') or ''} {source.get('description') or ''}",
        technical_field=source["technical_field"] or "",
        technical_field_name=source.get("technical_field_name") or "",
        chains=source.get("industry_chains") or [],
        chain_codes=source.get("industry_chain_codes") or [],
        trl=source.get("trl"),
        ip_types=source.get("ip_types") or [],
        transfer_modes=source.get("transfer_modes") or [],
        organisation_id=int(source["organisation"]) if source.get("organisation") else None,
        city=source.get("city"),
        province=source.get("province"),
        visibility=source.get("visibility") or "public",
        expansion=source.get("glossary_text") or "",
    )
    if "title_words" in source:
        profile._terms = terms_from_texts(source)
    mentions = source.get(MENTIONS_FIELD)
    if mentions:  # a document indexed before the field existed: its text is scanned when asked, as before
        profile._cache["mention"] = _mention_of(mentions["glossary"])
        profile._cache[LAY_MENTION] = _mention_of(mentions["lay"])
    return profile
