"""Demo events for development (`manage.py load_demo` sends ``demo_loaded``; MatchmakingConfig.ready connects here).

Three events with stable slugs:

- ``cas-matchmaking-fair-2026``: a past 中科院成果对接会 with approved sign-ups, meetings proposed by the matcher
  (or requested where the matcher finds no pair above the floor), a schedule, held meetings and outcomes. One
  "follow-up" opened a tagged enquiry; one "deal" became a dealflow deal that went on to a registered contract.
- ``graphene-competition-2027``: an upcoming 石墨烯创新创业大赛 (kind 大赛) with a roadshow slot; the competitions
  app adds entries to it.
- ``investment-promotion-2027``: an upcoming 科技招商专场对接会 with a meeting grid and open sign-ups.

Everything goes through the services; the past is written under ``clock.at`` so every deadline check runs as it
would have then. Idempotent: an event whose slug exists is skipped.
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
from marketplace.models import AchievementPage, TechnologyNeed
from taxonomy.models import IndustryChainNode

from . import services
from .models import EventIndexPage, EventPage, Meeting, Signup

FAIR_SLUG = "cas-matchmaking-fair-2026"
COMPETITION_SLUG = "graphene-competition-2027"
PROMOTION_SLUG = "investment-promotion-2027"
DEMO_SLUGS = (FAIR_SLUG, COMPETITION_SLUG, PROMOTION_SLUG)
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _index() -> EventIndexPage | None:
    return EventIndexPage.objects.first()


def _publish(index: EventIndexPage, chains: list[str], **data) -> EventPage:
    page = EventPage(**data)
    index.add_child(instance=page)
    if chains:
        page.industry_chains.set(IndustryChainNode.objects.filter(code__in=chains))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _enterprise_users(limit: int) -> list[User]:
    users = list(
        User.objects.filter(
            role=User.Role.ENTERPRISE_MEMBER,
            organisation__status=Organisation.Status.APPROVED,
            organisation__needs__status=TechnologyNeed.Status.PUBLISHED,
        )
        .distinct()
        .order_by("pk")[:limit]
    )
    first = User.objects.filter(username="enterprise").first()
    if first is not None and first not in users:
        users = [first, *users][:limit]
    return users


def _needs(user: User) -> list[TechnologyNeed]:
    return list(
        TechnologyNeed.objects.filter(
            enterprise_id=user.organisation_id, status=TechnologyNeed.Status.PUBLISHED
        ).order_by("pk")[:3]
    )


def _achievements(user: User) -> list[AchievementPage]:
    return list(AchievementPage.objects.listed().of_organisation(user.organisation).order_by("pk")[:6])


def _register_deal(deal, seller: User, buyer: User, registrar: User | None, start) -> None:
    """Take a fresh deal to a registered contract along dealflow's normal path (as its own demo does)."""
    from dealflow import services as deals
    from dealflow.models import Deal
    from registration import services as registration

    nda = deals.nda_current(seller.organisation)
    with clock.at(start + timedelta(days=1)):
        deals.deal_transition(user=buyer, deal=deal, to_stage=Deal.Stage.NEGOTIATION, reason="对接会后首次会谈")
        if nda is None:
            nda = deals.nda_publish(user=seller, text="接收方对获知的保密技术资料负有保密义务。")
    with clock.at(start + timedelta(days=2)):
        deals.nda_accept(user=buyer, deal=deal, version=nda.version, ip_address="127.0.0.1")
    with clock.at(start + timedelta(days=3)):
        deals.deal_transition(user=seller, deal=deal, to_stage=Deal.Stage.TERMS)
    with clock.at(start + timedelta(days=4)):
        deals.deal_set_price(user=seller, deal=deal, price_cny=Decimal("1280000"))
    deal.refresh_from_db()
    if deal.stage != Deal.Stage.SIGNING:
        with clock.at(start + timedelta(days=20)):
            deals.deal_transition(user=seller, deal=deal, to_stage=Deal.Stage.SIGNING, reason="公示期满无异议")
    with clock.at(start + timedelta(days=22)):
        contract = deals.deal_file_contract(user=seller, deal=deal)
    signed = timezone.localdate(start) + timedelta(days=21)
    data = {
        # DEMO-: registration's demo reset removes demo contracts (and their decisions) by that prefix.
        "contract_number": f"DEMO-EVENT-{contract.pk}",
        "signed_on": signed,
        "effective_on": signed,
        "term_start": signed,
        "term_end": signed + timedelta(days=730),
        "payment_method": "instalments",
    }
    if deal.transfer_mode_id and deal.transfer_mode.code == "licence":
        data["licence_scope"] = "ordinary"  # only licence contracts carry a licence scope
    registration.contract_update_draft(user=seller, contract=contract, data=data)
    for kind in ("signed_contract", "ip_proof"):
        registration.contract_attach(
            user=seller, contract=contract, kind=kind, uploaded_file=SimpleUploadedFile(f"{kind}.pdf", MINIMAL_PDF)
        )
    registration.contract_submit(user=seller, contract=contract)
    if registrar is not None:
        registration.contract_register(user=registrar, contract=contract, issue_certificate=False)


def _fair(index: EventIndexPage, staff: User, institution: User, registrar: User | None) -> EventPage | None:
    enterprises = _enterprise_users(3)
    achievements = _achievements(institution)
    if not enterprises or not achievements:
        return None
    now = clock.now().replace(minute=0, second=0, microsecond=0)
    starts = now - timedelta(days=75)
    starts = starts.replace(hour=1)  # 09:00 in Shanghai
    event = _publish(
        index,
        ["GRA", "FLU"],
        title=f"{timezone.localtime(starts).year} 中科院科技成果对接会",
        title_en=f"{timezone.localtime(starts).year} CAS Achievements Matchmaking Fair",
        slug=FAIR_SLUG,
        kind=EventPage.Kind.FAIR,
        summary="中国科学院院所携最新成果与本市重点产业链企业面对面,会前按需求与成果匹配预约一对一洽谈。",
        summary_en="CAS institutes meet the city's enterprises; one-to-one meetings are pre-arranged from matches.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        place="市科技会展中心 A 厅",
        organisers="市科学技术局、中国科学院科技促进发展局",
        capacity=30,
        signup_deadline=starts - timedelta(days=5),
        meeting_tables=6,
        meeting_slots=6,
        meeting_slot_minutes=20,
        first_slot_at=starts + timedelta(hours=1, minutes=30),
        agenda=[
            ("item", {"starts": None, "title": "开幕致辞", "title_en": "Opening", "speaker": "市科学技术局"}),
            (
                "roadshow",
                {"starts": None, "minutes": 10, "achievement": achievements[0], "presenter": "成果负责人"},
            ),
            ("item", {"starts": None, "title": "一对一洽谈", "title_en": "One-to-one meetings", "speaker": ""}),
        ],
    )
    with clock.at(starts - timedelta(days=20)):
        signups = [
            services.signup_create(user=user, event=event, attendees=f"{user} 总经理\n技术负责人", needs=_needs(user))
            for user in enterprises
        ]
        own = services.signup_create(
            user=institution, event=event, attendees="成果转化处 处长\n项目负责人", achievements=achievements
        )
        for signup in [*signups, own]:
            services.signup_approve(user=staff, signup=signup)
    with clock.at(starts - timedelta(days=4)):
        services.meetings_propose(user=staff, event=event)
        for signup, user in zip(signups, enterprises, strict=True):
            if not Meeting.objects.filter(event=event, enterprise_signup=signup).exists():
                # The matcher found no pair above the floor for this one; the enterprise asks for a meeting itself.
                services.meeting_request(user=user, event=event, other=own)
        users = {s.pk: u for s, u in zip(signups, enterprises, strict=True)}
        for meeting in Meeting.objects.filter(event=event).order_by("pk"):
            services.meeting_respond(user=users[meeting.enterprise_signup_id], meeting=meeting, accept=True)
            services.meeting_respond(user=institution, meeting=meeting, accept=True)
    with clock.at(starts - timedelta(days=3)):
        services.schedule_build(user=staff, event=event)
    meetings = list(Meeting.objects.filter(event=event, status=Meeting.Status.ACCEPTED).order_by("slot", "pk"))
    after = starts + timedelta(hours=6)
    deal_meeting = None
    with clock.at(after):
        for position, meeting in enumerate(meetings):
            user = users[meeting.enterprise_signup_id]
            result = ("deal", "follow_up", "no_interest")[position % 3]
            services.outcome_record(user=institution, meeting=meeting, result=result)
            services.outcome_record(user=user, meeting=meeting, result=result)
            if result == "deal" and deal_meeting is None:
                deal_meeting = meeting
    if deal_meeting is not None:
        tag = deal_meeting.enquiries.select_related("enquiry").first()
        deal = getattr(getattr(tag.enquiry, "conversation", None), "deal", None) if tag else None
        if deal is not None and deal.stage == "intent":
            _register_deal(deal, institution, users[deal_meeting.enterprise_signup_id], registrar, after)
    return event


def _competition(index: EventIndexPage, institution: User) -> EventPage:
    starts = (clock.now() + timedelta(days=70)).replace(hour=1, minute=0, second=0, microsecond=0)
    graphene = list(AchievementPage.objects.listed().filter(industry_chains__code__startswith="GRA").distinct()[:2])
    graphene = graphene or _achievements(institution)[:1]
    agenda = [("item", {"starts": None, "title": "大赛启动仪式", "title_en": "Launch", "speaker": "大赛组委会"})]
    agenda += [
        ("roadshow", {"starts": None, "minutes": 8, "achievement": page, "presenter": "参赛团队"}) for page in graphene
    ]
    return _publish(
        index,
        ["GRA"],
        title=f"{timezone.localtime(starts).year} 石墨烯创新创业大赛",
        title_en=f"{timezone.localtime(starts).year} Graphene Innovation and Entrepreneurship Competition",
        slug=COMPETITION_SLUG,
        kind=EventPage.Kind.COMPETITION,
        summary="面向石墨烯材料、器件与应用的创新创业项目,初赛、决赛两轮评审,优胜项目落地本市可获支持。",
        summary_en="Graphene materials, devices and applications; preliminary and final rounds.",
        starts_at=starts,
        ends_at=starts + timedelta(days=1, hours=8),
        place="石墨烯产业园会议中心",
        organisers="市科学技术局、石墨烯产业技术创新联盟",
        capacity=60,
        signup_deadline=starts - timedelta(days=30),
        agenda=agenda,
    )


def _promotion(index: EventIndexPage, enterprise: User | None) -> EventPage:
    starts = (clock.now() + timedelta(days=21)).replace(hour=6, minute=0, second=0, microsecond=0)
    event = _publish(
        index,
        ["FLU"],
        title=f"{timezone.localtime(starts).year} 科技招商专场对接会(氟新材料)",
        title_en=f"{timezone.localtime(starts).year} Investment Promotion Session: Fluorine Materials",
        slug=PROMOTION_SLUG,
        kind=EventPage.Kind.PROMOTION,
        summary="面向氟新材料产业链的项目招引与技术对接,落地项目可享受市级科技招商政策。",
        summary_en="Project attraction and technology matchmaking for the fluorine-materials chain.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        place="市投资促进中心 3 楼",
        online_url="https://meeting.example.cn/invest-2027",
        organisers="市科学技术局、市投资促进局",
        capacity=20,
        signup_deadline=starts - timedelta(days=2),
        meeting_tables=8,
        meeting_slots=5,
        meeting_slot_minutes=15,
        first_slot_at=starts + timedelta(hours=1),
    )
    if enterprise is not None:
        services.signup_create(user=enterprise, event=event, attendees="总经理", needs=_needs(enterprise)[:1])
    return event


@transaction.atomic
def load_demo_events(stdout=None) -> int:
    staff = User.objects.filter(username="bureau").first()
    institution = User.objects.filter(username="institution").first()
    index = _index()
    if staff is None or institution is None or not institution.organisation_id or index is None:
        return 0
    from registration.services import registry_for_organisation

    registry = registry_for_organisation(institution.organisation)
    registrar = registry.registrars.exclude(organisation=institution.organisation).order_by("pk").first()
    registrar = registrar or User.objects.filter(username="registrar").first()
    if registrar is not None:
        registry.registrars.add(registrar)
    made = 0
    existing = set(EventPage.objects.filter(slug__in=DEMO_SLUGS).values_list("slug", flat=True))
    if FAIR_SLUG not in existing and _fair(index, staff, institution, registrar) is not None:
        made += 1
    if COMPETITION_SLUG not in existing:
        _competition(index, institution)
        made += 1
    if PROMOTION_SLUG not in existing:
        _promotion(index, User.objects.filter(username="enterprise").first())
        made += 1
    if stdout is not None and made:
        stdout.write(f"matchmaking: {made} demo events")
    return made


@transaction.atomic
def reset_demo_events() -> int:
    """Delete the demo events (sign-ups, meetings, outcomes and tags go with them) before demo users go."""
    pages = list(EventPage.objects.filter(slug__in=DEMO_SLUGS))
    for page in pages:
        Signup.objects.filter(event=page).delete()
        page.delete()
    return len(pages)


def on_demo_loaded(sender, stdout=None, **kwargs) -> str:
    """Receiver of ``marketplace.events.demo_loaded``; returns the line load_demo prints."""
    load_demo_events(stdout=stdout)
    return _("已载入演示对接活动。")


def on_demo_resetting(sender, **kwargs) -> None:
    """Receiver of ``marketplace.events.demo_resetting``: sign-ups refer to demo organisations."""
    reset_demo_events()
