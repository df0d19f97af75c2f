"""Roles → Wagtail: groups, page permissions and the 成果发布审核 workflow, checked through the admin itself."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from accounts import services
from accounts.models import User
from marketplace import cms
from marketplace.models import InstitutionIndexPage
from tests.factories import (
    InstitutionFactory,
    OrganisationFactory,
    UserFactory,
    make_achievement,
    make_institution_page,
)

pytestmark = pytest.mark.django_db


def test_migrate_created_the_role_groups_and_the_workflow():
    bureau = Group.objects.get(name=cms.BUREAU_GROUP_NAME)
    editors = Group.objects.get(name=cms.EDITOR_GROUP_NAME)
    codenames = set(bureau.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_industrychainnode", "add_technicalfield", "change_organisation"} <= codenames
    assert set(editors.permissions.values_list("codename", flat=True)) == {"access_admin"}
    bureau_pages = GroupPagePermission.objects.filter(group=bureau, page=Page.get_first_root_node())
    assert "publish_page" in set(bureau_pages.values_list("permission__codename", flat=True))
    workflow_page = WorkflowPage.objects.get(page=InstitutionIndexPage.objects.get())
    assert workflow_page.workflow.name == cms.WORKFLOW_NAME
    task = workflow_page.workflow.tasks.get().specific
    assert list(task.groups.all()) == [bureau]


def test_ensure_is_idempotent():
    before = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    cms.cms_groups_ensure()
    cms.cms_groups_ensure()
    assert (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == before


def test_institution_page_gets_its_own_group_without_publish(institution_page):
    group = cms.institution_group_for(institution_page.organisation)
    rights = GroupPagePermission.objects.filter(group=group)
    assert set(rights.values_list("permission__codename", flat=True)) == {"add_page", "change_page"}
    assert set(rights.values_list("page_id", flat=True)) == {institution_page.pk}
    # Saving the page again (every publish saves it) does not duplicate anything.
    institution_page.save_revision().publish()
    assert GroupPagePermission.objects.filter(group=group).count() == 2


def test_user_assign_role_keeps_groups_in_step(institution_page, user_bureau_staff):
    person = UserFactory(username="changer")
    person = services.user_assign_role(
        actor=user_bureau_staff,
        user=person,
        role=User.Role.INSTITUTION_EDITOR,
        organisation=institution_page.organisation,
    )
    names = set(person.groups.values_list("name", flat=True))
    assert names == {cms.EDITOR_GROUP_NAME, cms.institution_group_name(institution_page.organisation)}
    person = services.user_assign_role(
        actor=user_bureau_staff, user=person, role=User.Role.ENTERPRISE_MEMBER, organisation=OrganisationFactory()
    )
    assert not person.groups.exists()  # enterprises never enter the CMS
    person = services.user_assign_role(actor=None, user=person, role=User.Role.BUREAU_STAFF)
    assert set(person.groups.values_list("name", flat=True)) == {cms.BUREAU_GROUP_NAME}
    assert person.organisation is None and person.is_staff


def test_user_assign_role_refuses_a_missing_organisation_and_non_staff(user_enterprise_a, user_bureau_staff):
    from common.errors import DomainError, NotAllowed

    with pytest.raises(DomainError) as info:
        services.user_assign_role(actor=user_bureau_staff, user=user_enterprise_a, role=User.Role.INSTITUTION_EDITOR)
    assert "organisation" in info.value.field_errors
    with pytest.raises(NotAllowed):
        services.user_assign_role(actor=user_enterprise_a, user=user_enterprise_a, role=User.Role.BUREAU_STAFF)


def test_editor_edits_own_institution_only_in_the_admin(client, institution_page, user_institution_editor):
    own = make_achievement(institution_page)
    other = make_achievement(make_institution_page(InstitutionFactory()))
    client.force_login(user_institution_editor)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert f"/admin/pages/{other.pk}/edit/" not in response["Location"]
    # Adding under another institution is refused too; under their own it is offered.
    add_other = f"/admin/pages/add/marketplace/achievementpage/{other.get_parent().pk}/"
    assert client.get(add_other).status_code in (302, 403)
    assert client.get(f"/admin/pages/add/marketplace/achievementpage/{institution_page.pk}/").status_code == 200


def test_editor_cannot_publish_but_can_submit_to_moderation(client, institution_page, user_institution_editor):
    page = make_achievement(institution_page, publish=False)
    permissions = page.permissions_for_user(user_institution_editor)
    assert permissions.can_edit() and not permissions.can_publish()
    client.force_login(user_institution_editor)
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert b"action-submit" in edit.content and b"action-publish" not in edit.content


def test_submitted_achievement_waits_for_staff_approval(institution_page, user_institution_editor, user_bureau_staff):
    page = make_achievement(institution_page, publish=False)
    workflow = page.get_workflow()
    assert workflow.name == cms.WORKFLOW_NAME
    workflow.start(page, user_institution_editor)
    page.refresh_from_db()
    assert not page.live  # submitted, not published
    task_state = page.current_workflow_task_state
    assert task_state.task.specific.user_can_access_editor(page, user_bureau_staff)
    actions = [name for name, *_ in task_state.task.specific.get_actions(page, user_bureau_staff)]
    assert "approve" in actions
    assert task_state.task.specific.get_actions(page, user_institution_editor) == []
    task_state.task.on_action(task_state, user_bureau_staff, "approve")
    page.refresh_from_db()
    assert page.live


def test_drafts_are_never_public(client, institution_page, user_institution_editor, user_bureau_staff):
    draft = make_achievement(institution_page, publish=False)
    assert not draft.live
    for user in (None, user_institution_editor, user_bureau_staff):
        if user:
            client.force_login(user)
        assert client.get(draft.url_path.replace("/home", "", 1)).status_code == 404
    assert client.get("/achievements/").content.count(draft.title.encode()) == 0


def test_editor_cannot_reassign_the_institution_page_organisation(client, institution_page, user_institution_editor):
    client.force_login(user_institution_editor)
    form = client.get(f"/admin/pages/{institution_page.pk}/edit/")
    assert form.status_code == 200
    assert 'name="organisation"' not in form.content.decode()


def test_staff_see_the_organisation_field(client, institution_page, user_bureau_staff):
    client.force_login(user_bureau_staff)
    assert 'name="organisation"' in client.get(f"/admin/pages/{institution_page.pk}/edit/").content.decode()
