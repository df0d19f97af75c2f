"""Award → pre-filled 技术开发 contract → registered → problems solved; milestones accepted by enterprise and bureau."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail

from challenges import services
from challenges.models import Application, Challenge, KeyProblem, Milestone
from common import clock
from common.errors import Conflict, DomainError, NotAllowed
from registration import services as registration_services
from registration.models import TechnologyContract
from taxonomy.models import IndustryChainNode
from tests.factories import NeedFactory
from tests.registration.factories import city_registry, pdf_upload

from .factories import after_close, make_challenge, make_expert, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def awarded(
    user_bureau_staff, enterprise_a, applicant_a, applicant_b, user_registrar, django_capture_on_commit_callbacks
):
    city_registry(user_registrar)
    node = IndustryChainNode.objects.get(code="FLU.01.01")
    need = NeedFactory(enterprise=enterprise_a, industry_chain=node)
    problem = services.problem_create(user=user_bureau_staff, node=node, title="电子级氢氟酸杂质", needs=[need])
    challenge = make_challenge(user_bureau_staff, co_funders=[enterprise_a], key_problems=[problem])
    winner = submitted_application(applicant_a, challenge, partners=[applicant_b.organisation])
    loser = submitted_application(applicant_b, challenge)
    expert = make_expert("expert")
    services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=expert)
    applicant_a.email = "a@example.cn"
    applicant_a.save()
    applicant_b.email = "b@example.cn"
    applicant_b.save()
    with after_close(challenge):
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
        route, people = challenge.criteria.all()
        for application, score in ((winner, 90), (loser, 70)):
            services.review_submit(
                user=expert, application=application, scores={route.pk: score, people.pk: score}, comment="意见"
            )
        with django_capture_on_commit_callbacks(execute=True):
            award = services.challenge_award(
                user=user_bureau_staff, challenge=challenge, application=winner, reasons="综合得分第一"
            )
    return award, problem, winner, loser


def test_award_prefills_a_commissioned_development_contract(awarded, enterprise_a, applicant_a):
    award, problem, winner, loser = awarded
    contract = award.contract
    assert contract.status == TechnologyContract.Status.DRAFT
    assert contract.contract_type == "development"
    assert contract.sub_type == "commissioned_development"
    assert contract.seller_organisation_id == applicant_a.organisation_id
    assert contract.total_amount_cny == Decimal("3000000.00")
    buyers = [(p.organisation_id, p.party_role) for p in contract.parties.filter(side="buyer")]
    assert buyers == [(enterprise_a.pk, "commissioner")]
    assert "节点1" in contract.price_terms and "2000000.00" in contract.price_terms
    assert [m.payment_cny for m in award.milestones.all()] == [Decimal("1000000.00"), Decimal("2000000.00")]
    assert award.ranking[0]["application"] == winner.pk
    winner.refresh_from_db()
    loser.refresh_from_db()
    assert (winner.status, loser.status) == (Application.Status.AWARDED, Application.Status.NOT_AWARDED)
    assert award.challenge.status == Challenge.Status.AWARDED
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.cn", "b@example.cn"]
    problem.refresh_from_db()
    assert problem.status == KeyProblem.Status.IN_CHALLENGE


def test_registered_contract_solves_the_problems(awarded, applicant_a, user_registrar):
    award, problem, _winner, _loser = awarded
    contract = award.contract
    registration_services.contract_update_draft(
        user=applicant_a,
        contract=contract,
        data={"contract_number": "JB-2026-001", "signed_on": clock.today(), "effective_on": clock.today()},
    )
    registration_services.contract_attach(
        user=applicant_a, contract=contract, kind="signed_contract", uploaded_file=pdf_upload()
    )
    registration_services.contract_submit(user=applicant_a, contract=contract)
    registration_services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    award.refresh_from_db()
    problem.refresh_from_db()
    assert award.contract_registered_at is not None
    assert problem.status == KeyProblem.Status.SOLVED


def test_award_only_from_reviewed_submitted_applications(user_bureau_staff, applicant_a, applicant_b):
    challenge = make_challenge(user_bureau_staff)
    application = submitted_application(applicant_a, challenge)
    with pytest.raises(Conflict):  # still open
        services.challenge_award(user=user_bureau_staff, challenge=challenge, application=application, reasons="x")
    with after_close(challenge):
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
        with pytest.raises(Conflict):  # no scores yet
            services.challenge_award(user=user_bureau_staff, challenge=challenge, application=application, reasons="x")
        with pytest.raises(DomainError):
            services.challenge_award(user=user_bureau_staff, challenge=challenge, application=application, reasons="")
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.UNDER_REVIEW


def test_cooperative_development_without_co_funders(user_bureau_staff, applicant_a, applicant_b, user_registrar):
    city_registry(user_registrar)
    challenge = make_challenge(user_bureau_staff)
    application = submitted_application(applicant_a, challenge, partners=[applicant_b.organisation])
    expert = make_expert("coop")
    services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=expert)
    with after_close(challenge):
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
        route, people = challenge.criteria.all()
        services.review_submit(user=expert, application=application, scores={route.pk: 80, people.pk: 80}, comment="好")
        award = services.challenge_award(
            user=user_bureau_staff,
            challenge=challenge,
            application=application,
            reasons="唯一合格",
            amount_cny=Decimal("1500000.00"),
        )
    assert award.contract.sub_type == "cooperative_development"
    assert [(p.organisation_id, p.party_role) for p in award.contract.parties.filter(side="buyer")] == [
        (applicant_b.organisation_id, "co_developer")
    ]
    # Milestone payments scale with the amount awarded and still add up to it.
    assert [m.payment_cny for m in award.milestones.all()] == [Decimal("500000.00"), Decimal("1000000.00")]


def test_milestone_report_and_two_sided_acceptance(
    awarded, applicant_a, applicant_b, user_enterprise_a, user_enterprise_b, user_bureau_staff
):
    award, *_ = awarded
    first, second = award.milestones.all()
    with pytest.raises(NotAllowed):
        services.milestone_report(user=applicant_b, milestone=first, report="完成", evidence="检测报告")
    with pytest.raises(Conflict):  # nothing reported yet
        services.milestone_decide(user=user_enterprise_a, milestone=first, accept=True)
    services.milestone_report(user=applicant_a, milestone=first, report="杂质降至 80 ppt", evidence="检测报告 No.1")
    with pytest.raises(NotAllowed):  # not a co-funder
        services.milestone_decide(user=user_enterprise_b, milestone=first, accept=True)
    with pytest.raises(DomainError):
        services.milestone_decide(user=user_enterprise_a, milestone=first, accept=False, reason="")
    services.milestone_decide(user=user_enterprise_a, milestone=first, accept=False, reason="缺第三方报告")
    first.refresh_from_db()
    assert (first.status, first.rejection_reason) == (Milestone.Status.REJECTED, "缺第三方报告")
    services.milestone_report(user=applicant_a, milestone=first, report="补充", evidence="第三方检测报告")
    services.milestone_decide(user=user_enterprise_a, milestone=first, accept=True)
    first.refresh_from_db()
    assert first.status == Milestone.Status.REPORTED and first.payment_released_at is None
    services.milestone_decide(user=user_bureau_staff, milestone=first, accept=True)
    first.refresh_from_db()
    assert first.status == Milestone.Status.ACCEPTED and first.payment_released_at is not None
    assert list(first.events.values_list("action", flat=True)) == ["report", "reject", "report", "accept", "accept"]
    assert second.status == Milestone.Status.PENDING


def test_late_milestone_is_flagged(awarded, applicant_a):
    award, *_ = awarded
    first = award.milestones.first()
    with clock.at(services.end_of_day(first.due_on) + timedelta(days=2)):
        services.milestone_report(user=applicant_a, milestone=first, report="完成", evidence="报告")
    first.refresh_from_db()
    assert first.is_late()
    second = award.milestones.last()
    assert not second.is_late(today=second.due_on)
    assert second.is_late(today=second.due_on + timedelta(days=1))
