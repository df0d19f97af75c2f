"""What matching knows about one side of a pair, built from the database the same way for both matchers.

A *profile* is the comparable summary of a need or an achievement: its headline (title + keywords), its
full text, its jieba words, taxonomy codes, TRL, region and transfer modes. The engine query and the
database matcher are both computed from profiles, so the two modes rank alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from taxonomy import glossary

from .documents import ACHIEVEMENT, NEED
from .text import index_terms, plain_text, query_terms


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


def _region(region):
    if region is None:
        return None, None
    return region.code[:4] + "00", region.code[:2] + "0000"


def achievement_profile(page) -> Profile:
    keywords = [tag.name for tag in page.keywords.all()]
    chains = sorted(node.code for node in page.industry_chains.all())
    organisation = page.institution_organisation
    city, province = _region(organisation.region if organisation else None)
    indicators = " ".join(f"{i.name} {i.value}{i.unit} {i.compared_with}" for i in page.indicators.all())
    profile = Profile(
        kind=ACHIEVEMENT,
        object_id=page.pk,
        external_id=page.external_id,
        title=page.title,
        url=page.url or "",
        keywords=keywords,
        headline=f"{page.title} {' '.join(keywords)}",
        body=f"{page.summary} {plain_text(page.description)} {indicators}",
        technical_field=page.technical_field.code if page.technical_field else "",
        technical_field_name=page.technical_field.name if page.technical_field else "",
        chains=chains,
        chain_codes=sorted({c for node in page.industry_chains.all() for c in node.ancestor_codes}),
        trl=page.trl,
        ip_types=sorted({r.ip_type.code for r in page.ip_records.all()}),
        transfer_modes=sorted(m.code for m in page.transfer_modes.all()),
        organisation_id=page.institution_organisation_id,
        city=city,
        province=province,
        valid_until=page.valid_until,
        indicators=[(i.name, i.value, i.unit) for i in page.indicators.all()],
    )
    profile.expansion = glossary.expand(profile.full_text)
    return profile


def need_profile(need) -> Profile:
    from .documents import need_url

    chain = need.industry_chain
    city, province = _region(need.region or need.enterprise.region)
    indicators = " ".join(f"{i.name} {i.target}{i.unit}" for i in need.indicators.all())
    profile = Profile(
        kind=NEED,
        object_id=need.pk,
        external_id=need.external_id,
        title=need.title,
        url=need_url(need),
        keywords=need.keyword_list,
        headline=f"{need.title} {' '.join(need.keyword_list)}",
        body=f"{need.problem} {indicators}",
        technical_field=need.technical_field.code,
        technical_field_name=need.technical_field.name,
        chains=[chain.code] if chain else [],
        chain_codes=chain.ancestor_codes if chain else [],
        trl=need.min_trl,
        ip_types=[],
        transfer_modes=[need.cooperation_mode.code] if need.cooperation_mode else [],
        organisation_id=need.enterprise_id,
        city=city,
        province=province,
        visibility=need.visibility,
        valid_until=need.deadline,
        indicators=[(i.name, i.target, i.unit) for i in need.indicators.all()],
    )
    profile.expansion = glossary.expand(profile.full_text)
    return profile


def profile_from_source(source: dict) -> Profile:
    """A profile from an index document's _source (no database round trip, and no re-segmenting: the
    jieba words stored at index time are reused)."""
    profile = Profile(
        kind=source["kind"],
        object_id=source["object_id"],
        external_id=source.get("external_id"),
        title=source["title"],
        url=source.get("url") or "",
        keywords=source.get("keywords") or [],
        headline=f"{source['title']} {source.get('keywords_text') or ''}",
        body=f"{source.get('summary') or ''} {source.get('description') or ''}",
        technical_field=source["technical_field"],
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
        headline = f"{source.get('title_words', '')} {source.get('keywords_text_words', '')}".split()
        body = (
            f"{source.get('summary_words', '')} {source.get('description_words', '')} "
            f"{source.get('glossary_text_words', '')}"
        ).split()
        profile._terms = {"headline": Counter(headline), "body": Counter(body)}
    return profile
