"""Saved-need alerts: when an achievement is published, the enterprises whose open needs it fits hear once.

Uniqueness per need × achievement is a database constraint, so republishing (or a replayed outbox row)
never alerts twice.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .documents import ACHIEVEMENT, alias_name
from .engine import engine_enabled, get_engine
from .matching import (
    achievement_profiles,
    db_pair_scorer,
    engine_matches,
    match_floor,
    pair_recommended,
    reasons_for,
    shared_terms,
)
from .models import MatchNotification
from .profiles import need_profile

logger = logging.getLogger(__name__)


def _open_needs(ids=None):
    from marketplace.models import TechnologyNeed

    needs = TechnologyNeed.objects.open_for_matching().select_related(
        "technical_field", "industry_chain", "region", "enterprise__region", "cooperation_mode"
    )
    if ids is not None:
        needs = needs.filter(pk__in=ids)
    return list(needs.prefetch_related("indicators"))


def _engine_candidates(page) -> list[tuple]:
    """(need, score, reasons) for open needs whose percolator query fits and whose match is recommended."""
    from .documents import MENTIONS_FIELD, achievement_document

    engine = get_engine()
    engine.refresh(alias_name(ACHIEVEMENT))
    document = achievement_document(page)
    # No stored query reads the text's mentions, and a percolator index created before that field cannot take it.
    document.pop(MENTIONS_FIELD, None)
    hits = engine.percolate(alias_name("percolator"), document)
    need_ids = [int(hit["_id"]) for hit in hits]
    out = []
    for need in _open_needs(need_ids):
        matches = engine_matches(need_profile(need), limit=1, include_private=True, only_ids=[page.pk])
        if matches and matches[0].recommended:
            out.append((need, matches[0].score, matches[0].reasons))
    return out


def _db_candidates(page) -> list[tuple]:
    achievements = achievement_profiles()
    target = next((t for t in achievements if t.object_id == page.pk), None)
    if target is None:
        return []
    scorer = db_pair_scorer(achievements)
    floor = match_floor(basic=True)
    out = []
    for need in _open_needs():
        source = need_profile(need)
        score, clauses = scorer(source, target)
        if score >= floor and score > 0 and pair_recommended(source, target):
            out.append((need, score, reasons_for(source, target, clauses, shared_terms(source, target))))
    return out


def alert_for_achievement(page_id: int) -> list[MatchNotification]:
    """Create notifications (and one e-mail per enterprise) for open needs this live achievement fits."""
    from marketplace.models import AchievementPage

    page = AchievementPage.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return []
    already = set(MatchNotification.objects.filter(achievement=page).values_list("need_id", flat=True))
    candidates = _engine_candidates(page) if engine_enabled() else _db_candidates(page)
    created: list[MatchNotification] = []
    for need, score, reasons in candidates:
        if need.pk in already:
            continue
        try:
            with transaction.atomic():
                created.append(
                    MatchNotification.objects.create(need=need, achievement=page, score=score, reasons=reasons)
                )
        except IntegrityError:
            continue  # a concurrent drain got there first: still exactly one
    _send_emails(page, created)
    return created


def _send_emails(page, notifications: list[MatchNotification]) -> None:
    from accounts.models import User

    by_enterprise: dict[int, list[MatchNotification]] = {}
    for notification in notifications:
        by_enterprise.setdefault(notification.need.enterprise_id, []).append(notification)
    for enterprise_id, items in by_enterprise.items():
        recipients = sorted(
            set(
                User.objects.filter(organisation_id=enterprise_id, role=User.Role.ENTERPRISE_MEMBER, is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
        )
        if not recipients:
            continue
        needs = "、".join(f"《{n.need.title}》" for n in items)
        url = f"{settings.SITE_BASE_URL}{page.url or ''}"
        send_mail(
            _("新成果与您的技术需求匹配:%(title)s") % {"title": page.title},
            _("新发布的科技成果《%(title)s》与贵单位的技术需求 %(needs)s 相匹配。\n查看成果:%(url)s\n全部提醒:%(list)s")
            % {
                "title": page.title,
                "needs": needs,
                "url": url,
                "list": f"{settings.SITE_BASE_URL}/search/notifications/",
            },
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
        MatchNotification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
