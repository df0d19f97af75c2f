"""Index definitions (elasticsearch-dsl) and the documents built from achievements and needs.

Achievements and needs share one field layout so one query builder serves search, matching in both
directions and the percolator. Each text field is analysed three ways:
``title`` (CJK bigrams: recall without a dictionary), ``title.uni`` (single characters, so a
one-character query still finds something) and ``title_words`` (jieba words segmented in Python,
whitespace-analysed: word-level precision, and English terms like PVDF, 5G, LiFePO4 kept whole).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from elasticsearch.dsl import (
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Long,
    Mapping,
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


def _text_fields(mapping: Mapping) -> None:
    for name in TEXT_FIELDS:
        mapping.field(name, Text(analyzer=bigram, fields={"uni": Text(analyzer=unigram)}))
        mapping.field(f"{name}_words", Text(analyzer=words))


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
    if percolator:
        m.field("query", Percolator())
        m.field("need_id", Long())
    return m


def index_body(*, percolator: bool = False, refresh_interval: str = "1s") -> dict:
    """Settings and mappings of a new index. Shards and replicas are settings: one shard keeps BM25 deterministic;
    on a cluster SEARCH_INDEX_REPLICAS=1 keeps a copy of every shard on another node."""
    idx = Index("template")
    idx.settings(
        number_of_shards=settings.SEARCH_INDEX_SHARDS,
        number_of_replicas=settings.SEARCH_INDEX_REPLICAS,
        refresh_interval=refresh_interval,
    )
    idx.mapping(build_mapping(percolator=percolator))
    return idx.to_dict()


def alias_name(kind: str) -> str:
    """achievement → <prefix>-achievements; need → <prefix>-needs; percolator → <prefix>-need-queries."""
    suffix = {ACHIEVEMENT: "achievements", NEED: "needs", "percolator": "need-queries"}[kind]
    return f"{settings.SEARCH_INDEX_PREFIX}-{suffix}"


# --- Documents ----------------------------------------------------------------------------------


def _region_fields(region) -> dict:
    if region is None:
        return {"region": None, "city": None, "province": None}
    code = region.code
    return {"region": code, "city": code[:4] + "00", "province": code[:2] + "0000"}


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


def achievement_document(page) -> dict:
    """The index document of a live achievement page (callers pass ``page.specific``)."""
    keywords = [tag.name for tag in page.keywords.all()]
    chains = sorted(node.code for node in page.industry_chains.all())
    chain_codes = sorted({code for node in page.industry_chains.all() for code in node.ancestor_codes})
    organisation = page.institution_organisation
    indicators = " ".join(f"{i.name} {i.value}{i.unit} {i.compared_with}" for i in page.indicators.all())
    doc = {
        "kind": ACHIEVEMENT,
        "object_id": page.pk,
        "external_id": page.external_id,
        "url": page.url or "",
        **_text_document(
            title=page.title,
            keywords_text=" ".join(keywords),
            summary=page.summary,
            description=f"{plain_text(page.description)} {indicators}",
        ),
        "keywords": keywords,
        "technical_field": page.technical_field.code if page.technical_field else None,
        "technical_field_name": page.technical_field.name if page.technical_field else None,
        "industry_chains": chains,
        "industry_chain_codes": chain_codes,
        "trl": page.trl,
        "ip_types": sorted({record.ip_type.code for record in page.ip_records.all()}),
        "transfer_modes": sorted(mode.code for mode in page.transfer_modes.all()),
        "organisation": str(organisation.pk) if organisation else None,
        "organisation_name": organisation.name if organisation else None,
        **_region_fields(organisation.region if organisation else None),
        "visibility": "public",
        "valid_until": page.valid_until.isoformat() if page.valid_until else None,
        "published_at": (page.last_published_at or page.first_published_at).isoformat()
        if (page.last_published_at or page.first_published_at)
        else None,
        "price_cny": float(page.price_cny) if page.price_cny is not None else None,
    }
    return doc


def need_url(need) -> str:
    return reverse("marketplace:need_detail", args=[need.pk])


def need_document(need) -> dict:
    indicators = " ".join(f"{i.name} {i.target}{i.unit}" for i in need.indicators.all())
    chain = need.industry_chain
    region = need.region or need.enterprise.region
    return {
        "kind": NEED,
        "object_id": need.pk,
        "external_id": need.external_id,
        "url": need_url(need),
        **_text_document(
            title=need.title,
            keywords_text=" ".join(need.keyword_list),
            summary=need.problem,
            description=indicators,
        ),
        "keywords": need.keyword_list,
        "technical_field": need.technical_field.code,
        "technical_field_name": need.technical_field.name,
        "industry_chains": [chain.code] if chain else [],
        "industry_chain_codes": chain.ancestor_codes if chain else [],
        "trl": need.min_trl,
        "ip_types": [],
        "transfer_modes": [need.cooperation_mode.code] if need.cooperation_mode else [],
        "organisation": str(need.enterprise_id),
        "organisation_name": need.enterprise.name,
        **_region_fields(region),
        "visibility": need.visibility,
        "valid_until": need.deadline.isoformat() if need.deadline else None,
        "published_at": need.published_at.isoformat() if need.published_at else None,
        "price_cny": float(need.budget_max_cny) if need.budget_max_cny is not None else None,
    }


def need_is_indexable(need) -> bool:
    from marketplace.models import TechnologyNeed

    return need.status == TechnologyNeed.Status.PUBLISHED


ACHIEVEMENT_RELATED = ("technical_field", "institution_organisation__region")
ACHIEVEMENT_PREFETCH = ("industry_chains", "transfer_modes", "ip_records__ip_type", "indicators", "keywords")
