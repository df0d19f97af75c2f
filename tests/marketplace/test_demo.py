"""load_demo: idempotent, one user per role, the other apps' hooks, and a valid shipped demo file."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from accounts.models import Organisation, User
from marketplace.demo import loader
from marketplace.events import demo_loaded, demo_resetting, listings_bulk_loaded
from marketplace.importing import ImportOptions, Lookups, read_rows, validate_rows
from marketplace.models import AchievementPage, InstitutionPage, TechnologyNeed
from tests.factories import make_credit_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_file(tmp_path):
    rows = [
        {
            "kind": "institution",
            "external_id": "inst-a",
            "name": "三明市新能源材料研究院",
            "type": "new_rd_institution",
        },
        {"kind": "institution", "external_id": "inst-b", "name": "三明学院", "type": "university"},
        {
            "kind": "enterprise",
            "external_id": "ent-a",
            "name": "三明元能锂电科技有限公司",
            "credit_code": make_credit_code(70001),
        },
        {
            "kind": "achievement",
            "external_id": "ach-a",
            "title": "高压实磷酸铁锂正极材料",
            "summary": "压实密度 2.65 g/cm³。",
            "technical_field": "energy",
            "industry_chain": "NEM.01.01",
            "trl": 8,
            "institution": "三明市新能源材料研究院",
            "keywords": ["磷酸铁锂"],
            "price_cny": 9000000,
        },
        {
            "kind": "need",
            "external_id": "need-a",
            "title": "磷酸铁锂压实密度提升",
            "description": "客户要求提升到 2.6 以上。",
            "technical_field": "energy",
            "enterprise": "三明元能锂电科技有限公司",
            "budget_cny": 8000000,
        },
    ]
    path = tmp_path / "demo.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def marketplace_only(request, monkeypatch):
    """These tests count marketplace records; the registration and search demo steps are tested on their own
    (tests/registration/test_demo*.py) and in test_reset_with_registration_contracts below."""
    if "real_hooks" not in request.keywords:
        for signal in (demo_loaded, demo_resetting, listings_bulk_loaded):  # registration's and search's steps
            monkeypatch.setattr(signal, "receivers", [])


def load(path, *args):
    out = io.StringIO()
    call_command("load_demo", "--file", str(path), *args, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        Organisation.objects.count(),
        InstitutionPage.objects.count(),
        AchievementPage.objects.count(),
        sum(page.revisions.count() for page in AchievementPage.objects.all()),
        TechnologyNeed.objects.count(),
        list(User.objects.order_by("username").values_list("username", "role", "organisation_id", "password")),
    )


def test_load_demo_twice_changes_nothing(small_file):
    out = load(small_file)
    first = snapshot()
    assert first[:5] == (3, 2, 1, 1, 1)
    assert "demo-2026-dev" in out and "admin" in out
    load(small_file)
    assert snapshot() == first


def test_one_user_per_role_in_the_right_organisations(small_file):
    load(small_file)
    users = {user.username: user for user in User.objects.all()}
    assert users["admin"].is_superuser
    assert users["bureau"].is_bureau_staff and users["bureau"].is_staff
    assert users["registrar"].is_registrar
    assert users["enterprise"].is_enterprise_member
    assert users["enterprise"].organisation.name == "三明元能锂电科技有限公司"
    assert users["institution"].is_institution_editor
    assert users["institution"].organisation.name == "三明市新能源材料研究院"  # the one with achievements
    assert users["enterprise"].check_password(loader.DEMO_PASSWORD)


def test_reset_reloads_from_scratch(small_file):
    load(small_file)
    old_page = AchievementPage.objects.get()
    load(small_file, "--reset")
    assert AchievementPage.objects.count() == 1 and AchievementPage.objects.get().pk != old_page.pk
    assert User.objects.filter(username="enterprise").count() == 1


def test_other_apps_steps_run_on_the_marketplace_signals(small_file):
    calls = []

    def contracts(sender, stdout=None, **kwargs):
        calls.append(("contracts", stdout))
        return "已载入演示技术合同。"

    def rebuilt(sender, **kwargs):
        calls.append(("search", None))
        return "已重建搜索索引。"

    def reset(sender, **kwargs):
        calls.append(("reset", None))

    demo_loaded.connect(contracts, weak=False)
    listings_bulk_loaded.connect(rebuilt, weak=False)
    demo_resetting.connect(reset, weak=False)
    try:
        out = load(small_file)
        assert [name for name, _ in calls] == ["contracts", "search"]
        assert calls[0][1] is not None
        assert "已载入演示技术合同" in out and "已重建搜索索引" in out
        load(small_file, "--reset")
        assert [name for name, _ in calls][2:] == ["reset", "contracts", "search"]
    finally:
        demo_loaded.disconnect(contracts)
        listings_bulk_loaded.disconnect(rebuilt)
        demo_resetting.disconnect(reset)


def test_notifications_the_demo_triggers_are_held_back_and_counted(small_file, settings):
    """The demo is old content: its steps' e-mails must not flood `make run`'s terminal (console backend)."""
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    def notifying_step(sender, **kwargs):
        for n in range(3):
            mail.send_mail(f"演示通知 {n}", "正文", None, ["demo@example.cn"])

    mail.outbox = ["the test's own"]
    demo_loaded.connect(notifying_step, weak=False)
    try:
        out = load(small_file)
    finally:
        demo_loaded.disconnect(notifying_step)
    assert "演示通知" not in out and "演示数据触发的 3 封通知邮件未发送" in out
    assert mail.outbox == ["the test's own"]


def test_shipped_fallback_file_is_valid_and_large_enough():
    rows = read_rows(loader.FALLBACK_LISTINGS)
    plans, errors, _ = validate_rows(rows, ImportOptions(), Lookups())
    assert errors == []
    kinds = [plan.kind for plan in plans]
    assert kinds.count("institution") >= 8
    assert kinds.count("achievement") >= 80
    assert kinds.count("need") >= 25
    fields = {plan.values["technical_field"].code for plan in plans if plan.kind == "achievement"}
    assert len(fields) >= 8  # spread across the city's industries


def test_demo_prefers_the_top_level_evaluation_set(monkeypatch, tmp_path):
    """The evaluation set lives in evaluation/ (data beside the product); the built-in file is the fallback."""
    assert loader.EVALUATION_LISTINGS.parent.name == "evaluation"
    assert loader.EVALUATION_LISTINGS.exists()
    assert loader.listings_path() == loader.EVALUATION_LISTINGS
    monkeypatch.setattr(loader, "EVALUATION_LISTINGS", tmp_path / "evaluation" / "listings.jsonl")
    assert loader.listings_path() == loader.FALLBACK_LISTINGS


def test_evaluation_set_is_a_valid_import():
    rows = read_rows(loader.EVALUATION_LISTINGS)
    plans, errors, _ = validate_rows(rows, ImportOptions(), Lookups())
    assert errors == []
    kinds = [plan.kind for plan in plans]
    assert (kinds.count("achievement"), kinds.count("need")) == (185, 62)


@pytest.mark.real_hooks
def test_reset_with_registration_contracts(small_file, monkeypatch):
    """--reset must also clear the demo contracts, which refer to demo users and organisations."""
    import functools

    from registration import demo
    from registration.models import TechnologyContract

    # The real receivers run, but registration's step loads a tenth of its contracts (every state is still there:
    # tests/registration/test_demo_contracts.py checks that scale): two full loads were the suite's slowest test.
    monkeypatch.setattr(demo, "load_demo_contracts", functools.partial(demo.load_demo_contracts, scale=0.1))
    load(small_file)
    assert TechnologyContract.objects.filter(contract_number__startswith="DEMO-").exists()
    load(small_file, "--reset")
    assert User.objects.filter(username="enterprise").count() == 1
    assert AchievementPage.objects.count() == 1
