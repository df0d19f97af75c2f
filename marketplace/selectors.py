"""Read-side queries of the marketplace: what each kind of user may see, and the live figures.

Every list a template iterates is built here with its joins and prefetches, so a page's query count does not
grow with its rows (tests/marketplace/test_listings.py holds that bound).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import caches
from django.db.models import Aggregate, Count, F, JSONField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import JSONObject
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from accounts.models import Organisation
from common.db import CompiledQueries, prepared_statements

from .models import NEED_RELATED, AchievementPage, TechnologyNeed, with_card_terms  # noqa: F401 (API)
from .page_urls import listing_url


def needs_listed():
    return TechnologyNeed.objects.listed().for_cards()


def achievements_for_listing(queryset=None):
    """Listed achievements with everything a card shows, in one query: the rows, their field and institution
    joined, and each row's transfer modes and chains as a JSON array read by a subquery in the same statement
    (``achievement_cards`` turns them into the cards' terms). Cards show no cover image, so none is joined."""
    queryset = queryset if queryset is not None else AchievementPage.objects.listed()
    return queryset.select_related("technical_field", "institution_organisation").annotate(
        card_modes_json=_terms_json(
            AchievementPage.transfer_modes.through, "transfermode", sort=F("transfermode__sort_order")
        ),
        card_chains_json=_terms_json(AchievementPage.industry_chains.through, "industrychainnode"),
    )


# The unfiltered listing's rows query compiles to the same SQL for a given day and page (common/db.py).
_listing_compilations = CompiledQueries()


def achievement_rows(queryset, *, key: tuple | None = None) -> list[AchievementPage]:
    """The listing's rows (a page of ``achievements_for_listing``), read as a prepared statement on PostgreSQL (its
    SQL repeats every request, so it is planned once per connection) and, when the caller gives a ``key`` naming
    everything the SQL depends on besides the slice, compiled once per key."""
    with prepared_statements(queryset.db):
        return _listing_compilations.rows(queryset, key) if key is not None else list(queryset)


class _JSONArrayAgg(Aggregate):
    """The JSON array of a group's values: ``JSON_GROUP_ARRAY`` on SQLite, ``JSONB_AGG`` on PostgreSQL."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _terms_json(through, term: str, *, sort=None) -> Subquery:
    """One row's terms of a many-to-many table as ``[{"code", "name", "name_en"[, "sort"]}, …]`` (NULL when none).

    The order inside the array is the database's; ``_terms_of`` sorts it as the term model orders itself.
    """
    fields = {"code": f"{term}__code", "name": f"{term}__name", "name_en": f"{term}__name_en"}
    if sort is not None:
        fields["sort"] = sort
    return Subquery(
        through.objects.filter(achievementpage_id=OuterRef("pk"))
        .values("achievementpage_id")
        .annotate(terms=_JSONArrayAgg(JSONObject(**fields)))
        .values("terms"),
        output_field=JSONField(),
    )


# --- Achievement cards -----------------------------------------------------------------------------------------
# A card is a pure function of what it shows, so its HTML is cached under a digest of exactly that: a republished
# page, a renamed term or institution, another language or URL, a notice that started or ended, an edited card
# template each give a new key; nothing has to be deleted. Rendering twelve cards was most of what the listing
# spent beyond its empty-queryset floor (issue 12). Bump CARD_CACHE_VERSION when the card's tags or its
# translations change in a way the template's source does not show.
CARD_TEMPLATE = "marketplace/_achievement_card.html"
CARD_CACHE_VERSION = 1
CARD_CACHE_SECONDS = 24 * 3600


def _card_cache():
    """The per-process "local" cache when configured (settings.CACHES), else the default one: the keys say
    everything, so a process never needs another's copy, and a shared database cache would be culled by them."""
    return caches["local"] if "local" in settings.CACHES else caches["default"]


def _terms_of(value) -> list[dict]:
    if isinstance(value, str):  # a backend that hands JSON over as text
        value = json.loads(value)
    return sorted(value or [], key=lambda term: (term.get("sort", 0), term["code"]))


def _term_shown(term) -> tuple:
    """What a card shows of a term, whether it is a dict (read with the rows) or a model instance."""
    if isinstance(term, dict):
        return term["code"], term["name"], term.get("name_en") or ""
    return term.code, term.name, getattr(term, "name_en", "")


def _card_key(page, url: str, language: str, template_digest: str) -> str:
    field, organisation = page.technical_field, page.institution_organisation
    shown = (
        page.pk,
        page.live_revision_id,
        page.last_published_at,
        url,
        page.title,
        page.summary,
        page.trl,
        page.pricing,
        page.price_cny,
        field and (field.name, getattr(field, "name_en", "")),
        organisation and (organisation.name, organisation.short_name),
        page.public_notice_active(),
        [_term_shown(term) for term in page._card_transfer_modes],
        [_term_shown(term) for term in page._card_industry_chains],
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"marketplace:card:{CARD_CACHE_VERSION}:{template_digest}:{language}:{page.pk}:{digest}"


def achievement_cards(pages, request=None) -> list[str]:
    """The HTML of each achievement card, in order: read from the cache with one ``get_many``, the missing ones
    rendered (one template, no include per card) and stored with one ``set_many``.

    ``pages`` come from ``achievements_for_listing`` (their terms ride on the rows); others read their terms the
    usual way (one query per card).
    """
    pages = list(pages)
    if not pages:
        return []
    template = get_template(CARD_TEMPLATE).template
    template_digest = hashlib.blake2b(template.source.encode(), digest_size=8).hexdigest()
    language = get_language() or settings.LANGUAGE_CODE
    keys = []
    for page in pages:
        if "card_modes_json" in page.__dict__:
            page._card_transfer_modes = _terms_of(page.card_modes_json)
            page._card_industry_chains = _terms_of(page.card_chains_json)
        else:
            page._card_transfer_modes = list(page.card_transfer_modes)
            page._card_industry_chains = list(page.card_industry_chains)
        keys.append(_card_key(page, listing_url(page, request) or "", language, template_digest))
    cache = _card_cache()
    found = cache.get_many(keys)
    missing = {}
    context = Context({"request": request})
    for page, key in zip(pages, keys, strict=True):
        if key not in found:
            with context.push(achievement=page):
                missing[key] = template.render(context)
    if missing:
        cache.set_many(missing, CARD_CACHE_SECONDS)
    return [mark_safe(found.get(key) or missing[key]) for key in keys]  # noqa: S308 - rendered by the template


def institutions_listed():
    """Approved institutions with their page, region and number of listed achievements (one query).

    The public directory and the API list the same thing. The count is a filtered aggregate over organisations:
    counting on the achievement pages' side would group by their default ordering (the tree path), one row per
    page, and every institution would show 1.
    """
    listed = AchievementPage.objects.listed().values("pk")
    return (
        Organisation.objects.institutions()
        .approved()
        .select_related("region", "institution_page")
        .annotate(achievement_count=Count("achievements", filter=Q(achievements__in=listed), distinct=True))
        .order_by("name")
    )


def needs_of_organisation(organisation) -> dict[str, list[TechnologyNeed]]:
    """An enterprise's needs grouped by status, in the order the dashboard shows them."""
    grouped: dict[str, list[TechnologyNeed]] = {status: [] for status in TechnologyNeed.Status.values}
    for need in (
        TechnologyNeed.objects.of_organisation(organisation).select_related("technical_field").order_by("-updated_at")
    ):
        grouped[need.status].append(need)
    return grouped


def needs_visible_to(user):
    """The needs a user may see in lists: listed ones, plus their own (enterprise) or all (bureau staff)."""
    queryset = TechnologyNeed.objects.all()
    if user and user.is_authenticated and user.is_bureau_staff:
        return queryset
    if user and user.is_authenticated and user.is_enterprise_member:
        return queryset.filter(enterprise_id=user.organisation_id) | TechnologyNeed.objects.listed()
    return TechnologyNeed.objects.listed()


def needs_closed_by_reason(*, year: int) -> list[dict]:
    """How the needs closed in ``year`` (local time) ended: one row per ``TechnologyNeed.CloseReason``, in its order
    and with zeros, then the needs closed before the reason was asked ("未说明"), if any. For the bureau."""
    zone = ZoneInfo(settings.TIME_ZONE)
    closed = TechnologyNeed.objects.filter(
        status=TechnologyNeed.Status.CLOSED,
        closed_at__gte=datetime(year, 1, 1, tzinfo=zone),
        closed_at__lt=datetime(year + 1, 1, 1, tzinfo=zone),
    )
    counts = dict(closed.order_by().values_list("close_reason").annotate(n=Count("pk")))
    rows = [
        {"reason": value, "label": label, "count": counts.get(value, 0)}
        for value, label in TechnologyNeed.CloseReason.choices
    ]
    if counts.get(""):
        rows.append({"reason": "", "label": gettext("未说明"), "count": counts[""]})
    return rows


def needs_pending_review():
    return (
        TechnologyNeed.objects.filter(status=TechnologyNeed.Status.PENDING_REVIEW)
        .select_related(*NEED_RELATED)
        .prefetch_related("indicators")
        .order_by("updated_at")
    )


def achievements_of_organisation(organisation) -> list[AchievementPage]:
    """Every achievement page of an institution, drafts included, for its editors' dashboard."""
    return list(
        AchievementPage.objects.of_organisation(organisation)
        .select_related("technical_field")
        .order_by("-latest_revision_created_at")
    )


def need_detail(need: TechnologyNeed) -> TechnologyNeed:
    return (
        TechnologyNeed.objects.select_related(*NEED_RELATED, "industry_chain__parent__parent")
        .prefetch_related(Prefetch("indicators"))
        .get(pk=need.pk)
    )


def classification_suggestions():
    """Classification suggestions with what the staff review list shows, newest first."""
    from .models import ClassificationSuggestion

    return ClassificationSuggestion.objects.select_related(
        "achievement__institution_organisation",
        "achievement__technical_field",
        "need__enterprise",
        "need__technical_field",
        "need__industry_chain",
        "technical_field",
        "industry_chain__parent__parent",
        "decided_by",
    ).order_by("-created_at", "-pk")


def need_pending_suggestions(need: TechnologyNeed) -> list:
    """The open field/chain suggestions inferred for one need (shown to staff on its page)."""
    from .models import ClassificationSuggestion

    return list(
        ClassificationSuggestion.objects.filter(need=need, state=ClassificationSuggestion.State.PENDING)
        .select_related("technical_field", "industry_chain")
        .order_by("kind")
    )


def classification_suggestions_pending_count() -> int:
    from .models import ClassificationSuggestion

    return ClassificationSuggestion.objects.filter(state=ClassificationSuggestion.State.PENDING).count()


# --- One shape per listing, for matching, indexing, reasons and alerts -------------------------------------

ACHIEVEMENT_MATCHING_RELATED = ("technical_field", "institution_organisation__region")
ACHIEVEMENT_MATCHING_PREFETCH = (
    "industry_chains",
    "transfer_modes",
    "ip_records__ip_type",
    "indicators",
    "keyword_items__tag",
)
NEED_MATCHING_RELATED = ("technical_field", "industry_chain", "region", "enterprise__region", "cooperation_mode")


@dataclass
class ListingShape:
    """What matching, the index document, reasons and alerts know about one listing, in one form for both kinds.

    ``summary`` is an achievement's summary or a need's problem; ``description`` is plain text (rich text already
    stripped); ``indicators`` are (name, value or target, unit, compared_with) with compared_with "" for needs.
    Unknown values stay None (an imported listing may have no TRL or field)."""

    kind: str  # "achievement" or "need"
    pk: int
    external_id: str | None
    title: str
    url: str
    keywords: list[str]
    summary: str
    description: str
    indicators: list[tuple[str, str, str, str]]
    technical_field: str | None
    technical_field_name: str | None
    chains: list[str]  # tagged codes, sorted
    chain_codes: list[str]  # the tagged codes and every ancestor
    trl: int | None  # achievement: its TRL; need: the minimum it wants
    ip_types: list[str]
    transfer_modes: list[str]
    organisation_id: int | None
    organisation_name: str | None
    region: str | None  # region code: the institution's, or the need's own falling back to the enterprise's
    visibility: str
    valid_until: object  # date or None
    published_at: object  # datetime or None
    price_cny: object  # Decimal or None (a need's budget ceiling)
    indexable: bool  # live achievement / published need: what the index holds
    version: str  # the achievement's live revision, the need's updated_at (basic mode's stored terms follow it)


def for_matching(queryset):
    """Achievements or needs with every relation their matching shape reads, joined or prefetched once."""
    if queryset.model is TechnologyNeed:
        return queryset.select_related(*NEED_MATCHING_RELATED).prefetch_related("indicators")
    return queryset.select_related(*ACHIEVEMENT_MATCHING_RELATED).prefetch_related(*ACHIEVEMENT_MATCHING_PREFETCH)


def _plain(value: str | None) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", value or "")).strip()


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def matching_shape(obj) -> ListingShape:
    """The shape of one achievement page or need instance (its relations read through ``for_matching``'s
    prefetches when the caller used it)."""
    if isinstance(obj, TechnologyNeed):
        return _need_shape(obj)
    return _achievement_shape(obj)


def _achievement_shape(page) -> ListingShape:
    organisation = page.institution_organisation
    region = organisation.region if organisation else None
    chains = sorted(node.code for node in page.industry_chains.all())
    published = page.last_published_at or page.first_published_at
    field = page.technical_field
    return ListingShape(
        kind="achievement",
        pk=page.pk,
        external_id=page.external_id,
        title=page.title,
        url=page.url or "",
        keywords=_keywords_in_entry_order(page),
        summary=page.summary or "",
        description=_plain(page.description),
        indicators=[(i.name, i.value, i.unit, i.compared_with) for i in page.indicators.all()],
        technical_field=field.code if field else None,
        technical_field_name=field.name if field else None,
        chains=chains,
        chain_codes=sorted({code for chain in chains for code in _ancestors(chain)}),
        trl=page.trl,
        ip_types=sorted({record.ip_type.code for record in page.ip_records.all()}),
        transfer_modes=sorted(mode.code for mode in page.transfer_modes.all()),
        organisation_id=page.institution_organisation_id,
        organisation_name=organisation.name if organisation else None,
        region=region.code if region else None,
        visibility="public",
        valid_until=page.valid_until,
        published_at=published,
        price_cny=page.price_cny,
        indexable=bool(page.live),
        version=str(page.latest_revision_id),
    )


def _keywords_in_entry_order(page) -> list[str]:
    """Keywords in the order the editor entered them (the flat loader's order too); an unsaved revision's items
    keep their in-memory order."""
    items = list(page.keyword_items.all())
    if all(item.pk for item in items):
        items.sort(key=lambda item: item.pk)
    return [item.tag.name for item in items]


def _need_shape(need) -> ListingShape:
    chain = need.industry_chain
    region = need.region or need.enterprise.region
    field = need.technical_field
    return ListingShape(
        kind="need",
        pk=need.pk,
        external_id=need.external_id,
        title=need.title,
        url=need_url(need.pk),
        keywords=need.keyword_list,
        summary=need.problem or "",
        description="",
        indicators=[(i.name, i.target, i.unit, "") for i in need.indicators.all()],
        technical_field=field.code if field else None,
        technical_field_name=field.name if field else None,
        chains=[chain.code] if chain else [],
        chain_codes=_ancestors(chain.code) if chain else [],
        trl=need.min_trl,
        ip_types=[],
        transfer_modes=[need.cooperation_mode.code] if need.cooperation_mode else [],
        organisation_id=need.enterprise_id,
        organisation_name=need.enterprise.name,
        region=region.code if region else None,
        visibility=need.visibility,
        valid_until=need.deadline,
        published_at=need.published_at,
        price_cny=need.budget_max_cny,
        indexable=need.status == TechnologyNeed.Status.PUBLISHED,
        version=need.updated_at.isoformat() if need.updated_at else "",
    )


def need_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("marketplace:need_detail", args=[pk])


def matching_shapes(queryset) -> dict[int, ListingShape]:
    """The shapes of every listing in ``queryset`` (achievements or needs), pk → shape, read with flat queries:
    one ``values()`` query for the rows and one per relation, whatever the number of rows (no model instances,
    no per-chunk prefetch clones). Callers bound the size (search's rebuild passes id ranges of a few thousand)."""
    if queryset.model is TechnologyNeed:
        return _need_shapes(queryset)
    return _achievement_shapes(queryset)


def _grouped(pairs) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    for key, value in pairs:
        out[key].append(value)
    return out


def _achievement_shapes(queryset) -> dict[int, ListingShape]:
    from .models import AchievementIndicator, AchievementIPRecord, AchievementKeyword

    rows = list(
        queryset.order_by().values(
            "pk",
            "external_id",
            "title",
            "url_path",
            "locale_id",
            "live",
            "summary",
            "description",
            "trl",
            "valid_until",
            "last_published_at",
            "first_published_at",
            "price_cny",
            "latest_revision_id",
            "technical_field__code",
            "technical_field__name",
            "institution_organisation_id",
            "institution_organisation__name",
            "institution_organisation__region__code",
        )
    )
    if not rows:
        return {}
    ids = [row["pk"] for row in rows]
    keywords = _grouped(
        AchievementKeyword.objects.filter(content_object_id__in=ids)
        .order_by("content_object_id", "pk")
        .values_list("content_object_id", "tag__name")
    )
    chains = _grouped(
        AchievementPage.industry_chains.through.objects.filter(achievementpage_id__in=ids).values_list(
            "achievementpage_id", "industrychainnode__code"
        )
    )
    modes = _grouped(
        AchievementPage.transfer_modes.through.objects.filter(achievementpage_id__in=ids).values_list(
            "achievementpage_id", "transfermode__code"
        )
    )
    ip_types = _grouped(
        AchievementIPRecord.objects.filter(page_id__in=ids).order_by().values_list("page_id", "ip_type__code")
    )
    indicators = _grouped(
        (page_id, (name, value, unit, compared_with))
        for page_id, name, value, unit, compared_with in AchievementIndicator.objects.filter(page_id__in=ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "name", "value", "unit", "compared_with")
    )
    shapes = {}
    for row in rows:
        pk = row["pk"]
        tagged = sorted(chains.get(pk, ()))
        # An unsaved instance only to ask Wagtail for the URL (its site root paths are cached per process).
        url = AchievementPage(id=pk, url_path=row["url_path"], locale_id=row["locale_id"]).url or ""
        shapes[pk] = ListingShape(
            kind="achievement",
            pk=pk,
            external_id=row["external_id"],
            title=row["title"],
            url=url,
            keywords=keywords.get(pk, []),
            summary=row["summary"] or "",
            description=_plain(row["description"]),
            indicators=indicators.get(pk, []),
            technical_field=row["technical_field__code"],
            technical_field_name=row["technical_field__name"],
            chains=tagged,
            chain_codes=sorted({code for chain in tagged for code in _ancestors(chain)}),
            trl=row["trl"],
            ip_types=sorted(set(ip_types.get(pk, ()))),
            transfer_modes=sorted(modes.get(pk, ())),
            organisation_id=row["institution_organisation_id"],
            organisation_name=row["institution_organisation__name"],
            region=row["institution_organisation__region__code"],
            visibility="public",
            valid_until=row["valid_until"],
            published_at=row["last_published_at"] or row["first_published_at"],
            price_cny=row["price_cny"],
            indexable=bool(row["live"]),
            version=str(row["latest_revision_id"]),
        )
    return shapes


def _need_shapes(queryset) -> dict[int, ListingShape]:
    from .models import NeedIndicator

    rows = list(
        queryset.order_by().values(
            "pk",
            "external_id",
            "title",
            "problem",
            "keywords",
            "status",
            "technical_field__code",
            "technical_field__name",
            "industry_chain__code",
            "min_trl",
            "cooperation_mode__code",
            "enterprise_id",
            "enterprise__name",
            "region__code",
            "enterprise__region__code",
            "visibility",
            "deadline",
            "published_at",
            "budget_max_cny",
            "updated_at",
        )
    )
    if not rows:
        return {}
    indicators = _grouped(
        (need_id, (name, target, unit, ""))
        for need_id, name, target, unit in NeedIndicator.objects.filter(need_id__in=[row["pk"] for row in rows])
        .order_by("need_id", "sort_order", "id")
        .values_list("need_id", "name", "target", "unit")
    )
    shapes = {}
    for row in rows:
        pk = row["pk"]
        chain = row["industry_chain__code"]
        mode = row["cooperation_mode__code"]
        shapes[pk] = ListingShape(
            kind="need",
            pk=pk,
            external_id=row["external_id"],
            title=row["title"],
            url=need_url(pk),
            keywords=TechnologyNeed(keywords=row["keywords"]).keyword_list,
            summary=row["problem"] or "",
            description="",
            indicators=indicators.get(pk, []),
            technical_field=row["technical_field__code"],
            technical_field_name=row["technical_field__name"],
            chains=[chain] if chain else [],
            chain_codes=_ancestors(chain) if chain else [],
            trl=row["min_trl"],
            ip_types=[],
            transfer_modes=[mode] if mode else [],
            organisation_id=row["enterprise_id"],
            organisation_name=row["enterprise__name"],
            region=row["region__code"] or row["enterprise__region__code"],
            visibility=row["visibility"],
            valid_until=row["deadline"],
            published_at=row["published_at"],
            price_cny=row["budget_max_cny"],
            indexable=row["status"] == TechnologyNeed.Status.PUBLISHED,
            version=row["updated_at"].isoformat() if row["updated_at"] else "",
        )
    return shapes
