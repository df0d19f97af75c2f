"""Forms for sign-up and organisation review; they validate input shape, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Region

from .validators import validate_credit_code


class SignupForm(forms.Form):
    """Enterprise sign-up: the person and their enterprise in one form."""

    username = forms.CharField(
        label=_("用户名"), max_length=150, help_text=_("用于登录,可使用字母、数字和 @/./+/-/_。")
    )
    display_name = forms.CharField(label=_("姓名"), max_length=50)
    email = forms.EmailField(label=_("电子邮箱"))
    phone = forms.CharField(label=_("手机号"), max_length=30)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, help_text=_("至少 8 位,不能全是数字。"))
    password_again = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput)

    name = forms.CharField(label=_("企业名称"), max_length=200, help_text=_("与营业执照一致。"))
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, min_length=18, validators=[validate_credit_code]
    )
    region = forms.ModelChoiceField(
        label=_("所在地区"), queryset=Region.objects.order_by("code"), empty_label=_("请选择")
    )
    address = forms.CharField(label=_("地址"), max_length=300, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=50)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30)
    contact_email = forms.EmailField(label=_("联系邮箱"), required=False)
    description = forms.CharField(label=_("企业简介"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    person_fields = ("username", "display_name", "email", "phone", "password", "password_again")

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("两次输入的密码不一致。"))
        return data

    def person_fields_bound(self):
        return [self[name] for name in self.person_fields]

    def organisation_fields_bound(self):
        return [self[name] for name in self.fields if name not in self.person_fields]

    def organisation_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.person_fields}


class ReviewNoteForm(forms.Form):
    note = forms.CharField(
        label=_("审核意见(退回时必填)"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class RoleAssignForm(forms.Form):
    """Staff give a user one role and, for enterprise users and institution editors, their organisation."""

    role = forms.ChoiceField(label=_("角色"))
    organisation = forms.ModelChoiceField(label=_("所属机构"), queryset=None, required=False, empty_label=_("无"))

    def __init__(self, *args, **kwargs):
        from .models import Organisation, User

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = User.Role.choices
        self.fields["organisation"].queryset = Organisation.objects.exclude(status=Organisation.Status.REJECTED)
