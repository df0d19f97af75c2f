"""Alerts to institutions when a published challenge fits their listed work, through the search app's matcher.

A challenge is scored like a need (its title, problem and targets against every live achievement, same relevance
floor, engine or database matcher, recommended rows only), so "fits" means the same here as in a need's alerts. With the engine the
outbox worker calls this once the challenge's document is indexed (``after_indexed``, the kind's hook): the
match query is the needs' one, and the score is normalised by the challenge document's own score; without the
engine (or when it fails) the database matcher answers. Each alert keeps the matcher's reasons.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from marketplace.models import AchievementPage

from .models import Challenge, ChallengeAlert
from .search_documents import KIND, targets_text


def challenge_profile(challenge: Challenge, *, targets: str | None = None):
    from search.documents import NEED
    from search.profiles import Profile

    if targets is None:
        targets = " ".join(f"{t.indicator} {t.value}{t.unit}" for t in challenge.targets.all())
    return Profile(
        kind=NEED,
        object_id=challenge.pk,
        external_id=None,
        title=challenge.title,
        url=f"/challenges/{challenge.pk}/",
        keywords=[],
        headline=challenge.title,
        body=f"{challenge.problem} {targets}",
        technical_field=challenge.technical_field.code,
        technical_field_name=challenge.technical_field.name,
        chains=[challenge.node.code],
        chain_codes=challenge.node.ancestor_codes,
        trl=None,
        ip_types=[],
        transfer_modes=[],
        organisation_id=None,
        city=None,
        province=None,
    )


def challenge_alerts_send(challenge_id: int, *, limit: int = 30) -> int:
    """Record one alert per fitting institution (its best achievement) and e-mail its editors. Idempotent."""
    from search.matching import run_matcher

    challenge = Challenge.objects.select_related("node", "technical_field").filter(pk=challenge_id).first()
    if challenge is None or challenge.status != Challenge.Status.OPEN:
        return 0
    matches = run_matcher(challenge_profile(challenge, targets=targets_text(challenge)), limit=limit, own_kind=KIND)
    pages = AchievementPage.objects.in_bulk([m.object_id for m in matches])
    sent = 0
    for match in matches:
        page = pages.get(match.object_id)
        # Only recommended rows fit (above the floor and covering enough of the challenge's distinctive words),
        # the rule a need's alerts follow: the engine also returns weak "可能相关" rows sharing a word like 技术.
        if page is None or not page.institution_organisation_id or not match.recommended:
            continue
        alert, created = ChallengeAlert.objects.get_or_create(
            challenge=challenge,
            organisation_id=page.institution_organisation_id,
            defaults={"achievement": page, "score": match.score, "reasons": list(match.reasons)},
        )
        if not created:
            continue
        sent += 1
        recipients = list(
            User.objects.filter(organisation_id=alert.organisation_id, role=User.Role.INSTITUTION_EDITOR)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if recipients:
            subject = _("新榜单与贵单位成果匹配:%(t)s") % {"t": challenge.title}
            body = _("榜单“%(t)s”与贵单位成果“%(a)s”相关,欢迎揭榜。") % {"t": challenge.title, "a": page.title}
            if alert.reasons:
                body += "\n" + _("匹配理由:%(r)s") % {"r": ";".join(alert.reasons)}
            transaction.on_commit(lambda s=subject, b=body, r=recipients: send_mail(s, b, None, r, fail_silently=True))
    return sent


def after_indexed(ids: list[int]) -> None:
    """The outbox worker indexed these published challenges: alert the institutions whose work fits."""
    for challenge_id in ids:
        challenge_alerts_send(challenge_id)


def alerts_for(user):
    if not (user.is_authenticated and user.is_institution_editor):
        return ChallengeAlert.objects.none()
    return ChallengeAlert.objects.filter(organisation_id=user.organisation_id).select_related(
        "challenge", "achievement"
    )
