"""Forms of the deal-flow pages; they only shape input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.models import AchievementPage
from taxonomy.models import TransferMode

from .models import NOTICE_MIN_DAYS, Deal, DeclineReason, LostReason, Timeline


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class EnquiryForm(forms.Form):
    purpose = forms.CharField(label=_("拟开展的工作"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    intended_use = forms.CharField(label=_("应用场景与规模"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    budget_min_cny = forms.DecimalField(label=_("预算下限(元)"), required=False, min_value=0, decimal_places=2)
    budget_max_cny = forms.DecimalField(label=_("预算上限(元)"), required=False, min_value=0, decimal_places=2)
    timeline = forms.ChoiceField(label=_("时间安排"), choices=Timeline.choices)
    transfer_mode = forms.ModelChoiceField(label=_("意向转化方式"), queryset=TransferMode.objects.all(), required=False)


class ProposalForm(forms.Form):
    approach = forms.CharField(label=_("技术方案"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    achievements = forms.ModelMultipleChoiceField(
        label=_("相关科技成果(可不选:表示具备研发能力)"),
        queryset=AchievementPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cost_min_cny = forms.DecimalField(label=_("费用下限(元)"), required=False, min_value=0, decimal_places=2)
    cost_max_cny = forms.DecimalField(label=_("费用上限(元)"), required=False, min_value=0, decimal_places=2)
    duration = forms.CharField(label=_("所需时间"), max_length=100)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["achievements"].queryset = AchievementPage.objects.live().of_organisation(organisation)


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("婉拒原因"), choices=DeclineReason.choices)
    note = forms.CharField(label=_("说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("消息"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("附件(PDF 或图片)"), required=False)


class TransitionForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("变更为"), choices=Deal.Stage.choices)
    reason = forms.CharField(label=_("说明"), required=False, max_length=2000)


class PriceForm(forms.Form):
    price_cny = forms.DecimalField(label=_("约定价格(元)"), min_value=0, decimal_places=2)
    negotiated = forms.BooleanField(label=_("协议定价"), required=False, initial=True)
    notice_days = forms.IntegerField(label=_("公示天数"), min_value=1, initial=NOTICE_MIN_DAYS)
    objection_contact = forms.CharField(label=_("异议受理方式"), required=False, max_length=300)


class LostForm(forms.Form):
    reason = forms.ChoiceField(label=_("终止原因"), choices=LostReason.choices)
    note = forms.CharField(label=_("说明"), required=False, max_length=2000)


class ReceiptForm(forms.Form):
    amount_cny = forms.DecimalField(label=_("到账金额(元)"), min_value=0, decimal_places=2)
    received_on = forms.DateField(label=_("到账日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("备注"), required=False, max_length=300)


class ObjectionForm(forms.Form):
    name = forms.CharField(label=_("异议人"), max_length=100)
    contact = forms.CharField(label=_("联系方式"), max_length=100)
    grounds = forms.CharField(label=_("异议理由"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("处理结果"),
        choices=[("0", _("异议不成立")), ("1", _("异议成立(撤销公示)"))],
        coerce=lambda v: v == "1",
    )
    resolution = forms.CharField(label=_("处理意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DisclosureForm(forms.Form):
    details = forms.CharField(
        label=_("保密技术资料"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )


class DisclosureFileForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    file = forms.FileField(label=_("文件(PDF)"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))


class NdaForm(forms.Form):
    text = forms.CharField(label=_("保密协议文本"), max_length=20000, widget=forms.Textarea(attrs={"rows": 12}))


class NdaAcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.BooleanField(label=_("我已阅读并同意上述保密协议,代表本单位签署"))
