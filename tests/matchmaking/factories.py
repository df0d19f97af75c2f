"""Builders for event tests: a published event, parties with their needs or achievements, a signed-up attendee."""

from __future__ import annotations

from datetime import timedelta

from accounts.models import Organisation, User
from common import clock
from marketplace.models import TechnologyNeed
from matchmaking import services
from matchmaking.models import EventIndexPage, EventPage, Signup
from taxonomy.models import TechnicalField
from tests.factories import (
    InstitutionFactory,
    NeedFactory,
    OrganisationFactory,
    UserFactory,
    make_achievement,
    make_institution_page,
)


def make_event(**overrides) -> EventPage:
    now = clock.now().replace(second=0, microsecond=0)  # calendars keep whole seconds
    starts = overrides.pop("starts_at", now + timedelta(days=14))
    data = {
        "title": "中科院成果对接会(测试)",
        "title_en": "CAS achievements matchmaking fair (test)",
        "kind": EventPage.Kind.FAIR,
        "summary": "中国科学院院所成果与本市企业需求一对一对接。",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=6),
        "signup_deadline": overrides.pop("signup_deadline", starts - timedelta(days=3)),
        "place": "市科技会展中心 A 厅",
        "organisers": "市科学技术局",
        "capacity": 10,
        "meeting_tables": 3,
        "meeting_slots": 4,
        "meeting_slot_minutes": 20,
        "first_slot_at": starts + timedelta(hours=1),
    }
    data.update(overrides)
    page = EventPage(**data)
    EventIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def enterprise_user(name: str, email: str = "") -> User:
    organisation = OrganisationFactory(name=name)
    return UserFactory(
        username=f"e{organisation.pk}",
        email=email or f"e{organisation.pk}@example.cn",
        role=User.Role.ENTERPRISE_MEMBER,
        organisation=organisation,
    )


def institution_user(name: str, email: str = "") -> User:
    organisation = InstitutionFactory(name=name)
    return UserFactory(
        username=f"i{organisation.pk}",
        email=email or f"i{organisation.pk}@example.cn",
        role=User.Role.INSTITUTION_EDITOR,
        organisation=organisation,
    )


def need_of(user: User, **kwargs) -> TechnologyNeed:
    return NeedFactory(enterprise=user.organisation, **kwargs)


def achievement_of(user: User, **kwargs):
    page = getattr(user.organisation, "institution_page", None)
    if page is None:
        page = make_institution_page(user.organisation)
    kwargs.setdefault("technical_field", TechnicalField.objects.get(code="energy"))
    return make_achievement(page, **kwargs)


def sign_up(user: User, event: EventPage, *, needs=(), achievements=(), attendees="张三 总经理") -> Signup:
    return services.signup_create(user=user, event=event, attendees=attendees, needs=needs, achievements=achievements)


def approve(staff: User, signup: Signup) -> Signup:
    return services.signup_approve(user=staff, signup=signup)


def organisation(name: str) -> Organisation:
    return OrganisationFactory(name=name)


def accept_all(fair, staff) -> list:
    """Propose meetings for the fair and have both sides accept each; then build the schedule."""
    from matchmaking.models import Meeting

    created = services.meetings_propose(user=staff, event=fair.event)
    by_signup = {
        fair.signups.battery.pk: fair.users.battery,
        fair.signups.cells.pk: fair.users.cells,
        fair.signups.lab.pk: fair.users.lab,
        fair.signups.farm.pk: fair.users.farm,
    }
    for meeting in created:
        services.meeting_respond(user=by_signup[meeting.enterprise_signup_id], meeting=meeting, accept=True)
        services.meeting_respond(user=by_signup[meeting.institution_signup_id], meeting=meeting, accept=True)
    services.schedule_build(user=staff, event=fair.event)
    return list(Meeting.objects.filter(event=fair.event).order_by("pk"))
