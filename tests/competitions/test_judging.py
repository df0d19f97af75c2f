"""Judging: assignments without conflicts, conflicted judges neither see nor score, the weighted ranking, advancing
to the final, closing it and publishing results with awards."""

from decimal import Decimal

import pytest

from common.errors import Conflict, DomainError, NotAllowed
from competitions import selectors, services
from competitions.models import JudgeAssignment, Result, Round, Score

from .factories import after_deadline, enterprise_member, make_entry, make_expert, scores_for, team_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def field(competition, user_bureau_staff):
    """Three entries (two companies, one team) and three judges, one tied to the first company."""
    alpha_user, beta_user = enterprise_member("阿尔法科技"), enterprise_member("贝塔材料")
    alpha = make_entry(alpha_user, competition, title="阿尔法")
    beta = make_entry(beta_user, competition, title="贝塔")
    team = make_entry(team_contact("gamma"), competition, title="伽马")
    judges = [make_expert("j1"), make_expert("j2"), make_expert("tied", conflicts=[alpha_user.organisation])]
    preliminary = competition.rounds.get(kind=Round.Kind.PRELIMINARY)
    with after_deadline(competition):
        services.round_start(user=user_bureau_staff, round=preliminary)
    return {"alpha": alpha, "beta": beta, "team": team, "judges": judges, "round": preliminary}


def test_the_preliminary_starts_only_after_entries_close(competition, user_bureau_staff):
    preliminary = competition.rounds.get(kind=Round.Kind.PRELIMINARY)
    with pytest.raises(Conflict):
        services.round_start(user=user_bureau_staff, round=preliminary)
    final = competition.rounds.get(kind=Round.Kind.FINAL)
    with after_deadline(competition), pytest.raises(Conflict):
        services.round_start(user=user_bureau_staff, round=final)  # no finalists yet


def test_staff_assign_judges_but_never_to_a_conflicted_entry(field, user_bureau_staff):
    j1, _j2, tied = field["judges"]
    made = services.judges_assign(user=user_bureau_staff, round=field["round"], judge=tied)
    assert {a.entry for a in made} == {field["beta"], field["team"]}
    with pytest.raises(Conflict) as error:
        services.judges_assign(user=user_bureau_staff, round=field["round"], judge=tied, entries=[field["alpha"]])
    assert error.value.code == "conflict_of_interest"
    services.judges_assign(user=user_bureau_staff, round=field["round"], judge=j1)
    assert JudgeAssignment.objects.filter(judge=j1).count() == 3
    assert not JudgeAssignment.objects.filter(judge=tied, entry=field["alpha"]).exists()
    with pytest.raises(NotAllowed):
        services.judges_assign(user=j1, round=field["round"], judge=j1)
    with pytest.raises(DomainError):
        services.judges_assign(user=user_bureau_staff, round=field["round"], judge=team_contact("notajudge"))


def test_a_conflicted_judge_cannot_see_or_score_the_entry(field, user_bureau_staff):
    competition = field["round"].competition
    j1, _j2, tied = field["judges"]
    for judge in (j1, tied):
        services.judges_assign(user=user_bureau_staff, round=field["round"], judge=judge)
    assert [row.entry for row in selectors.entries_for_judge(tied, field["round"])] == [field["beta"], field["team"]]
    with pytest.raises(NotAllowed):
        services.score_submit(
            user=tied, round=field["round"], entry=field["alpha"], scores=scores_for(competition, 9, 90)
        )
    # j1 scores the team, then declares a tie to it: the assignment and the score go, and it is hidden.
    services.score_submit(user=j1, round=field["round"], entry=field["team"], scores=scores_for(competition, 5, 50))
    services.conflict_declare(user=j1, competition=competition, entry=field["team"], reason="导师与学生关系")
    assert not Score.objects.filter(judge=j1, entry=field["team"]).exists()
    assert [row.entry for row in selectors.entries_for_judge(j1, field["round"])] == [field["alpha"], field["beta"]]
    with pytest.raises(NotAllowed) as error:
        services.score_submit(user=j1, round=field["round"], entry=field["team"], scores=scores_for(competition, 5, 5))
    with pytest.raises(Conflict):
        services.judges_assign(user=user_bureau_staff, round=field["round"], judge=j1, entries=[field["team"]])
    # A judge declaring a tie to an organisation abstains on its entry too.
    services.conflict_declare(user=j1, competition=competition, organisation=field["beta"].organisation, reason="兼职")
    assert [row.entry for row in selectors.entries_for_judge(j1, field["round"])] == [field["alpha"]]
    assert error.value.code in {"permission_denied", "conflict_of_interest"}


def test_only_judges_declare_conflicts(field, user_enterprise_a):
    with pytest.raises(NotAllowed):
        services.conflict_declare(
            user=user_enterprise_a, competition=field["round"].competition, entry=field["team"], reason="x"
        )


def test_scores_must_cover_every_criterion_within_its_maximum(field, user_bureau_staff):
    competition = field["round"].competition
    j1 = field["judges"][0]
    services.judges_assign(user=user_bureau_staff, round=field["round"], judge=j1)
    innovation, _market = competition.criteria.all()
    for bad in (
        {innovation.pk: 5},
        scores_for(competition, 11, 50),
        scores_for(competition, 5, -1),
        scores_for(competition, "x", 5),
    ):
        with pytest.raises(DomainError):
            services.score_submit(user=j1, round=field["round"], entry=field["alpha"], scores=bad)
    assert not Score.objects.exists()


def test_the_weights_decide_the_order(field, user_bureau_staff):
    """阿尔法 scores 6/10 on innovation (weight 70) and 100/100 on market (weight 30); 贝塔 9/10 and 40/100.
    Unweighted, 阿尔法 leads (80 vs 65 on the 0–100 scale, 106 vs 49 in raw points); weighted, 贝塔 wins:
    0.7 × 90 + 0.3 × 40 = 75.00 against 0.7 × 60 + 0.3 × 100 = 72.00. The mean runs over the judges who scored:
    伽马 gets 80.00 from j1 and 60.00 from j2 (mean 70.00), 阿尔法 only j1's 72.00 (j2 did not score it)."""
    competition = field["round"].competition
    j1, j2, _tied = field["judges"]
    for judge in (j1, j2):
        services.judges_assign(user=user_bureau_staff, round=field["round"], judge=judge)
    submit = lambda judge, entry, a, b: services.score_submit(  # noqa: E731
        user=judge, round=field["round"], entry=field[entry], scores=scores_for(competition, a, b)
    )
    assert submit(j1, "alpha", 6, 100).weighted_score == Decimal("72.00")
    assert submit(j1, "beta", 9, 40).weighted_score == Decimal("75.00")
    submit(j2, "beta", 9, 40)
    submit(j1, "team", 8, 80)
    submit(j2, "team", Decimal("6.5"), 25)  # 0.7 × 65 + 0.3 × 25 = 53.00
    submit(j2, "team", 6, 60)  # revised: 60.00 replaces 53.00
    ranking = selectors.round_ranking(field["round"])
    assert [(r.entry.title, r.score, r.judges, r.rank) for r in ranking] == [
        ("贝塔", Decimal("75.00"), 2, 1),
        ("阿尔法", Decimal("72.00"), 1, 2),
        ("伽马", Decimal("70.00"), 2, 3),
    ]


def _score_all(field, user_bureau_staff, marks):
    competition = field["round"].competition
    j1 = field["judges"][0]
    services.judges_assign(user=user_bureau_staff, round=field["round"], judge=j1)
    for key, (a, b) in marks.items():
        services.score_submit(user=j1, round=field["round"], entry=field[key], scores=scores_for(competition, a, b))
    return competition, j1


def test_advancing_the_top_n_to_the_final(field, user_bureau_staff):
    competition, j1 = _score_all(field, user_bureau_staff, {"alpha": (9, 90), "beta": (7, 70), "team": (5, 50)})
    with pytest.raises(NotAllowed):
        services.round_advance(user=j1, round=field["round"], top=2)
    with pytest.raises(DomainError):
        services.round_advance(user=user_bureau_staff, round=field["round"], top=0)
    finalists = services.round_advance(user=user_bureau_staff, round=field["round"], top=2)
    assert {e.title for e in finalists} == {"阿尔法", "贝塔"}
    field["round"].refresh_from_db()
    assert field["round"].status == Round.Status.CLOSED
    with pytest.raises(Conflict):
        services.score_submit(user=j1, round=field["round"], entry=field["team"], scores=scores_for(competition, 9, 9))
    final = competition.rounds.get(kind=Round.Kind.FINAL)
    assert [e.title for e in selectors.round_entries(final)] == ["阿尔法", "贝塔"]
    services.round_start(user=user_bureau_staff, round=final)
    made = services.judges_assign(user=user_bureau_staff, round=final, judge=field["judges"][1])
    assert {a.entry.title for a in made} == {"阿尔法", "贝塔"}


def test_entries_tied_at_the_cut_all_advance(field, user_bureau_staff):
    _score_all(field, user_bureau_staff, {"alpha": (9, 90), "beta": (7, 70), "team": (7, 70)})
    finalists = services.round_advance(user=user_bureau_staff, round=field["round"], top=2)
    assert {e.title for e in finalists} == {"阿尔法", "贝塔", "伽马"}


def test_results_and_awards_are_public_only_once_published(field, user_bureau_staff):
    competition, _j1 = _score_all(field, user_bureau_staff, {"alpha": (9, 90), "beta": (7, 70), "team": (5, 50)})
    services.round_advance(user=user_bureau_staff, round=field["round"], top=3)
    final = competition.rounds.get(kind=Round.Kind.FINAL)
    with pytest.raises(Conflict):
        services.results_publish(user=user_bureau_staff, competition=competition)
    services.round_start(user=user_bureau_staff, round=final)
    j2 = field["judges"][1]
    services.judges_assign(user=user_bureau_staff, round=final, judge=j2)
    # In the final the order changes: 伽马 wins, 阿尔法 second, 贝塔 third.
    for entry, (a, b) in {"team": (10, 100), "alpha": (8, 80), "beta": (6, 60)}.items():
        services.score_submit(user=j2, round=final, entry=field[entry], scores=scores_for(competition, a, b))
    services.round_close(user=user_bureau_staff, round=final)
    assert selectors.public_results(competition) == []
    results = services.results_publish(user=user_bureau_staff, competition=competition)
    assert [(r.rank, r.entry.title, r.award.name) for r in results] == [
        (1, "伽马", "一等奖"),
        (2, "阿尔法", "二等奖"),
        (3, "贝塔", "二等奖"),
    ]
    competition.refresh_from_db()
    assert [r.entry.title for r in selectors.public_results(competition)] == ["伽马", "阿尔法", "贝塔"]
    with pytest.raises(Conflict):
        services.results_publish(user=user_bureau_staff, competition=competition)
    assert Result.objects.count() == 3


def test_awards_must_not_overlap(user_bureau_staff):
    from .factories import make_competition

    with pytest.raises(DomainError):
        make_competition(
            user_bureau_staff,
            awards=[
                {"name": "一等奖", "rank_from": 1, "rank_to": 2, "prize_cny": Decimal("1")},
                {"name": "二等奖", "rank_from": 2, "rank_to": 3, "prize_cny": Decimal("1")},
            ],
        )


def test_a_competition_belongs_to_one_competition_event(user_bureau_staff):
    from matchmaking.models import EventPage

    from .factories import CRITERIA, make_event

    event = make_event("石墨烯大赛")
    competition = services.competition_create(user=user_bureau_staff, event=event, criteria=CRITERIA, awards=[])
    assert (competition.title, competition.entry_deadline) == ("石墨烯大赛", event.signup_deadline)
    assert event.competition == competition
    with pytest.raises(Conflict):
        services.competition_create(user=user_bureau_staff, event=event, criteria=CRITERIA, awards=[])
    fair = make_event("对接会", kind=EventPage.Kind.FAIR)
    with pytest.raises(DomainError) as error:
        services.competition_create(user=user_bureau_staff, event=fair, criteria=CRITERIA, awards=[])
    assert "event" in error.value.field_errors
