"""Roles → Wagtail: the CMS groups, page permissions and moderation workflow derived from users' roles.

Permission checks on the public site read ``User.role`` (marketplace/permissions.py); the CMS has its own
machinery (groups, page permissions, workflows), so this module keeps it in step with the roles:

* 科技局工作人员 — admin access, add/edit/publish every page, images and documents, taxonomies and organisations.
* 机构编辑 — admin access and image/PDF uploads only; page rights come from the institution's own group.
* one group per institution (``机构#<organisation id>:<name>``) with add/change — never publish — on that
  institution's page and everything below it.
* the workflow 成果发布审核 on the institution directory, with one task approved by 科技局工作人员, so every
  achievement (and institution page) an editor submits is published only after staff approve it.

Every function here is idempotent: it is run after each ``migrate`` and whenever a role or an institution page
changes (marketplace/signals.py, wired in MarketplaceConfig.ready()). It lives with the marketplace because the
groups and the workflow are about the marketplace's pages; accounts only owns the roles they are derived from.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

BUREAU_GROUP_NAME = "科技局工作人员"
EDITOR_GROUP_NAME = "机构编辑"
INSTITUTION_GROUP_PREFIX = "机构#"
WORKFLOW_NAME = "成果发布审核"
WORKFLOW_TASK_NAME = "科技局审核"

BUREAU_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page")
INSTITUTION_PAGE_PERMISSIONS = ("add_page", "change_page")
# (app_label, model, actions) for Django model permissions bureau staff hold.
BUREAU_MODEL_PERMISSIONS = [
    ("taxonomy", "industrychainnode", ("add", "change", "delete", "view")),
    ("taxonomy", "technicalfield", ("add", "change", "delete", "view")),
    ("taxonomy", "readinesslevel", ("add", "change", "delete", "view")),
    ("taxonomy", "iptype", ("add", "change", "delete", "view")),
    ("taxonomy", "transfermode", ("add", "change", "delete", "view")),
    ("taxonomy", "region", ("add", "change", "delete", "view")),
    ("taxonomy", "entitytype", ("add", "change", "delete", "view")),
    ("accounts", "organisation", ("add", "change", "view")),
]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _collection_permissions(group: Group, actions: tuple[str, ...], collection=None) -> None:
    from wagtail.models import Collection, GroupCollectionPermission

    root = collection or Collection.get_first_root_node()
    if root is None:
        return
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=_permission(app_label, f"{action}_{model}")
            )


def institution_collection_ensure(organisation):
    """The institution's own collection (child of the root): its editors upload and choose only there."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    name = institution_group_name(organisation)[:255]
    prefix = f"{INSTITUTION_GROUP_PREFIX}{organisation.pk}:"
    collection = root.get_children().filter(name__startswith=prefix).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=name))
    elif collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


def _page_permissions(group: Group, page, codenames: tuple[str, ...]) -> None:
    from wagtail.models import GroupPagePermission

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    for codename in codenames:
        permission = Permission.objects.get(content_type=page_type, codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _ensure_permissions_exist() -> None:
    """post_migrate handlers run in app order; make sure every permission this module names exists already."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)


@transaction.atomic
def cms_groups_ensure() -> dict[str, Group]:
    """Create or update the role groups and the achievement moderation workflow (safe to run any time)."""
    from wagtail.models import GroupCollectionPermission, Page

    _ensure_permissions_exist()
    access_admin = _permission("wagtailadmin", "access_admin")

    bureau, _ = Group.objects.get_or_create(name=BUREAU_GROUP_NAME)
    bureau.permissions.add(access_admin)
    for app_label, model, actions in BUREAU_MODEL_PERMISSIONS:
        bureau.permissions.add(*(_permission(app_label, f"{action}_{model}") for action in actions))
    _collection_permissions(bureau, ("add", "change", "choose", "delete"))
    root_page = Page.get_first_root_node()
    if root_page is not None:
        _page_permissions(bureau, root_page, BUREAU_PAGE_PERMISSIONS)

    editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP_NAME)
    editors.permissions.add(access_admin)
    # No rights on the root collection (it would show every institution's files); each institution's group
    # holds add/change/choose on its own collection (institution_group_sync).
    GroupCollectionPermission.objects.filter(group=editors).delete()

    workflow_ensure(bureau)
    for page in _institution_pages():
        institution_group_sync(page=page)
    return {"bureau": bureau, "editors": editors}


def _institution_pages():
    from .models import InstitutionPage

    return InstitutionPage.objects.select_related("organisation")


def workflow_ensure(bureau: Group | None = None):
    """The 成果发布审核 workflow (one staff approval task) assigned to the institution directory."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from .models import InstitutionIndexPage

    bureau = bureau or Group.objects.get(name=BUREAU_GROUP_NAME)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_TASK_NAME)
    task.groups.add(bureau)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    index = InstitutionIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def institution_group_name(organisation) -> str:
    return f"{INSTITUTION_GROUP_PREFIX}{organisation.pk}:{organisation.name}"[:150]


def institution_group_for(organisation) -> Group | None:
    return Group.objects.filter(name__startswith=f"{INSTITUTION_GROUP_PREFIX}{organisation.pk}:").first()


@transaction.atomic
def institution_group_sync(*, page) -> Group:
    """Create/update the institution's group: add and change (no publish) on this page and below only."""
    from wagtail.models import GroupPagePermission

    organisation = page.organisation
    group = institution_group_for(organisation)
    if group is None:
        group = Group.objects.create(name=institution_group_name(organisation))
    elif group.name != institution_group_name(organisation):
        group.name = institution_group_name(organisation)
        group.save(update_fields=["name"])
    # The group's rights are exactly this page's: drop anything left from a page the organisation no longer has.
    GroupPagePermission.objects.filter(group=group).exclude(page=page).delete()
    _page_permissions(group, page, INSTITUTION_PAGE_PERMISSIONS)
    _collection_permissions(group, ("add", "change", "choose"), institution_collection_ensure(organisation))
    for user in organisation.members.all():
        user_groups_sync(user=user)
    return group


def _managed_groups():
    return Group.objects.filter(name__in=[BUREAU_GROUP_NAME, EDITOR_GROUP_NAME]) | Group.objects.filter(
        name__startswith=INSTITUTION_GROUP_PREFIX
    )


@transaction.atomic
def user_groups_sync(*, user) -> list[str]:
    """Put the user in exactly the CMS groups their role and organisation call for; returns their names."""
    from accounts.models import User

    wanted: list[Group] = []
    if user.role == User.Role.BUREAU_STAFF:
        wanted = list(Group.objects.filter(name=BUREAU_GROUP_NAME))
    elif user.role == User.Role.INSTITUTION_EDITOR and user.organisation_id:
        wanted = list(Group.objects.filter(name=EDITOR_GROUP_NAME))
        own = institution_group_for(user.organisation)
        if own is not None:
            wanted.append(own)
    # Enterprise members, registrars and the public never enter the CMS.
    current = set(user.groups.filter(pk__in=_managed_groups().values("pk")))
    user.groups.remove(*(current - set(wanted)))
    user.groups.add(*wanted)
    return sorted(group.name for group in wanted)
