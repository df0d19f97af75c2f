"""Demo deals for development (`manage.py load_demo` calls ``load_demo_deals``): one deal in every stage.

Everything goes through the deal-flow and registration services. History is written "as of" earlier days by
moving the shared clock (``common.clock.at``), so a notice that has run out and a signed, registered
contract are real, while one price notice is still running today.

Idempotent: demo enquiries start with DEMO_MARK; when any exists, nothing is added.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from marketplace.models import AchievementPage
from registration import services as registration
from registration.services import registry_for_organisation
from taxonomy.models import TransferMode

from . import services
from .models import Deal, Enquiry, InstitutionDealSettings, Timeline

DEMO_MARK = "【演示】"
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NDA_TEXT = (
    "一、接收方对通过本平台获知的保密技术资料负有保密义务,未经披露方书面同意不得向第三方披露。\n"
    "二、保密资料仅用于评估与披露方开展技术转化合作。\n"
    "三、保密期限自签署之日起五年。"
)
# The stages the demo shows, with how many days ago each deal started.
PLAN = [
    ("intent", 3),
    ("negotiation", 12),
    ("nda", 20),
    ("terms", 25),
    ("notice", 5),
    ("signing", 45),
    ("registered", 60),
    ("implementation", 90),
    ("lost", 35),
]


def _as_of(moment):
    return clock.at(moment)


def _buyers(count: int) -> list[User]:
    """The demo enterprise user first, then a member for other approved enterprises (created when missing)."""
    users = list(User.objects.filter(username="enterprise", role=User.Role.ENTERPRISE_MEMBER))
    others = (
        Organisation.objects.enterprises()
        .approved()
        .exclude(pk__in=[u.organisation_id for u in users])
        .order_by("pk")[: max(0, count - len(users))]
    )
    for index, organisation in enumerate(others, start=1):
        user = User.objects.filter(organisation=organisation, role=User.Role.ENTERPRISE_MEMBER).first()
        if user is None:
            user = User.objects.create(
                username=f"dealdemo{index}",
                role=User.Role.ENTERPRISE_MEMBER,
                organisation=organisation,
                display_name=f"{organisation.name} 联系人",
                email=f"dealdemo{index}@demo.example.cn",
            )
            user.set_unusable_password()
            user.save()
        users.append(user)
    return users


def _submit_and_register(contract, seller: User, registrar: User | None) -> None:
    today = timezone.localdate()
    registration.contract_update_draft(
        user=seller,
        contract=contract,
        data={
            "contract_number": f"DEAL-DEMO-{contract.pk}",
            "signed_on": today - timedelta(days=3),
            "effective_on": today - timedelta(days=3),
            "term_start": today - timedelta(days=3),
            "term_end": today + timedelta(days=730),
            "payment_method": "instalments",
            "licence_scope": "ordinary",
        },
    )
    for kind in ("signed_contract", "ip_proof"):
        registration.contract_attach(
            user=seller, contract=contract, kind=kind, uploaded_file=SimpleUploadedFile(f"{kind}.pdf", MINIMAL_PDF)
        )
    registration.contract_submit(user=seller, contract=contract)
    if registrar is not None:
        registration.contract_register(user=registrar, contract=contract, issue_certificate=False)


@transaction.atomic
def load_demo_deals(stdout=None) -> int:
    """Add the demo deals; returns how many were created (0 when they exist already or prerequisites lack)."""
    if Enquiry.objects.filter(purpose__startswith=DEMO_MARK).exists():
        return 0
    seller = User.objects.filter(username="institution", role=User.Role.INSTITUTION_EDITOR).first()
    if seller is None:
        return 0
    achievements = list(AchievementPage.objects.listed().of_organisation(seller.organisation).order_by("pk")[:12])
    buyers = _buyers(len(PLAN))
    if len(achievements) < 2 or not buyers:
        return 0
    bureau = User.objects.filter(role=User.Role.BUREAU_STAFF).order_by("pk").first()
    registry = registry_for_organisation(seller.organisation)
    registrar = registry.registrars.exclude(organisation=seller.organisation).order_by("pk").first()
    # The demo institution is a state-funded institute: negotiated prices are noticed.
    InstitutionDealSettings.objects.update_or_create(organisation=seller.organisation, defaults={"state_funded": True})
    now = clock.now()
    with _as_of(now - timedelta(days=120)):
        nda = services.nda_current(seller.organisation) or services.nda_publish(user=seller, text=NDA_TEXT)
    licence = TransferMode.objects.filter(code="licence").first()
    created = 0
    for index, (stage, days_ago) in enumerate(PLAN):
        buyer = buyers[index % len(buyers)]
        achievement = achievements[index % len(achievements)]
        start = now - timedelta(days=days_ago)
        with _as_of(start):
            enquiry = services.enquiry_send(
                user=buyer,
                achievement=achievement,
                purpose=f"{DEMO_MARK}拟将该成果用于本企业产品升级。",
                intended_use="首期建设一条中试线,年产值约 5000 万元。",
                timeline=Timeline.HALF_YEAR,
                budget_min_cny=Decimal("300000"),
                budget_max_cny=Decimal("1500000"),
                transfer_mode=licence,
            )
        with _as_of(start + timedelta(hours=20)):
            deal = services.approach_accept(user=seller, approach=enquiry)
            services.message_send(user=seller, conversation=deal.conversation, body="欢迎来所考察中试线。")
        created += 1
        if stage == "intent":
            continue
        with _as_of(start + timedelta(days=1)):
            services.deal_transition(user=buyer, deal=deal, to_stage=Deal.Stage.NEGOTIATION, reason="首次会谈")
        if stage == "negotiation":
            continue
        if stage == "lost":
            with _as_of(start + timedelta(days=6)):
                services.deal_mark_lost(user=buyer, deal=deal, reason="price", note="预算不足")
            continue
        with _as_of(start + timedelta(days=2)):
            services.nda_accept(user=buyer, deal=deal, version=nda.version, ip_address="127.0.0.1")
        if stage == "nda":
            continue
        with _as_of(start + timedelta(days=3)):
            services.deal_transition(user=seller, deal=deal, to_stage=Deal.Stage.TERMS)
        if stage == "terms":
            continue
        with _as_of(start + timedelta(days=4)):
            services.deal_set_price(user=seller, deal=deal, price_cny=Decimal("880000") + index * 10000)
        if stage == "notice":
            continue
        with _as_of(start + timedelta(days=20)):
            services.deal_transition(user=seller, deal=deal, to_stage=Deal.Stage.SIGNING, reason="公示期满无异议")
        if stage == "signing":
            continue
        with _as_of(start + timedelta(days=22)):
            contract = services.deal_file_contract(user=seller, deal=deal)
        _submit_and_register(contract, seller, registrar)
        deal.refresh_from_db()
        if deal.stage != Deal.Stage.REGISTERED:
            continue
        services.deal_record_receipt(
            user=seller, deal=deal, amount_cny=Decimal("300000"), received_on=timezone.localdate()
        )
        if stage == "implementation":
            services.deal_transition(user=buyer, deal=deal, to_stage=Deal.Stage.IMPLEMENTATION)
    # One enquiry still waiting for an answer and one declined, so the inbox and the reasons show something.
    extra = buyers[-1]
    for achievement, decline in ((achievements[-1], False), (achievements[-2], True)):
        if Enquiry.objects.filter(
            achievement=achievement, sender_organisation=extra.organisation, status="sent"
        ).exists():
            continue
        enquiry = services.enquiry_send(
            user=extra,
            achievement=achievement,
            purpose=f"{DEMO_MARK}了解该成果的中试数据。",
            intended_use="评估阶段。",
            timeline=Timeline.YEAR,
        )
        if decline:
            services.approach_decline(user=seller, approach=enquiry, reason="no_capacity", note="团队今年任务已满")
    if bureau is not None and stdout is not None:
        stdout.write(f"dealflow: {created} demo deals")
    return created


@transaction.atomic
def reset_demo_deals() -> None:
    """Remove everything the deal flow recorded for demo users, so `load_demo --reset` can delete them."""
    from .models import Conversation, DisclosureAccessLog, NdaAcceptance, Notification

    users = User.objects.filter(username__in=["enterprise", "institution", "bureau"]) | User.objects.filter(
        username__startswith="dealdemo"
    )
    orgs = [u.organisation_id for u in users if u.organisation_id]
    DisclosureAccessLog.objects.filter(user__in=users).delete()
    NdaAcceptance.objects.filter(user__in=users).delete()
    deals = Deal.objects.filter(seller_organisation_id__in=orgs) | Deal.objects.filter(buyer_organisation_id__in=orgs)
    for deal in deals:
        deal.price_notices.all().delete()
        deal.delete()
    Conversation.objects.filter(seller_organisation_id__in=orgs).delete()
    Conversation.objects.filter(buyer_organisation_id__in=orgs).delete()
    Enquiry.objects.filter(sender_organisation_id__in=orgs).delete()
    Notification.objects.filter(organisation_id__in=orgs).delete()
    User.objects.filter(username__startswith="dealdemo").delete()


def on_demo_loaded(sender, stdout=None, **kwargs) -> str:
    """Receiver of ``marketplace.events.demo_loaded``; returns the line load_demo prints."""
    load_demo_deals(stdout=stdout)
    return _("已载入演示转化项目。")


def on_demo_resetting(sender, **kwargs) -> None:
    """Receiver of ``marketplace.events.demo_resetting``: deals refer to demo users and organisations."""
    reset_demo_deals()
