"""The staff review list of inferred field/chain suggestions: who may see it, confirm and reject one by one and in
bulk, filters and pages; confirming writes the value onto the achievement as declared."""

from __future__ import annotations

import pytest
from django.urls import reverse

from common.errors import Conflict, NotAllowed
from marketplace import suggestion_services
from marketplace.models import AchievementPage, ClassificationSuggestion
from taxonomy.models import IndustryChainNode, TechnicalField
from tests.factories import make_achievement
from tests.module_data import fresh, institution_with_page, module_transaction

pytestmark = pytest.mark.django_db

URL = reverse("marketplace:classification_review")


def suggest(page, *, field="", chain="", confidence=0.6):
    if field:
        return ClassificationSuggestion.objects.create(
            achievement=page,
            kind="technical_field",
            technical_field=TechnicalField.objects.get(code=field),
            confidence=confidence,
            evidence="石墨烯",
        )
    return ClassificationSuggestion.objects.create(
        achievement=page,
        kind="industry_chain",
        industry_chain=IndustryChainNode.objects.get(code=chain),
        confidence=confidence,
        evidence="石墨烯",
    )


def _build_unclassified(institution_page):
    """Three listings that stated neither field nor TRL, each with a field and a chain suggestion."""
    pages = [
        make_achievement(institution_page, title=f"未分类成果{n}", technical_field=None, trl=None) for n in range(3)
    ]
    suggestions = []
    for page in pages:
        suggestions += [suggest(page, field="materials"), suggest(page, chain="GRA")]
    return pages, suggestions


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The suite's institution page and the unclassified listings, built once for the module inside a transaction
    rolled back after it; each test's writes (decisions) roll back to a savepoint. The filters-and-pages test, which
    counts every suggestion, lives in test_classification_review_pages.py, where these rows do not exist."""
    with module_transaction(django_db_blocker):
        institution, page = institution_with_page()
        yield institution, page, _build_unclassified(page)


@pytest.fixture
def institution(_built, db):
    return fresh(_built[0])


@pytest.fixture
def institution_page(_built, db):
    return fresh(_built[1])


@pytest.fixture
def unclassified(_built, db):
    pages, suggestions = _built[2]
    return [fresh(page) for page in pages], [fresh(suggestion) for suggestion in suggestions]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("user_enterprise_a", 403),
        ("user_institution_editor", 403),
        ("user_registrar", 403),
        ("user_bureau_staff", 200),
    ],
)
def test_only_bureau_staff_see_the_review_list(client, request, unclassified, role, status):
    if role:
        client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == status


@pytest.mark.parametrize("role", ["user_enterprise_a", "user_institution_editor", "user_registrar"])
def test_others_cannot_decide_and_nothing_changes(client, request, unclassified, role):
    _pages, suggestions = unclassified
    client.force_login(request.getfixturevalue(role))
    response = client.post(URL, {"decision": "confirm", "ids": [s.pk for s in suggestions]})
    assert response.status_code == 403
    assert ClassificationSuggestion.objects.filter(state="pending").count() == len(suggestions)
    with pytest.raises(NotAllowed):
        suggestion_services.classification_suggestions_decide(
            suggestion_ids=[suggestions[0].pk], confirm=True, user=request.getfixturevalue(role)
        )


def test_the_list_shows_suggestions_as_inferred_beside_the_declared_unknown(client, user_bureau_staff, unclassified):
    client.force_login(user_bureau_staff)
    html = client.get(URL).content.decode()
    assert html.count('name="ids"') == 6
    assert "未分类成果0" in html and "推断" in html and "未填写" in html and "60%" in html


def test_confirming_one_writes_it_as_declared_and_publishes(client, user_bureau_staff, unclassified):
    pages, suggestions = unclassified
    field_suggestion, chain_suggestion = suggestions[0], suggestions[1]
    client.force_login(user_bureau_staff)

    response = client.post(URL, {"decide": f"confirm:{field_suggestion.pk}"}, follow=True)
    assert "已确认 1 条建议" in response.content.decode()
    client.post(URL, {"decide": f"reject:{chain_suggestion.pk}"})

    page = AchievementPage.objects.get(pk=pages[0].pk)
    assert page.technical_field.code == "materials" and not page.has_unpublished_changes
    assert not page.industry_chains.exists()  # the rejected chain was not written
    field_suggestion.refresh_from_db()
    chain_suggestion.refresh_from_db()
    assert (field_suggestion.state, field_suggestion.decided_by) == ("confirmed", user_bureau_staff)
    assert chain_suggestion.state == "rejected" and chain_suggestion.decided_at is not None
    # The other listings are untouched.
    assert AchievementPage.objects.filter(technical_field__isnull=True).count() == 2


def test_bulk_confirm_writes_every_ticked_one_and_leaves_the_rest(client, user_bureau_staff, unclassified):
    pages, suggestions = unclassified
    ticked = [s.pk for s in suggestions if s.kind == "industry_chain"][:2]
    client.force_login(user_bureau_staff)
    response = client.post(f"{URL}?kind=industry_chain", {"decision": "confirm", "ids": ticked})
    assert response.status_code == 302 and response["Location"] == f"{URL}?kind=industry_chain"
    chains = {
        page.pk: list(page.industry_chains.values_list("code", flat=True)) for page in AchievementPage.objects.all()
    }
    assert chains == {pages[0].pk: ["GRA"], pages[1].pk: ["GRA"], pages[2].pk: []}
    assert ClassificationSuggestion.objects.filter(state="confirmed").count() == 2
    assert ClassificationSuggestion.objects.filter(state="pending").count() == 4


def test_bulk_reject_and_a_second_submission_changes_nothing(client, user_bureau_staff, unclassified):
    _pages, suggestions = unclassified
    ids = [s.pk for s in suggestions]
    client.force_login(user_bureau_staff)
    client.post(URL, {"decision": "reject", "ids": ids})
    assert ClassificationSuggestion.objects.filter(state="rejected").count() == 6
    assert (
        suggestion_services.classification_suggestions_decide(suggestion_ids=ids, confirm=True, user=user_bureau_staff)
        == 0
    )
    assert AchievementPage.objects.filter(technical_field__isnull=True).count() == 3


def test_a_decision_without_a_choice_or_a_tick_is_explained(client, user_bureau_staff, unclassified):
    client.force_login(user_bureau_staff)
    assert "请至少勾选一条建议" in client.post(URL, {"decision": "confirm"}, follow=True).content.decode()
    assert "请选择确认或驳回" in client.post(URL, {"decision": "maybe", "ids": [1]}, follow=True).content.decode()
    assert not ClassificationSuggestion.objects.exclude(state="pending").exists()


def test_confirming_a_field_the_institution_has_since_declared_is_refused(user_bureau_staff, institution_page):
    page = make_achievement(institution_page, technical_field=TechnicalField.objects.get(code="energy"))
    suggestion = suggest(page, field="materials")
    with pytest.raises(Conflict):
        suggestion_services.classification_suggestions_decide(
            suggestion_ids=[suggestion.pk], confirm=True, user=user_bureau_staff
        )
    suggestion.refresh_from_db()
    assert suggestion.state == "pending"


def test_confirming_on_a_listing_with_a_pending_draft_keeps_it_a_draft(user_bureau_staff, institution_page):
    page = make_achievement(institution_page, technical_field=None, trl=None)
    draft = page.get_latest_revision_as_object()
    draft.summary = "编辑正在修改的简介。"
    draft.save_revision()
    suggestion_services.classification_suggestions_decide(
        suggestion_ids=[suggest(page, field="materials").pk], confirm=True, user=user_bureau_staff
    )
    page.refresh_from_db()
    assert page.technical_field is None and page.has_unpublished_changes  # the public page waits for the editor
    latest = page.get_latest_revision_as_object()
    assert latest.technical_field.code == "materials" and latest.summary == "编辑正在修改的简介。"
