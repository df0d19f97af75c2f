"""One adapter from domain errors to what an HTML page shows."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from common.messages import domain_error_to_form, domain_error_to_messages, domain_error_to_page


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


class _Form(forms.Form):
    name = forms.CharField(required=False)


def test_error_becomes_page_messages_summary_first():
    request = _request()
    error = DomainError("请按提示修改。", field_errors={"note": ["请填写退回原因。"], "x": ["第二条"]})

    domain_error_to_messages(request, error)

    assert [str(m) for m in get_messages(request)] == ["请按提示修改。", "请填写退回原因。", "第二条"]


def test_error_goes_next_to_the_form_fields():
    form = _Form(data={})
    form.is_valid()
    domain_error_to_messages(
        _request(), DomainError("有误", field_errors={"name": ["名称重复"], "other": ["整体"]}), form
    )
    assert form.errors["name"] == ["名称重复"]
    assert form.non_field_errors() == ["整体"]


def test_error_without_fields_is_form_wide_and_prefix_selects_keys():
    form = _Form(data={})
    form.is_valid()
    domain_error_to_form(form, Conflict("状态不允许"))
    assert form.non_field_errors() == ["状态不允许"]
    other = _Form(data={})
    other.is_valid()
    domain_error_to_form(
        other, DomainError("有误", field_errors={"org.name": ["机构名称重复"], "name": ["x"]}), prefix="org."
    )
    assert other.errors == {"name": ["机构名称重复"]}


def test_refusal_is_a_403_with_its_reason():
    with pytest.raises(PermissionDenied, match="只有科技局"):
        domain_error_to_messages(_request(), NotAllowed("只有科技局工作人员可以审核。"))


def test_a_page_about_one_object_answers_404_403_or_a_message():
    request = _request()
    with pytest.raises(Http404):
        domain_error_to_page(request, NotFoundError("活动不存在。"))
    with pytest.raises(PermissionDenied):
        domain_error_to_page(request, NotAllowed("只有科技局工作人员可以操作。"))
    domain_error_to_page(request, Conflict("报名已截止。"))
    assert [str(m) for m in get_messages(request)] == ["报名已截止。"]
