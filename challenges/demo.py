"""Demo challenges for development (`manage.py load_demo` calls ``load_demo_challenges``).

Key problems on three chains from the demo needs, one survey campaign, two experts, and four fluorine-materials
challenges, one in each public state: open; under review with scores; awarded with a registered 技术开发 contract
and milestones (one accepted, one reported); closed. Everything goes through the services; past steps are written
under ``clock.at`` so every deadline check runs as it would have then.

Idempotent: a challenge whose title already exists is skipped, so a second run adds nothing.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from marketplace.models import TechnologyNeed
from registration import services as registration_services
from taxonomy.models import IndustryChainNode, TechnicalField

from . import permissions, services
from .models import Challenge, ExpertProfile, KeyProblem, SurveyCampaign

DEMO_PASSWORD = "demo-2026-dev"  # noqa: S105 - the published development password of load_demo
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PROBLEM_CHAINS = ("FLU", "FFC", "GRA")
TARGETS = [
    {"indicator": "单项金属杂质", "value": "≤10", "unit": "ppt", "test_method": "ICP-MS,第三方检测机构出具报告"},
    {"indicator": "中试规模", "value": "≥1000", "unit": "吨/年", "test_method": "现场核查连续运行 72 小时"},
]
CRITERIA = [
    {"name": "技术路线先进性与可行性", "weight": 40},
    {"name": "团队实力与前期基础", "weight": 30},
    {"name": "产业化前景与企业配套", "weight": 30},
]
SPECS = [
    ("open", "电子级氢氟酸深度提纯技术攻关", "Deep purification of electronic-grade hydrofluoric acid", "FLU.01.01"),
    ("under_review", "电池级 PVDF 粘结剂国产化攻关", "Domestic battery-grade PVDF binder", "FLU.02.01"),
    ("awarded", "高性能氟橡胶耐低温改性技术攻关", "Low-temperature fluoroelastomer modification", "FLU.02.03"),
    ("closed", "PTFE 超细粉体分散技术攻关", "Dispersion of ultrafine PTFE powder", "FLU.02.02"),
]


def _user(username: str, role: str, display_name: str, organisation=None) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, role=role, display_name=display_name, organisation=organisation)
        user.email = f"{username}@demo.example.cn"
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _experts(conflict: Organisation | None) -> list[User]:
    experts = []
    for index, name in enumerate(("专家 周教授", "专家 吴研究员"), 1):
        expert = _user(f"expert{index}", User.Role.EXPERT, name)
        profile, _created = ExpertProfile.objects.get_or_create(user=expert, defaults={"affiliation": "福州大学"})
        profile.fields.add(TechnicalField.objects.get(code="materials"))
        if index == 2 and conflict is not None:
            profile.conflicts.add(conflict)  # the second expert must abstain on this institution's applications
        experts.append(expert)
    return experts


def _problems(staff: User) -> list[KeyProblem]:
    made = []
    for code in PROBLEM_CHAINS:
        chain = IndustryChainNode.objects.filter(code=code).first()
        if chain is None or KeyProblem.objects.filter(node__code__startswith=code).exists():
            continue
        needs = list(TechnologyNeed.objects.filter(industry_chain__code__startswith=code).order_by("pk")[:4])
        by_node: dict[int, list[TechnologyNeed]] = {}
        for need in needs:
            by_node.setdefault(need.industry_chain_id, []).append(need)
        for node_id, group in by_node.items():
            node = IndustryChainNode.objects.get(pk=node_id)
            made.append(
                services.problem_create(
                    user=staff,
                    node=node,
                    title=group[0].title[:200],
                    description=group[0].problem[:500],
                    needs=group,
                    is_common=len({n.enterprise_id for n in group}) > 1,
                )
            )
        if not by_node:
            made.append(services.problem_create(user=staff, node=chain, title=f"{chain.name}关键共性技术"))
    return made


def _campaign(staff: User, enterprises: list[Organisation]) -> None:
    if SurveyCampaign.objects.filter(tag="flu-survey-demo").exists():
        return
    today = clock.today()
    campaign = services.campaign_open(
        user=staff,
        chain=IndustryChainNode.objects.get(code="FLU"),
        title="氟新材料产业关键共性技术需求大调研",
        tag="flu-survey-demo",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=50),
        description="围绕氟新材料产业链,摸清企业关键技术问题,形成问题清单。",
    )
    services.campaign_invite(user=staff, campaign=campaign, enterprises=enterprises)
    first = enterprises[0]
    need = TechnologyNeed.objects.filter(enterprise=first, industry_chain__code__startswith="FLU").first()
    if need is not None:
        services.campaign_tag_need(user=staff, campaign=campaign, need=need)


def _milestones(closes, reward: Decimal) -> list[dict]:
    start = timezone.localdate(closes)
    first = (reward * Decimal("0.4")).quantize(Decimal("0.01"))
    return [
        {
            "title": "小试验证",
            "indicator": "实验室样品达到全部指标",
            "due_on": start + timedelta(days=150),
            "payment_cny": first,
        },
        {
            "title": "中试放大",
            "indicator": "中试线连续运行 72 小时",
            "due_on": start + timedelta(days=540),
            "payment_cny": reward - first,
        },
    ]


def _apply(user: User, challenge: Challenge, route: str):
    application = services.application_create(
        user=user,
        challenge=challenge,
        data={
            "team_lead": user.display_name or "项目负责人",
            "team_lead_title": "研究员",
            "team": "博士 6 人、工程师 4 人",
            "technical_route": route,
            "budget_cny": challenge.reward_cny * 2,
            "declares_no_conflict": True,
            "declares_originality": True,
        },
        milestones=_milestones(challenge.closes_at, challenge.reward_cny),
    )
    return services.application_submit(user=user, application=application)


def _score(experts, challenge, application, base: int) -> None:
    criteria = list(challenge.criteria.all())
    for offset, expert in enumerate(experts):
        if permissions.has_conflict(expert, application):
            continue
        scores = {c.pk: min(100, base + offset * 3 - i * 2) for i, c in enumerate(criteria)}
        services.review_submit(user=expert, application=application, scores=scores, comment="技术路线清晰,基础扎实。")


def _register(award, registrar: User, winner: User) -> None:
    contract = award.contract
    today = timezone.localdate()
    registration_services.contract_update_draft(
        user=winner,
        contract=contract,
        data={"contract_number": f"DEMO-JB-{award.pk:03d}", "signed_on": today, "effective_on": today},
    )
    registration_services.contract_attach(
        user=winner,
        contract=contract,
        kind="signed_contract",
        uploaded_file=SimpleUploadedFile("contract.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    registration_services.contract_submit(user=winner, contract=contract)
    contract.registry.registrars.add(registrar)
    registration_services.contract_register(user=registrar, contract=contract, issue_certificate=False)


@transaction.atomic
def reset_demo_challenges() -> int:
    """Delete the demo's challenges, problems, campaign and extra users so ``load_demo --reset`` can remove demo
    organisations. The awarded contract is numbered ``DEMO-JB-…`` and goes with registration's demo reset."""
    from search.sync import document_changed

    from .models import Application, Award, Review
    from .search_documents import KIND

    demo = Challenge.objects.filter(title__in=[spec[1] for spec in SPECS])
    for pk in demo.values_list("pk", flat=True):
        document_changed(KIND, pk)  # the worker deletes their documents
    Award.objects.filter(challenge__in=demo).delete()
    Review.objects.filter(application__challenge__in=demo).delete()
    Application.objects.filter(challenge__in=demo).delete()
    deleted, _rows = demo.delete()
    KeyProblem.objects.filter(created_by__username="bureau").delete()
    SurveyCampaign.objects.filter(tag="flu-survey-demo").delete()
    User.objects.filter(username__in=["expert1", "expert2", "institution2"]).delete()
    return deleted


@transaction.atomic
def load_demo_challenges(stdout=None) -> int:
    staff = User.objects.filter(username="bureau").first()
    registrar = User.objects.filter(username="registrar").first()
    enterprise = User.objects.filter(username="enterprise").first()
    institution = User.objects.filter(username="institution").first()
    if not all((staff, registrar, enterprise, institution)) or not institution.organisation_id:
        return 0
    others = list(
        Organisation.objects.institutions()
        .approved()
        .exclude(pk=institution.organisation_id)
        .annotate(n=Count("achievements"))
        .order_by("-n", "name")[:1]
    )
    rival = _user("institution2", User.Role.INSTITUTION_EDITOR, "机构编辑 郑老师", others[0]) if others else None
    experts = _experts(rival.organisation if rival else None)
    problems = _problems(staff)
    funders = list(Organisation.objects.enterprises().approved().annotate(n=Count("needs")).order_by("-n", "name")[:3])
    _campaign(staff, funders)
    flu_problems = [p for p in problems if p.node.code.startswith("FLU")]
    made = 0
    now = timezone.now()
    for state, title, title_en, node_code in SPECS:
        if Challenge.objects.filter(title=title).exists():
            continue
        opens = now - timedelta(days=5) if state == "open" else now - timedelta(days=120)
        closes = opens + timedelta(days=60)
        data = {
            "title": title,
            "title_en": title_en,
            "problem": f"{title}:国内企业依赖进口,亟需突破关键工艺,形成自主可控的产业化能力。",
            "node": IndustryChainNode.objects.get(code=node_code),
            "technical_field": TechnicalField.objects.get(code="materials"),
            "reward_cny": Decimal("3000000.00"),
            "payment_terms": "按攻关节点验收后分期拨付,由市科技局与出资企业共同验收。",
            "term_years": 3,
            "scope": "any",
            "institution_kinds": [],
            "opens_at": opens,
            "closes_at": closes,
            "review_by": timezone.localdate(closes) + timedelta(days=80),
            "award_by": timezone.localdate(closes) + timedelta(days=90),
            "ip_terms": "项目形成的知识产权由揭榜单位与出资企业共有,出资企业在本市享有优先实施权。",
            "required_documents": "揭榜申报书\n单位承诺书\n前期成果证明材料",
        }
        linked = [p for p in flu_problems if p.node.code.startswith(node_code)][:1]
        with clock.at(opens + timedelta(hours=1)):
            challenge = services.challenge_create(
                user=staff,
                data=data,
                targets=TARGETS,
                criteria=CRITERIA,
                co_funders=[enterprise.organisation] if enterprise.organisation_id else [],
                key_problems=linked,
            )
            challenge = services.challenge_publish(user=staff, challenge=challenge)
            for expert in experts:
                services.panel_add_expert(user=staff, challenge=challenge, expert=expert)
            if state != "open":
                applications = [_apply(institution, challenge, "分子蒸馏 + 亚沸精馏 + 超净过滤的组合提纯路线。")]
                if rival is not None:
                    applications.append(_apply(rival, challenge, "离子交换树脂深度除杂路线。"))
        if state != "open":
            with clock.at(closes + timedelta(hours=1)):
                challenge = services.challenge_start_review(user=staff, challenge=challenge)
                for base, application in zip((88, 80), applications, strict=False):
                    _score(experts, challenge, application, base)
                if state == "awarded":
                    award = services.challenge_award(
                        user=staff,
                        challenge=challenge,
                        application=applications[0],
                        reasons="综合得分第一,技术路线成熟。",
                    )
                elif state == "closed":
                    services.challenge_close(
                        user=staff, challenge=challenge, reason="申报单位均未达到指标要求,重新凝练后再发榜。"
                    )
        if state == "awarded":
            _register(award, registrar, institution)
            first, second = award.milestones.all()
            services.milestone_report(
                user=institution,
                milestone=first,
                report="小试样品各项指标达标。",
                evidence="第三方检测报告 No.2026-118",
            )
            services.milestone_decide(user=enterprise, milestone=first, accept=True)
            services.milestone_decide(user=staff, milestone=first, accept=True)
            services.milestone_report(
                user=institution, milestone=second, report="中试线已建成并试运行。", evidence="运行记录、现场照片"
            )
        made += 1
    if stdout is not None and made:
        stdout.write(f"challenges: {made} demo challenges, {len(problems)} key problems")
    return made


def on_demo_loaded(sender, stdout=None, **kwargs) -> str:
    """Receiver of ``marketplace.events.demo_loaded``; returns the line load_demo prints."""
    load_demo_challenges(stdout=stdout)
    return _("已载入演示揭榜挂帅榜单和关键技术问题。")


def on_demo_resetting(sender, **kwargs) -> None:
    """Receiver of ``marketplace.events.demo_resetting``: applications refer to demo organisations."""
    reset_demo_challenges()
