"""Permission matrix: roles × actions, through services, pages and the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from common.errors import NotAllowed, NotFoundError
from registration import services
from registration.selectors import contracts_visible_to
from tests.factories import UserFactory
from tests.module_data import fresh, suite_roles

from .factories import contract_data, parties_for, ready_draft, submitted

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "enterprise_a",
    "enterprise_b",
    "institution_editor",
    "registrar",
    "registrar_own_org",
    "bureau_staff",
]


@pytest.fixture(scope="module")
def _rows(django_db_setup, django_db_blocker):
    """The suite's role fixtures' rows (same names), the city registry's registrars and the seller's own registrar,
    built once for the module's cases inside a transaction rolled back after it; each case's own writes (contracts,
    decisions, certificates) roll back to a savepoint. The fixtures below hand each case freshly read copies."""
    from django.db import transaction
    from django.db.backends.base.base import BaseDatabaseWrapper

    from .factories import city_registry

    # A test that closes a response itself (the certificate's FileResponse) sends request_finished, whose
    # close_old_connections closes a connection that is inside a transaction, as a server would after a request:
    # that would end the module's transaction and lose its rows for every later case. While the module runs, a
    # connection inside a transaction stays open.
    original = BaseDatabaseWrapper.close_if_unusable_or_obsolete

    def keep_open_in_a_transaction(self):
        if not self.in_atomic_block:
            original(self)

    with (
        pytest.MonkeyPatch.context() as patch,
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        patch.setattr(BaseDatabaseWrapper, "close_if_unusable_or_obsolete", keep_open_in_a_transaction)
        rows = suite_roles()
        rows["registry"] = city_registry(rows["user_registrar"])
        rows["registrar_own_org"] = UserFactory(
            username="registrar_a", role=User.Role.REGISTRAR, organisation=rows["enterprise_a"]
        )
        rows["registry"].registrars.add(rows["registrar_own_org"])
        yield rows
        transaction.set_rollback(True)


def _fresh(rows, name):
    return fresh(rows[name])


@pytest.fixture
def enterprise_a(_rows, db):
    return _fresh(_rows, "enterprise_a")


@pytest.fixture
def enterprise_b(_rows, db):
    return _fresh(_rows, "enterprise_b")


@pytest.fixture
def institution(_rows, db):
    return _fresh(_rows, "institution")


@pytest.fixture
def user_registrar(_rows, db):
    return _fresh(_rows, "user_registrar")


@pytest.fixture
def registry(_rows, db):
    return _fresh(_rows, "registry")


@pytest.fixture
def people(_rows, db):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "enterprise_a": _fresh(_rows, "user_enterprise_a"),
        "enterprise_b": _fresh(_rows, "user_enterprise_b"),
        "institution_editor": _fresh(_rows, "user_institution_editor"),
        "registrar": _fresh(_rows, "user_registrar"),
        "registrar_own_org": _fresh(_rows, "registrar_own_org"),
        "bureau_staff": _fresh(_rows, "user_bureau_staff"),
    }


# Seller is enterprise A; enterprise B is the buyer party.
VIEW_SUBMITTED = {"enterprise_a", "enterprise_b", "registrar", "registrar_own_org", "bureau_staff"}
VIEW_DRAFT = {"enterprise_a"}
DECIDE = {"registrar"}
FILE = {"enterprise_a", "enterprise_b", "institution_editor"}
OBJECT = {"enterprise_a", "enterprise_b"}


@pytest.mark.parametrize("role", ROLES)
def test_visibility(role, people, enterprise_b):
    seller = people["enterprise_a"]
    draft = ready_draft(seller, enterprise_b)
    filed = submitted(seller, enterprise_b)
    visible = set(contracts_visible_to(people[role]).values_list("pk", flat=True))
    assert (draft.pk in visible) == (role in VIEW_DRAFT)
    assert (filed.pk in visible) == (role in VIEW_SUBMITTED)


@pytest.mark.parametrize("role", ROLES)
def test_detail_page(role, people, enterprise_b, client):
    filed = submitted(people["enterprise_a"], enterprise_b)
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(reverse("registration:contract_detail", args=[filed.pk]))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in VIEW_SUBMITTED else 404)


@pytest.mark.parametrize("role", ROLES)
def test_create_draft(role, people, enterprise_b):
    user = people[role]
    if role in FILE:
        contract = services.contract_create_draft(
            user=user, data=contract_data(), parties=parties_for(user.organisation, enterprise_b)
        )
        assert contract.seller_organisation == user.organisation
    else:
        with pytest.raises(NotAllowed):
            services.contract_create_draft(user=user, data=contract_data(), parties=[])


@pytest.mark.parametrize("role", ROLES)
def test_edit_and_submit_draft(role, people, enterprise_b):
    draft = ready_draft(people["enterprise_a"], enterprise_b)
    user = people[role]
    if role == "enterprise_a":
        services.contract_update_draft(user=user, contract=draft, data={"contract_number": "X"})
        services.contract_submit(user=user, contract=draft)
        return
    with pytest.raises((NotAllowed, NotFoundError)):
        services.contract_update_draft(user=user, contract=draft, data={"contract_number": "X"})
    with pytest.raises((NotAllowed, NotFoundError)):
        services.contract_submit(user=user, contract=draft)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["register", "refuse", "request_material", "classify"])
def test_registrar_decisions(role, action, people, enterprise_b):
    filed = submitted(people["enterprise_a"], enterprise_b)
    user = people[role]
    run = {
        "register": lambda: services.contract_register(user=user, contract=filed, issue_certificate=False),
        "refuse": lambda: services.contract_refuse(
            user=user, contract=filed, reason_codes=["R2026-1"], explanation="x", issue_certificate=False
        ),
        "request_material": lambda: services.contract_request_material(user=user, contract=filed, note="x"),
        "classify": lambda: services.contract_classify(
            user=user, contract=filed, contract_type="development", sub_type="cooperative_development"
        ),
    }[action]
    if role in DECIDE:
        run()
    else:
        with pytest.raises((NotAllowed, NotFoundError)) as exc:
            run()
        if role == "registrar_own_org":
            assert "本单位" in exc.value.message


def test_registrar_of_another_registry_sees_nothing(people, enterprise_b):
    from registration.models import Registry
    from taxonomy.models import Region

    other = Registry.objects.create(
        name="福州市技术合同登记处", region=Region.objects.get(code="350100"), code="350100"
    )
    outsider = UserFactory(username="fz_registrar", role=User.Role.REGISTRAR)
    other.registrars.add(outsider)
    filed = submitted(people["enterprise_a"], enterprise_b)
    assert not contracts_visible_to(outsider).filter(pk=filed.pk).exists()
    with pytest.raises(NotFoundError):
        services.contract_register(user=outsider, contract=filed)


@pytest.mark.parametrize("role", ROLES)
def test_objection(role, people, enterprise_b):
    filed = submitted(people["enterprise_a"], enterprise_b)
    services.contract_register(user=people["registrar"], contract=filed, issue_certificate=False)
    user = people[role]
    if role in OBJECT:
        services.contract_object(user=user, contract=filed, grounds="认定类别有误")
    else:
        with pytest.raises((NotAllowed, NotFoundError)):
            services.contract_object(user=user, contract=filed, grounds="认定类别有误")


@pytest.mark.usefixtures("certificates_at_once")  # the certificate is downloaded
@pytest.mark.parametrize("role", ROLES)
def test_certificate_download(role, people, enterprise_b, client):
    filed = submitted(people["enterprise_a"], enterprise_b)
    services.contract_register(user=people["registrar"], contract=filed)
    certificate = filed.certificates.get()
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(reverse("registration:certificate", args=[certificate.pk]))
    response.close()  # a FileResponse holds the file open until closed
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in VIEW_SUBMITTED else 404)


@pytest.mark.parametrize("role", ROLES)
def test_api_queue_and_register(role, people, enterprise_b):
    filed = submitted(people["enterprise_a"], enterprise_b)
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(people[role])
    queue = client.get("/api/v1/registration/queue/")
    register = client.post(f"/api/v1/registration/contracts/{filed.pk}/register/", {}, format="json")
    if role == "anonymous":
        assert queue.status_code in (401, 403) and register.status_code in (401, 403)
    elif role in ("registrar", "registrar_own_org"):
        assert queue.status_code == 200
        assert register.status_code == (200 if role == "registrar" else 403)
    else:
        assert queue.status_code == 403
        assert register.status_code == (403 if role in VIEW_SUBMITTED else 404)
