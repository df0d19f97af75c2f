"""CMS between institutions, as a matrix: who lists, chooses and downloads which documents and pages."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection

from accounts.models import User
from marketplace import cms
from marketplace.models import AchievementAttachment
from tests.factories import InstitutionFactory, UserFactory, make_achievement, make_institution_page
from tests.module_data import fresh, module_transaction, suite_roles

pytestmark = pytest.mark.django_db
Document = get_document_model()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two institutions' pages, achievements and documents, built once for the module (docs/test-speed.md): the
    tests only read them, each in its own savepoint."""
    media = tmp_path_factory.mktemp("cms-media")
    with module_transaction(django_db_blocker), override_settings(MEDIA_ROOT=media):
        rows = suite_roles(with_institution_page=True)
        institution_page = rows["institution_page"]
        other_org = InstitutionFactory(name="乙研究所")
        other_page = make_institution_page(other_org)
        other_editor = UserFactory(username="inst_editor_b", role=User.Role.INSTITUTION_EDITOR, organisation=other_org)
        cms.user_groups_sync(user=other_editor)
        cms.user_groups_sync(user=rows["user_institution_editor"])

        def document(title, organisation):
            collection = cms.institution_collection_ensure(organisation)
            return Document.objects.create(
                title=title, file=ContentFile(PDF, name=f"{title}.pdf"), collection=collection
            )

        own_public = make_achievement(institution_page, title="甲机构已发布成果")
        own_draft = make_achievement(institution_page, title="甲机构草稿成果", publish=False)
        other_draft = make_achievement(other_page, title="乙机构草稿成果", publish=False)
        docs = {
            "own_public": document("甲公开附件", institution_page.organisation),
            "own_draft": document("甲草稿附件", institution_page.organisation),
            "other_draft": document("乙草稿附件", other_org),
        }
        AchievementAttachment.objects.create(page=own_public, document=docs["own_public"])
        AchievementAttachment.objects.create(page=own_draft, document=docs["own_draft"])
        AchievementAttachment.objects.create(page=other_draft, document=docs["other_draft"])
        users = {
            "editor_a": rows["user_institution_editor"],
            "editor_b": other_editor,
            "bureau": rows["user_bureau_staff"],
            "enterprise": rows["user_enterprise_a"],
            "anonymous": None,
        }
        yield {"media": media, "users": users, "docs": docs, "other_page": other_page, "own_page": institution_page}


@pytest.fixture
def world(_world, db, settings):
    """The module's rows, read again for each test."""
    settings.MEDIA_ROOT = _world["media"]
    return {
        "users": {role: user and fresh(user) for role, user in _world["users"].items()},
        "docs": {key: fresh(document) for key, document in _world["docs"].items()},
        "other_page": fresh(_world["other_page"]),
        "own_page": fresh(_world["own_page"]),
    }


def _html(response) -> str:
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_each_institution_has_its_own_collection(world):
    own = cms.institution_collection_ensure(world["own_page"].organisation)
    other = cms.institution_collection_ensure(world["other_page"].organisation)
    assert own != other
    assert own.get_parent() == other.get_parent() == Collection.get_first_root_node()
    assert cms.institution_collection_ensure(world["own_page"].organisation) == own  # idempotent


# Which document titles each role finds in the document chooser and the admin documents API.
DOCUMENT_LISTS = {
    "editor_a": {"甲公开附件", "甲草稿附件"},
    "editor_b": {"乙草稿附件"},
    "bureau": {"甲公开附件", "甲草稿附件", "乙草稿附件"},
}


@pytest.mark.parametrize("role", sorted(DOCUMENT_LISTS))
def test_document_chooser_and_admin_api_list_only_the_editors_collection(client, world, role):
    _client(client, world["users"][role])
    chooser = client.get("/admin/documents/chooser/")
    assert chooser.status_code == 200
    body = _html(chooser)
    assert {title for title in ("甲公开附件", "甲草稿附件", "乙草稿附件") if title in body} == DOCUMENT_LISTS[role]
    api = client.get("/admin/api/main/documents/?limit=20")
    assert api.status_code == 200
    assert {item["title"] for item in api.json()["items"]} == DOCUMENT_LISTS[role]


PAGE_TITLES = {
    "editor_a": {"甲机构已发布成果", "甲机构草稿成果"},
    "editor_b": {"甲机构已发布成果", "乙机构草稿成果"},
    "bureau": {"甲机构已发布成果", "甲机构草稿成果", "乙机构草稿成果"},
}


@pytest.mark.parametrize("role", sorted(PAGE_TITLES))
def test_page_chooser_shows_others_live_pages_but_not_their_drafts(client, world, role):
    _client(client, world["users"][role])
    found = set()
    for page in (world["own_page"], world["other_page"]):
        response = client.get(f"/admin/choose-page/{page.pk}/")
        assert response.status_code == 200
        found |= {t for t in PAGE_TITLES["bureau"] if t in _html(response)}
    search = client.get("/admin/choose-page/search/", {"q": "成果"})
    assert search.status_code == 200
    searched = {t for t in PAGE_TITLES["bureau"] if t in _html(search)}
    assert found == PAGE_TITLES[role]
    assert searched <= PAGE_TITLES[role]


@pytest.mark.parametrize("role", ["editor_a", "editor_b", "bureau"])
def test_page_types_report_shows_no_other_institutions_draft_title(client, world, role):
    _client(client, world["users"][role])
    response = client.get("/admin/reports/page-types-usage/")
    assert response.status_code == 200
    body = response.content.decode()
    visible = PAGE_TITLES[role]
    for title in PAGE_TITLES["bureau"] - visible:
        assert title not in body


def test_page_types_report_still_needs_admin_access(client, world):
    response = client.get("/admin/reports/page-types-usage/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# Downloads: the public gets only documents of listed pages; editors their own collection; staff everything.
DOWNLOADS = {
    "anonymous": {"own_public"},
    "enterprise": {"own_public"},
    "editor_a": {"own_public", "own_draft"},
    "editor_b": {"own_public", "other_draft"},
    "bureau": {"own_public", "own_draft", "other_draft"},
}


@pytest.mark.parametrize("role", sorted(DOWNLOADS))
def test_document_downloads_check_permission(client, world, role):
    _client(client, world["users"][role])
    allowed = set()
    for key, document in world["docs"].items():
        served = client.get(document.url)  # Wagtail's serve view
        direct = client.get(f"/media/{document.file.name}")  # the file's storage path
        assert served.status_code in (200, 404)
        assert served.status_code == direct.status_code, key
        if served.status_code == 200:
            assert b"".join(served.streaming_content).startswith(b"%PDF")
            allowed.add(key)
    assert allowed == DOWNLOADS[role]
