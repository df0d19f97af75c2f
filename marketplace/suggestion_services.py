"""Classification suggestions: guess a listing's missing field and chain from its text, and staff's verdict on them.

A listing is an achievement or an enterprise's need. A suggestion is a weak signal, never the declared value: it
lives in ``ClassificationSuggestion`` until bureau staff confirm it (which writes it onto the achievement as a new
revision, or onto the need) or reject it (which keeps it from being proposed again on a re-import or an edit).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from common.errors import Conflict, NotAllowed
from taxonomy.models import IndustryChainNode, TechnicalField

from . import permissions
from .events import announce_need_changed
from .models import AchievementPage, ClassificationSuggestion, TechnologyNeed

Kind = ClassificationSuggestion.Kind
State = ClassificationSuggestion.State


def _confidence(scores: dict, best: str) -> float:
    """Share of the evidence that points to the winning chain, damped when there is little evidence at all."""
    total = sum(scores.values()) or 1
    score = scores.get(best, 0)
    return round(min(1.0, score / total) * min(1.0, score / 4), 2)


def _listing_text(page: AchievementPage) -> str:
    keywords = " ".join(tag.name for tag in page.keywords.all())
    indicators = " ".join(f"{i.name} {i.unit}" for i in page.indicators.all())
    return f"{page.title} {keywords} {page.summary} {strip_tags(page.description or '')} {indicators}"


def _need_text(need: TechnologyNeed) -> str:
    indicators = " ".join(f"{i.name} {i.unit}" for i in need.indicators.all())
    return f"{need.title} {' '.join(need.keyword_list)} {need.problem} {indicators}"


def _infer(*, listing: dict, missing: set, text) -> int:
    """Store a pending suggestion per missing kind the text clearly points to; ``listing`` is the lookup
    (``{"achievement": page}`` or ``{"need": need}``), ``text`` a callable (read only when something is missing)."""
    from taxonomy.inference import infer

    open_suggestions = ClassificationSuggestion.objects.filter(**listing, state=State.PENDING)
    open_suggestions.exclude(kind__in=missing).delete()
    if not missing:
        return 0
    inference = infer(text())
    if not inference:
        return 0
    confidence = _confidence(inference.scores, inference.root)
    evidence = "、".join(inference.evidence)[:300]
    values = {}
    if Kind.TECHNICAL_FIELD in missing and inference.technical_field:
        field = TechnicalField.objects.filter(code=inference.technical_field).first()
        if field is not None:
            values[Kind.TECHNICAL_FIELD] = {"technical_field": field, "industry_chain": None}
    if Kind.INDUSTRY_CHAIN in missing and inference.chain:
        chain = IndustryChainNode.objects.filter(code=inference.chain).first()
        if chain is not None:
            values[Kind.INDUSTRY_CHAIN] = {"technical_field": None, "industry_chain": chain}
    created = 0
    for kind, value in values.items():
        rejected = ClassificationSuggestion.objects.filter(**listing, kind=kind, state=State.REJECTED)
        if rejected.filter(**{key: item for key, item in value.items() if item is not None}).exists():
            continue  # staff already said no to exactly this
        _suggestion, was_created = ClassificationSuggestion.objects.update_or_create(
            **listing,
            kind=kind,
            state=State.PENDING,
            defaults={**value, "confidence": confidence, "evidence": evidence},
        )
        created += was_created
    return created


@transaction.atomic
def classification_suggestions_infer(*, achievement: AchievementPage) -> int:
    """Propose a technical field and an industry chain for what the listing leaves blank; return how many are new.

    A kind the listing now declares loses its open suggestion; a value staff rejected is not proposed again.
    """
    missing = set()
    if achievement.technical_field_id is None:
        missing.add(Kind.TECHNICAL_FIELD)
    if not list(achievement.industry_chains.all()):  # may be a revision's object, whose relations live in memory
        missing.add(Kind.INDUSTRY_CHAIN)
    return _infer(listing={"achievement": achievement}, missing=missing, text=lambda: _listing_text(achievement))


@transaction.atomic
def need_classification_suggestions_infer(*, need: TechnologyNeed) -> int:
    """The same for a need an enterprise wrote without a field or chain (it often does not know the codes)."""
    missing = set()
    if need.technical_field_id is None:
        missing.add(Kind.TECHNICAL_FIELD)
    if need.industry_chain_id is None:
        missing.add(Kind.INDUSTRY_CHAIN)
    return _infer(listing={"need": need}, missing=missing, text=lambda: _need_text(need))


def _write_onto_need(suggestion: ClassificationSuggestion) -> None:
    """Write the confirmed value onto the need (staff's decision: its status and review stay as they are)."""
    need = (
        TechnologyNeed.objects.select_for_update(of=("self",))
        .select_related("technical_field")
        .get(pk=suggestion.need_id)
    )
    if suggestion.kind == Kind.TECHNICAL_FIELD:
        if need.technical_field_id not in (None, suggestion.technical_field_id):
            raise Conflict(
                _("需求“%(title)s”已填写技术领域“%(field)s”,不能再确认建议值。")
                % {"title": need.title, "field": need.technical_field.name}
            )
        need.technical_field = suggestion.technical_field
        need.save(update_fields=["technical_field", "updated_at"])
    else:
        if need.industry_chain_id not in (None, suggestion.industry_chain_id):
            raise Conflict(_("需求“%(title)s”已填写产业链,不能再确认建议值。") % {"title": need.title})
        need.industry_chain = suggestion.industry_chain
        need.save(update_fields=["industry_chain", "updated_at"])
    announce_need_changed(need)


def _write_declared(suggestion: ClassificationSuggestion, user) -> None:
    """Write the confirmed value onto the achievement as the editors would: a new revision, published if live."""
    if suggestion.need_id:
        _write_onto_need(suggestion)
        return
    page = AchievementPage.objects.get(pk=suggestion.achievement_id)
    had_draft = page.has_unpublished_changes
    target = page.get_latest_revision_as_object() if had_draft else page
    if suggestion.kind == Kind.TECHNICAL_FIELD:
        if target.technical_field_id not in (None, suggestion.technical_field_id):
            raise Conflict(
                _("成果“%(title)s”已填写技术领域“%(field)s”,不能再确认建议值。")
                % {"title": page.title, "field": target.technical_field.name}
            )
        target.technical_field = suggestion.technical_field
    else:
        chains = list(target.industry_chains.all())
        if suggestion.industry_chain not in chains:
            target.industry_chains.set([*chains, suggestion.industry_chain])
    revision = target.save_revision(user=user)
    if page.live and not had_draft:
        revision.publish(user=user)


@transaction.atomic
def classification_suggestions_decide(*, suggestion_ids: Iterable[int], confirm: bool, user) -> int:
    """Confirm (write as declared) or reject open suggestions; return how many were decided.

    Already decided suggestions among the ids are left as they are, so a double-submitted form does nothing twice.
    """
    if not permissions.can_review_classifications(user):
        raise NotAllowed(_("只有科技局工作人员可以确认或驳回分类建议。"))
    suggestions = list(
        ClassificationSuggestion.objects.select_for_update(of=("self",))
        .filter(pk__in=list(suggestion_ids), state=State.PENDING)
        .select_related("technical_field", "industry_chain")
        .order_by("pk")
    )
    now = timezone.now()
    for suggestion in suggestions:
        if confirm:
            _write_declared(suggestion, user)
        suggestion.state = State.CONFIRMED if confirm else State.REJECTED
        suggestion.decided_at = now
        suggestion.decided_by = user
        suggestion.save(update_fields=["state", "decided_at", "decided_by"])
    return len(suggestions)
