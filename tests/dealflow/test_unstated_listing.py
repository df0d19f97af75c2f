"""Deal flow on a listing that states no technical field, chain, TRL or transfer mode (real imported listings)."""

from __future__ import annotations

import pytest

from tests.factories import make_achievement

from .conftest import send_enquiry

pytestmark = pytest.mark.django_db


def test_an_enquiry_on_a_listing_without_field_or_trl_is_sent(institution_page, user_enterprise_a):
    page = make_achievement(institution_page, title="未分类的导入成果", technical_field=None, trl=None)
    enquiry = send_enquiry(user_enterprise_a, page)
    assert enquiry.pk and enquiry.technical_field is None and enquiry.chain_code == ""
