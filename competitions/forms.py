"""Forms of the competition pages; they only collect input, the services decide."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from marketplace.models import AchievementPage

from .models import Entry, WinnerFollowUp


class EntryForm(forms.ModelForm):
    achievements = forms.ModelMultipleChoiceField(
        label=_("依托成果"),
        queryset=AchievementPage.objects.none(),
        required=False,
        help_text=_("项目依托的平台已发布科技成果(可多选)。"),
    )

    class Meta:
        model = Entry
        fields = ["title", "summary", "stage", "team_name", "team_members"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6}), "team_members": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievements"].queryset = AchievementPage.objects.live().order_by("title")
        if self.instance.pk:
            self.initial["achievements"] = list(self.instance.achievements.values_list("pk", flat=True))


class ScoreForm(forms.Form):
    """One field per criterion (0 to its maximum) and a comment."""

    comment = forms.CharField(
        label=_("评语"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, criteria, prefix_entry: int, **kwargs):
        super().__init__(*args, prefix=f"e{prefix_entry}", **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.name}({criterion.weight}%,0–{criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
                decimal_places=2,
            )

    def scores(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class ConflictForm(forms.Form):
    entry = forms.ModelChoiceField(label=_("参赛项目"), queryset=Entry.objects.none(), required=False)
    organisation = forms.ModelChoiceField(label=_("机构"), queryset=Organisation.objects.approved(), required=False)
    reason = forms.CharField(label=_("关联说明"), max_length=200)

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = competition.entries.active()


class AssignForm(forms.Form):
    judge = forms.ModelChoiceField(label=_("评委"), queryset=User.objects.filter(role=User.Role.EXPERT))


class AdvanceForm(forms.Form):
    top = forms.IntegerField(label=_("晋级决赛项目数"), min_value=1, max_value=1000)


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = WinnerFollowUp
        fields = ["company", "company_name", "credit_code", "region_code", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Organisation.objects.approved().filter(kind=Organisation.Kind.ENTERPRISE)


def _lines(text: str, width: int, label) -> list[list[str]]:
    rows = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("｜", "|").split("|")]
        if len(parts) != width or not all(parts):
            raise forms.ValidationError(
                _("第 %(n)d 行格式有误,应为:%(f)s。") % {"n": number, "f": label}, code="invalid"
            )
        rows.append(parts)
    return rows


class CompetitionForm(forms.Form):
    """Set a 大赛 event up for entries: the deadline, criteria and awards, one per line."""

    event = forms.ModelChoiceField(label=_("大赛活动"), queryset=None)
    entry_deadline = forms.DateTimeField(
        label=_("报名截止时间"), required=False, help_text=_("留空则取活动的报名截止时间。"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    criteria = forms.CharField(
        label=_("评审标准"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项:名称|权重|满分,例如“技术创新性|40|10”。"),
    )
    awards = forms.CharField(
        label=_("奖项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一项:名称|起始名次|截止名次|奖金(元),例如“一等奖|1|1|300000”。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from matchmaking.models import EventPage

        self.fields["event"].queryset = EventPage.objects.filter(
            kind=EventPage.Kind.COMPETITION, competition__isnull=True
        ).order_by("-starts_at")

    def clean_criteria(self) -> list[dict]:
        rows = _lines(self.cleaned_data["criteria"], 3, _("名称|权重|满分"))
        try:
            return [{"name": n, "weight": int(w), "max_score": int(m)} for n, w, m in rows]
        except ValueError as error:
            raise forms.ValidationError(_("权重和满分须为整数。")) from error

    def clean_awards(self) -> list[dict]:
        rows = _lines(self.cleaned_data["awards"], 4, _("名称|起始名次|截止名次|奖金(元)"))
        try:
            return [{"name": n, "rank_from": int(a), "rank_to": int(b), "prize_cny": Decimal(p)} for n, a, b, p in rows]
        except (ValueError, InvalidOperation) as error:
            raise forms.ValidationError(_("名次须为整数,奖金须为金额。")) from error
