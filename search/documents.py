"""Index definitions (elasticsearch-dsl) and the documents built from achievements and needs.

Achievements and needs share one field layout so one query builder serves search, matching in both
directions and the percolator. Each text field is analysed three ways:
``title`` (CJK bigrams: recall without a dictionary), ``title.uni`` (single characters, so a
one-character query still finds something) and ``title_words`` (jieba words segmented in Python,
whitespace-analysed: word-level precision, and English terms like PVDF, 5G, LiFePO4 kept whole).
"""

from __future__ import annotations

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Long,
    Mapping,
    Object,
    Percolator,
    Text,
    analyzer,
)
from elasticsearch.dsl import normalizer as dsl_normalizer

from .text import plain_text, segment

ACHIEVEMENT = "achievement"
NEED = "need"
KINDS = (ACHIEVEMENT, NEED)

bigram = analyzer(
    "zh_bigram", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"], char_filter=["html_strip"]
)
unigram = analyzer("zh_unigram", tokenizer="standard", filter=["cjk_width", "lowercase"], char_filter=["html_strip"])
words = analyzer("zh_words", tokenizer="whitespace", filter=["lowercase"])
lowercase_keyword = dsl_normalizer("lowercase_keyword", filter=["lowercase"])

TEXT_FIELDS = ("title", "keywords_text", "summary", "description", "glossary_text")
# The glossary concepts a listing's own text names, as matching reads them for a candidate's coverage and reasons
# ({"glossary": {concept id: [forms]}, "lay": {…}}): worked out once when the document is built, instead of a scan
# of each candidate's text per match (about 0.2 ms a candidate, docs/search.md "Match latency", fourth pass).
# Read back from _source only (``enabled: false``: not indexed, not searchable). An index created before this
# field gets it added to its mapping before the first write (search.indices.ensure_indices), and a document read
# without it is scanned as before (search.profiles.profile_from_source).
MENTIONS_FIELD = "text_mentions"


def _text_fields(mapping: Mapping) -> None:
    # No query is a phrase, span or interval query, and highlighting re-analyses the stored text, so postings keep
    # term frequencies (BM25 and more_like_this read them) but no positions: less work for every indexed document.
    for name in TEXT_FIELDS:
        if name == "glossary_text":
            # Read back from _source (profiles) and queried only through glossary_text_words: no analysis.
            mapping.field(name, Text(index=False))
        else:
            mapping.field(
                name,
                Text(
                    analyzer=bigram,
                    index_options="freqs",
                    fields={"uni": Text(analyzer=unigram, index_options="freqs")},
                ),
            )
        mapping.field(f"{name}_words", Text(analyzer=words, index_options="freqs"))


def build_mapping(*, percolator: bool = False) -> Mapping:
    m = Mapping()
    m.meta("dynamic", "strict")
    m.field("kind", Keyword())
    m.field("object_id", Long())
    m.field("external_id", Keyword())
    m.field("url", Keyword(index=False))
    _text_fields(m)
    m.field("keywords", Keyword(normalizer=lowercase_keyword))
    m.field("technical_field", Keyword())
    m.field("technical_field_name", Keyword())
    m.field("industry_chains", Keyword())  # the codes as tagged
    m.field("industry_chain_codes", Keyword())  # plus every ancestor, so a chain code matches its subtree
    m.field("trl", Integer())
    m.field("ip_types", Keyword())
    m.field("transfer_modes", Keyword())
    m.field("organisation", Keyword())
    m.field("organisation_name", Keyword())
    m.field("region", Keyword())
    m.field("city", Keyword())
    m.field("province", Keyword())
    m.field("visibility", Keyword())
    m.field("valid_until", Date())
    m.field("published_at", Date())
    m.field("price_cny", Float())
    m.field(MENTIONS_FIELD, Object(enabled=False))
    if percolator:
        m.field("query", Percolator())
        m.field("need_id", Long())
    return m


def registered_kind_mapping(name: str) -> Mapping:
    """The mapping of a kind an app above search registered (search.kinds): the shared identity and text fields
    (same analysers, so the same text query and matcher clauses read it) plus the kind's own fields."""
    from . import kinds

    kind = kinds.get(name)
    m = Mapping()
    m.meta("dynamic", "strict")
    m.field("kind", Keyword())
    m.field("object_id", Long())
    m.field("url", Keyword(index=False))
    _text_fields(m)
    for field_name, field in kind.fields.items():
        m.field(field_name, field)
    return m


def built_settings() -> dict:
    """The dynamic settings of an index in use (a rebuild restores them after loading)."""
    return {
        "number_of_replicas": settings.SEARCH_INDEX_REPLICAS,
        "refresh_interval": "1s",
        "translog": {"durability": "request"},
    }


def index_body(*, percolator: bool = False, building: bool = False, kind: str | None = None) -> dict:
    """Settings and mappings of a new index. Shards and replicas are settings: one shard keeps BM25 deterministic;
    on a cluster SEARCH_INDEX_REPLICAS=1 keeps a copy of every shard on another node. ``building``: an index a
    rebuild loads before anyone reads it — no refreshes, no replicas, translog synced in the background
    (``built_settings()`` restores them before the alias swap). ``kind`` names a registered kind (search.kinds);
    achievements, needs and the percolator share ``build_mapping``."""
    idx = Index("template")
    dynamic = built_settings()
    if building:
        dynamic = {"number_of_replicas": 0, "refresh_interval": "-1", "translog": {"durability": "async"}}
    idx.settings(number_of_shards=settings.SEARCH_INDEX_SHARDS, **dynamic)
    if kind in (None, ACHIEVEMENT, NEED, "percolator"):
        idx.mapping(build_mapping(percolator=percolator or kind == "percolator"))
    else:
        idx.mapping(registered_kind_mapping(kind))
    return idx.to_dict()


def alias_name(kind: str) -> str:
    """achievement → <prefix>-achievements; need → <prefix>-needs; percolator → <prefix>-need-queries; a registered
    kind (search.kinds) → <prefix>-<its alias_suffix>."""
    from . import kinds

    own = {ACHIEVEMENT: "achievements", NEED: "needs", "percolator": "need-queries"}
    suffix = own[kind] if kind in own else kinds.get(kind).alias_suffix
    return f"{settings.SEARCH_INDEX_PREFIX}-{suffix}"


def kind_of_alias(alias: str) -> str | None:
    """Which kind an alias belongs to (the percolator's alias belongs to needs)."""
    from . import kinds

    for kind in (ACHIEVEMENT, NEED, *kinds.registered()):
        if alias == alias_name(kind):
            return kind
    return NEED if alias == alias_name("percolator") else None


# --- Documents ----------------------------------------------------------------------------------
#
# Every document is derived from marketplace's matching shape (marketplace.selectors.ListingShape), the same shape
# the profiles read. Its text part (the jieba words) is the costly part: ``listing_texts`` computes it, and
# search.matching.terms stores it per listing when the listing changes, so a rebuild reads it instead.


def _region_fields(code: str | None) -> dict:
    if not code:
        return {"region": None, "city": None, "province": None}
    return {"region": code, "city": code[:4] + "00", "province": code[:2] + "0000"}


def indicator_text(shape) -> str:
    """The indicators as words: an achievement's value and what it was compared with, a need's target."""
    if shape.kind == ACHIEVEMENT:
        return " ".join(f"{name} {value}{unit} {compared}" for name, value, unit, compared in shape.indicators)
    return " ".join(f"{name} {target}{unit}" for name, target, unit, _compared in shape.indicators)


def text_inputs(shape) -> dict[str, str]:
    """The raw text of each indexed text field (before plain_text, glossary and jieba)."""
    description = indicator_text(shape)
    if shape.kind == ACHIEVEMENT:
        description = f"{shape.description} {description}"
    return {
        "title": shape.title,
        "keywords_text": " ".join(shape.keywords),
        "summary": shape.summary,
        "description": description,
    }


def _text_document(**texts: str) -> dict:
    """The text fields of a document; ``glossary_text`` is the glossary expansion of all the others, the same
    expansion matching applies to a query (taxonomy.glossary.expand)."""
    from taxonomy import glossary

    own = " ".join(plain_text(texts.get(name) or "") for name in TEXT_FIELDS if name != "glossary_text")
    texts = {**texts, "glossary_text": glossary.expand(own)}
    doc = {}
    for name in TEXT_FIELDS:
        value = plain_text(texts.get(name) or "")
        doc[name] = value
        doc[f"{name}_words"] = segment(value)
    return doc


def text_document(**texts: str) -> dict:
    """The shared text fields of any document (the listings' and registered kinds'): plain text, glossary
    expansion, jieba words. Give ``title``, ``keywords_text``, ``summary`` and ``description``."""
    return _text_document(**texts)


def listing_texts(shape) -> dict:
    """The text fields of a listing's document: plain text, glossary expansion and jieba words (the slow part)."""
    return _text_document(**text_inputs(shape))


def document_from_shape(shape, texts: dict | None = None) -> dict:
    """The index document of a listing; ``texts`` are its stored text fields (computed when not given)."""
    texts = texts if texts is not None else listing_texts(shape)
    published = shape.published_at
    return {
        "kind": shape.kind,
        "object_id": shape.pk,
        "external_id": shape.external_id,
        "url": shape.url,
        **{name: texts[name] for name in TEXT_FIELDS},
        **{f"{name}_words": texts[f"{name}_words"] for name in TEXT_FIELDS},
        "keywords": shape.keywords,
        "technical_field": shape.technical_field,
        "technical_field_name": shape.technical_field_name,
        "industry_chains": shape.chains,
        "industry_chain_codes": shape.chain_codes,
        "trl": shape.trl,
        "ip_types": shape.ip_types,
        "transfer_modes": shape.transfer_modes,
        "organisation": str(shape.organisation_id) if shape.organisation_id is not None else None,
        "organisation_name": shape.organisation_name,
        **_region_fields(shape.region),
        "visibility": shape.visibility,
        "valid_until": shape.valid_until.isoformat() if shape.valid_until else None,
        "published_at": published.isoformat() if published else None,
        "price_cny": float(shape.price_cny) if shape.price_cny is not None else None,
        MENTIONS_FIELD: text_mentions(texts),
    }


def text_mentions(texts: dict) -> dict:
    """``MENTIONS_FIELD`` of a document: the concepts the text a candidate's profile reads from the document
    (``Profile.full_text`` of ``profile_from_source``) names, in search forms and in lay forms."""
    from taxonomy import glossary

    current = glossary.current()
    text = source_full_text(texts)
    return {"glossary": mention_record(current.mentions(text)), "lay": mention_record(current.lay_mentions(text))}


def source_full_text(source: dict) -> str:
    """``Profile.full_text`` of the profile ``profiles.profile_from_source`` makes of this document (or its text
    fields)."""
    headline = f"{source['title']} {source.get('keywords_text') or ''}"
    return f"{headline} {source.get('summary') or ''} {source.get('description') or ''}"


def mention_record(mention) -> dict[str, list[str]]:
    """A ``taxonomy.glossary.Mention`` as JSON stores it (concept id → the surface forms that mentioned it)."""
    return {str(concept_id): sorted(forms) for concept_id, forms in sorted(mention.found.items())}


def added_mapping_fields() -> dict:
    """Fields of the listing mapping that indices created by an earlier version may lack; adding a field to a
    live index is allowed, so ``ensure_indices`` adds these before the first write."""
    return {MENTIONS_FIELD: {"type": "object", "enabled": False}}


def listing_shape(listing):
    """A listing's matching shape, from a model instance or a shape already loaded."""
    from marketplace.selectors import ListingShape, matching_shape

    return listing if isinstance(listing, ListingShape) else matching_shape(listing)


def achievement_document(page, texts: dict | None = None) -> dict:
    """The index document of a live achievement (a page, ``page.specific``, or its matching shape)."""
    return document_from_shape(listing_shape(page), texts)


def need_url(need) -> str:
    from marketplace.selectors import need_url as url

    return url(need.pk)


def need_document(need, texts: dict | None = None) -> dict:
    """The index document of a published need (the need or its matching shape)."""
    return document_from_shape(listing_shape(need), texts)


def need_is_indexable(need) -> bool:
    return listing_shape(need).indexable
