"""Enterprise sign-up (a pending organisation) and the staff's organisation review page."""

import pytest

from accounts import services
from accounts.models import Organisation, User
from common.errors import Conflict, DomainError, NotAllowed
from taxonomy.models import Region
from tests.factories import OrganisationFactory, make_credit_code

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "username": "newcorp",
        "display_name": "王经理",
        "email": "wang@newcorp.cn",
        "phone": "13900000000",
        "password": "Fluorine-2026-x",
        "password_again": "Fluorine-2026-x",
        "name": "三明新氟材料有限公司",
        "credit_code": make_credit_code(777),
        "region": Region.objects.get(code="350400").pk,
        "contact_name": "王经理",
        "contact_phone": "0598-1234567",
    }
    data.update(overrides)
    return data


def test_signup_creates_a_pending_enterprise_and_says_staff_must_approve(client):
    assert "审核" in client.get("/accounts/signup/").content.decode()
    response = client.post("/accounts/signup/", signup_data(), follow=True)
    assert response.status_code == 200
    user = User.objects.get(username="newcorp")
    assert user.role == User.Role.ENTERPRISE_MEMBER
    assert user.organisation.status == Organisation.Status.PENDING
    assert user.organisation.kind == Organisation.Kind.ENTERPRISE
    assert not user.groups.exists()
    assert "等待科技局审核" in response.content.decode()


def test_signup_bad_input_puts_messages_next_to_fields_and_saves_nothing(client):
    OrganisationFactory(name="已存在的企业")
    response = client.post(
        "/accounts/signup/",
        signup_data(credit_code="91350400000000000X", password_again="different", name="已存在的企业", email="nope"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "credit_code" in errors and "password_again" in errors and "email" in errors
    assert User.objects.filter(username="newcorp").count() == 0


def test_service_refusals_reach_the_form(client):
    OrganisationFactory(name="已存在的企业")
    response = client.post(
        "/accounts/signup/", signup_data(name="已存在的企业", password="12345678", password_again="12345678")
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "name" in errors and "password" in errors
    assert not Organisation.objects.filter(credit_code=make_credit_code(777)).exists()


def test_register_service_names_fields():
    with pytest.raises(DomainError) as info:
        services.organisation_register(username="", password="x", organisation={"name": ""})
    assert {"username", "password", "organisation.name", "organisation.credit_code"} <= set(info.value.field_errors)
    assert not Organisation.objects.filter(name="").exists()


def test_approve_and_reject_are_staff_only(user_bureau_staff, user_enterprise_a):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    with pytest.raises(NotAllowed):
        services.organisation_approve(actor=user_enterprise_a, organisation=pending)
    with pytest.raises(DomainError):
        services.organisation_reject(actor=user_bureau_staff, organisation=pending, note="  ")
    services.organisation_approve(actor=user_bureau_staff, organisation=pending)
    pending.refresh_from_db()
    assert pending.is_approved and pending.reviewed_by == user_bureau_staff and pending.reviewed_at
    with pytest.raises(Conflict):
        services.organisation_approve(actor=user_bureau_staff, organisation=pending)


def test_staff_organisation_page(client, user_bureau_staff, user_enterprise_a):
    pending = OrganisationFactory(name="待审核企业", status=Organisation.Status.PENDING)
    client.force_login(user_enterprise_a)
    assert client.get("/staff/organisations/").status_code == 403
    client.force_login(user_bureau_staff)
    assert "待审核企业" in client.get("/staff/organisations/").content.decode()
    client.post(f"/staff/organisations/{pending.pk}/review/", {"decision": "reject", "note": "信用代码与名称不符"})
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.REJECTED and pending.review_note == "信用代码与名称不符"
    assert "信用代码与名称不符" in client.get("/staff/organisations/?status=rejected").content.decode()
    other = OrganisationFactory(status=Organisation.Status.PENDING)
    client.post(f"/staff/organisations/{other.pk}/review/", {"decision": "approve"})
    other.refresh_from_db()
    assert other.is_approved


def test_login_and_logout(client, user_enterprise_a):
    response = client.post("/accounts/login/", {"username": "ent_a", "password": "pass-1234-word"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    wrong = client.post("/accounts/login/", {"username": "ent_a", "password": "wrong"})
    assert "用户名或密码不正确" in wrong.content.decode()
    assert client.post("/accounts/logout/").status_code == 302


def test_staff_assign_roles_on_the_site(client, user_bureau_staff, user_enterprise_a, institution_page):
    from marketplace import cms

    person = User.objects.create_user("newbie", password="pass-1234-word")
    client.force_login(user_enterprise_a)
    assert client.get("/staff/users/").status_code == 403
    client.force_login(user_bureau_staff)
    assert "newbie" in client.get("/staff/users/?q=newb").content.decode()
    prefix = f"u{person.pk}"
    response = client.post(
        f"/staff/users/{person.pk}/role/", {f"{prefix}-role": "institution_editor", f"{prefix}-organisation": ""}
    )
    person.refresh_from_db()
    assert person.role == User.Role.PUBLIC  # refused: an editor needs an institution
    assert "机构编辑必须属于一家科研机构" in client.get(response["Location"]).content.decode()
    client.post(
        f"/staff/users/{person.pk}/role/",
        {f"{prefix}-role": "institution_editor", f"{prefix}-organisation": institution_page.organisation_id},
    )
    person.refresh_from_db()
    assert person.role == User.Role.INSTITUTION_EDITOR
    assert cms.institution_group_name(institution_page.organisation) in set(
        person.groups.values_list("name", flat=True)
    )


def test_forbidden_and_missing_pages_are_friendly(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    forbidden = client.get("/staff/needs/")
    assert forbidden.status_code == 403 and "只有科技局工作人员可以审核技术需求" in forbidden.content.decode()
    missing = client.get("/needs/999999/")
    assert missing.status_code == 404 and "尚未公开发布" in missing.content.decode()
