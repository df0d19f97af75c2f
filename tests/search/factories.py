"""A small, realistic set of achievements and needs for search tests (the evaluation set is larger)."""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal

from marketplace.models import AchievementIPRecord, TechnologyNeed
from taxonomy.models import IndustryChainNode, IPType, Region, TechnicalField, TransferMode
from tests.factories import NeedFactory, OrganisationFactory, make_achievement, make_institution_page

ACHIEVEMENTS = [
    # key, title, summary, keywords, field, chains, trl
    (
        "graphene-film",
        "高导热石墨烯散热膜制备技术",
        "采用化学气相沉积制备石墨烯导热膜,导热系数达到1500W/(m·K),用于5G手机和基站散热。",
        ["石墨烯", "导热膜", "散热"],
        "materials",
        ["GRA.02.01"],
        7,
    ),
    (
        "graphene-coating",
        "石墨烯重防腐涂料",
        "石墨烯改性环氧锌粉涂料,耐盐雾超过3000小时,适用于海洋工程和桥梁钢结构防腐。",
        ["石墨烯", "防腐涂料"],
        "materials",
        ["GRA.02.02"],
        6,
    ),
    (
        "pvdf-binder",
        "锂电池用PVDF粘结剂合成工艺",
        "悬浮聚合制备高分子量聚偏氟乙烯PVDF,用作锂离子电池正极粘结剂,剥离强度高。",
        ["PVDF", "粘结剂", "锂电池"],
        "materials",
        ["FLU.02.01"],
        6,
    ),
    (
        "lfp-cathode",
        "高压实磷酸铁锂正极材料",
        "LiFePO4正极材料压实密度2.6g/cm3,循环寿命超过4000次,用于储能电池和动力电池。",
        ["磷酸铁锂", "LiFePO4", "正极材料"],
        "energy",
        ["NEM.01.01"],
        8,
    ),
    (
        "image-recognition",
        "基于深度学习的图像识别技术",
        "面向工业产线的缺陷检测,基于深度学习的图像识别算法,识别准确率99.5%。",
        ["图像识别", "深度学习", "缺陷检测"],
        "electronics",
        ["ICT.02.01"],
        7,
    ),
    (
        "machine-vision",
        "机器视觉尺寸检测系统",
        "基于工业相机和图像处理的零件尺寸在线检测,测量精度0.01毫米。",
        ["机器视觉", "在线检测"],
        "manufacturing",
        ["CNC.02.01"],
        6,
    ),
    (
        "mushroom",
        "食用菌工厂化栽培技术",
        "金针菇、杏鲍菇工厂化栽培的菌种选育和环境控制技术,单产提高20%。",
        ["食用菌", "工厂化栽培"],
        "agriculture",
        ["VEG.02.01"],
        8,
    ),
    (
        "soil-remediation",
        "重金属污染土壤修复药剂",
        "针对镉、铅污染农田的钝化修复药剂,有效态镉降低60%以上。",
        ["重金属", "土壤修复", "镉"],
        "environment",
        ["ENV.01.01"],
        6,
    ),
    (
        "5g-filter",
        "5G基站陶瓷介质滤波器",
        "用于5G基站射频前端的陶瓷介质滤波器,插入损耗低,温漂小。",
        ["5G", "滤波器", "射频"],
        "electronics",
        ["ICT.01.01"],
        7,
    ),
    (
        "carbide-coating",
        "硬质合金刀具纳米涂层",
        "AlTiN纳米多层涂层提高硬质合金刀具寿命两倍,适用于高速切削。",
        ["硬质合金", "刀具涂层", "纳米涂层"],
        "manufacturing",
        ["TUN.02.01"],
        7,
    ),
]

NEEDS = [
    # key, title, problem, keywords, field, chain, min_trl
    (
        "phone-heat",
        "手机散热用高导热材料",
        "我公司生产5G手机,需要导热系数1000W/(m·K)以上的散热膜材料,替代人工石墨片。",
        "导热膜,散热,石墨烯",
        "materials",
        "GRA.02",
        6,
    ),
    (
        "battery-life",
        "储能电池循环寿命提升",
        "储能电站用锂电池循环寿命不足3000次,寻求高性能磷酸铁锂正极材料。",
        "磷酸铁锂,储能,循环寿命",
        "energy",
        "NEM.01",
        6,
    ),
    (
        "defect-detection",
        "产线表面缺陷自动检测",
        "注塑件表面划痕人工目检效率低,希望用图像识别自动检测缺陷。",
        "缺陷检测,图像识别",
        "electronics",
        "ICT.02",
        5,
    ),
    (
        "space-travel",
        "载人航天器生命保障系统",
        "需要长期太空飞行中的氧气再生与水循环系统。",
        "航天,生命保障",
        "aerospace",
        None,
        7,
    ),
]


def build_small_set(institution_page=None, *, only: set[str] | None = None) -> dict:
    """Create the achievements and needs above (or only those keys); returns {key: object}."""
    institution_page = institution_page or make_institution_page()
    invention = IPType.objects.get(code="invention")
    licence = TransferMode.objects.get(code="licence")
    out: dict = {}
    for key, title, summary, keywords, field, chains, trl in ACHIEVEMENTS:
        if only is not None and key not in only:
            continue
        page = make_achievement(
            institution_page,
            title=title,
            summary=summary,
            keywords=keywords,
            technical_field=TechnicalField.objects.get(code=field),
            industry_chains=chains,
            trl=trl,
            external_id=f"ach-{key}",
            publish=False,
        )
        AchievementIPRecord.objects.create(page=page, ip_type=invention, number=f"ZL2021{len(out):06d}.1")
        page.transfer_modes.add(licence)
        page.save_revision().publish()
        page.refresh_from_db()
        out[key] = page
    enterprise = OrganisationFactory(name="三明测试电子有限公司")
    for key, title, problem, keywords, field, chain, min_trl in NEEDS:
        if only is not None and key not in only:
            continue
        out[key] = NeedFactory(
            enterprise=enterprise,
            title=title,
            problem=problem,
            keywords=keywords,
            technical_field=TechnicalField.objects.get(code=field),
            industry_chain=IndustryChainNode.objects.get(code=chain) if chain else None,
            min_trl=min_trl,
            external_id=f"need-{key}",
            region=Region.objects.get(code="350400"),
            status=TechnologyNeed.Status.PUBLISHED,
            budget_max_cny=Decimal("500000"),
        )
    return out


def published_need(title, problem, keywords="", *, field, chain=None, **kwargs):
    """A published need with its own words, a technical field and, if given, an industry-chain code (the decline
    and glossary tests' needs)."""
    return NeedFactory(
        title=title,
        problem=problem,
        keywords=keywords,
        technical_field=TechnicalField.objects.get(code=field),
        industry_chain=IndustryChainNode.objects.get(code=chain) if chain else None,
        status=TechnologyNeed.Status.PUBLISHED,
        **kwargs,
    )


@contextmanager
def built_once(django_db_blocker, build=build_small_set):
    """For a module-scoped fixture: ``build()`` once, in basic mode as every non-engine test starts, inside a
    transaction that stays open while the module's tests run and is rolled back after them. Each test's own
    transaction is a savepoint inside it, so whatever a test writes is undone before the next; hand tests
    ``fresh(...)`` copies so an object one test changed in memory never reaches the next."""
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(SEARCH_URL=""):
            out = build()
        yield out
        transaction.set_rollback(True)


def fresh(objects: dict) -> dict:
    """The same rows, read again: the state the module's data has at the start of every test."""
    return {key: type(obj).objects.get(pk=obj.pk) for key, obj in objects.items()}


# The roles of the match permission matrices, each the suite_roles() row acting in it (None: anonymous).
MATCH_ACTORS = {
    "anonymous": None,
    "owner": "user_enterprise_a",
    "other_enterprise": "user_enterprise_b",
    "institution_editor": "user_institution_editor",
    "registrar": "user_registrar",
    "bureau": "user_bureau_staff",
}


def small_set_with_roles(*, only: set[str] | None = None, owned: str | None = None) -> dict:
    """The suite's role users and the small set (or ``only`` those keys) in their institution's page, for a module's
    build: {"listings": key → object, "users": role → user}. ``owned``: the key of a need enterprise A then owns
    (the "owner" role's need)."""
    from tests.module_data import suite_roles

    rows = suite_roles(with_institution_page=True)
    listings = build_small_set(rows["institution_page"], only=only)
    if owned:
        need = listings[owned]
        need.enterprise = rows["enterprise_a"]
        need.save()
    return {"listings": listings, "users": match_actors(rows)}


def match_actors(rows: dict) -> dict:
    """role → user from suite_roles() rows, for a module's build."""
    return {role: rows.get(name) if name else None for role, name in MATCH_ACTORS.items()}


def fresh_users(users: dict) -> dict:
    """The same users read again for a test (None stays None)."""
    return {role: user and type(user).objects.get(pk=user.pk) for role, user in users.items()}
