"""API v1 of events: published events for everyone; sign-ups, proposals, schedule and outcomes for their own
organisation only; the event's running (approvals, proposing, scheduling) for bureau staff."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import NotAllowed, NotFoundError

from .. import permissions, selectors, services
from ..models import EventPage, Meeting, MeetingOutcome, Signup
from . import serializers as s


def _event(pk: int) -> EventPage:
    event = selectors.events_listed().filter(pk=pk).first()
    if event is None:
        raise NotFoundError("not found")
    return event


class EventList(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.EventOutput(many=True))
    def get(self, request):
        qs = selectors.events_listed().prefetch_related("industry_chains").order_by("-starts_at", "pk")
        kind = request.query_params.get("kind")
        if kind in EventPage.Kind.values:
            qs = qs.filter(kind=kind)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(s.EventOutput(page, many=True).data)


class EventDetail(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.EventOutput)
    def get(self, request, pk: int):
        return Response(s.EventOutput(_event(pk)).data)


class EventSignups(APIView):
    """GET: staff read every sign-up of the event. POST: an approved organisation signs up."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.SignupOutput(many=True), operation_id="events_event_signups_list")
    def get(self, request, pk: int):
        permissions.require_staff(request.user)
        return Response(s.SignupOutput(selectors.signups_for_staff(_event(pk)), many=True).data)

    @extend_schema(request=s.SignupInput, responses={201: s.SignupOutput})
    def post(self, request, pk: int):
        event = _event(pk)
        serializer = s.SignupInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        signup = services.signup_create(user=request.user, event=event, **serializer.validated_data)
        return Response(s.SignupOutput(signup).data, status=status.HTTP_201_CREATED)


class OwnSignups(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.SignupOutput(many=True))
    def get(self, request):
        if not permissions.is_party_user(request.user):
            return Response([])
        return Response(s.SignupOutput(selectors.signups_of_organisation(request.user.organisation_id), many=True).data)


def _signup_action(name: str):
    class SignupAction(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(request=s.DeclineInput, responses=s.SignupOutput, operation_id=f"event_signup_{name}")
        def post(self, request, pk: int):
            signup = get_object_or_404(Signup, pk=pk)
            if not permissions.can_see_signup(request.user, signup):
                raise NotFoundError("not found")
            if name == "approve":
                services.signup_approve(user=request.user, signup=signup)
            elif name == "decline":
                serializer = s.DeclineInput(data=request.data)
                serializer.is_valid(raise_exception=True)
                services.signup_decline(
                    user=request.user, signup=signup, note=serializer.validated_data.get("note", "")
                )
            else:
                services.signup_cancel(user=request.user, signup=signup)
            signup.refresh_from_db()
            return Response(s.SignupOutput(signup).data)

    SignupAction.__name__ = f"Signup{name.title()}"
    return SignupAction


SignupApprove = _signup_action("approve")
SignupDecline = _signup_action("decline")
SignupCancel = _signup_action("cancel")


class OwnMeetings(APIView):
    """The meetings (proposals, requests, scheduled) of the user's own organisation."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.MeetingOutput(many=True))
    def get(self, request):
        return Response(s.MeetingOutput(selectors.meetings_for_user(request.user), many=True).data)


def _meeting_for(request, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("event", "enterprise_signup", "institution_signup"), pk=pk
    )
    if not permissions.can_see_meeting(request.user, meeting):
        raise NotFoundError("not found")
    return meeting


class MeetingRespond(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.RespondInput, responses=s.MeetingOutput)
    def post(self, request, pk: int):
        meeting = _meeting_for(request, pk)
        serializer = s.RespondInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_respond(
            user=request.user, meeting=meeting, accept=serializer.validated_data["accept"]
        )
        return Response(s.MeetingOutput(meeting).data)


class MeetingRequest(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.RequestInput, responses={201: s.MeetingOutput})
    def post(self, request, pk: int):
        event = _event(pk)
        serializer = s.RequestInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_request(
            user=request.user, event=event, other=serializer.validated_data["other_signup"]
        )
        return Response(s.MeetingOutput(meeting).data, status=status.HTTP_201_CREATED)


class MeetingOutcomeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.OutcomeInput, responses=s.OutcomeOutput)
    def post(self, request, pk: int):
        meeting = _meeting_for(request, pk)
        serializer = s.OutcomeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = services.outcome_record(user=request.user, meeting=meeting, **serializer.validated_data)
        return Response(s.OutcomeOutput(outcome).data)


class OwnOutcomes(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.OutcomeOutput(many=True))
    def get(self, request):
        if not permissions.is_party_user(request.user):
            return Response([])
        outcomes = MeetingOutcome.objects.filter(organisation_id=request.user.organisation_id).select_related("meeting")
        return Response(s.OutcomeOutput(outcomes.order_by("-recorded_at", "pk"), many=True).data)


class Schedule(APIView):
    """An attendee's own schedule; staff read the whole event's."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.ScheduleOutput)
    def get(self, request, pk: int):
        event = _event(pk)
        if permissions.is_party_user(request.user):
            meetings = selectors.schedule_for_organisation(event=event, organisation_id=request.user.organisation_id)
        elif permissions.is_staff(request.user):
            meetings = [m for line in selectors.schedule_grid(event) for m in line["meetings"]]
        else:
            raise NotAllowed("")
        data = {"event": event.pk, "built_at": event.schedule_built_at, "meetings": meetings}
        return Response(s.ScheduleOutput(data).data)


class ProposeMeetings(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=s.MeetingOutput(many=True))
    def post(self, request, pk: int):
        created = services.meetings_propose(user=request.user, event=_event(pk))
        return Response(s.MeetingOutput(created, many=True).data)


class BuildSchedule(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=s.ScheduleOutput)
    def post(self, request, pk: int):
        event = _event(pk)
        services.schedule_build(user=request.user, event=event)
        event.refresh_from_db()
        meetings = [m for line in selectors.schedule_grid(event) for m in line["meetings"]]
        return Response(
            s.ScheduleOutput({"event": event.pk, "built_at": event.schedule_built_at, "meetings": meetings}).data
        )
