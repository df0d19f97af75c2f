"""One helper turns a domain error into page messages: field errors beside their inputs, the rest on top."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from common.errors import DomainError
from common.messages import report_domain_error


class _Form(forms.Form):
    name = forms.CharField(required=False)


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_field_errors_go_on_the_form_and_the_rest_become_messages():
    request = _request()
    form = _Form({"name": "x"})
    form.is_valid()
    error = DomainError("无法保存。", field_errors={"name": ["名称重复。"], "amount": ["金额过大。", "无法保存。"]})
    report_domain_error(request, error, form=form)
    assert form.errors["name"] == ["名称重复。"]
    assert [str(m) for m in get_messages(request)] == ["无法保存。", "金额过大。"]


def test_without_a_form_every_field_error_is_a_message():
    request = _request()
    report_domain_error(request, DomainError("已撤回。", field_errors={"status": ["状态不允许。"]}))
    assert [str(m) for m in get_messages(request)] == ["已撤回。", "状态不允许。"]
