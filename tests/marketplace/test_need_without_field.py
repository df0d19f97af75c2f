"""A need may leave its technical field unstated (enterprises write in their own words and often do not know the
national code): form, API and import accept it, pages say 未填写, and a field inferred from the text waits as a
suggestion staff confirm in the same review list as achievements' (issue 13). Who may do what is unchanged."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from common.errors import Conflict, NotAllowed
from marketplace import services, suggestion_services
from marketplace.events import need_changed
from marketplace.models import ClassificationSuggestion, TechnologyNeed
from taxonomy.models import TechnicalField
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

Status = TechnologyNeed.Status
REVIEW_URL = reverse("marketplace:classification_review")
# Written the way an enterprise writes it: no codes, its own words.
TITLE = "手机散热膜材料"
PROBLEM = "我们生产 5G 手机,机身发热严重,想找导热系数高的石墨烯导热膜来散热,替代现在的人工石墨片。"


def form_data(**overrides):
    data = {
        "title": TITLE,
        "problem": PROBLEM,
        "keywords": "",
        "technical_field": "",
        "visibility": "public",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "20",
        "indicators-0-name": "",
        "indicators-0-target": "",
        "indicators-0-unit": "",
    }
    data.update(overrides)
    return data


def field_suggestions(need):
    return ClassificationSuggestion.objects.filter(need=need, kind="technical_field", state="pending")


def test_the_form_says_the_field_may_be_left_out(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    page = client.get("/needs/new/").content.decode()
    assert "技术领域(不清楚可不填)" in page and "不清楚" in page


def test_the_form_saves_a_need_without_a_field_and_a_suggestion_is_made(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    response = client.post("/needs/new/", form_data(save="1"))
    need = TechnologyNeed.objects.get()
    assert response.status_code == 302 and need.technical_field is None and need.status == Status.DRAFT
    suggestion = field_suggestions(need).get()
    assert suggestion.technical_field.code == "materials" and suggestion.achievement is None
    assert "石墨烯" in suggestion.evidence
    # The chain is left out too: it gets its own suggestion.
    assert ClassificationSuggestion.objects.filter(need=need, kind="industry_chain").get().industry_chain.code[:3] == (
        "GRA"
    )


def test_editing_in_a_field_drops_the_open_suggestion(user_enterprise_a):
    need = services.need_create(user=user_enterprise_a, data={"title": TITLE, "problem": PROBLEM})
    assert field_suggestions(need).count() == 1
    energy = TechnicalField.objects.get(code="energy")
    services.need_update(user=user_enterprise_a, need=need, data={"technical_field": energy})
    assert not field_suggestions(need).exists()
    assert ClassificationSuggestion.objects.filter(need=need, kind="industry_chain").count() == 1


def test_a_need_with_too_little_text_gets_no_guess(user_enterprise_a):
    need = services.need_create(user=user_enterprise_a, data={"title": "合作需求", "problem": "寻求合作。"})
    assert need.technical_field is None
    assert not ClassificationSuggestion.objects.filter(need=need).exists()


def test_the_api_accepts_a_need_without_a_field_and_says_null(user_enterprise_a):
    client = APIClient()
    client.force_authenticate(user_enterprise_a)
    response = client.post("/api/v1/needs/", {"title": TITLE, "problem": PROBLEM}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["technical_field"] is None
    explicit = client.post(
        "/api/v1/needs/", {"title": "另一条", "problem": PROBLEM, "technical_field": None}, format="json"
    )
    assert explicit.status_code == 201 and explicit.json()["technical_field"] is None
    wrong = client.post("/api/v1/needs/", {"title": "错的", "problem": PROBLEM, "technical_field": "chemistry"})
    assert wrong.status_code == 400 and "technical_field" in wrong.json()["errors"]
    assert TechnologyNeed.objects.filter(technical_field__isnull=True).count() == 2
    assert ClassificationSuggestion.objects.filter(need__isnull=False, kind="technical_field").count() == 2


def test_the_api_schema_marks_the_field_nullable_and_optional():
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    schemas = schema["components"]["schemas"]
    need_out = schemas["NeedOut"]["properties"]["technical_field"]
    assert need_out.get("nullable") or any(item.get("nullable") for item in need_out.get("allOf", []))
    need_in = next(schemas[name] for name in ("NeedCreateInRequest", "NeedCreateIn") if name in schemas)
    assert "technical_field" not in need_in.get("required", [])
    assert need_in["properties"]["technical_field"].get("nullable")


@pytest.fixture
def published_unstated(enterprise_a):
    return [
        NeedFactory(enterprise=enterprise_a, title=f"没有技术领域的需求{n}", technical_field=None, problem=PROBLEM)
        for n in range(2)
    ]


def test_detail_page_and_lists_say_not_stated(client, published_unstated, user_bureau_staff):
    need = published_unstated[0]
    detail = client.get(f"/needs/{need.pk}/").content.decode()
    assert "<dt>技术领域</dt><dd>未填写</dd>" in detail
    listing = client.get("/needs/").content.decode()
    assert listing.count("技术领域未填写") == 2
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        english_detail = client.get(f"/needs/{need.pk}/", headers={"accept-language": "en"}).content.decode()
        english_list = client.get("/needs/", headers={"accept-language": "en"}).content.decode()
    assert "未填写" not in english_detail
    assert english_list.count("Technical field not stated") == 2
    del client.cookies["django_language"]
    need.status = Status.PENDING_REVIEW
    need.save()
    client.force_login(user_bureau_staff)
    assert "技术领域未填写" in client.get("/staff/needs/").content.decode()
    assert client.get("/api/v1/needs/").json()["results"][0]["technical_field"] is None


def test_the_import_reads_needs_without_a_field_and_suggests_one(tmp_path, enterprise_a):
    rows = [
        {"kind": "need", "external_id": "n-1", "title": TITLE, "problem": PROBLEM, "enterprise": enterprise_a.name},
        {
            "kind": "need",
            "external_id": "n-2",
            "title": "储能电池寿命",
            "problem": "储能电站锂电池循环寿命不足,寻求磷酸铁锂正极材料。",
            "enterprise": enterprise_a.name,
            "technical_field": "不详",
        },
        {
            "kind": "need",
            "external_id": "n-3",
            "title": "有领域的需求",
            "problem": "已写明技术领域。",
            "enterprise": enterprise_a.name,
            "technical_field": "energy",
        },
    ]
    path = tmp_path / "needs.jsonl"
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows), encoding="utf-8")
    out = io.StringIO()
    call_command("import_listings", str(path), stdout=out, stderr=io.StringIO())
    assert TechnologyNeed.objects.filter(technical_field__isnull=True).count() == 2
    assert TechnologyNeed.objects.get(external_id="n-3").technical_field.code == "energy"
    assert "未填写技术领域:2 条需求" in out.getvalue()
    suggested = ClassificationSuggestion.objects.filter(need__external_id__in=["n-1", "n-2"], kind="technical_field")
    assert sorted(suggested.values_list("need__external_id", "technical_field__code")) == [
        ("n-1", "materials"),
        ("n-2", "energy"),
    ]
    assert "根据文本推断了" in out.getvalue()


def test_staff_see_need_suggestions_in_the_review_list_and_confirm_them(client, user_enterprise_a, user_bureau_staff):
    need = services.need_create(user=user_enterprise_a, data={"title": TITLE, "problem": PROBLEM})
    suggestion = field_suggestions(need).get()
    client.force_login(user_bureau_staff)
    page = client.get(REVIEW_URL, {"listing": "need"}).content.decode()
    assert TITLE in page and "技术需求" in page and user_enterprise_a.organisation.name in page
    assert f"/needs/{need.pk}/" in page
    announced = []
    need_changed.connect(lambda sender, need, **kw: announced.append(need.pk), weak=False, dispatch_uid="t-need")
    try:
        response = client.post(REVIEW_URL, {"decide": f"confirm:{suggestion.pk}"})
    finally:
        need_changed.disconnect(dispatch_uid="t-need")
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.technical_field.code == "materials" and need.status == Status.DRAFT
    assert announced == [need.pk]  # search re-indexes the need with its field
    suggestion.refresh_from_db()
    assert suggestion.state == "confirmed" and suggestion.decided_by == user_bureau_staff


def test_confirming_a_field_the_need_now_states_otherwise_is_refused(user_enterprise_a, user_bureau_staff):
    need = services.need_create(user=user_enterprise_a, data={"title": TITLE, "problem": PROBLEM})
    suggestion = field_suggestions(need).get()
    TechnologyNeed.objects.filter(pk=need.pk).update(technical_field=TechnicalField.objects.get(code="energy"))
    with pytest.raises(Conflict):
        suggestion_services.classification_suggestions_decide(
            suggestion_ids=[suggestion.pk], confirm=True, user=user_bureau_staff
        )
    need.refresh_from_db()
    assert need.technical_field.code == "energy"


@pytest.mark.parametrize(
    ("role", "may_create"),
    [
        ("user_enterprise_a", True),
        ("user_institution_editor", False),
        ("user_registrar", False),
        ("user_bureau_staff", False),
    ],
)
def test_who_may_post_a_need_without_a_field_is_unchanged(request, role, may_create):
    user = request.getfixturevalue(role)
    if may_create:
        assert services.need_create(user=user, data={"title": TITLE, "problem": PROBLEM}).technical_field is None
    else:
        with pytest.raises(NotAllowed):
            services.need_create(user=user, data={"title": TITLE, "problem": PROBLEM})
        assert not TechnologyNeed.objects.exists()


def test_only_staff_decide_need_suggestions_and_other_enterprises_cannot_edit(
    client, user_enterprise_a, user_enterprise_b
):
    need = services.need_create(user=user_enterprise_a, data={"title": TITLE, "problem": PROBLEM})
    suggestion = field_suggestions(need).get()
    for user in (user_enterprise_a, user_enterprise_b):
        with pytest.raises(NotAllowed):
            suggestion_services.classification_suggestions_decide(
                suggestion_ids=[suggestion.pk], confirm=True, user=user
            )
    client.force_login(user_enterprise_a)
    assert client.get(REVIEW_URL).status_code == 403
    with pytest.raises(NotAllowed):
        services.need_update(user=user_enterprise_b, need=need, data={"title": "改"})
    suggestion.refresh_from_db()
    need.refresh_from_db()
    assert suggestion.state == "pending" and need.technical_field is None


def test_staff_see_the_guess_on_the_need_page_and_the_enterprise_does_not(client, user_enterprise_a, user_bureau_staff):
    need = services.need_create(user=user_enterprise_a, data={"title": TITLE, "problem": PROBLEM}, submit=True)
    client.force_login(user_bureau_staff)
    staff_page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "推断</span> 新材料及其应用" in staff_page and f"{REVIEW_URL}?listing=need" in staff_page
    client.force_login(user_enterprise_a)
    own_page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "<dd>未填写</dd>" in own_page and "新材料及其应用" not in own_page
