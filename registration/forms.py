"""Forms of the registration pages. They only shape input; rules are enforced by services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from marketplace.models import AchievementPage
from taxonomy.models import EntityType, IPType

from . import choices
from .models import Attachment, ContractIPRecord, ContractParty, Deduction, TechnologyContract
from .rules import RuleSet

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(forms.ModelForm):
    """The registration form (技术合同登记表) for the seller's draft."""

    contract_type = forms.ChoiceField(label=_("合同类别"), required=False)
    sub_type = forms.ChoiceField(label=_("合同子类"), required=False)
    socio_economic_objective = forms.ChoiceField(label=_("社会经济目标"), required=False)
    achievements = forms.ModelMultipleChoiceField(
        label=_("关联科技成果"), queryset=AchievementPage.objects.none(), required=False
    )

    class Meta:
        model = TechnologyContract
        fields = [
            "project_name",
            "contract_number",
            "contract_part",
            "is_written",
            "signed_on",
            "effective_on",
            "term_start",
            "term_end",
            "contract_type",
            "sub_type",
            "licence_scope",
            "is_equity_contribution",
            "is_import",
            "technical_content",
            "technical_field",
            "ip_type",
            "programme_source",
            "socio_economic_objective",
            "payment_method",
            "price_terms",
            "total_amount_cny",
            "is_mixed",
            "separable_technical_amount_cny",
            "expected_investment_cny",
            "expected_output_cny",
            "language",
            "has_chinese_version",
            "consistency_statement",
            "is_disputed",
        ]
        widgets = {"signed_on": DATE, "effective_on": DATE, "term_start": DATE, "term_end": DATE}

    def __init__(self, *args, rules: RuleSet, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        blank = [("", "——")]
        self.fields["contract_type"].choices = blank + rules.type_choices()
        self.fields["sub_type"].choices = blank + rules.sub_type_choices()
        self.fields["socio_economic_objective"].choices = blank + [
            (code, f"{code} {label}") for code, label in rules.objective_choices()
        ]
        self.fields["achievements"].queryset = AchievementPage.objects.live().filter(
            institution_organisation=organisation
        )
        if self.instance.pk:
            self.fields["achievements"].initial = list(self.instance.achievements.values_list("pk", flat=True))
        current_language = self.instance.language if self.instance.pk else ""
        self.fields["language"] = forms.ChoiceField(
            label=self.fields["language"].label,
            choices=choices.language_choices(current_language),
            initial="zh",
            help_text=_("外文合同须附中文译本和一致性声明。"),
        )
        for name in ("technical_field", "ip_type"):
            self.fields[name].label_from_instance = choices.term_name


class EntityTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        # Sub-types indented under their group, the name in the user's language, the code beside it.
        prefix = "　" if obj.parent_id else ""
        return prefix + choices.entity_type_label(obj)


class PartyForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(label=_("平台机构"), queryset=Organisation.objects.approved(), required=False)
    country_code = forms.ChoiceField(
        label=_("国别"), required=False, help_text=_("留空时取所选平台机构的国别,否则为中国。")
    )
    region_code = forms.ChoiceField(
        label=_("所在地区"), required=False, help_text=_("按省 › 市 › 县选择;境外当事人留空。")
    )
    entity_type = EntityTypeChoiceField(label=_("单位性质"), queryset=EntityType.objects.all(), required=False)

    class Meta:
        model = ContractParty
        fields = [
            "side",
            "party_role",
            "organisation",
            "name",
            "credit_code",
            "country_code",
            "region_code",
            "entity_type",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = _("选择平台机构时可留空,自动填写。")
        self.fields["country_code"].choices = [("", "——"), *choices.country_choices()]
        current_region = self.initial.get("region_code") or (self.data.get(self.add_prefix("region_code")) or "")
        self.fields["region_code"].choices = choices.region_choices(current_region)

    def clean(self):
        cleaned = super().clean()
        # Left blank: the service takes the platform organisation's country; without one the party is domestic.
        if not cleaned.get("country_code") and not cleaned.get("organisation"):
            cleaned["country_code"] = choices.HOME_COUNTRY
        return cleaned


class DeductionForm(forms.ModelForm):
    class Meta:
        model = Deduction
        fields = ["category", "description", "amount_cny", "quantity", "is_reasonable_carrier"]


class IPRecordForm(forms.ModelForm):
    ip_type = forms.ModelChoiceField(label=_("类型"), queryset=IPType.objects.active())

    class Meta:
        model = ContractIPRecord
        fields = ["ip_type", "number", "holder", "status", "expires_on"]
        widgets = {"expires_on": DATE}


PartyFormSet = forms.formset_factory(PartyForm, extra=2, can_delete=True, max_num=20)
DeductionFormSet = forms.formset_factory(DeductionForm, extra=2, can_delete=True, max_num=50)
IPRecordFormSet = forms.formset_factory(IPRecordForm, extra=1, can_delete=True, max_num=50)


def rows_from(formset, fields: tuple[str, ...]) -> list[dict]:
    """Cleaned rows of a formset, skipping blank extra forms and those marked for deletion."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({name: data.get(name) for name in fields if name in data})
    return rows


def initial_rows(queryset, fields: tuple[str, ...]) -> list[dict]:
    return [{name: getattr(obj, name) for name in fields} for obj in queryset]


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("附件类别"), choices=Attachment.Kind.choices)
    file = forms.FileField(label=_("PDF 文件"))


class ClassifyForm(forms.Form):
    contract_type = forms.ChoiceField(label=_("合同类别"))
    sub_type = forms.ChoiceField(label=_("合同子类"))
    licence_scope = forms.ChoiceField(
        label=_("许可范围"), choices=[("", "——"), *TechnologyContract.LicenceScope.choices], required=False
    )
    is_equity_contribution = forms.BooleanField(label=_("技术入股"), required=False)
    reason = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, rules: RuleSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract_type"].choices = rules.type_choices()
        self.fields["sub_type"].choices = rules.sub_type_choices()


class CorrectAmountForm(forms.Form):
    field = forms.ChoiceField(
        label=_("更正项目"), choices=[("total_amount_cny", _("合同成交额")), ("technology_amount_cny", _("技术交易额"))]
    )
    corrected_cny = forms.DecimalField(label=_("更正后金额(元)"), max_digits=16, decimal_places=2, min_value=0)
    reason = forms.CharField(label=_("更正理由"), widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}))


class RegisterForm(forms.Form):
    explanation = forms.CharField(label=_("认定意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RefuseForm(forms.Form):
    reason_codes = forms.MultipleChoiceField(label=_("不予登记理由"), widget=forms.CheckboxSelectMultiple)
    explanation = forms.CharField(label=_("书面说明"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, rules: RuleSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_codes"].choices = [(code, f"{code} {label}") for code, label in rules.refusal_choices()]


class RedetermineForm(RefuseForm):
    upheld = forms.TypedChoiceField(
        label=_("复核结论"),
        choices=[("0", _("异议不成立,维持原认定")), ("1", _("异议成立,重新认定"))],
        coerce=lambda v: v == "1",
    )
    resolution = forms.CharField(label=_("复核意见"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_codes"].required = False
        del self.fields["explanation"]


class AmendmentForm(forms.Form):
    project_name = forms.CharField(label=_("项目名称"), required=False, max_length=200)
    contract_number = forms.CharField(label=_("合同编号"), required=False, max_length=100)
    term_end = forms.DateField(label=_("合同有效期止"), required=False, widget=DATE)
    total_amount_cny = forms.DecimalField(label=_("合同成交额(元)"), required=False, max_digits=16, decimal_places=2)
    technology_amount_cny = forms.DecimalField(
        label=_("技术交易额(元)"), required=False, max_digits=16, decimal_places=2
    )
    reason = forms.CharField(label=_("变更理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def changes(self) -> dict:
        return {
            name: value for name, value in self.cleaned_data.items() if name != "reason" and value not in (None, "")
        }


class ObjectionForm(forms.Form):
    grounds = forms.CharField(label=_("异议理由"), widget=forms.Textarea(attrs={"rows": 3}))


class AmendmentDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审核结论"), choices=[("1", _("准予变更")), ("0", _("不予变更"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("登记编号"), max_length=32)
    code = forms.CharField(label=_("核验码"), max_length=16)


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DATE)
    is_working_day = forms.TypedChoiceField(
        label=_("该日为"), choices=[("0", _("休息日(节假日)")), ("1", _("工作日(调休上班)"))], coerce=lambda v: v == "1"
    )
    name = forms.CharField(label=_("名称"), max_length=50, required=False)


class PrefillForm(forms.Form):
    buyer_organisation = forms.ModelChoiceField(
        label=_("买方(受让方、被许可方或委托方)"), queryset=Organisation.objects.approved()
    )

    def __init__(self, *args, exclude_pk: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if exclude_pk:
            self.fields["buyer_organisation"].queryset = Organisation.objects.approved().exclude(pk=exclude_pk)
