"""Builders for competition tests: a competition open for entries, entrants, judges, scored rounds."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from common import clock
from competitions import services
from marketplace.models import HomePage
from matchmaking.models import EventIndexPage, EventPage
from tests.challenges.factories import make_expert
from tests.factories import OrganisationFactory, UserFactory

__all__ = ["make_expert"]

# Two criteria with different weights and maxima: 技术创新 counts 70 %, out of 10; 市场前景 30 %, out of 100.
CRITERIA = [
    {"name": "技术创新", "weight": 70, "max_score": 10},
    {"name": "市场前景", "weight": 30, "max_score": 100},
]
AWARDS = [
    {"name": "一等奖", "rank_from": 1, "rank_to": 1, "prize_cny": Decimal("200000.00")},
    {"name": "二等奖", "rank_from": 2, "rank_to": 3, "prize_cny": Decimal("50000.00")},
]


def event_index() -> EventIndexPage:
    """The events directory (a matchmaking migration may create it; otherwise it goes under the home page)."""
    index = EventIndexPage.objects.first()
    if index is None:
        index = EventIndexPage(title="活动", slug="events")
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    return index


def make_event(title: str = "第三届石墨烯创新创业大赛", *, days_left: int = 10, **overrides) -> EventPage:
    """A published 大赛 event page whose sign-up deadline is ``days_left`` days away."""
    deadline = timezone.now() + timedelta(days=days_left)
    data = {
        "title": title,
        "kind": EventPage.Kind.COMPETITION,
        "starts_at": deadline + timedelta(days=20),
        "ends_at": deadline + timedelta(days=21),
        "signup_deadline": deadline,
        "place": "三明市科技馆",
    }
    data.update(overrides)
    page = EventPage(**data)
    event_index().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_competition(staff, *, title: str = "第三届石墨烯创新创业大赛", days_left: int = 10, **overrides):
    data = {"event": make_event(title, days_left=days_left), "criteria": CRITERIA, "awards": AWARDS}
    data.update(overrides)
    return services.competition_create(user=staff, **data)


def entry_data(**overrides) -> dict:
    data = {
        "title": "石墨烯导热膜量产工艺",
        "summary": "以氧化还原法制备高导热石墨烯膜,面向手机散热。",
        "stage": "prototype",
        "team_name": "",
        "team_members": "张三 负责人\n李四 工艺",
    }
    data.update(overrides)
    return data


def enterprise_member(name: str) -> User:
    return UserFactory(role=User.Role.ENTERPRISE_MEMBER, organisation=OrganisationFactory(name=name))


def team_contact(username: str) -> User:
    return UserFactory(username=username, role=User.Role.PUBLIC)


def make_entry(user, competition, **overrides):
    if user.role == User.Role.PUBLIC:
        overrides.setdefault("team_name", f"{user.username}团队")
    return services.entry_create(user=user, competition=competition, data=entry_data(**overrides))


def after_deadline(competition):
    return clock.at(competition.entry_deadline + timedelta(minutes=1))


def scores_for(competition, innovation, market) -> dict[int, object]:
    first, second = competition.criteria.all()
    return {first.pk: innovation, second.pk: market}


def published_competition(staff, *, title: str = "第三届石墨烯创新创业大赛"):
    """A competition run to the end: 阿尔法 (a company), 贝塔 (a company) and 伽马 (a team) all reach the final,
    which ranks 伽马 1st (一等奖), 阿尔法 2nd and 贝塔 3rd (二等奖); results published."""
    from competitions.models import Round

    competition = make_competition(staff, title=title)
    entries = {
        "alpha": make_entry(enterprise_member(f"{title}阿尔法科技"), competition, title="阿尔法"),
        "beta": make_entry(enterprise_member(f"{title}贝塔材料"), competition, title="贝塔"),
        "team": make_entry(team_contact(f"gamma{competition.pk}"), competition, title="伽马"),
    }
    judge = make_expert(f"judge{competition.pk}")
    preliminary = competition.rounds.get(kind=Round.Kind.PRELIMINARY)
    final = competition.rounds.get(kind=Round.Kind.FINAL)
    with after_deadline(competition):
        services.round_start(user=staff, round=preliminary)
        services.judges_assign(user=staff, round=preliminary, judge=judge)
        for key, marks in {"alpha": (9, 90), "beta": (7, 70), "team": (5, 50)}.items():
            services.score_submit(
                user=judge, round=preliminary, entry=entries[key], scores=scores_for(competition, *marks)
            )
        services.round_advance(user=staff, round=preliminary, top=3)
        services.round_start(user=staff, round=final)
        services.judges_assign(user=staff, round=final, judge=judge)
        for key, marks in {"team": (10, 100), "alpha": (8, 80), "beta": (6, 60)}.items():
            services.score_submit(user=judge, round=final, entry=entries[key], scores=scores_for(competition, *marks))
        services.round_close(user=staff, round=final)
        services.results_publish(user=staff, competition=competition)
    competition.refresh_from_db()
    for entry in entries.values():
        entry.refresh_from_db()
    return competition, entries
