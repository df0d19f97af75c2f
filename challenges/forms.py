"""Forms for the challenge pages. They only collect input; services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from marketplace.models import TechnologyNeed
from taxonomy.models import IndustryChainNode

from .models import Application, Challenge, KeyProblem

ROWS = 3


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = [
            "title",
            "title_en",
            "problem",
            "problem_en",
            "node",
            "technical_field",
            "reward_cny",
            "payment_terms",
            "term_years",
            "scope",
            "opens_at",
            "closes_at",
            "review_by",
            "award_by",
            "ip_terms",
            "required_documents",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "review_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "award_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "problem": forms.Textarea(attrs={"rows": 5}),
            "problem_en": forms.Textarea(attrs={"rows": 3}),
        }

    institution_kinds = forms.MultipleChoiceField(
        label=_("可申报机构类型(不选为不限)"),
        required=False,
        choices=[c for c in Organisation.Kind.choices if c[0] != Organisation.Kind.ENTERPRISE],
        widget=forms.CheckboxSelectMultiple,
    )
    co_funders = forms.ModelMultipleChoiceField(
        label=_("出资及应用企业"), required=False, queryset=Organisation.objects.approved().enterprises()
    )
    key_problems = forms.ModelMultipleChoiceField(
        label=_("关键技术问题"), required=False, queryset=KeyProblem.objects.current().select_related("node")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(ROWS):
            required = index == 0
            self.fields[f"target_{index}_indicator"] = forms.CharField(
                label=_("指标"), required=required, max_length=100
            )
            self.fields[f"target_{index}_value"] = forms.CharField(label=_("目标值"), required=required, max_length=50)
            self.fields[f"target_{index}_unit"] = forms.CharField(label=_("单位"), required=False, max_length=30)
            self.fields[f"target_{index}_test_method"] = forms.CharField(
                label=_("测试方法"), required=required, max_length=300
            )
        for index in range(ROWS):
            self.fields[f"criterion_{index}_name"] = forms.CharField(
                label=_("评审要素"), required=index == 0, max_length=100
            )
            self.fields[f"criterion_{index}_weight"] = forms.IntegerField(
                label=_("权重(%)"), required=index == 0, min_value=1, max_value=100
            )

    def service_args(self) -> dict:
        cd = self.cleaned_data
        data = {name: cd[name] for name in self.Meta.fields}
        data["institution_kinds"] = list(cd.get("institution_kinds") or [])
        targets = [
            {k: cd[f"target_{i}_{k}"] or "" for k in ("indicator", "value", "unit", "test_method")}
            for i in range(ROWS)
            if cd.get(f"target_{i}_indicator")
        ]
        criteria = [
            {"name": cd[f"criterion_{i}_name"], "weight": cd[f"criterion_{i}_weight"] or 0}
            for i in range(ROWS)
            if cd.get(f"criterion_{i}_name")
        ]
        return {
            "data": data,
            "targets": targets,
            "criteria": criteria,
            "co_funders": list(cd["co_funders"]),
            "key_problems": list(cd["key_problems"]),
        }


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "team_lead",
            "team_lead_title",
            "team",
            "technical_route",
            "budget_cny",
            "budget_notes",
            "declares_no_conflict",
            "declares_originality",
        ]
        widgets = {"technical_route": forms.Textarea(attrs={"rows": 6}), "team": forms.Textarea(attrs={"rows": 3})}

    partners = forms.ModelMultipleChoiceField(
        label=_("联合单位"), required=False, queryset=Organisation.objects.approved()
    )

    def __init__(self, *args, **kwargs):
        milestones = kwargs.pop("milestones", [])
        super().__init__(*args, **kwargs)
        for index in range(ROWS):
            initial = milestones[index] if index < len(milestones) else None
            required = index == 0
            self.fields[f"milestone_{index}_title"] = forms.CharField(
                label=_("节点名称"), required=required, initial=getattr(initial, "title", "")
            )
            self.fields[f"milestone_{index}_indicator"] = forms.CharField(
                label=_("考核指标"), required=required, initial=getattr(initial, "indicator", "")
            )
            self.fields[f"milestone_{index}_due_on"] = forms.DateField(
                label=_("完成日期"),
                required=required,
                initial=getattr(initial, "due_on", None),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"milestone_{index}_payment_cny"] = forms.DecimalField(
                label=_("对应拨付(元)"),
                required=required,
                min_value=0,
                decimal_places=2,
                initial=getattr(initial, "payment_cny", None),
            )

    def service_args(self) -> dict:
        cd = self.cleaned_data
        milestones = [
            {k: cd[f"milestone_{i}_{k}"] for k in ("title", "indicator", "due_on", "payment_cny")}
            for i in range(ROWS)
            if cd.get(f"milestone_{i}_title")
        ]
        return {
            "data": {name: cd[name] for name in self.Meta.fields},
            "partners": list(cd["partners"]),
            "milestones": milestones,
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class AwardForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    reasons = forms.CharField(label=_("揭榜理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReportForm(forms.Form):
    report = forms.CharField(label=_("完成情况"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    evidence = forms.CharField(label=_("佐证材料"), widget=forms.Textarea(attrs={"rows": 2}), max_length=3000)


class DecideForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("验收结论"), choices=[("1", _("通过")), ("0", _("不通过"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("问题名称"), max_length=200)
    description = forms.CharField(label=_("问题描述"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    node = forms.ModelChoiceField(label=_("产业链节点"), queryset=IndustryChainNode.objects.none())
    is_common = forms.BooleanField(label=_("共性问题"), required=False)
    needs = forms.ModelMultipleChoiceField(
        label=_("来源需求"), required=False, queryset=TechnologyNeed.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, chain_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = IndustryChainNode.objects.subtree_of(chain_code)
        # Needs of this chain not yet behind a key problem: the ones staff still have to sort.
        self.fields["needs"].queryset = (
            TechnologyNeed.objects.filter(industry_chain__code__startswith=chain_code)
            .exclude(status__in=[TechnologyNeed.Status.DRAFT, TechnologyNeed.Status.REJECTED])
            .exclude(pk__in=KeyProblem.source_needs.through.objects.values("technologyneed_id"))
            .select_related("enterprise")
            .order_by("-pk")
        )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("保留的问题"), queryset=KeyProblem.objects.none())
    duplicates = forms.ModelMultipleChoiceField(
        label=_("并入的重复问题"), queryset=KeyProblem.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, chain_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        problems = KeyProblem.objects.current().under(chain_code)
        self.fields["target"].queryset = problems
        self.fields["duplicates"].queryset = problems


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("调研名称"), max_length=200)
    tag = forms.SlugField(label=_("调研标签"), max_length=40)
    chain = forms.ModelChoiceField(label=_("产业链"), queryset=IndustryChainNode.objects.chains())
    opens_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class InviteForm(forms.Form):
    enterprises = forms.ModelMultipleChoiceField(
        label=_("邀请企业"), queryset=Organisation.objects.approved().enterprises()
    )


class TagNeedForm(forms.Form):
    need = forms.ModelChoiceField(label=_("本企业需求"), queryset=TechnologyNeed.objects.none())

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = TechnologyNeed.objects.of_organisation(organisation)
