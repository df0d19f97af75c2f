"""Awarding a challenge: the registry contract draft for the winner, telling applicants, the registry's answer."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock
from common.errors import Conflict, DomainError
from registration.services import contract_create_draft

from .. import permissions, selectors
from ..models import (
    Application,
    Award,
    Challenge,
    KeyProblem,
    Milestone,
)
from ._base import AS, CS, _changed, _event, _lock_challenge, _require_status, end_of_day

# --- Award --------------------------------------------------------------------------------------------


def _contract_filer(application: Application) -> User:
    """The winner's institution editor who files the contract (the applicant, or a colleague if they left)."""
    user = application.created_by
    if user is not None and user.is_institution_editor and user.organisation_id == application.lead_id:
        return user
    colleague = User.objects.filter(
        role=User.Role.INSTITUTION_EDITOR, organisation_id=application.lead_id, is_active=True
    ).first()
    if colleague is None:
        raise Conflict(_("揭榜单位没有可填报技术合同的机构编辑账号。"))
    return colleague


def contract_terms_text(milestones: list[Milestone]) -> str:
    lines = [_("按攻关节点验收后分期拨付:")]
    for index, m in enumerate(milestones, 1):
        lines.append(
            _("%(i)s. %(title)s(%(indicator)s),%(due)s 前完成,拨付 %(amount)s 元")
            % {"i": index, "title": m.title, "indicator": m.indicator, "due": m.due_on, "amount": m.payment_cny}
        )
    return "\n".join(lines)


def _contract_draft_for(award: Award, milestones: list[Milestone]) -> Any:
    """A 技术开发 draft pre-filled through registration's public service: 委托开发 with the co-funders as
    buyers, or 合作开发 with the partner institutions when nobody co-funds."""
    application = award.application
    challenge = award.challenge
    co_funders = list(challenge.co_funders.all())
    partners = list(application.partners.all())
    parties = [{"side": "seller", "party_role": "developer", "organisation": application.lead, "name": ""}]
    if co_funders:
        sub_type = "commissioned_development"
        parties += [{"side": "buyer", "party_role": "commissioner", "organisation": o, "name": ""} for o in co_funders]
        parties += [{"side": "other", "party_role": "other", "organisation": o, "name": ""} for o in partners]
    else:
        sub_type = "cooperative_development"
        parties += [{"side": "buyer", "party_role": "co_developer", "organisation": o, "name": ""} for o in partners]
    start = timezone.localdate(award.decided_at)
    targets = "\n".join(f"{t.indicator}:{t.value}{t.unit}({t.test_method})" for t in challenge.targets.all())
    data = {
        "project_name": challenge.title[:200],
        "contract_type": "development",
        "sub_type": sub_type,
        "technical_field": challenge.technical_field,
        "technical_content": f"{challenge.problem}\n{targets}"[:5000],
        "programme_source": "city",
        "payment_method": "instalments",
        "price_terms": contract_terms_text(milestones)[:2000],
        "total_amount_cny": award.amount_cny,
        "term_start": start,
        "term_end": max([m.due_on for m in milestones] + [start + timedelta(days=365 * challenge.term_years)]),
    }
    return contract_create_draft(user=_contract_filer(application), data=data, parties=parties)


def _notify_applicants(challenge: Challenge, winner: Application) -> None:
    applications = list(challenge.applications.filter(status__in=[AS.AWARDED, AS.NOT_AWARDED]).select_related("lead"))
    messages = []
    for application in applications:
        recipients = list(
            User.objects.filter(organisation_id=application.lead_id, role=User.Role.INSTITUTION_EDITOR)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        won = application.pk == winner.pk
        subject = (_("揭榜成功:%(t)s") if won else _("揭榜结果:%(t)s")) % {"t": challenge.title}
        body = (
            _("贵单位申报的“%(t)s”已揭榜成功,请登录平台确认技术开发合同草稿。")
            if won
            else _("“%(t)s”揭榜结果已公布,贵单位的申报未入选。感谢参与。")
        ) % {"t": challenge.title}
        messages.append((subject, body, recipients))
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(notified_at=clock.now())

    def send():
        for subject, body, recipients in messages:
            if recipients:
                send_mail(subject, body, None, recipients, fail_silently=True)

    transaction.on_commit(send)


@transaction.atomic
def challenge_award(
    *, user: User, challenge: Challenge, application: Application, reasons: str, amount_cny: Decimal | None = None
) -> Award:
    """Record the award with its reasons and the ranking, notify every applicant, publish the result, and
    create the winner's 技术开发 contract draft pre-filled from the award."""
    permissions.require_staff(user)
    locked = _lock_challenge(challenge)
    _require_status(locked, (CS.UNDER_REVIEW,), _("揭榜"))
    if clock.now() > end_of_day(locked.award_by):
        raise Conflict(
            _("揭榜公布日期 %(d)s 已过,请结束榜单或重新发榜。") % {"d": locked.award_by}, code="deadline_passed"
        )
    if not (reasons or "").strip():
        raise DomainError(_("请填写揭榜理由。"), field_errors={"reasons": [_("请填写揭榜理由。")]})
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.challenge_id != locked.pk or application.status != AS.SUBMITTED:
        raise Conflict(_("只能从本榜单已提交的申报中确定揭榜单位。"))
    if not application.reviews.exists():
        raise Conflict(_("该申报尚无专家评分,不能揭榜。"))
    amount = amount_cny if amount_cny is not None else locked.reward_cny
    if amount <= 0 or amount > locked.reward_cny:
        raise DomainError(_("资助金额须大于 0 且不超过悬赏金额。"), field_errors={"amount_cny": [_("金额超出范围。")]})
    ranking = [
        {
            "application": row.application.pk,
            "lead": row.application.lead.name,
            "score": str(row.score),
            "reviews": row.reviews,
            "rank": row.rank,
        }
        for row in selectors.ranking(locked)
    ]
    award = Award.objects.create(
        challenge=locked,
        application=application,
        amount_cny=amount,
        reasons=reasons,
        ranking=ranking,
        decided_by=user,
        decided_at=clock.now(),
    )
    planned = list(application.milestones.all())
    scale = amount / locked.reward_cny
    milestones = []
    for index, m in enumerate(planned):
        payment = (m.payment_cny * scale).quantize(Decimal("0.01"))
        if index == len(planned) - 1:
            payment = amount - sum((x.payment_cny for x in milestones), Decimal("0"))
        milestones.append(
            Milestone.objects.create(
                award=award,
                title=m.title,
                indicator=m.indicator,
                due_on=m.due_on,
                payment_cny=payment,
                sort_order=index,
            )
        )
    application.status = AS.AWARDED
    application.save(update_fields=["status", "updated_at"])
    locked.applications.filter(status=AS.SUBMITTED).exclude(pk=application.pk).update(status=AS.NOT_AWARDED)
    locked.status = CS.AWARDED
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, action="award", actor=user, from_status=CS.UNDER_REVIEW, reason=reasons)
    _changed(locked)
    award.contract = _contract_draft_for(award, milestones)
    award.save(update_fields=["contract"])
    _notify_applicants(locked, application)
    return award


@transaction.atomic
def award_contract_registered(*, contract) -> Award | None:
    """The award's contract was registered: its key problems are solved (called from the registration signal)."""
    award = Award.objects.select_for_update().filter(contract=contract).first()
    if award is None:
        return None
    now = clock.now()
    award.contract_registered_at = award.contract_registered_at or now
    award.save(update_fields=["contract_registered_at"])
    award.challenge.key_problems.exclude(status=KeyProblem.Status.SOLVED).update(
        status=KeyProblem.Status.SOLVED, solved_at=now
    )
    # Duplicates merged into a solved problem are solved with it.
    KeyProblem.objects.filter(merged_into__in=award.challenge.key_problems.all()).exclude(
        status=KeyProblem.Status.SOLVED
    ).update(status=KeyProblem.Status.SOLVED, solved_at=now)
    return award
