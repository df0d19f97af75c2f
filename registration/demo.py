"""Demo technology contracts for development (`manage.py load_demo` reaches ``load_demo_contracts`` through
the marketplace's ``demo_loaded`` signal).

A year of realistic registrations (this year so far, and most of last year for year-on-year
figures) plus a handful of contracts in every other workflow state. Everything goes through the
registration services, so numbers, decisions, audit trails and the few certificates are real.
Every registered contract gets its certificate (rendered after each batch commits) and its signed
contract on file; a contract's name, technical field, sub-type, IP type, parties and linked
achievement agree (a contract carrying an achievement takes its owner as seller, its name, field
and IP), so the demo never shows a CNC licence on a rice-seed achievement.

Idempotent: every demo contract carries a contract number ``DEMO-<year>-<serial>``; numbers already
present are skipped, so a second run adds nothing.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from accounts.models import Organisation, User
from accounts.validators import credit_code_check_character
from marketplace.models import AchievementPage
from taxonomy.models import IPType, Region, TechnicalField

from . import services
from .models import Registry, TechnologyContract
from .rules import ruleset_for_date

DEMO_PREFIX = "DEMO-"
REGISTRY_CODE = "350400"
REGISTRY_NAME = "三明市技术合同登记站"
SEED = 350400
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Where the other party sits: (region code, country code, entity type, name). Local = 三明市 (3504xx).
LOCAL_PLACES = ["350402", "350403", "350421", "350423", "350424", "350425", "350427", "350481"]
PROVINCE_PLACES = ["350100", "350200", "350300", "350500", "350600", "350700", "350800", "350900"]
OTHER_PROVINCE_PLACES = ["110000", "310000", "320500", "330100", "440300", "420100", "510100", "610100"]
FOREIGN_COUNTRIES = [("276", "德国"), ("392", "日本"), ("410", "韩国"), ("840", "美国"), ("702", "新加坡")]
BUYER_NAMES = [
    "福建{place}新材料科技有限公司",
    "{place}智能装备股份有限公司",
    "{place}生物医药有限公司",
    "{place}绿色能源集团有限公司",
    "{place}现代农业发展有限公司",
    "{place}精密制造有限公司",
]
PLACE_NAMES = {
    "350402": "三明梅列",
    "350403": "三明三元",
    "350421": "明溪",
    "350423": "清流",
    "350424": "宁化",
    "350425": "大田",
    "350427": "沙县",
    "350481": "永安",
    "350100": "福州",
    "350200": "厦门",
    "350300": "莆田",
    "350500": "泉州",
    "350600": "漳州",
    "350700": "南平",
    "350800": "龙岩",
    "350900": "宁德",
    "110000": "北京",
    "310000": "上海",
    "320500": "苏州",
    "330100": "杭州",
    "440300": "深圳",
    "420100": "武汉",
    "510100": "成都",
    "610100": "西安",
}
FALLBACK_SELLERS = [
    ("三明学院", Organisation.Kind.UNIVERSITY, "022"),
    ("福建省三明市农业科学研究院", Organisation.Kind.RESEARCH_INSTITUTE, "021"),
    ("三明市氟新材料产业技术研究院", Organisation.Kind.NEW_RD_INSTITUTION, "021"),
    ("三明市沙县区小吃产业技术有限公司", Organisation.Kind.ENTERPRISE, "150"),
    ("永安市石墨烯科技股份有限公司", Organisation.Kind.ENTERPRISE, "160"),
    ("福建三明机床制造有限公司", Organisation.Kind.ENTERPRISE, "110"),
]
# (topic, technical field code): a contract's name and its 技术领域 agree.
PROJECT_TOPICS = [
    ("高导热石墨烯散热膜制备", "materials"),
    ("含氟精细化学品连续化合成", "materials"),
    ("竹木纤维复合材料", "materials"),
    ("茶叶智能化加工", "agriculture"),
    ("林下经济中药材种植", "agriculture"),
    ("稀土永磁电机控制", "manufacturing"),
    ("工业互联网设备预测性维护", "electronics"),
    ("锂电池负极材料", "energy"),
    ("污水深度处理与回用", "environment"),
    ("机床数控系统", "manufacturing"),
    ("食用菌工厂化栽培", "agriculture"),
    ("光伏组件回收利用", "environment"),
    ("冷链物流温控", "transport"),
    ("智慧农业物联网监测", "agriculture"),
    ("医用敷料制备", "biomedicine"),
    ("再生铝合金熔炼", "materials"),
]
# IP types a sub-type can carry (patent sub-types a patent, secrets none, the others their own right).
SUB_TYPE_IP = {
    "patent_transfer": ("invention", "utility"),
    "patent_application_transfer": ("invention",),
    "patent_licence": ("invention", "utility"),
    "technical_secret_transfer": ("secret",),
    "technical_secret_licence": ("secret",),
    "plant_variety_transfer": ("plant_variety",),
    "ic_layout_transfer": ("ic_layout",),
    "other_transfer": ("software", "plant_variety", "ic_layout"),
    "other_licence": ("software",),
}
TYPE_WEIGHTS = [  # (type, share): development and services dominate registrations, as in real years
    ("development", 33),
    ("service", 24),
    ("transfer", 15),
    ("licence", 10),
    ("equity", 6),
    ("consulting", 12),
]
TYPE_WORDS = {
    "development": "技术开发",
    "service": "技术服务",
    "transfer": "技术转让",
    "licence": "技术许可",
    "equity": "技术入股",
    "consulting": "技术咨询",
}


@dataclass
class DemoResult:
    created: int = 0
    skipped: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _credit_code(n: int) -> str:
    first17 = f"91350400{n:09d}"
    return first17 + credit_code_check_character(first17)


def demo_registry() -> Registry:
    registry = Registry.objects.filter(code=REGISTRY_CODE).first()
    if registry is None:
        registry = Registry.objects.create(
            name=REGISTRY_NAME, region=Region.objects.get(code=REGISTRY_CODE), code=REGISTRY_CODE
        )
    return registry


def demo_registrar(registry: Registry) -> User:
    registrar = User.objects.filter(username="registrar").first()
    if registrar is None:
        # load_demo creates this user before calling us; standalone runs get one without a password.
        registrar = User(username="registrar", role=User.Role.REGISTRAR, display_name=_("登记员 李明"))
        registrar.set_unusable_password()
        registrar.save()
    services.registry_assign_registrar(registry=registry, registrar=registrar)
    return registrar


def _sellers() -> list[Organisation]:
    """Institutions first (they own the achievements), then enterprises; fallbacks when the DB is bare."""
    found = list(Organisation.objects.approved().order_by("kind", "pk")[:40])
    if len(found) >= 6:
        return found
    region = Region.objects.filter(code=REGISTRY_CODE).first()
    from taxonomy.models import EntityType

    for index, (name, kind, entity_code) in enumerate(FALLBACK_SELLERS):
        organisation, _created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "status": Organisation.Status.APPROVED,
                "region": region,
                "entity_type": EntityType.objects.filter(code=entity_code).first(),
                "credit_code": _credit_code(990000 + index),
            },
        )
        found.append(organisation)
    return list(Organisation.objects.filter(pk__in=[o.pk for o in found]).order_by("kind", "pk"))


def _amount(rng: random.Random) -> Decimal:
    # Log-uniform between ¥50,000 and ¥20,000,000: many small contracts, a few large ones.
    value = math.exp(rng.uniform(math.log(50_000), math.log(20_000_000)))
    step = 1000 if value < 1_000_000 else 10_000
    return (Decimal(int(value // step * step))).quantize(Decimal("0.01"))


def _registered_dates(rng: random.Random, year: int, count: int, last: date) -> list[date]:
    first = date(year, 1, 2)
    span = (last - first).days
    days = sorted(rng.randint(0, max(span, 0)) for _ in range(count))
    return [first + timedelta(days=d) for d in days]


def _place(rng: random.Random) -> tuple[str, str, str]:
    """A buyer's (region code, country code, place name): mostly in province, some outside, a few abroad."""
    roll = rng.random()
    if roll < 0.35:
        code = rng.choice(LOCAL_PLACES)
    elif roll < 0.65:
        code = rng.choice(PROVINCE_PLACES)
    elif roll < 0.93:
        code = rng.choice(OTHER_PROVINCE_PLACES)
    else:
        country, name = rng.choice(FOREIGN_COUNTRIES)
        return "", country, name
    return code, "156", PLACE_NAMES[code]


def _classify(rng: random.Random, kind: str, on: date) -> dict:
    """Type, sub-type and flags valid under the rule set in force on ``on``."""
    rules = ruleset_for_date(on)
    equity = kind == "equity"
    type_code = "transfer" if equity else kind
    if kind == "licence" and rules.type("licence") is None:
        # The 2000 rule set files licences under 技术转让 (专利实施许可).
        return {"contract_type": "transfer", "sub_type": "patent_licence", "is_equity_contribution": False}
    rule = rules.type(type_code)
    sub = rng.choice([s for s in rule.sub_types if not (equity and s.licence)])
    data = {"contract_type": type_code, "sub_type": sub.code, "is_equity_contribution": equity}
    if sub.licence and rule.requires_licence_scope:
        data["licence_scope"] = rng.choice(["exclusive", "sole", "ordinary"])
    return data


class _Builder:
    def __init__(self, *, rng, registry, registrar, sellers, fields, ip_types, existing):
        self.rng, self.registry, self.registrar = rng, registry, registrar
        self.sellers, self.fields, self.ip_types = sellers, fields, ip_types
        self.existing = existing
        self.result = DemoResult()

    def parties(self, applicant: Organisation, kind: str, contract_type: str = "") -> tuple[list[dict], bool]:
        """Parties for a bulk contract, and whether it is a technology import.

        Most contracts are 输出 (the applicant is the local seller, the buyer anywhere); about one in
        eight is 吸纳 (the local applicant buys from elsewhere; imports are registered by the buyer).
        """
        # The seller's role is one the rule set allows for the contract's type (licences filed under
        # 技术转让 in the 2000 set keep the licensor, which that set allows there).
        seller_role = {"development": "developer", "licence": "licensor", "consulting": "consultant"}.get(
            kind, "consultant" if kind == "service" else "assignor"
        )
        buyer_role = {"development": "commissioner", "licence": "licensee"}.get(kind, "assignee")
        local = {"side": "seller", "party_role": seller_role, "organisation": applicant, "name": ""}
        if applicant.region_id is None or not applicant.region.code.startswith(REGISTRY_CODE[:4]):
            # Demo organisations outside the city register here as local units of their group.
            local["region_code"] = self.rng.choice(LOCAL_PLACES)
        if applicant.entity_type_id is None:
            local["entity_type"] = "022" if applicant.is_institution else "150"
        region, country, place = _place(self.rng)
        if country != "156":
            name = f"{place} Technology GmbH" if country == "276" else f"{place}科技株式会社"
            entity = "330"
        else:
            name = self.rng.choice(BUYER_NAMES).format(place=place)
            entity = self.rng.choice(["150", "160", "170", "110"])
        other = {"name": name, "region_code": region, "country_code": country, "entity_type": entity}
        # 吸纳 registered here: technology imports, which the local (domestic) buyer registers; a domestic
        # seller elsewhere registers at its own registry, so it is not filed here.
        absorbing = country != "156" and self.rng.random() < 0.6
        if absorbing:
            local.update({"side": "buyer", "party_role": buyer_role})
            return [{"side": "seller", "party_role": seller_role, **other}, local], country != "156"
        return [local, {"side": "buyer", "party_role": buyer_role, **other}], False

    def contract_data(
        self, number: str, kind: str, on: date, sub_type: str, achievement: AchievementPage | None = None
    ) -> dict:
        """A contract whose name, field and IP type agree with each other and with its sub-type; one that
        carries an achievement takes its name, field and IP from that achievement."""
        topic, field_code = self.rng.choice(PROJECT_TOPICS)
        field_obj = self.fields.get(field_code) or self.rng.choice(list(self.fields.values()))
        ip_codes = SUB_TYPE_IP.get(sub_type, ())
        ip = self.ip_types.get(self.rng.choice(ip_codes)) if ip_codes else None
        if achievement is not None:
            topic = achievement.title[:60]
            field_obj = achievement.technical_field or field_obj
            records = [r.ip_type for r in achievement.ip_records.all() if r.ip_type.code in ip_codes]
            if records:
                ip = records[0]
        total = _amount(self.rng)
        programme = self.rng.choices(
            ["none", "city", "provincial", "national", "county", "ministry"], weights=[55, 15, 15, 6, 6, 3]
        )[0]
        return {
            "project_name": f"{topic}{TYPE_WORDS[kind]}",
            "contract_number": number,
            "signed_on": on - timedelta(days=self.rng.randint(5, 40)),
            "effective_on": on - timedelta(days=self.rng.randint(1, 4)),
            "term_start": on - timedelta(days=4),
            "term_end": on + timedelta(days=self.rng.randint(180, 1095)),
            "technical_field": field_obj,
            "ip_type": ip or self.ip_types.get("none"),
            "programme_source": programme,
            "payment_method": self.rng.choice(["lump_sum", "instalments"]),
            "total_amount_cny": total,
            "technical_content": _("%(topic)s的关键工艺与成套技术。") % {"topic": topic},
            "expected_output_cny": (total * 3) if kind in ("transfer", "licence", "equity") else None,
        }

    def deductions(self, total: Decimal) -> list[dict]:
        if self.rng.random() > 0.3:
            return []
        share = Decimal(self.rng.choice([10, 15, 20, 30])) / 100
        return [
            {
                "category": "equipment",
                "description": _("配套生产设备"),
                "amount_cny": (total * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                "quantity": 3,
            }
        ]

    def historical(self, number: str, kind: str, on: date, achievements: list[AchievementPage]):
        if number in self.existing:
            self.result.skipped += 1
            return None
        achievement = achievements[0] if achievements else None
        seller = self.rng.choice(self.sellers)
        if achievement is not None and achievement.institution_organisation_id:
            seller = achievement.institution_organisation  # the achievement's owner sells it
        classification = _classify(self.rng, kind, on)
        data = self.contract_data(number, kind, on, classification["sub_type"], achievement)
        data.update(classification)
        parties, data["is_import"] = self.parties(seller, kind, data["contract_type"])
        contract = services.contract_register_historical(
            registrar=self.registrar,
            seller_organisation=seller,
            data=data,
            parties=parties,
            deductions=self.deductions(data["total_amount_cny"]),
            registered_on=on,
            registry=self.registry,
            issue_certificate=True,  # every registered contract has its certificate (rendered after commit)
            attachments=_documents(data, on),
        )
        if achievements:
            contract.achievements.add(*achievements)
        self.count(contract)
        return contract

    def count(self, contract: TechnologyContract) -> None:
        self.result.created += 1
        key = contract.status
        self.result.by_status[key] = self.result.by_status.get(key, 0) + 1


def _documents(data: dict, on: date) -> dict[str, bytes]:
    """The PDFs a registered contract has on file: the signed contract, and the IP proof its sub-type needs."""
    documents = {"signed_contract": MINIMAL_PDF}
    sub = ruleset_for_date(on).sub_type_rule(data["contract_type"], data["sub_type"])
    if sub is not None and sub.requires_ip_proof:
        documents["ip_proof"] = MINIMAL_PDF
    return documents


def _kinds(rng: random.Random, count: int) -> list[str]:
    names = [k for k, _w in TYPE_WEIGHTS]
    weights = [w for _k, w in TYPE_WEIGHTS]
    return rng.choices(names, weights=weights, k=count)


def _filer(organisation: Organisation, username: str) -> User:
    """A filer for the online-workflow demo contracts: the demo account of that organisation, or a new one."""
    role = User.Role.ENTERPRISE_MEMBER if organisation.is_enterprise else User.Role.INSTITUTION_EDITOR
    user = User.objects.filter(username=username, organisation=organisation).first()
    user = user or User.objects.filter(organisation=organisation, role=role).order_by("pk").first()
    if user is None:
        user = User(username=username, role=role, organisation=organisation, display_name=_("演示填报人"))
        user.set_unusable_password()
        user.save()
    return user


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


@transaction.atomic
def _workflow_contracts(builder: _Builder, *, today: date, year: int) -> None:
    """A handful of contracts in every workflow state, through the same services people use."""
    rng = builder.rng
    institutions = [o for o in builder.sellers if o.is_institution] or builder.sellers
    enterprises = [o for o in builder.sellers if o.is_enterprise] or builder.sellers
    seller = institutions[0]
    buyer = next((o for o in enterprises if o.pk != seller.pk), builder.sellers[-1])
    filer = _filer(seller, "demo_registration_filer")
    buyer_filer = _filer(buyer, "demo_registration_buyer")
    registrar = builder.registrar
    plan = [
        ("draft", 3),
        ("submitted", 3),
        ("classified", 2),
        ("material_requested", 2),
        ("refused", 3),
        ("registered_online", 2),
        ("amended", 2),
        ("cancelled", 2),
        ("objection", 1),
        ("withdrawn", 1),
    ]
    serial = 0
    for state, how_many in plan:
        for _index in range(how_many):
            serial += 1
            number = f"{DEMO_PREFIX}{year}-W{serial:03d}"
            if number in builder.existing:
                builder.result.skipped += 1
                continue
            if state in ("amended", "cancelled", "objection"):
                on = today - timedelta(days=rng.randint(20, 90))
                data = builder.contract_data(number, "development", on, "commissioned_development")
                data.update({"contract_type": "development", "sub_type": "commissioned_development"})
                contract = services.contract_register_historical(
                    registrar=registrar,
                    seller_organisation=seller,
                    data=data,
                    parties=[
                        {"side": "seller", "party_role": "developer", "organisation": seller, "name": ""},
                        {"side": "buyer", "party_role": "commissioner", "organisation": buyer, "name": ""},
                    ],
                    registered_on=on,
                    registry=builder.registry,
                    issue_certificate=True,
                    attachments=_documents(data, on),
                )
                if state == "amended":
                    amendment = services.contract_request_amendment(
                        user=filer,
                        contract=contract,
                        changes={"total_amount_cny": str(contract.effective_total_amount_cny + Decimal("50000.00"))},
                        reason=_("双方签订补充协议,增加研发内容和价款。"),
                    )
                    services.contract_decide_amendment(user=registrar, amendment=amendment, approve=True)
                elif state == "cancelled":
                    services.contract_cancel(user=registrar, contract=contract, reason=_("双方协商一致解除合同。"))
                else:
                    services.contract_object(
                        user=buyer_filer, contract=contract, grounds=_("买方认为合同应认定为技术服务而非技术开发。")
                    )
                contract.refresh_from_db()
                builder.count(contract)
                continue
            on = today - timedelta(days=rng.randint(15, 60))
            data = builder.contract_data(number, "development", on, "commissioned_development")
            data.update({"contract_type": "development", "sub_type": "commissioned_development"})
            data["total_amount_cny"] = min(data["total_amount_cny"], Decimal("4000000.00"))
            contract = services.contract_create_draft(
                user=filer,
                data={k: v for k, v in data.items() if k != "expected_output_cny"},
                parties=[
                    {"side": "seller", "party_role": "developer", "organisation": seller, "name": ""},
                    {"side": "buyer", "party_role": "commissioner", "organisation": buyer, "name": ""},
                ],
                registry=builder.registry,
            )
            if state != "draft":
                services.contract_attach(
                    user=filer, contract=contract, kind="signed_contract", uploaded_file=_pdf("contract.pdf")
                )
                services.contract_submit(user=filer, contract=contract)
            if state == "classified":
                services.contract_classify(
                    user=registrar,
                    contract=contract,
                    contract_type="development",
                    sub_type="cooperative_development",
                    reason=_("双方共同投资、共同参与研发,应认定为合作开发。"),
                )
            elif state == "material_requested":
                services.contract_request_material(
                    user=registrar, contract=contract, note=_("请补充合同附件中的研发进度计划和验收标准。")
                )
            elif state == "refused":
                rules = ruleset_for_date(today)
                codes = [code for code, _label in rules.refusal_reasons]
                services.contract_refuse(
                    user=registrar,
                    contract=contract,
                    reason_codes=rng.sample(codes[:-1] or codes, k=min(2, len(codes))),
                    explanation=_("合同标的和技术内容不明确,无法判断是否属于技术合同。"),
                    # One notice is enough to show what a refusal looks like; PDFs are the slow part.
                    issue_certificate=_index == 0,
                )
            elif state == "registered_online":
                services.contract_register(
                    user=registrar, contract=contract, explanation=_("符合技术开发合同认定条件。")
                )
            elif state == "withdrawn":
                services.contract_withdraw(user=filer, contract=contract, reason=_("合同条款需要重新协商。"))
            contract.refresh_from_db()
            builder.count(contract)


def load_demo_contracts(stdout=None, *, scale: float = 1.0, progress: bool | None = None) -> DemoResult:
    """Load the demo contracts (idempotent). ``scale`` shrinks the bulk years for tests."""
    today = timezone.localdate()
    year = today.year
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not security
    registry = demo_registry()
    registrar = demo_registrar(registry)
    existing = set(
        TechnologyContract.objects.filter(contract_number__startswith=DEMO_PREFIX).values_list(
            "contract_number", flat=True
        )
    )
    builder = _Builder(
        rng=rng,
        registry=registry,
        registrar=registrar,
        sellers=_sellers(),
        fields={f.code: f for f in TechnicalField.objects.all()},
        ip_types={t.code: t for t in IPType.objects.all()},
        existing=existing,
    )
    achievements = list(AchievementPage.objects.live().order_by("pk"))
    rng.shuffle(achievements)
    # This year's commercialising contracts share ~38 achievements (some sign two licences), last year ~29.
    pools = {year: achievements[: max(1, int(38 * scale))], year - 1: achievements[38 : 38 + max(1, int(29 * scale))]}
    plan = [
        (year, int(165 * scale), today - timedelta(days=1) if today > date(year, 1, 2) else today),
        (year - 1, int(150 * scale), date(year - 1, 12, 30)),
    ]
    show = progress if progress is not None else stdout is not None
    for plan_year, count, last in plan:
        dates = _registered_dates(rng, plan_year, count, last)
        kinds = _kinds(rng, count)
        pool = pools[plan_year] or achievements[:1]
        used = 0
        with transaction.atomic():
            for index, (on, kind) in enumerate(
                tqdm(list(zip(dates, kinds, strict=True)), desc=f"{plan_year}", disable=not show)
            ):
                linked = []
                if kind in ("transfer", "licence", "equity") and pool:
                    linked = [pool[used % len(pool)]]
                    used += 1
                builder.historical(f"{DEMO_PREFIX}{plan_year}-{index + 1:04d}", kind, on, linked)
    _workflow_contracts(builder, today=today, year=year)
    result = builder.result
    _say(
        stdout,
        _("演示技术合同:新增 %(created)s 份,已存在 %(skipped)s 份;登记机构:%(registry)s。")
        % {"created": result.created, "skipped": result.skipped, "registry": registry.name},
    )
    return result


@transaction.atomic
def reset_demo_contracts() -> int:
    """Delete the demo's contracts (and what hangs off them) so ``load_demo --reset`` can remove demo users.

    Registration numbers are never reused, so the number sequences are left as they are: a reloaded demo
    simply continues from the last serial, as a real registry would.
    """
    from .models import Amendment, Certificate, ContractStatisticsFacts, Decision, Objection

    demo = TechnologyContract.objects.filter(contract_number__startswith=DEMO_PREFIX)
    # Decisions and certificates are protected records in real use; the demo removes them explicitly, newest first.
    for model in (ContractStatisticsFacts, Certificate, Objection, Amendment):
        model.objects.filter(contract__in=demo).delete()
    Decision.objects.filter(contract__in=demo).delete()
    deleted, _ = demo.delete()
    User.objects.filter(username__in=["demo_registration_filer", "demo_registration_buyer"]).delete()
    return deleted


def on_demo_loaded(sender, stdout=None, **kwargs) -> str:
    """Receiver of ``marketplace.events.demo_loaded``; returns the line load_demo prints."""
    load_demo_contracts(stdout=stdout)
    return _("已载入演示技术合同。")


def on_demo_resetting(sender, **kwargs) -> None:
    """Receiver of ``marketplace.events.demo_resetting``: contracts refer to demo users and parties."""
    reset_demo_contracts()
