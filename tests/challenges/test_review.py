"""Expert review: panel only, conflicts of interest excluded, weighted scores aggregated into a ranking."""

from datetime import timedelta
from decimal import Decimal

import pytest

from challenges import selectors, services
from challenges.models import Review
from common import clock
from common.errors import Conflict, DomainError, NotAllowed

from .factories import after_close, make_expert, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_review(challenge, user_bureau_staff, applicant_a, applicant_b):
    first = submitted_application(applicant_a, challenge)
    second = submitted_application(applicant_b, challenge)
    experts = [
        make_expert("expert1"),
        make_expert("expert2"),
        make_expert("expert3", conflicts=[applicant_b.organisation]),
    ]
    for expert in experts:
        services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=expert)
    with after_close(challenge):
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
    challenge.refresh_from_db()
    return challenge, first, second, experts


def _scores(challenge, feasibility, team):
    route, people = challenge.criteria.all()
    return {route.pk: feasibility, people.pk: team}


def test_score_aggregation_and_ranking_on_a_known_example(under_review):
    challenge, first, second, (e1, e2, e3) = under_review
    with after_close(challenge):
        # weights 60/40: 90·.6+80·.4 = 86.00; 70·.6+95·.4 = 80.00; 85·.6+85·.4 = 85.00
        services.review_submit(user=e1, application=first, scores=_scores(challenge, 90, 80), comment="路线清晰")
        services.review_submit(user=e2, application=first, scores=_scores(challenge, 70, 95), comment="团队强")
        services.review_submit(user=e3, application=first, scores=_scores(challenge, 85, 85), comment="可行")
        # second: 60·.6+70·.4 = 64.00 and 100·.6+50·.4 = 80.00 → 72.00
        services.review_submit(user=e1, application=second, scores=_scores(challenge, 60, 70), comment="一般")
        services.review_submit(user=e2, application=second, scores=_scores(challenge, 100, 50), comment="创新")
    rows = selectors.ranking(challenge)
    assert [(r.application.pk, r.score, r.reviews, r.rank) for r in rows] == [
        (first.pk, Decimal("83.67"), 3, 1),
        (second.pk, Decimal("72.00"), 2, 2),
    ]
    assert Review.objects.get(application=first, expert=e1).comment == "路线清晰"


def test_conflicted_expert_cannot_score_and_does_not_see_it(under_review):
    challenge, first, second, (_e1, _e2, conflicted) = under_review
    with after_close(challenge), pytest.raises(NotAllowed) as error:
        services.review_submit(user=conflicted, application=second, scores=_scores(challenge, 99, 99), comment="好")
    assert error.value.code == "conflict_of_interest"
    assert not Review.objects.filter(application=second).exists()
    seen = {
        application.pk: abstain for application, abstain in selectors.applications_for_expert(conflicted, challenge)
    }
    assert seen == {first.pk: False, second.pk: True}


def test_expert_whose_own_organisation_applies_is_conflicted(under_review, user_bureau_staff, applicant_a):
    challenge, first, _second, _experts = under_review
    colleague = make_expert("colleague")
    colleague.organisation = applicant_a.organisation
    colleague.save()
    services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=colleague)
    with after_close(challenge), pytest.raises(NotAllowed):
        services.review_submit(user=colleague, application=first, scores=_scores(challenge, 1, 1), comment="x")


def test_only_panel_members_score_every_criterion_before_the_review_date(under_review, user_bureau_staff):
    challenge, first, _second, (e1, _e2, _e3) = under_review
    outsider = make_expert("outsider")
    with after_close(challenge):
        with pytest.raises(NotAllowed):
            services.review_submit(user=outsider, application=first, scores=_scores(challenge, 1, 1), comment="x")
        with pytest.raises(NotAllowed):
            services.review_submit(
                user=user_bureau_staff, application=first, scores=_scores(challenge, 1, 1), comment="x"
            )
        route, _people = challenge.criteria.all()
        with pytest.raises(DomainError):
            services.review_submit(user=e1, application=first, scores={route.pk: 80}, comment="缺一项")
        with pytest.raises(DomainError):
            services.review_submit(user=e1, application=first, scores=_scores(challenge, 101, 1), comment="超范围")
    late = services.end_of_day(challenge.review_by) + timedelta(seconds=1)
    with clock.at(late), pytest.raises(Conflict):
        services.review_submit(user=e1, application=first, scores=_scores(challenge, 80, 80), comment="迟到")
    assert not Review.objects.exists()


def test_no_scoring_while_the_challenge_is_open(challenge, applicant_a, user_bureau_staff):
    application = submitted_application(applicant_a, challenge)
    expert = make_expert("early")
    services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=expert)
    with pytest.raises(Conflict):
        services.review_submit(user=expert, application=application, scores=_scores(challenge, 1, 1), comment="x")
