"""Forms for enterprises' needs (with indicator rows) and staff review. Services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from common.messages import domain_error_to_form
from taxonomy.models import IndustryChainNode, Region, TechnicalField, TransferMode

from .filters import ChainChoiceField, TermChoiceField
from .models import TechnologyNeed
from .services import NEED_EDITABLE_FIELDS


class NeedCloseForm(forms.Form):
    """Why a need is closed: the bureau sees how needs end; the service checks the same rules."""

    reason = forms.ChoiceField(
        label=_("关闭原因"),
        choices=TechnologyNeed.CloseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择关闭原因。"), "invalid_choice": _("请选择关闭原因。")},
    )
    note = forms.CharField(
        label=_("说明(可不填)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如通过哪家单位、哪项技术解决,或还缺什么样的技术。"),
    )


class NeedForm(forms.ModelForm):
    class Meta:
        model = TechnologyNeed
        fields = NEED_EDITABLE_FIELDS
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 6}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "budget_min_cny": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            "budget_max_cny": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }
        # Enterprises often do not know the national field code: say so, and staff get a suggestion from the text.
        labels = {"technical_field": _("技术领域(不清楚可不填)")}
        field_classes = {
            "industry_chain": ChainChoiceField,
            "technical_field": TermChoiceField,
            "cooperation_mode": TermChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(NEED_EDITABLE_FIELDS)
        for name in ("technical_field", "industry_chain", "region", "cooperation_mode"):
            self.fields[name].empty_label = _("请选择") if self.fields[name].required else _("不限")
        self.fields["technical_field"].empty_label = _("不清楚")
        self.fields["technical_field"].queryset = TechnicalField.objects.active()
        self.fields["industry_chain"].queryset = IndustryChainNode.objects.order_by("code")
        self.fields["region"].queryset = Region.objects.order_by("code")
        self.fields["cooperation_mode"].queryset = TransferMode.objects.active()
        self.fields["min_trl"].widget = forms.Select(
            choices=[("", _("不限"))] + [(i, f"TRL {i}") for i in range(1, 10)]
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in NEED_EDITABLE_FIELDS}


class NeedIndicatorForm(forms.Form):
    name = forms.CharField(label=_("指标名称"), max_length=100, required=False)
    target = forms.CharField(label=_("目标值"), max_length=50, required=False)
    unit = forms.CharField(label=_("单位"), max_length=30, required=False)

    def clean(self):
        data = super().clean()
        filled = [data.get(key) for key in ("name", "target", "unit")]
        if any(filled) and not (data.get("name") and data.get("target")):
            raise forms.ValidationError(_("指标名称和目标值都要填写(不用的行请留空)。"))
        return data

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any(data.get(key) for key in ("name", "target", "unit"))


NeedIndicatorFormSet = forms.formset_factory(NeedIndicatorForm, extra=2, max_num=20, validate_max=True, can_delete=True)


def indicator_rows(formset) -> tuple[list[dict], list[forms.Form]]:
    """The filled, not-deleted rows (in order) and the forms they came from, for mapping errors back."""
    rows, forms_used = [], []
    for form in formset.forms:
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if form.is_blank():
            continue
        rows.append({key: form.cleaned_data.get(key, "") for key in ("name", "target", "unit")})
        forms_used.append(form)
    return rows, forms_used


def add_need_errors(form: NeedForm, formset, rows_forms: list[forms.Form], error: DomainError) -> None:
    """Service messages go next to their field; ``indicators[2].name`` goes to the second filled row."""
    for key, messages in error.field_errors.items():
        if key.startswith("indicators["):
            position = int(key[len("indicators[") : key.index("]")])
            field = key.split(".", 1)[1] if "." in key else None
            target = rows_forms[position - 1] if 0 < position <= len(rows_forms) else None
            for message in messages:
                if target is not None:
                    target.add_error(field if field in target.fields else None, message)
                else:
                    form.add_error(None, message)
    other = DomainError(
        error.message, field_errors={k: v for k, v in error.field_errors.items() if not k.startswith("indicators[")}
    )
    if other.field_errors or not error.field_errors:
        domain_error_to_form(form, other)
