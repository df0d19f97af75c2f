"""Write-side of events: sign-ups and the waiting list, meeting proposals and requests, the schedule, outcomes.

Every function checks who is acting and the state it acts on and raises a domain error (never a silent no-op).
"Now" comes from ``common.clock`` so deadlines move together in demos and tests. Outcomes open the platform's
normal dealflow enquiry (and deal) through dealflow's own services and tag it with the event (``EventEnquiry``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from dealflow import services as dealflow_services
from dealflow.models import Approach, Enquiry, Timeline
from marketplace.models import AchievementPage, TechnologyNeed

from . import mail, permissions, scheduling
from .models import EventEnquiry, EventPage, Meeting, MeetingOutcome, Signup

MAX_ATTENDEES_TEXT = 1000

# --- Sign-ups -----------------------------------------------------------------------------------------


def _lock_event(event: EventPage) -> EventPage:
    # Sign-ups, approvals and cancellations of one event are serialised on its row, so the capacity check and
    # the waiting-list promotion never race each other.
    return EventPage.objects.select_for_update().get(pk=event.pk)


def _lock_signup(signup: Signup) -> Signup:
    return Signup.objects.select_for_update().get(pk=signup.pk)


def _approved_count(event: EventPage) -> int:
    return Signup.objects.filter(event=event, status=Signup.Status.APPROVED).count()


def _check_brought(
    user: User, needs: list[TechnologyNeed], achievements: list[AchievementPage]
) -> tuple[list[TechnologyNeed], list[AchievementPage]]:
    organisation = user.organisation
    if organisation.is_enterprise and achievements:
        raise DomainError(
            _("企业报名只能携带本企业的技术需求。"), field_errors={"achievements": [_("企业不能携带成果。")]}
        )
    if organisation.is_institution and needs:
        raise DomainError(_("机构报名只能携带本机构的科技成果。"), field_errors={"needs": [_("机构不能携带需求。")]})
    for need in needs:
        if need.enterprise_id != organisation.pk or need.status != TechnologyNeed.Status.PUBLISHED:
            message = _("只能携带本企业已发布的技术需求。")
            raise NotAllowed(message, field_errors={"needs": [message]})
    for page in achievements:
        if page.institution_organisation_id != organisation.pk or not page.live:
            message = _("只能携带本机构已发布的科技成果。")
            raise NotAllowed(message, field_errors={"achievements": [message]})
    return needs, achievements


def _clean_attendees(attendees: str) -> str:
    lines = [line.strip() for line in (attendees or "").splitlines() if line.strip()]
    text = "\n".join(lines)
    if not lines:
        message = _("请填写参会人员。")
        raise DomainError(message, field_errors={"attendees": [message]})
    if len(text) > MAX_ATTENDEES_TEXT or "<" in text:
        message = _("参会人员名单过长或含有不允许的字符。")
        raise DomainError(message, field_errors={"attendees": [message]})
    return text


def _clean_slots(event: EventPage, slots: Iterable[int]) -> list[int]:
    cleaned = sorted({int(s) for s in slots or ()})
    if any(s < 0 or s >= max(event.meeting_slots, 1) for s in cleaned):
        message = _("不便洽谈的场次超出范围。")
        raise DomainError(message, field_errors={"unavailable_slots": [message]})
    return cleaned


@transaction.atomic
def signup_create(
    *,
    user: User,
    event: EventPage,
    attendees: str,
    needs: Iterable[TechnologyNeed] = (),
    achievements: Iterable[AchievementPage] = (),
    unavailable_slots: Iterable[int] = (),
) -> Signup:
    """An approved enterprise or institution signs up before the deadline; when the event is full it waits."""
    permissions.require_party(user)
    now = clock.now()
    event = _lock_event(event)
    if not event.live:
        raise NotFoundError(_("该活动不存在或未发布。"))
    if now > event.signup_deadline:
        raise Conflict(_("报名已截止。"))
    needs, achievements = _check_brought(user, list(needs), list(achievements))
    attendees = _clean_attendees(attendees)
    slots = _clean_slots(event, unavailable_slots)
    signup = Signup.objects.select_for_update().filter(event=event, organisation_id=user.organisation_id).first()
    if signup is not None and signup.status != Signup.Status.CANCELLED:
        raise Conflict(_("贵单位已报名该活动(%(status)s)。") % {"status": signup.get_status_display()})
    if signup is None:
        signup = Signup(event=event, organisation_id=user.organisation_id)
    full = _approved_count(event) >= event.capacity
    signup.status = Signup.Status.WAITING if full else Signup.Status.PENDING
    signup.waiting_since = now if full else None
    signup.attendees = attendees
    signup.unavailable_slots = slots
    signup.created_by = user
    signup.created_at = now
    signup.decided_by = None
    signup.decided_at = None
    signup.cancelled_at = None
    signup.save()
    signup.needs.set(needs)
    signup.achievements.set(achievements)
    return signup


@transaction.atomic
def signup_update(
    *,
    user: User,
    signup: Signup,
    attendees: str,
    needs: Iterable[TechnologyNeed] = (),
    achievements: Iterable[AchievementPage] = (),
    unavailable_slots: Iterable[int] = (),
) -> Signup:
    """The organisation changes what it brings and who attends, until the deadline."""
    if not permissions.owns_signup(user, signup):
        raise NotAllowed(_("只能修改本单位的报名。"))
    signup = _lock_signup(signup)
    if clock.now() > signup.event.signup_deadline:
        raise Conflict(_("报名已截止。"))
    if signup.status not in (Signup.Status.PENDING, Signup.Status.APPROVED, Signup.Status.WAITING):
        raise Conflict(_("该报名已%(status)s,不能修改。") % {"status": signup.get_status_display()})
    needs, achievements = _check_brought(user, list(needs), list(achievements))
    signup.attendees = _clean_attendees(attendees)
    signup.unavailable_slots = _clean_slots(signup.event, unavailable_slots)
    signup.save(update_fields=["attendees", "unavailable_slots"])
    signup.needs.set(needs)
    signup.achievements.set(achievements)
    return signup


def _approve(signup: Signup, *, user: User | None, now) -> None:
    signup.status = Signup.Status.APPROVED
    signup.decided_by = user
    signup.decided_at = now
    signup.waiting_since = None
    signup.save(update_fields=["status", "decided_by", "decided_at", "waiting_since"])
    mail.send_signup_confirmation(signup)


@transaction.atomic
def signup_approve(*, user: User, signup: Signup) -> Signup:
    """Staff approve a pending (or waiting) sign-up while the event has room; a confirmation with .ics follows."""
    permissions.require_staff(user)
    event = _lock_event(signup.event)
    signup = _lock_signup(signup)
    if signup.status not in (Signup.Status.PENDING, Signup.Status.WAITING):
        raise Conflict(_("该报名已%(status)s,不能批准。") % {"status": signup.get_status_display()})
    if _approved_count(event) >= event.capacity:
        raise Conflict(_("活动名额已满,请先处理取消的报名或扩大名额。"))
    _approve(signup, user=user, now=clock.now())
    return signup


@transaction.atomic
def signup_decline(*, user: User, signup: Signup, note: str = "") -> Signup:
    permissions.require_staff(user)
    signup = _lock_signup(signup)
    if signup.status not in (Signup.Status.PENDING, Signup.Status.WAITING):
        raise Conflict(_("该报名已%(status)s,不能谢绝。") % {"status": signup.get_status_display()})
    signup.status = Signup.Status.DECLINED
    signup.decided_by = user
    signup.decided_at = clock.now()
    signup.decision_note = (note or "").strip()[:500]
    signup.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    mail.send_signup_declined(signup)
    return signup


@transaction.atomic
def signup_cancel(*, user: User, signup: Signup) -> Signup | None:
    """The organisation (or staff) cancels; its open meetings are cancelled and, if it held a place, the first
    one on the waiting list takes it. Returns the promoted sign-up, if any."""
    if not (permissions.owns_signup(user, signup) or permissions.is_staff(user)):
        raise NotAllowed(_("只能取消本单位的报名。"))
    event = _lock_event(signup.event)
    signup = _lock_signup(signup)
    if signup.status not in (Signup.Status.PENDING, Signup.Status.APPROVED, Signup.Status.WAITING):
        raise Conflict(_("该报名已%(status)s,不能取消。") % {"status": signup.get_status_display()})
    now = clock.now()
    held_place = signup.status == Signup.Status.APPROVED
    signup.status = Signup.Status.CANCELLED
    signup.cancelled_at = now
    signup.waiting_since = None
    signup.save(update_fields=["status", "cancelled_at", "waiting_since"])
    open_statuses = [Meeting.Status.PROPOSED, Meeting.Status.ACCEPTED]
    Meeting.objects.filter(event=event, status__in=open_statuses).filter(enterprise_signup=signup).update(
        status=Meeting.Status.CANCELLED, slot=None, table=None, updated_at=now
    )
    Meeting.objects.filter(event=event, status__in=open_statuses).filter(institution_signup=signup).update(
        status=Meeting.Status.CANCELLED, slot=None, table=None, updated_at=now
    )
    if not held_place or _approved_count(event) >= event.capacity:
        return None
    promoted = Signup.objects.select_for_update().filter(event=event, status=Signup.Status.WAITING)
    promoted = promoted.order_by("waiting_since", "pk").first()
    if promoted is not None:
        _approve(promoted, user=None, now=now)
    return promoted


@transaction.atomic
def signup_mark_attended(*, user: User, signup: Signup, attended: bool = True) -> Signup:
    permissions.require_staff(user)
    signup = _lock_signup(signup)
    if signup.status != Signup.Status.APPROVED:
        raise Conflict(_("只有已通过的报名可以登记到场。"))
    signup.attended = attended
    signup.save(update_fields=["attended"])
    return signup


# --- Meeting proposals and requests --------------------------------------------------------------------


def _approved_signups(event: EventPage):
    return Signup.objects.filter(event=event, status=Signup.Status.APPROVED).select_related("organisation")


def proposal_candidates(event: EventPage) -> list[dict]:
    """Every need × achievement pair of approved attendees above the relevance floor, best first per pair of
    organisations: the matcher's recommended rows whose score is at least ``match_floor()``."""
    from search.matching import DATABASE_MODE, match_floor, run_matcher
    from search.profiles import need_profile

    signups = list(_approved_signups(event).prefetch_related("needs", "achievements"))
    institution_of: dict[int, Signup] = {}
    for signup in signups:
        if signup.organisation.is_institution:
            for page in signup.achievements.all():
                if page.live:
                    institution_of[page.pk] = signup
    if not institution_of:
        return []
    best: dict[tuple[int, int], dict] = {}
    for signup in signups:
        if not signup.organisation.is_enterprise:
            continue
        for need in signup.needs.all():
            rows = run_matcher(need_profile(need), limit=len(institution_of), only_ids=list(institution_of))
            floor = match_floor(basic=rows.mode == DATABASE_MODE)
            for row in rows:
                institution = institution_of.get(row.object_id)
                if institution is None or not row.recommended or row.score < floor:
                    continue
                key = (signup.pk, institution.pk)
                if key not in best or row.score > best[key]["score"]:
                    best[key] = {
                        "enterprise_signup": signup,
                        "institution_signup": institution,
                        "need": need,
                        "achievement_id": row.object_id,
                        "score": round(float(row.score), 2),
                        "reasons": [str(reason) for reason in row.reasons],
                    }
    return sorted(best.values(), key=lambda c: (-c["score"], c["enterprise_signup"].pk, c["institution_signup"].pk))


@transaction.atomic
def meetings_propose(*, user: User, event: EventPage) -> list[Meeting]:
    """Staff run the matcher between approved attendees; new pairs above the floor become proposed meetings."""
    permissions.require_staff(user)
    event = _lock_event(event)
    existing = set(Meeting.objects.filter(event=event).values_list("enterprise_signup_id", "institution_signup_id"))
    created = []
    now = clock.now()
    for candidate in proposal_candidates(event):
        pair = (candidate["enterprise_signup"].pk, candidate["institution_signup"].pk)
        if pair in existing:
            continue
        created.append(
            Meeting.objects.create(
                event=event,
                enterprise_signup=candidate["enterprise_signup"],
                institution_signup=candidate["institution_signup"],
                need=candidate["need"],
                achievement_id=candidate["achievement_id"],
                origin=Meeting.Origin.MATCHER,
                score=candidate["score"],
                reasons=candidate["reasons"],
                created_at=now,
            )
        )
    if created:
        mail.send_proposals(event, created)
    return created


def _refresh_status(meeting: Meeting) -> None:
    responses = {meeting.enterprise_response, meeting.institution_response}
    if Meeting.Response.DECLINED in responses:
        meeting.status = Meeting.Status.DECLINED
        meeting.slot = meeting.table = None
    elif responses == {Meeting.Response.ACCEPTED}:
        meeting.status = Meeting.Status.ACCEPTED
    else:
        meeting.status = Meeting.Status.PROPOSED


@transaction.atomic
def meeting_respond(*, user: User, meeting: Meeting, accept: bool) -> Meeting:
    """One side accepts or declines a proposed (or requested) meeting; both accepting puts it up for scheduling."""
    meeting = (
        Meeting.objects.select_for_update().select_related("enterprise_signup", "institution_signup").get(pk=meeting.pk)
    )
    side = permissions.require_meeting_side(user, meeting)
    if meeting.status not in (Meeting.Status.PROPOSED, Meeting.Status.ACCEPTED):
        raise Conflict(_("该洽谈已%(status)s,不能再答复。") % {"status": meeting.get_status_display()})
    if clock.now() >= meeting.event.starts_at:
        raise Conflict(_("活动已开始,不能再答复洽谈邀请。"))
    response = Meeting.Response.ACCEPTED if accept else Meeting.Response.DECLINED
    setattr(meeting, f"{side}_response", response)
    _refresh_status(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def meeting_request(
    *,
    user: User,
    event: EventPage,
    other: Signup,
    need: TechnologyNeed | None = None,
    achievement: AchievementPage | None = None,
) -> Meeting:
    """An attendee asks another attendee of the other kind for a meeting; the other side then accepts."""
    permissions.require_party(user)
    own = Signup.objects.filter(event=event, organisation_id=user.organisation_id, status=Signup.Status.APPROVED)
    own = own.first()
    if own is None:
        raise NotAllowed(_("只有报名已通过的单位可以邀约洽谈。"))
    if other.event_id != event.pk or other.status != Signup.Status.APPROVED:
        raise NotFoundError(_("对方未报名该活动或报名未通过。"))
    if own.organisation.is_enterprise == other.organisation.is_enterprise:
        raise Conflict(_("一对一洽谈在企业与机构之间进行。"))
    if clock.now() >= event.starts_at:
        raise Conflict(_("活动已开始,不能再邀约洽谈。"))
    enterprise, institution = (own, other) if own.organisation.is_enterprise else (other, own)
    need = need or enterprise.needs.order_by("pk").first()
    achievement = achievement or institution.achievements.order_by("pk").first()
    if need is not None and not enterprise.needs.filter(pk=need.pk).exists():
        raise DomainError(_("请选择企业报名时携带的需求。"), field_errors={"need": [_("请选择企业报名时携带的需求。")]})
    if achievement is not None and not institution.achievements.filter(pk=achievement.pk).exists():
        message = _("请选择机构报名时携带的成果。")
        raise DomainError(message, field_errors={"achievement": [message]})
    meeting = (
        Meeting.objects.select_for_update()
        .filter(event=event, enterprise_signup=enterprise, institution_signup=institution)
        .first()
    )
    if meeting is not None and meeting.status not in (Meeting.Status.DECLINED, Meeting.Status.CANCELLED):
        raise Conflict(_("双方已有洽谈安排(%(status)s)。") % {"status": meeting.get_status_display()})
    meeting = meeting or Meeting(event=event, enterprise_signup=enterprise, institution_signup=institution)
    own_side = "enterprise" if own is enterprise else "institution"
    meeting.origin = Meeting.Origin.REQUEST
    meeting.requested_by_id = user.organisation_id
    meeting.need = need
    meeting.achievement = achievement
    meeting.enterprise_response = Meeting.Response.ACCEPTED if own_side == "enterprise" else Meeting.Response.PENDING
    meeting.institution_response = Meeting.Response.ACCEPTED if own_side == "institution" else Meeting.Response.PENDING
    meeting.status = Meeting.Status.PROPOSED
    meeting.slot = meeting.table = None
    meeting.created_at = clock.now()
    meeting.save()
    return meeting


# --- The schedule --------------------------------------------------------------------------------------


def _party(signup: Signup) -> str:
    return f"org:{signup.organisation_id}"


def _request_key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}"


@transaction.atomic
def schedule_build(*, user: User, event: EventPage) -> scheduling.Schedule:
    """Place every mutually accepted meeting on the grid; the placements already stored are passed as the
    previous schedule so a re-plan (after a cancellation or a late acceptance) moves as few meetings as it can."""
    permissions.require_staff(user)
    event = _lock_event(event)
    if not event.has_meetings:
        raise Conflict(_("请先设置洽谈桌数、场次和首场时间。"))
    if clock.now() >= event.starts_at:
        # Held meetings keep their places; re-planning under them could put two meetings at one table.
        raise Conflict(_("活动已开始,日程不能再调整。"))
    meetings = list(
        Meeting.objects.select_for_update()
        .filter(event=event, status=Meeting.Status.ACCEPTED)
        .select_related("enterprise_signup", "institution_signup")
        .order_by("pk")
    )
    requests = [
        scheduling.MeetingRequest(
            key=_request_key(m),
            parties=(_party(m.enterprise_signup), _party(m.institution_signup)),
            # Higher match scores first when the grid is short; requested meetings carry no score.
            priority=float(m.score if m.score is not None else 0.0),
        )
        for m in meetings
    ]
    previous = scheduling.Schedule(
        placements=tuple(scheduling.Placement(_request_key(m), m.slot, m.table) for m in meetings if m.is_scheduled),
        unplaced=(),
    )
    unavailable = {_party(s): frozenset(int(x) for x in s.unavailable_slots or ()) for s in _approved_signups(event)}
    grid = scheduling.Grid(slots=event.meeting_slots, tables=event.meeting_tables, unavailable=unavailable)
    schedule = scheduling.plan(requests, grid, previous=previous)
    placed = schedule.by_request()
    # Clear first: the (event, slot, table) constraint must hold after every single row update.
    Meeting.objects.filter(event=event).exclude(status=Meeting.Status.HELD).update(slot=None, table=None)
    for meeting in meetings:
        placement = placed.get(_request_key(meeting))
        if placement is not None:
            Meeting.objects.filter(pk=meeting.pk).update(slot=placement.slot, table=placement.table)
    event.schedule_built_at = clock.now()
    event.save(update_fields=["schedule_built_at"])
    return schedule


@transaction.atomic
def schedule_send(*, user: User, event: EventPage) -> int:
    """E-mail every approved attendee its personal schedule; returns the number of organisations written to."""
    permissions.require_staff(user)
    event = EventPage.objects.get(pk=event.pk)  # the caller's copy may predate the latest build
    if event.schedule_built_at is None:
        raise Conflict(_("请先生成洽谈日程。"))
    return mail.send_schedules(event)


# --- Outcomes ------------------------------------------------------------------------------------------

OPENS_ENQUIRY = {MeetingOutcome.Result.FOLLOW_UP, MeetingOutcome.Result.ENQUIRY, MeetingOutcome.Result.DEAL}


def _tagged_enquiry(meeting: Meeting) -> Enquiry | None:
    tag = EventEnquiry.objects.filter(meeting=meeting).select_related("enquiry").first()
    return tag.enquiry if tag else None


def _open_enquiry(meeting: Meeting, user: User) -> Enquiry | None:
    """The enterprise side's interest becomes dealflow's normal enquiry (need attached), tagged with the event."""
    existing = _tagged_enquiry(meeting)
    if existing is not None or meeting.achievement_id is None:
        return existing
    achievement = AchievementPage.objects.get(pk=meeting.achievement_id)
    open_one = Enquiry.objects.filter(
        achievement=achievement, sender_organisation_id=user.organisation_id, status=Approach.Status.SENT
    ).first()
    if open_one is not None:
        enquiry = open_one  # already asked about this achievement: tag that enquiry rather than fail
        if EventEnquiry.objects.filter(enquiry=enquiry).exists():
            return enquiry
    else:
        event = meeting.event
        enquiry = dealflow_services.enquiry_send(
            user=user,
            achievement=achievement,
            need=meeting.need,
            purpose=_("在“%(event)s”一对一洽谈后继续跟进该成果的转化合作。") % {"event": event.title},
            intended_use=(meeting.need.title if meeting.need else _("见洽谈记录。")),
            timeline=Timeline.HALF_YEAR,
        )
    EventEnquiry.objects.create(event=meeting.event, meeting=meeting, enquiry=enquiry, created_at=clock.now())
    return enquiry


def _accept_into_deal(meeting: Meeting, institution_user: User) -> None:
    enquiry = _tagged_enquiry(meeting)
    if enquiry is None or enquiry.status != Approach.Status.SENT:
        return
    if institution_user.organisation_id != enquiry.recipient_organisation_id:
        return
    dealflow_services.approach_accept(user=institution_user, approach=enquiry)


@transaction.atomic
def outcome_record(*, user: User, meeting: Meeting, result: str, note: str = "") -> MeetingOutcome:
    """One side records what came of a held meeting. Interest from the enterprise opens a tagged enquiry; a
    deal from both sides accepts it into a dealflow deal (the institution is the enquiry's recipient)."""
    meeting = (
        Meeting.objects.select_for_update().select_related("enterprise_signup", "institution_signup").get(pk=meeting.pk)
    )
    side = permissions.require_meeting_side(user, meeting)
    if result not in MeetingOutcome.Result.values:
        message = _("请选择洽谈结果。")
        raise DomainError(message, field_errors={"result": [message]})
    if meeting.status not in (Meeting.Status.ACCEPTED, Meeting.Status.HELD):
        raise Conflict(_("只有双方已接受的洽谈可以登记结果。"))
    now = clock.now()
    if now < meeting.event.starts_at:
        raise Conflict(_("活动开始后才能登记洽谈结果。"))
    outcome, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        organisation_id=user.organisation_id,
        defaults={"result": result, "note": (note or "").strip()[:500], "recorded_by": user, "recorded_at": now},
    )
    if meeting.status != Meeting.Status.HELD:
        meeting.status = Meeting.Status.HELD
        meeting.held_at = meeting.event.slot_starts(meeting.slot) if meeting.is_scheduled else now
        meeting.save(update_fields=["status", "held_at", "updated_at"])
    Signup.objects.filter(pk__in=[meeting.enterprise_signup_id, meeting.institution_signup_id]).update(attended=True)
    other = MeetingOutcome.objects.filter(meeting=meeting).exclude(organisation_id=user.organisation_id).first()
    if side == "enterprise" and result in OPENS_ENQUIRY:
        _open_enquiry(meeting, user)
        both_deal = result == MeetingOutcome.Result.DEAL and other is not None and other.result == result
        if both_deal and other.recorded_by is not None:
            _accept_into_deal(meeting, other.recorded_by)
    elif side == "institution" and result == MeetingOutcome.Result.DEAL:
        _accept_into_deal(meeting, user)
    return outcome


@transaction.atomic
def meeting_mark_held(*, user: User, meeting: Meeting) -> Meeting:
    """Staff note that an accepted meeting took place (attendance), without recording an outcome for either side."""
    permissions.require_staff(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.ACCEPTED:
        raise Conflict(_("只有双方已接受的洽谈可以登记为已洽谈。"))
    meeting.status = Meeting.Status.HELD
    meeting.held_at = meeting.event.slot_starts(meeting.slot) if meeting.is_scheduled else clock.now()
    meeting.save(update_fields=["status", "held_at", "updated_at"])
    Signup.objects.filter(pk__in=[meeting.enterprise_signup_id, meeting.institution_signup_id]).update(attended=True)
    return meeting
