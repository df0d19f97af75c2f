"""The statistics dashboard, API and Excel exports: permissions, year validation, file contents, query count."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from registration import services
from tests.factories import make_achievement

from .statistics_factories import FOREIGN, LOCAL, registered

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Figures are cached by a version that lives in the cache; each test starts from an empty one.
    cache.clear()


YEAR = timezone.localdate().year
JAN = date(YEAR, 1, 5)
PREVIOUS = date(YEAR - 1, 1, 1)  # inside the comparison period whatever day it is

PAGES = {
    "dashboard": lambda: reverse("registration:statistics"),
    "export_statistics": lambda: reverse("registration:statistics_export"),
    "export_register": lambda: reverse("registration:statistics_register_export"),
    "api": lambda: "/api/v1/registration/statistics/",
    "api_commercialisation": lambda: "/api/v1/registration/statistics/commercialisation/",
    "api_export_statistics": lambda: "/api/v1/registration/statistics/export/statistics.xlsx",
    "api_export_register": lambda: "/api/v1/registration/statistics/export/register.xlsx",
}
ROLES = {
    "enterprise": "user_enterprise_a",
    "institution_editor": "user_institution_editor",
    "registrar": "user_registrar",
    "bureau_staff": "user_bureau_staff",
}


def _small_year(user_registrar, registry):
    """A small year: two registered contracts this year (one transfer with an achievement), one last year."""
    transfer = registered(
        user_registrar,
        registry,
        registered_on=JAN,
        contract_type="transfer",
        sub_type="patent_transfer",
        total="1234567.89",
        seller=LOCAL,
        buyer=FOREIGN,
        achievements=[make_achievement()],
    )
    registered(user_registrar, registry, registered_on=JAN, total="500000.00")
    registered(user_registrar, registry, registered_on=PREVIOUS, total="250000.00")
    return transfer


@pytest.fixture(scope="module")
def _shared(django_db_setup, django_db_blocker):
    """The registrar, the city registry and the small year, built once for the module (the permission matrix alone
    built them 28 times) in a transaction rolled back after it; each test's writes roll back to a savepoint."""
    from accounts.models import User
    from tests.factories import UserFactory

    from .factories import city_registry

    with django_db_blocker.unblock(), transaction.atomic():
        registrar = UserFactory(username="registrar", role=User.Role.REGISTRAR)
        registry = city_registry(registrar)
        yield registrar, registry, _small_year(registrar, registry)
        transaction.set_rollback(True)


@pytest.fixture
def user_registrar(_shared, db):
    from accounts.models import User

    return User.objects.get(pk=_shared[0].pk)


@pytest.fixture
def registry(_shared, db):
    from registration.models import Registry

    return Registry.objects.get(pk=_shared[1].pk)


@pytest.fixture
def data(_shared, db):
    from registration.models import TechnologyContract

    return TechnologyContract.objects.get(pk=_shared[2].pk)


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_login_or_refused(client, page):
    response = client.get(PAGES[page]())
    if page.startswith("api"):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, request, data, page, role):
    user = request.getfixturevalue(ROLES[role])
    client.force_login(user)
    response = client.get(PAGES[page]())
    expected = 200 if role in ("registrar", "bureau_staff") else 403
    assert response.status_code == expected


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("year", ["abc", "1999", str(YEAR + 1), "20266"])
def test_bad_year_is_a_clear_400(client, user_bureau_staff, page, year):
    client.force_login(user_bureau_staff)
    response = client.get(PAGES[page](), {"year": year})
    assert response.status_code == 400
    if page.startswith("api"):
        body = response.json()
        assert "年份应为" in body["detail"] and body["errors"]["year"]
    else:
        assert "年份应为" in response.content.decode()


def test_dashboard_shows_figures_chart_and_progress(client, user_bureau_staff, data, settings):
    settings.COMMERCIALISATION_TARGET_PER_YEAR = 50
    client.force_login(user_bureau_staff)
    response = client.get(reverse("registration:statistics"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "173.46" in html  # 1,734,567.89 元 = 173.46 万元 this year
    assert "+593.8%" in html  # 成交额 YoY: 1,734,567.89 vs 250,000.00
    assert "1 / 50" in html and 'style="width: 2%"' in html
    assert "<svg" in html and "<rect" in html  # server-rendered chart, no JavaScript
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert "<script" not in main  # the dashboard itself needs no JavaScript (Wagtail's user bar may add its own)
    for title in ("按合同类别", "按技术领域", "按卖方单位性质", "按买方单位性质", "按知识产权", "按计划来源"):
        assert title in html
    assert "技术输出" in html and "技术吸纳" in html and "境外" in html


def test_dashboard_for_a_past_year(client, user_registrar, data):
    client.force_login(user_registrar)
    response = client.get(reverse("registration:statistics"), {"year": YEAR - 1})
    assert response.status_code == 200
    assert response.context["stats"].totals.count == 1


def test_api_statistics_and_commercialisation(client, user_registrar, data):
    client.force_login(user_registrar)
    body = client.get("/api/v1/registration/statistics/", {"year": YEAR}).json()
    assert body["year"] == YEAR and body["totals"]["count"] == 2
    assert body["totals"]["total_amount_cny"] == "1734567.89"
    assert body["commercialisation"]["count"] == 1
    keys = [b["key"] for b in body["breakdowns"]]
    assert {"month", "contract_type", "flow_output", "flow_absorption", "seller_entity_type"} <= set(keys)
    progress = client.get("/api/v1/registration/statistics/commercialisation/").json()
    assert progress["count"] == 1 and progress["target"] == 50


def test_schema_documents_the_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/registration/statistics/commercialisation/" in schema
    assert "registration_statistics_register_export" in schema


def _workbook(response):
    content = b"".join(response.streaming_content)
    assert content[:2] == b"PK"
    return load_workbook(io.BytesIO(content))


def test_statistics_workbook(client, user_bureau_staff, data):
    client.force_login(user_bureau_staff)
    response = client.get(reverse("registration:statistics_export"), {"year": YEAR})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"registration-statistics-{YEAR}.xlsx" in response["Content-Disposition"]
    book = _workbook(response)
    assert book.sheetnames[0] == "概览"
    assert {"按合同类别", "按技术领域", "按计划来源"} <= set(book.sheetnames)
    overview = book["概览"]
    assert str(YEAR) in overview["A1"].value and "生成时间" in overview["B1"].value
    assert overview["B2"].value == f"{YEAR}年合同数(项)"
    assert overview["B3"].value == 2 and overview["C3"].value == 1
    assert overview["E3"].value == pytest.approx(1734567.89) and overview["E3"].number_format == "#,##0.00"
    assert overview["D3"].value == pytest.approx(1.0)  # +100% stored as a fraction with a percent format
    types = book["按合同类别"]
    rows = {r[0]: r for r in types.iter_rows(min_row=3, values_only=True)}
    assert rows["技术转让"][1] == 1 and rows["技术转让"][3] == "—"  # no base last year


def test_register_workbook(client, user_registrar, user_bureau_staff, data, registry):
    cancelled = registered(user_registrar, registry, registered_on=JAN, total="90000.00")
    services.contract_cancel(user=user_registrar, contract=cancelled, reason="双方解除合同")
    client.force_login(user_bureau_staff)
    book = _workbook(client.get("/api/v1/registration/statistics/export/register.xlsx", {"year": YEAR}))
    sheet = book.active
    assert "台账" in sheet["A1"].value
    header = [c.value for c in sheet[2]]
    assert header[:3] == ["登记编号", "登记日期", "项目名称"] and "技术交易额(元)" in header
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 3  # two registered this year + one cancelled; last year's is not in this year's file
    by_number = {r[0]: r for r in rows}
    transfer = by_number[data.registration_number]
    assert transfer[header.index("合同类别")] == "技术转让"
    assert transfer[header.index("成交额(元)")] == pytest.approx(1234567.89)
    assert transfer[header.index("买方国别代码")] == "276" and transfer[header.index("买方国别")] == "德国"
    assert transfer[1].date() == JAN
    assert by_number[cancelled.registration_number][-1] == "已注销"
    money_cell = sheet.cell(row=3, column=header.index("成交额(元)") + 1)
    assert money_cell.number_format == "#,##0.00"


def test_dashboard_query_count_does_not_grow_with_rows(client, user_bureau_staff, user_registrar, registry, data):
    """Each uncached computation after new registrations costs the same number of queries, whether 3 or 12
    contracts were added (the facts refresh is one statement, the breakdowns are grouped queries)."""
    from django.core.cache import cache

    client.force_login(user_bureau_staff)
    url = reverse("registration:statistics")

    def add(count: int, day: int) -> None:
        for n in range(count):
            registered(
                user_registrar,
                registry,
                registered_on=date(YEAR, 1, day),
                contract_type="transfer",
                sub_type="patent_transfer",
                seller=LOCAL,
                achievements=[make_achievement()],
                total=str(Decimal("10000.00") * (n + 1)),
            )

    client.get(url)  # warm up the per-process state
    add(3, 2)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(12, 3)
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)
    assert len(few) <= 25
