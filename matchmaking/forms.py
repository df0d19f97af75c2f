"""Forms of the event pages: signing up (own needs or achievements, attendees, slots one cannot make), requesting a
meeting, recording an outcome. Validation of the rules themselves lives in the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import AchievementPage, TechnologyNeed

from .models import MeetingOutcome, Signup


class SignupForm(forms.Form):
    needs = forms.ModelMultipleChoiceField(
        label=_("携带的技术需求"),
        queryset=TechnologyNeed.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    achievements = forms.ModelMultipleChoiceField(
        label=_("携带的科技成果"),
        queryset=AchievementPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendees = forms.CharField(
        label=_("参会人员"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一人,可注明职务。"),
    )
    unavailable_slots = forms.TypedMultipleChoiceField(
        label=_("不便洽谈的场次"), coerce=int, required=False, choices=(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, event, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = user.organisation
        if organisation.is_enterprise:
            self.fields["needs"].queryset = TechnologyNeed.objects.filter(
                enterprise=organisation, status=TechnologyNeed.Status.PUBLISHED
            ).order_by("-pk")
            del self.fields["achievements"]
        else:
            self.fields["achievements"].queryset = (
                AchievementPage.objects.live().filter(institution_organisation=organisation).order_by("title")
            )
            del self.fields["needs"]
        if event.has_meetings:
            self.fields["unavailable_slots"].choices = [
                (slot, f"{timezone.localtime(event.slot_starts(slot)):%H:%M}") for slot in range(event.meeting_slots)
            ]
        else:
            del self.fields["unavailable_slots"]

    @classmethod
    def initial_from(cls, signup: Signup) -> dict:
        return {
            "needs": list(signup.needs.all()),
            "achievements": list(signup.achievements.all()),
            "attendees": signup.attendees,
            "unavailable_slots": signup.unavailable_slots,
        }


class DeclineForm(forms.Form):
    note = forms.CharField(label=_("审核意见"), max_length=500, required=False)


class RequestForm(forms.Form):
    other = forms.ModelChoiceField(label=_("洽谈对象"), queryset=Signup.objects.none())

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = others
        self.fields["other"].label_from_instance = lambda signup: signup.organisation.name


class OutcomeForm(forms.Form):
    result = forms.ChoiceField(label=_("洽谈结果"), choices=MeetingOutcome.Result.choices)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)
