"""Demo competitions for development (`manage.py load_demo` sends ``demo_loaded``; CompetitionsConfig.ready
connects here, after matchmaking, whose demo creates the upcoming graphene competition event).

- ``graphene-competition-2027`` (matchmaking's upcoming 大赛): entries closed two days ago; four entries (three
  companies, one team) building on the demo's graphene achievements; three judges, one of whom declared a tie to
  the team and so neither sees nor scores it; the preliminary is being scored.
- ``graphene-competition-2026`` (made here, through matchmaking's models): a past competition run to the end —
  preliminary, final, published ranking with awards, and a winner followed afterwards (a company registered in
  the city, recorded by staff).

Everything goes through the services; the past is written under ``clock.at`` so every deadline check runs as it
would have then. Idempotent: an event that already has a competition is skipped.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.validators import credit_code_check_character
from challenges.models import ExpertProfile
from common import clock
from marketplace.models import AchievementPage
from matchmaking.models import EventIndexPage, EventPage

from . import services
from .models import Competition, Entry, Result, Round, Score

DEMO_PASSWORD = "demo-2026-dev"  # noqa: S105 - the published development password of load_demo
UPCOMING_SLUG = "graphene-competition-2027"
PAST_SLUG = "graphene-competition-2026"
# The judges are this demo's own users: challenges' reset deletes its experts (expert1, expert2) before ours runs,
# and scores keep their judge (PROTECT).
JUDGES = (("judge_zhou", "评委 周教授"), ("judge_wu", "评委 吴研究员"), ("judge_zheng", "评委 郑高工"))
DEMO_USERS = ("entrant_a", "entrant_b", "team_zhao", "team_lin", *(username for username, _name in JUDGES))
TEAM_NAMES = {"team_zhao": "赵博士石墨烯传感团队", "team_lin": "林博士柔性电子团队"}
CRITERIA = [
    {"name": "技术创新性", "weight": 40, "max_score": 10},
    {"name": "市场前景", "weight": 30, "max_score": 10},
    {"name": "团队能力", "weight": 20, "max_score": 10},
    {"name": "落地本市可行性", "weight": 10, "max_score": 10},
]
AWARDS = [
    {"name": "一等奖", "rank_from": 1, "rank_to": 1, "prize_cny": Decimal("300000.00")},
    {"name": "二等奖", "rank_from": 2, "rank_to": 3, "prize_cny": Decimal("100000.00")},
]
PROJECTS = [
    ("石墨烯导热膜在动力电池包中的应用", "company", "把高导热石墨烯膜用于动力电池包均温,降低热失控风险。"),
    ("石墨烯改性防腐涂料海上风电示范", "revenue", "石墨烯重防腐涂料在海上风电塔筒的示范应用与推广。"),
    ("石墨烯导电浆料国产化产线", "prototype", "建设年产 2000 吨石墨烯导电浆料产线,替代进口导电剂。"),
    ("柔性石墨烯压力传感手套", "idea", "基于石墨烯柔性压力传感器的康复训练手套。"),
]


def _user(username: str, role: str, display_name: str, organisation=None) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, role=role, display_name=display_name, organisation=organisation)
        user.email = f"{username}@demo.example.cn"
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _judges() -> list[User]:
    judges = []
    for username, name in JUDGES:
        judge = _user(username, User.Role.EXPERT, name)
        ExpertProfile.objects.get_or_create(user=judge, defaults={"affiliation": "福州大学"})
        judges.append(judge)
    return judges


def _entrants() -> list[User]:
    """The demo enterprise user, two more companies' members and a team contact (a public user)."""
    companies = list(
        Organisation.objects.enterprises().approved().exclude(members__username="enterprise").order_by("name")[:3]
    )
    users = [u for u in [User.objects.filter(username="enterprise", organisation__isnull=False).first()] if u]
    for username, organisation in zip(("entrant_a", "entrant_b"), companies, strict=False):
        users.append(
            _user(username, User.Role.ENTERPRISE_MEMBER, f"参赛企业 {organisation.short_name or ''}", organisation)
        )
    users.append(_user("team_zhao", User.Role.PUBLIC, "赵博士(团队负责人)"))
    return users


def _graphene_achievements() -> list[AchievementPage]:
    return list(AchievementPage.objects.live().filter(industry_chains__code__startswith="GRA").distinct()[:4])


def _enter(entrants: list[User], competition: Competition) -> list[Entry]:
    achievements = _graphene_achievements()
    entries = []
    for index, (user, (title, stage, summary)) in enumerate(zip(entrants, PROJECTS, strict=False)):
        data = {
            "title": title,
            "summary": summary,
            "stage": stage,
            "team_name": "" if user.organisation_id else TEAM_NAMES.get(user.username, "石墨烯创业团队"),
            "team_members": "负责人 主持研发\n工程师 工艺放大\n市场经理 应用推广",
        }
        picked = achievements[index : index + 1]
        entries.append(services.entry_create(user=user, competition=competition, data=data, achievements=picked))
    return entries


def _score(judge: User, round: Round, entry: Entry, marks: tuple[int, ...], comment: str) -> None:
    criteria = list(round.competition.criteria.all())
    services.score_submit(
        user=judge, round=round, entry=entry, scores={c.pk: m for c, m in zip(criteria, marks, strict=True)},
        comment=comment,
    )  # fmt: skip


def _upcoming(staff: User, event: EventPage) -> Competition:
    now = clock.now()
    deadline = now - timedelta(days=2)
    with clock.at(now - timedelta(days=20)):
        competition = services.competition_create(
            user=staff, event=event, entry_deadline=deadline, criteria=CRITERIA, awards=AWARDS
        )
        entries = _enter(_entrants(), competition)
    judges = _judges()
    team = next((e for e in entries if e.organisation_id is None), None)
    if team is not None:
        with clock.at(deadline + timedelta(hours=2)):
            services.conflict_declare(
                user=judges[2], competition=competition, entry=team, reason="曾指导该团队负责人的博士论文"
            )
    preliminary = competition.rounds.get(kind=Round.Kind.PRELIMINARY)
    with clock.at(deadline + timedelta(hours=3)):
        services.round_start(user=staff, round=preliminary)
        for judge in judges:
            services.judges_assign(user=staff, round=preliminary, judge=judge)
    marks = [(8, 9, 8, 9), (9, 7, 8, 6), (7, 8, 6, 8), (9, 6, 7, 7)]
    with clock.at(deadline + timedelta(days=1)):
        for judge in judges[:2]:
            for entry, mark in zip(entries, marks, strict=False):
                _score(judge, preliminary, entry, mark, "材料完整,技术路线清晰。")
    return competition


def _past(staff: User, index: EventIndexPage) -> Competition | None:
    now = clock.now()
    starts = (now - timedelta(days=200)).replace(hour=1, minute=0, second=0, microsecond=0)
    deadline = starts - timedelta(days=30)
    with clock.at(deadline - timedelta(days=40)):
        event = EventPage(
            title=f"{timezone.localtime(starts).year} 石墨烯创新创业大赛",
            title_en=f"{timezone.localtime(starts).year} Graphene Innovation and Entrepreneurship Competition",
            slug=PAST_SLUG,
            kind=EventPage.Kind.COMPETITION,
            summary="首届石墨烯创新创业大赛:初赛、决赛两轮评审,获奖项目落地本市。",
            summary_en="The first graphene competition: preliminary and final rounds.",
            starts_at=starts,
            ends_at=starts + timedelta(hours=8),
            place="石墨烯产业园会议中心",
            organisers="市科学技术局",
            capacity=60,
            signup_deadline=deadline,
        )
        index.add_child(instance=event)
        event.save_revision().publish()
        competition = services.competition_create(user=staff, event=event, criteria=CRITERIA, awards=AWARDS)
        entrants = [
            *[u for u in _entrants() if u.organisation_id],
            _user("team_lin", User.Role.PUBLIC, "林博士(团队负责人)"),
        ]
        entries = _enter(entrants, competition)
    judges = _judges()
    preliminary = competition.rounds.get(kind=Round.Kind.PRELIMINARY)
    final = competition.rounds.get(kind=Round.Kind.FINAL)
    with clock.at(deadline + timedelta(days=1)):
        services.round_start(user=staff, round=preliminary)
        for judge in judges[:2]:
            services.judges_assign(user=staff, round=preliminary, judge=judge)
        for judge in judges[:2]:
            for entry, mark in zip(entries, [(8, 8, 8, 8), (9, 9, 7, 9), (6, 7, 7, 6), (7, 6, 8, 7)], strict=False):
                _score(judge, preliminary, entry, mark, "初赛评语。")
    with clock.at(deadline + timedelta(days=10)):
        services.round_advance(user=staff, round=preliminary, top=3)
    with clock.at(starts):
        services.round_start(user=staff, round=final)
        for judge in judges:
            services.judges_assign(user=staff, round=final, judge=judge)
        finalists = list(competition.entries.filter(is_finalist=True).order_by("pk"))
        for judge in judges:
            for entry, mark in zip(finalists, [(9, 8, 9, 9), (9, 9, 8, 10), (7, 7, 8, 7)], strict=False):
                _score(judge, final, entry, mark, "决赛评语。")
    with clock.at(starts + timedelta(hours=7)):
        services.round_close(user=staff, round=final)
        results = services.results_publish(user=staff, competition=competition)
    team_result = next((r for r in results if r.award_id and r.entry.organisation_id is None), None)
    if team_result is not None:
        with clock.at(starts + timedelta(days=60)):
            first17 = "91350402MA3DEMH01"
            services.follow_up_record(
                user=staff,
                result=team_result,
                data={
                    "company_name": "三明烯感科技有限公司",
                    "credit_code": first17 + credit_code_check_character(first17),
                    "region_code": "350402",
                    "notes": "获奖后在三明注册公司,入驻石墨烯产业园孵化器。",
                },
            )
    return competition


@transaction.atomic
def load_demo_competitions() -> int:
    staff = User.objects.filter(username="bureau").first()
    index = EventIndexPage.objects.first()
    if staff is None or index is None:
        return 0
    made = 0
    event = EventPage.objects.filter(slug=UPCOMING_SLUG).first()
    if event is not None and not Competition.objects.filter(event=event).exists():
        _upcoming(staff, event)
        made += 1
    if not EventPage.objects.filter(slug=PAST_SLUG).exists():
        _past(staff, index)
        made += 1
    return made


@transaction.atomic
def reset_demo_competitions() -> int:
    """Delete the demo competitions (matchmaking has already deleted its event pages; ours goes here) and the
    users made for them, before the demo organisations go."""
    titles = ["2027 石墨烯创新创业大赛", "2026 石墨烯创新创业大赛"]
    competitions = list(Competition.objects.filter(title__in=titles))
    for competition in competitions:
        Score.objects.filter(round__competition=competition).delete()
        Result.objects.filter(competition=competition).delete()
        competition.entries.all().delete()
        competition.delete()
    for page in EventPage.objects.filter(slug=PAST_SLUG):
        page.delete()
    User.objects.filter(username__in=DEMO_USERS).delete()
    return len(competitions)


def on_demo_loaded(sender=None, stdout=None, **kwargs) -> str:
    """Receiver of ``marketplace.events.demo_loaded``; returns the line load_demo prints."""
    made = load_demo_competitions()
    return _("已载入演示大赛(%(n)d 个)。") % {"n": made}


def on_demo_resetting(sender=None, **kwargs) -> None:
    reset_demo_competitions()
