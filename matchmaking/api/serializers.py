"""Input and output serializers of the events API, one per purpose."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from marketplace.models import AchievementPage, TechnologyNeed

from ..models import EventPage, Meeting, MeetingOutcome, Signup


class EventOutput(serializers.ModelSerializer):
    url = serializers.CharField(source="full_url", read_only=True)
    industry_chains = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = EventPage
        fields = [
            "id",
            "title",
            "title_en",
            "kind",
            "summary",
            "summary_en",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "organisers",
            "industry_chains",
            "capacity",
            "signup_deadline",
            "meeting_tables",
            "meeting_slots",
            "meeting_slot_minutes",
            "first_slot_at",
            "url",
        ]


class SignupInput(serializers.Serializer):
    attendees = serializers.CharField(max_length=1000, label=_("参会人员"))
    needs = serializers.PrimaryKeyRelatedField(queryset=TechnologyNeed.objects.all(), many=True, required=False)
    achievements = serializers.PrimaryKeyRelatedField(queryset=AchievementPage.objects.all(), many=True, required=False)
    unavailable_slots = serializers.ListField(child=serializers.IntegerField(min_value=0), required=False)


class SignupOutput(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)

    class Meta:
        model = Signup
        fields = [
            "id",
            "event",
            "event_title",
            "organisation",
            "status",
            "attendees",
            "needs",
            "achievements",
            "unavailable_slots",
            "waiting_since",
            "attended",
            "created_at",
            "decided_at",
        ]


class DeclineInput(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class MeetingOutput(serializers.ModelSerializer):
    enterprise = serializers.CharField(source="enterprise_signup.organisation.name", read_only=True)
    institution = serializers.CharField(source="institution_signup.organisation.name", read_only=True)
    starts_at = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "event",
            "enterprise",
            "institution",
            "need",
            "achievement",
            "origin",
            "score",
            "reasons",
            "enterprise_response",
            "institution_response",
            "status",
            "slot",
            "table",
            "starts_at",
            "held_at",
        ]

    def get_starts_at(self, meeting) -> datetime | None:
        if not meeting.is_scheduled or not meeting.event.first_slot_at:
            return None
        return serializers.DateTimeField().to_representation(meeting.event.slot_starts(meeting.slot))


class RespondInput(serializers.Serializer):
    accept = serializers.BooleanField()


class RequestInput(serializers.Serializer):
    other_signup = serializers.PrimaryKeyRelatedField(queryset=Signup.objects.all())


class OutcomeInput(serializers.Serializer):
    result = serializers.ChoiceField(choices=MeetingOutcome.Result.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class OutcomeOutput(serializers.ModelSerializer):
    enquiry = serializers.SerializerMethodField()

    class Meta:
        model = MeetingOutcome
        fields = ["id", "meeting", "organisation", "result", "note", "recorded_at", "enquiry"]

    def get_enquiry(self, outcome) -> int | None:
        tag = outcome.meeting.enquiries.first()
        return tag.enquiry_id if tag else None


class ScheduleOutput(serializers.Serializer):
    event = serializers.IntegerField()
    built_at = serializers.DateTimeField(allow_null=True)
    meetings = MeetingOutput(many=True)
