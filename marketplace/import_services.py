"""Write side of the import: create or update organisations, institution pages, achievements and needs.

Rows arrive already validated (marketplace/importing/); these services only write. They are
idempotent: importing the same data again finds each record by its external id (or name) and
changes nothing if nothing differs, so ``load_demo`` can run twice.

Achievements are published the way an editor publishes them: a new Wagtail revision, then
``revision.publish()``, which fires ``page_published`` (relayed as ``events.achievement_published``, which search listens to).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Organisation
from common.errors import DomainError

from .events import announce_need_changed
from .models import (
    AchievementIndicator,
    AchievementIPRecord,
    AchievementPage,
    InstitutionIndexPage,
    InstitutionPage,
    NeedIndicator,
    TechnologyNeed,
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "credit_code",
    "region",
    "description",
    "address",
    "website",
    "contact_name",
    "contact_phone",
    "contact_email",
)
ACHIEVEMENT_FIELDS = (
    "title",
    "summary",
    "description",
    "technical_field",
    "trl",
    "pricing",
    "price_cny",
    "public_notice_start",
    "contact_name",
    "contact_phone",
    "contact_email",
    "valid_until",
)
NEED_FIELDS = (
    "title",
    "problem",
    "keywords",
    "technical_field",
    "industry_chain",
    "budget_min_cny",
    "budget_max_cny",
    "deadline",
    "region",
    "cooperation_mode",
    "min_trl",
    "visibility",
)


def _slug(external_id: str | None) -> str:
    return slugify(external_id or "", allow_unicode=True)[:255]


# --- organisations and institution pages --------------------------------------------------------------


@transaction.atomic
def organisation_import(*, data: dict[str, Any], publish: bool) -> tuple[Organisation, str]:
    """Create or update an enterprise or institution found by external id, else by name."""
    organisation = None
    if data.get("external_id"):
        organisation = Organisation.objects.filter(external_id=data["external_id"]).first()
    if organisation is None:
        organisation = Organisation.objects.filter(name=data["name"]).first()
    outcome = UPDATED if organisation else CREATED
    organisation = organisation or Organisation(status=Organisation.Status.PENDING)
    before = {name: getattr(organisation, name) for name in (*ORGANISATION_FIELDS, "external_id", "status")}
    for name in ORGANISATION_FIELDS:
        setattr(organisation, name, data.get(name) if name in ("region", "credit_code") else data.get(name) or "")
    if data.get("external_id"):
        organisation.external_id = data["external_id"]
    if publish:
        organisation.status = Organisation.Status.APPROVED
    after = {name: getattr(organisation, name) for name in before}
    if outcome == UPDATED and before == after:
        outcome = UNCHANGED
    else:
        if publish and organisation.reviewed_at is None:
            organisation.reviewed_at = timezone.now()
        organisation.full_clean()
        organisation.save()
    if organisation.is_institution:
        page_outcome = institution_page_ensure(organisation=organisation, publish=publish)
        if outcome == UNCHANGED and page_outcome != UNCHANGED:
            outcome = UPDATED
    return organisation, outcome


@transaction.atomic
def organisation_for_reference(*, name: str, enterprise: bool, publish: bool) -> Organisation:
    """The organisation a row names; created (with --create-institutions/-enterprises) if it is missing."""
    organisation = (
        Organisation.objects.filter(name=name).first()
        or Organisation.objects.filter(short_name=name).first()
        or Organisation.objects.filter(external_id=name).first()
    )
    if organisation is None:
        kind = Organisation.Kind.ENTERPRISE if enterprise else Organisation.Kind.RESEARCH_INSTITUTE
        organisation, _ = organisation_import(data={"name": name, "kind": kind}, publish=publish)
    elif organisation.is_institution:
        institution_page_ensure(organisation=organisation, publish=publish)
    return organisation


@transaction.atomic
def institution_page_ensure(*, organisation: Organisation, publish: bool) -> str:
    """Every institution has one InstitutionPage under the institution directory, in step with its name."""
    page = InstitutionPage.objects.filter(organisation=organisation).first()
    summary = (organisation.description or "")[:2000]
    if page is None:
        index = InstitutionIndexPage.objects.first()
        page = InstitutionPage(
            title=organisation.name,
            slug=_slug(organisation.external_id),
            organisation=organisation,
            summary=summary,
            live=False,
        )
        index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return CREATED
    if page.title == organisation.name and page.summary == summary and (page.live or not publish):
        return UNCHANGED
    page.title = organisation.name
    page.draft_title = organisation.name
    page.summary = summary
    revision = page.save_revision()
    if publish:
        revision.publish()
    return UPDATED


# --- achievements ------------------------------------------------------------------------------------


def _achievement_snapshot(page: AchievementPage) -> tuple:
    return (
        tuple(getattr(page, name) for name in ACHIEVEMENT_FIELDS),
        tuple(sorted(tag.name for tag in page.keywords.all())),
        tuple(sorted(node.pk for node in page.industry_chains.all())),
        tuple(sorted(mode.pk for mode in page.transfer_modes.all())),
        tuple((i.name, i.value, i.unit, i.compared_with) for i in page.indicators.all()),
        tuple((r.ip_type_id, r.number, r.status, r.holder, r.granted_on, r.expires_on) for r in page.ip_records.all()),
    )


def _apply_achievement(page: AchievementPage, data: dict[str, Any]) -> None:
    for name in ACHIEVEMENT_FIELDS:
        setattr(page, name, data.get(name) if data.get(name) is not None else _empty(page, name))
    page.draft_title = page.title
    page.keywords.set(data.get("keywords") or [])
    page.industry_chains.set(data.get("industry_chains") or [])
    page.transfer_modes.set(data.get("transfer_modes") or [])
    page.indicators = [
        AchievementIndicator(sort_order=order, **indicator)
        for order, indicator in enumerate(data.get("indicators") or [])
    ]
    page.ip_records = [
        AchievementIPRecord(sort_order=order, **record) for order, record in enumerate(data.get("ip_records") or [])
    ]


def _empty(page, name: str):
    field = page._meta.get_field(name)
    return None if field.null else ""


@transaction.atomic
def achievement_import(
    *, data: dict[str, Any], organisation: Organisation, publish: bool
) -> tuple[AchievementPage, str]:
    """Create or update an achievement by external id; a change is a new revision, published unless draft."""
    institution_page_ensure(organisation=organisation, publish=publish)
    parent = InstitutionPage.objects.get(organisation=organisation)
    page = AchievementPage.objects.filter(external_id=data["external_id"]).first()
    if page is None:
        slug = _slug(data["external_id"])
        if slug and parent.get_children().filter(slug=slug).exists():
            raise DomainError(
                _("外部编号“%(id)s”生成的网址 %(slug)s 与该机构的另一条成果重复,请换一个外部编号。")
                % {"id": data["external_id"], "slug": slug},
                field_errors={
                    "external_id": [
                        _("外部编号“%(id)s”生成的网址 %(slug)s 与该机构的另一条成果重复,请换一个外部编号。")
                        % {"id": data["external_id"], "slug": slug}
                    ]
                },
            )
        page = AchievementPage(external_id=data["external_id"], slug=slug, live=False)
        _apply_achievement(page, data)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page, CREATED

    if page.get_parent().pk != parent.pk:
        page.move(parent, pos="last-child")
        page = AchievementPage.objects.get(pk=page.pk)
        page.institution_organisation = organisation
        page.save(update_fields=["institution_organisation"], clean=False)
        moved = True
    else:
        moved = False
    if page.has_unpublished_changes:
        page = page.get_latest_revision_as_object()
    before = _achievement_snapshot(page)
    _apply_achievement(page, data)
    if not moved and before == _achievement_snapshot(page) and (page.live or not publish):
        return page, UNCHANGED
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page, UPDATED


# --- needs -------------------------------------------------------------------------------------------


def _need_snapshot(need: TechnologyNeed, indicators) -> tuple:
    return (
        need.enterprise_id,
        need.status,
        tuple(getattr(need, f"{name}_id" if name in _NEED_FOREIGN_KEYS else name) for name in NEED_FIELDS),
        tuple((i.name, i.target, i.unit) for i in indicators),
    )


_NEED_FOREIGN_KEYS = {"technical_field", "industry_chain", "region", "cooperation_mode"}


@transaction.atomic
def need_import(*, data: dict[str, Any], enterprise: Organisation, publish: bool) -> tuple[TechnologyNeed, str]:
    """Create or update a need by external id; imported needs are published (reviewed by whoever imports)."""
    need = TechnologyNeed.objects.filter(external_id=data["external_id"]).select_for_update().first()
    outcome = UPDATED if need else CREATED
    need = need or TechnologyNeed(external_id=data["external_id"])
    before = _need_snapshot(need, need.indicators.all()) if need.pk else None
    need.enterprise = enterprise
    for name in NEED_FIELDS:
        value = data.get(name)
        setattr(need, name, value if value is not None else ("" if name == "keywords" else None))
    if publish:
        need.status = TechnologyNeed.Status.PUBLISHED
        need.published_at = need.published_at or timezone.now()
    else:
        need.status = TechnologyNeed.Status.DRAFT
    indicators = [
        NeedIndicator(sort_order=order, **indicator) for order, indicator in enumerate(data.get("indicators") or [])
    ]
    if before is not None and before == _need_snapshot(need, indicators):
        return need, UNCHANGED
    need.full_clean(exclude=["created_by", "reviewed_by"])
    for indicator in indicators:
        indicator.full_clean(exclude=["need"])
    need.save()
    need.indicators.all().delete()
    for indicator in indicators:
        indicator.need = need
    NeedIndicator.objects.bulk_create(indicators)
    announce_need_changed(need)
    return need, outcome
