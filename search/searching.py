"""The public search (page and API): achievements and needs, facets with counts, highlighted snippets.

One entry point, ``search_listings``, chooses the engine or the database (basic mode, or the engine is down)
and returns the same ``SearchResults`` either way.
"""

from __future__ import annotations

import html
import logging
import math
import re
from dataclasses import dataclass, field

import jieba
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from elasticsearch.dsl import A, Q, Search

from .documents import ACHIEVEMENT, NEED, alias_name
from .engine import EngineUnavailable, engine_enabled, get_engine
from .matching import _Corpus, achievement_profiles, listed_filters, need_profiles
from .text import _initialise as _initialise_words
from .text import plain_text, query_terms, segment_query

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
MARKED = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
MAX_PAGE = 100
MAX_QUERY_LENGTH = 100
FACETS = ("kind", "technical_field", "industry_chain", "trl", "ip_type", "transfer_mode", "organisation")
# facet name → index field
FACET_FIELDS = {
    "kind": "kind",
    "technical_field": "technical_field",
    "industry_chain": "industry_chain_codes",
    "trl": "trl",
    "ip_type": "ip_types",
    "transfer_mode": "transfer_modes",
    "organisation": "organisation_name",
}
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    page: int = 1


@dataclass
class FacetBucket:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchHit:
    kind: str
    object_id: int
    external_id: str | None
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    score: float | None
    technical_field_name: str
    organisation_name: str
    trl: int | None


@dataclass
class SearchResults:
    params: SearchParams
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[FacetBucket]]
    basic_mode: bool

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PAGE_SIZE))

    @property
    def has_previous(self) -> bool:
        return self.params.page > 1

    @property
    def has_next(self) -> bool:
        return self.params.page < min(self.pages, MAX_PAGE)


def clean_params(data) -> tuple[SearchParams, dict[str, list[str]]]:
    """Validate raw GET parameters; returns the params and per-field Chinese error messages."""
    errors: dict[str, list[str]] = {}
    q = (data.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = [_("搜索词不能超过 %(n)s 个字符。") % {"n": MAX_QUERY_LENGTH}]
        q = q[:MAX_QUERY_LENGTH]
    page = 1
    raw_page = data.get("page") or "1"
    try:
        page = int(raw_page)
        if page < 1 or page > MAX_PAGE:
            raise ValueError
    except (TypeError, ValueError):
        errors["page"] = [_("页码应为 1 到 %(n)s 之间的整数。") % {"n": MAX_PAGE}]
        page = 1
    filters = {}
    for name in FACETS:
        value = (data.get(name) or "").strip()
        if not value:
            continue
        if name == "kind" and value not in (ACHIEVEMENT, NEED):
            errors[name] = [_("类型只能是 achievement(成果)或 need(需求)。")]
            continue
        if name == "trl" and (not value.isdigit() or not 1 <= int(value) <= 9):
            errors[name] = [_("技术就绪度应为 1 到 9 的整数。")]
            continue
        filters[name] = value[:100]
    return SearchParams(q=q, filters=filters, page=page), errors


def search_listings(params: SearchParams) -> SearchResults:
    if engine_enabled():
        try:
            return _in_active_language(_engine_search(params))
        except EngineUnavailable as exc:
            logger.warning("search engine unavailable, searching in basic mode: %s", exc)
    return _in_active_language(_db_search(params))


def _english() -> bool:
    return (translation.get_language() or "").startswith("en")


def _names(model, key: str = "code") -> dict[str, str]:
    """A taxonomy's labels in the active language (its English name where it has one)."""
    english = _english()
    return {k: (en if english and en else zh) for k, zh, en in model.objects.values_list(key, "name", "name_en")}


def _in_active_language(results: SearchResults) -> SearchResults:
    """The index and the profiles carry the Chinese technical-field name; English readers get its English name."""
    if _english() and results.hits:
        from taxonomy.models import TechnicalField

        english = _names(TechnicalField, key="name")
        for hit in results.hits:
            hit.technical_field_name = english.get(hit.technical_field_name, hit.technical_field_name)
    return results


# --- Engine -------------------------------------------------------------------------------------------


def text_query(q: str):
    """Bigram fields (with 75% of bigrams required), jieba words, and single characters for 1-char queries."""
    should = [
        Q(
            "multi_match",
            query=q,
            fields=["title^3", "keywords_text^2", "summary", "description"],
            type="most_fields",
            minimum_should_match="75%",
        )
    ]
    words = segment_query(q)
    if words:
        should.append(
            Q(
                "multi_match",
                query=words,
                fields=["title_words^3", "keywords_text_words^2", "summary_words", "description_words"],
                type="most_fields",
                operator="and",
            )
        )
    if len(_HAN.findall(q)) <= 1:
        should.append(
            Q(
                "multi_match",
                query=q,
                fields=["title.uni^3", "keywords_text.uni^2", "summary.uni", "description.uni"],
                type="most_fields",
                operator="and",
            )
        )
    if words:
        # The listing's glossary forms (indexed with it): an English query finds a Chinese listing and back.
        should.append(Q("match", glossary_text_words={"query": words, "operator": "and", "boost": 0.5}))
    should.append(Q("terms", keywords=[q.lower()], boost=5))
    return Q("bool", should=should, minimum_should_match=1)


def _filter_clauses(filters: dict[str, str]) -> list:
    clauses = []
    for name, value in filters.items():
        clauses.append(Q("term", **{FACET_FIELDS[name]: int(value) if name == "trl" else value}))
    return clauses


def build_search(params: SearchParams) -> Search:
    visible = Q(
        "bool",
        should=[Q("bool", filter=listed_filters(ACHIEVEMENT)), Q("bool", filter=listed_filters(NEED))],
        minimum_should_match=1,
    )
    query = Q("bool", filter=[visible, *_filter_clauses(params.filters)])
    if params.q:
        query = Q("bool", must=[text_query(params.q)], filter=[visible, *_filter_clauses(params.filters)])
    s = Search(index=f"{alias_name(ACHIEVEMENT)},{alias_name(NEED)}").query(query)
    if not params.q:
        s = s.sort({"published_at": {"order": "desc", "missing": "_last"}}, {"object_id": "asc"})
    for name, index_field in FACET_FIELDS.items():
        s.aggs.bucket(name, A("terms", field=index_field, size=60 if name == "industry_chain" else 20))
    s = s.highlight("title", "summary", "description", number_of_fragments=1, fragment_size=120)
    s = s.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", require_field_match=False)
    s = s.source(excludes=["*_words"])
    start = (params.page - 1) * PAGE_SIZE
    return s.extra(from_=start, size=PAGE_SIZE, track_total_hits=True)


def _engine_search(params: SearchParams) -> SearchResults:
    body = build_search(params).to_dict()
    response = get_engine().search(f"{alias_name(ACHIEVEMENT)},{alias_name(NEED)}", body)
    hits = []
    for hit in response["hits"]["hits"]:
        src = hit["_source"]
        highlight = hit.get("highlight", {})
        # The engine's fragments are cut by character count and may start mid-word; re-cut the same field on word
        # boundaries around the terms the engine marked.
        source_field = next((f for f in ("summary", "description") if highlight.get(f)), "summary")
        marked = _marked_terms((highlight.get(source_field) or highlight.get("title") or [""])[0])
        snippet = _snippet(plain_text(src.get(source_field) or ""), marked)
        hits.append(
            SearchHit(
                kind=src["kind"],
                object_id=src["object_id"],
                external_id=src.get("external_id"),
                title=src["title"],
                url=src.get("url") or "",
                snippet=snippet,
                score=hit.get("_score"),
                technical_field_name=src.get("technical_field_name") or "",
                organisation_name=src.get("organisation_name") or "",
                trl=src.get("trl"),
            )
        )
    facets = {
        name: [
            FacetBucket(value=str(b["key"]), label="", count=b["doc_count"])
            for b in response.get("aggregations", {}).get(name, {}).get("buckets", [])
        ]
        for name in FACET_FIELDS
    }
    total = response["hits"]["total"]["value"]
    return SearchResults(params=params, hits=hits, total=total, facets=_label(facets, params), basic_mode=False)


# --- Database (basic mode) ----------------------------------------------------------------------------


def _facet_values(profile) -> dict[str, list[str]]:
    return {
        "kind": [profile.kind],
        "technical_field": [profile.technical_field] if profile.technical_field else [],
        "industry_chain": profile.chain_codes,
        "trl": [str(profile.trl)] if profile.trl is not None else [],
        "ip_type": profile.ip_types,
        "transfer_mode": profile.transfer_modes,
        "organisation": [profile._organisation_name] if getattr(profile, "_organisation_name", "") else [],
    }


def _word_starts(text: str) -> list[int]:
    """Offsets where a word starts (jieba's words for Chinese, runs of letters and digits for English and numbers),
    plus the end of the text: the only places a snippet may be cut."""
    _initialise_words()
    return [start for _word, start, _end in jieba.tokenize(text)] + [len(text)]


def _snippet(text: str, terms: list[str], width: int = 120) -> str:
    """About ``width`` characters around the first matched term, cut only between words (never "00 mm 幅宽" out of
    "1200 mm 幅宽"), with "…" where text was left out and <mark> around the terms."""
    text = " ".join(text.split())
    lowered = text.lower()
    positions = [lowered.find(t.lower()) for t in terms if t and lowered.find(t.lower()) >= 0]
    first = min(positions) if positions else 0
    bounds = _word_starts(text)
    start = max((b for b in bounds if b <= max(0, first - 20)), default=0)
    end = min((b for b in bounds if b >= start + width), default=len(text))
    if end - start > width + 20:  # a long word at the end: stop before it rather than run far past the width
        end = max((b for b in bounds if start < b <= start + width), default=end)
    fragment = escape(text[start:end].strip())
    for term in sorted(set(terms), key=len, reverse=True):
        if term:
            fragment = re.sub(
                re.escape(escape(term)), lambda m: f"<mark>{m.group(0)}</mark>", fragment, flags=re.IGNORECASE
            )
    return ("…" if start > 0 else "") + fragment + ("…" if end < len(text) else "")


def _marked_terms(fragment: str) -> list[str]:
    return [html.unescape(term) for term in MARKED.findall(fragment)]


def _db_search(params: SearchParams) -> SearchResults:
    profiles = achievement_profiles() + need_profiles()
    _attach_organisation_names(profiles)
    terms = list(query_terms(params.q)) if params.q else []
    corpus = _Corpus(profiles)
    scored = []
    for profile in profiles:
        values = _facet_values(profile)
        if any(value not in values[name] for name, value in params.filters.items()):
            continue
        if params.q:
            score = 3 * corpus.bm25(terms, profile, "headline") + corpus.bm25(terms, profile, "body")
            text = f"{profile.headline} {profile.body} {profile.expansion}".lower()
            # Short queries (one character, or words jieba drops) fall back to a substring test.
            if params.q.lower() in text:
                score += 1.0
            elif terms and sum(t in text for t in terms) < max(1, int(len(terms) * 0.75)):
                # the engine's text query asks for 75 % of the words (minimum_should_match); basic mode agrees
                score = 0.0
            if score <= 0:
                continue
        else:
            score = 0.0
        scored.append((score, profile))
    scored.sort(key=lambda item: (-item[0], -item[1].object_id))
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for _score, profile in scored:
        for name, values in _facet_values(profile).items():
            for value in values:
                counts[name][value] = counts[name].get(value, 0) + 1
    facets = {
        name: [
            FacetBucket(value=v, label="", count=c) for v, c in sorted(bucket.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        for name, bucket in counts.items()
    }
    start = (params.page - 1) * PAGE_SIZE
    hits = [
        SearchHit(
            kind=p.kind,
            object_id=p.object_id,
            external_id=p.external_id,
            title=p.title,
            url=p.url,
            snippet=_snippet(p.body.strip(), terms or ([params.q] if params.q else [])),
            score=round(score, 2) if params.q else None,
            technical_field_name=p.technical_field_name,
            organisation_name=getattr(p, "_organisation_name", ""),
            trl=p.trl,
        )
        for score, p in scored[start : start + PAGE_SIZE]
    ]
    return SearchResults(params=params, hits=hits, total=len(scored), facets=_label(facets, params), basic_mode=True)


def _attach_organisation_names(profiles) -> None:
    from accounts.models import Organisation

    names = dict(Organisation.objects.filter(pk__in={p.organisation_id for p in profiles}).values_list("pk", "name"))
    for p in profiles:
        p._organisation_name = names.get(p.organisation_id, "")


def _label(facets: dict[str, list[FacetBucket]], params: SearchParams) -> dict[str, list[FacetBucket]]:
    from taxonomy.models import IndustryChainNode, IPType, TechnicalField, TransferMode

    labels = {
        "kind": {ACHIEVEMENT: _("科技成果"), NEED: _("技术需求")},
        "technical_field": _names(TechnicalField),
        "industry_chain": _names(IndustryChainNode),
        "ip_type": _names(IPType),
        "transfer_mode": _names(TransferMode),
        "trl": {str(i): f"TRL {i}" for i in range(1, 10)},
    }
    for name, buckets in facets.items():
        for bucket in buckets:
            bucket.label = labels.get(name, {}).get(bucket.value, bucket.value)
            bucket.selected = params.filters.get(name) == bucket.value
        if name == "industry_chain":
            buckets.sort(key=lambda b: b.value)
        if name == "trl":
            buckets.sort(key=lambda b: int(b.value))
    return facets
