"""The bureau's figures on a known data set: sign-ups, attendance, meetings, outcomes, and the enquiries, deals,
registered contracts and 技术交易额 traced back through the event's tagged enquiries."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from common import clock
from dealflow import services as dealflow_services
from dealflow.models import Deal
from matchmaking import services, statistics
from matchmaking.models import EventEnquiry, EventPage
from tests.registration.factories import city_registry
from tests.registration.statistics_factories import registered

from .factories import accept_all, enterprise_user, make_event, sign_up

pytestmark = pytest.mark.django_db


def _trace(fair, user_bureau_staff, user_registrar):
    """Fair: 5 sign-ups (4 approved), 2 meetings held; battery×lab follow-up from both sides, then accepted by the
    lab in dealflow; cells×lab deal from both sides. Both deals reach registered contracts (¥600,000 and
    ¥900,000). A third contract registered outside the fair must not count. A second event (招商会) has one
    approved sign-up and nothing else."""
    sign_up(enterprise_user("观望企业"), fair.event)  # pending: counts as a sign-up, not approved
    meetings = accept_all(fair, user_bureau_staff)
    battery = next(m for m in meetings if m.enterprise_signup_id == fair.signups.battery.pk)
    cells = next(m for m in meetings if m.enterprise_signup_id == fair.signups.cells.pk)
    with clock.at(fair.event.starts_at + timedelta(hours=3)):
        services.outcome_record(user=fair.users.battery, meeting=battery, result="follow_up")
        services.outcome_record(user=fair.users.lab, meeting=battery, result="follow_up")
        services.outcome_record(user=fair.users.lab, meeting=cells, result="deal")
        services.outcome_record(user=fair.users.cells, meeting=cells, result="deal")
        dealflow_services.approach_accept(
            user=fair.users.lab, approach=EventEnquiry.objects.get(meeting=battery).enquiry
        )
    registry = city_registry(user_registrar)
    day = timezone.localdate(fair.event.starts_at) + timedelta(days=30)
    contracts = [
        registered(user_registrar, registry, registered_on=day, total="600000.00"),
        registered(user_registrar, registry, registered_on=day, total="900000.00"),
    ]
    registered(user_registrar, registry, registered_on=day, total="5000000.00")  # not from the fair
    for deal, contract in zip(Deal.objects.order_by("pk"), contracts, strict=True):
        Deal.objects.filter(pk=deal.pk).update(contract=contract)
    other = make_event(title="科技招商专场对接会(测试)", kind=EventPage.Kind.PROMOTION)
    services.signup_approve(user=user_bureau_staff, signup=sign_up(enterprise_user("招商企业"), other))
    return fair.event, other, contracts


@pytest.fixture(scope="module")
def _traced_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Bureau staff, the registrar (the suite's role rows, same names) and the traced fair, built once for the
    module inside a transaction rolled back after it (each test's writes roll back to a savepoint); files go to a
    temporary media folder, as the package's _media fixture does for each test."""
    from django.db import transaction
    from django.test.utils import override_settings

    from accounts.models import User
    from tests.factories import UserFactory

    from .conftest import _build_fair

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        staff = UserFactory(username="bureau", role=User.Role.BUREAU_STAFF, is_staff=True)
        registrar = UserFactory(username="registrar", role=User.Role.REGISTRAR)
        yield staff, registrar, _trace(_build_fair(staff), staff, registrar)
        transaction.set_rollback(True)


def _fresh(row):
    return type(row).objects.get(pk=row.pk)


@pytest.fixture
def user_bureau_staff(_traced_once, db):
    return _fresh(_traced_once[0])


@pytest.fixture
def user_registrar(_traced_once, db):
    return _fresh(_traced_once[1])


@pytest.fixture
def traced(_traced_once, db):
    event, other, contracts = _traced_once[2]
    return _fresh(event), _fresh(other), [_fresh(contract) for contract in contracts]


def test_event_figures_trace_to_contracts(traced):
    fair, other, contracts = traced
    figures = statistics.event_figures(fair)
    assert figures.counts == {
        "signups": 5,
        "approved": 4,
        "attended": 3,  # the rice breeders had no meeting and were not marked attended
        "proposed": 2,
        "accepted": 2,
        "held": 2,
        "no_interest": 0,
        "follow_up": 2,
        "enquiry": 0,
        "deal": 2,
        "enquiries": 2,
        "deals": 2,
        "contracts": 2,
    }
    expected = sum((c.effective_technology_amount_cny for c in contracts), Decimal("0"))
    assert expected > 0
    assert figures.technology_amount == expected
    assert statistics.event_figures(other).counts["approved"] == 1
    assert statistics.event_figures(other).counts["enquiries"] == 0


def test_report_groups_by_kind_and_year(traced):
    fair, other, _contracts = traced
    report = statistics.figures_report()
    assert {row["event"].pk for row in report["rows"]} == {fair.pk, other.pk}
    assert report["total"].counts["approved"] == 5
    kinds = dict(report["groups"]["kind"])
    assert kinds[str(EventPage.Kind.FAIR.label)].counts["contracts"] == 2
    assert kinds[str(EventPage.Kind.PROMOTION.label)].counts["contracts"] == 0
    only_promotion = statistics.figures_report(kind=EventPage.Kind.PROMOTION)
    assert [row["event"].pk for row in only_promotion["rows"]] == [other.pk]


def test_figures_page_and_export_for_staff_only(traced, client, user_bureau_staff, user_enterprise_a):
    fair, _other, contracts = traced
    EventPage.objects.filter(pk=fair.pk).update(title='=HYPERLINK("http://x")对接会')
    client.force_login(user_enterprise_a)
    assert client.get(reverse("matchmaking:figures")).status_code == 403
    assert client.get(reverse("matchmaking:figures_export")).status_code == 403
    client.force_login(user_bureau_staff)
    page = client.get(reverse("matchmaking:figures"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    amount = sum((c.effective_technology_amount_cny for c in contracts), Decimal("0"))
    assert f"¥{amount:,.2f}" in page.content.decode()  # 技术交易额 reads as money, thousands separated
    response = client.get(reverse("matchmaking:figures_export"))
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    titles = [sheet.cell(row=r, column=1) for r in range(3, sheet.max_row + 1)]
    formula = next(c for c in titles if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"  # written as text, never a live formula


def test_chain_rows_are_named_in_the_readers_language():
    from django.utils import translation

    from matchmaking.statistics import _chain_label

    assert _chain_label("GRA") == "石墨烯"
    with translation.override("en"):
        assert _chain_label("GRA") != "GRA" and not any("\u4e00" <= ch <= "\u9fff" for ch in _chain_label("GRA"))
    assert _chain_label("—") == "—"
