"""The load_demo step: entries, judges and scores on matchmaking's upcoming graphene competition, and a past
competition with published awards and a followed winner; idempotent, and removed on reset."""

import pytest

from accounts.models import User
from competitions import demo, selectors
from competitions.models import Competition, ConflictDeclaration, Round, Score
from matchmaking import demo as matchmaking_demo
from matchmaking.models import EventPage
from tests.factories import OrganisationFactory, UserFactory
from tests.registration.factories import city_registry

from .factories import event_index, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(db):
    companies = [OrganisationFactory(name=f"演示石墨烯企业{i}") for i in range(3)]
    UserFactory(username="bureau", role=User.Role.BUREAU_STAFF, is_staff=True)
    UserFactory(username="enterprise", role=User.Role.ENTERPRISE_MEMBER, organisation=companies[0])
    city_registry(UserFactory(username="registrar", role=User.Role.REGISTRAR))
    event_index()
    make_event("2027 石墨烯创新创业大赛", days_left=40, slug=matchmaking_demo.COMPETITION_SLUG)


def test_demo_competitions_loaded_idempotent_and_reset(demo_users):
    assert demo.load_demo_competitions() == 2
    assert demo.load_demo_competitions() == 0
    upcoming = Competition.objects.get(event__slug=matchmaking_demo.COMPETITION_SLUG)
    assert upcoming.entries.count() == 4
    preliminary = upcoming.rounds.get(kind=Round.Kind.PRELIMINARY)
    assert preliminary.status == Round.Status.JUDGING
    assert Score.objects.filter(round=preliminary).count() == 8  # two judges × four entries
    tie = ConflictDeclaration.objects.get(competition=upcoming)
    assert not preliminary.assignments.filter(judge=tie.judge, entry=tie.entry).exists()
    assert preliminary.assignments.filter(judge=tie.judge).count() == 3

    past = Competition.objects.get(event__slug=demo.PAST_SLUG)
    results = selectors.public_results(past)
    assert [(r.rank, r.award.name if r.award else "") for r in results] == [(1, "一等奖"), (2, "二等奖"), (3, "二等奖")]
    rows = selectors.winner_rows(past)
    team = next(row for row in rows if row.result.entry.organisation_id is None)
    assert (team.company_name, team.settled_in_city) == ("三明烯感科技有限公司", True)

    demo.reset_demo_competitions()
    assert not Competition.objects.exists()
    assert not EventPage.objects.filter(slug=demo.PAST_SLUG).exists()
    assert not User.objects.filter(username__in=demo.DEMO_USERS).exists()
