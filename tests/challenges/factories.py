"""Builders for challenge tests: a challenge in any state, applications, experts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from challenges import services
from challenges.models import ExpertProfile
from common import clock
from taxonomy.models import IndustryChainNode, TechnicalField
from tests.factories import InstitutionFactory, UserFactory

REWARD = Decimal("3000000.00")


def challenge_data(**overrides) -> dict:
    now = timezone.now()
    data = {
        "title": "高纯电子级氢氟酸提纯技术攻关",
        "title_en": "Purification of electronic-grade hydrofluoric acid",
        "problem": "金属杂质含量须降至 ppt 级,满足 12 英寸晶圆清洗要求。",
        "node": IndustryChainNode.objects.get(code="FLU.01.01"),
        "technical_field": TechnicalField.objects.get(code="materials"),
        "reward_cny": REWARD,
        "payment_terms": "按节点验收分期拨付",
        "term_years": 3,
        "scope": "any",
        "institution_kinds": [],
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "review_by": timezone.localdate(now + timedelta(days=45)),
        "award_by": timezone.localdate(now + timedelta(days=60)),
        "ip_terms": "知识产权归出资企业与揭榜单位共有。",
        "required_documents": "申报书\n单位承诺书",
    }
    data.update(overrides)
    return data


TARGETS = [
    {"indicator": "单项金属杂质", "value": "≤10", "unit": "ppt", "test_method": "ICP-MS,第三方检测"},
    {"indicator": "产能", "value": "≥1000", "unit": "吨/年", "test_method": "现场核查"},
]
CRITERIA = [{"name": "技术路线可行性", "weight": 60}, {"name": "团队与基础", "weight": 40}]


def make_challenge(staff, *, publish=True, co_funders=None, key_problems=None, **overrides):
    challenge = services.challenge_create(
        user=staff,
        data=challenge_data(**overrides),
        targets=TARGETS,
        criteria=CRITERIA,
        co_funders=co_funders or [],
        key_problems=key_problems or [],
    )
    if publish:
        challenge = services.challenge_publish(user=staff, challenge=challenge)
    return challenge


def milestones_for(challenge, parts=(Decimal("1000000.00"), Decimal("2000000.00"))) -> list[dict]:
    start = timezone.localdate(challenge.closes_at)
    return [
        {
            "title": f"节点{i}",
            "indicator": f"杂质≤{100 // i}ppt",
            "due_on": start + timedelta(days=180 * i),
            "payment_cny": p,
        }
        for i, p in enumerate(parts, 1)
    ]


def application_data(**overrides) -> dict:
    data = {
        "team_lead": "张教授",
        "team_lead_title": "研究员",
        "team": "张教授、李博士、王工程师",
        "technical_route": "多级精馏 + 膜过滤 + 超净灌装。",
        "budget_cny": Decimal("4500000.00"),
        "declares_no_conflict": True,
        "declares_originality": True,
    }
    data.update(overrides)
    return data


def institution_editor(name: str, **org_kwargs) -> User:
    org = InstitutionFactory(name=name, **org_kwargs)
    return UserFactory(role=User.Role.INSTITUTION_EDITOR, organisation=org)


def submitted_application(user, challenge, *, partners=None):
    application = services.application_create(
        user=user,
        challenge=challenge,
        data=application_data(),
        partners=partners or [],
        milestones=milestones_for(challenge),
    )
    return services.application_submit(user=user, application=application)


def make_expert(username: str, conflicts=()) -> User:
    expert = UserFactory(username=username, role=User.Role.EXPERT)
    profile = ExpertProfile.objects.create(user=expert, affiliation="某大学")
    profile.conflicts.set(conflicts)
    return expert


def after_close(challenge):
    """The clock just after the challenge's close."""
    return clock.at(challenge.closes_at + timedelta(minutes=1))
