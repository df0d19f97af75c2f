"""Demo content for development: the listings file, one user per role, and the signals other apps' demo
steps listen to (marketplace/events.py: ``demo_loaded``, ``demo_resetting``, ``listings_bulk_loaded``).

Idempotent: records are found by external id and users by username, so a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common.errors import Conflict
from marketplace.events import announcements_suspended, demo_loaded, demo_resetting, listings_bulk_loaded
from marketplace.importing import ImportOptions, ImportResult, import_file, read_rows
from marketplace.models import AchievementPage, InstitutionPage, TechnologyNeed

# The evaluation set (top-level evaluation/, data beside the product, not in it) is the richer demo; ours is the
# fallback for a checkout without it.
EVALUATION_LISTINGS = Path(settings.BASE_DIR) / "evaluation" / "listings.jsonl"
FALLBACK_LISTINGS = Path(__file__).resolve().parent / "listings.jsonl"

# Development-only credentials, printed by the command. Never used outside `make run`.
DEMO_PASSWORD = "demo-2026-dev"  # noqa: S105 - a published development password, by design
ADMIN_PASSWORD = "admin-2026-dev"  # noqa: S105


@dataclass
class DemoUser:
    username: str
    role: str
    display_name: str
    organisation: Organisation | None
    password: str  # the demo password; a user who changed theirs keeps it (existing users are not touched)
    created: bool


def listings_path() -> Path:
    return EVALUATION_LISTINGS if EVALUATION_LISTINGS.exists() else FALLBACK_LISTINGS


def demo_listings_import(*, path: Path, progress: bool | None = None) -> ImportResult:
    options = ImportOptions(create_institutions=True, create_enterprises=True, progress=progress)
    # The demo is old content: no change announcements (so no outbox rows, no match alerts) while it loads;
    # load_demo then sends ``listings_bulk_loaded`` and the search app rebuilds its index from the database.
    with announcements_suspended():
        result = import_file(path, options)
    if result.errors:
        raise Conflict(
            _("演示数据文件 %(file)s 有误:\n%(errors)s") % {"file": path, "errors": "\n".join(result.errors)}
        )
    return result


def _demo_enterprise() -> Organisation | None:
    """The enterprise with most needs, so its member's dashboard has something to show."""
    return Organisation.objects.enterprises().approved().annotate(n=Count("needs")).order_by("-n", "name").first()


def _demo_institution() -> Organisation | None:
    return (
        Organisation.objects.institutions().approved().annotate(n=Count("achievements")).order_by("-n", "name").first()
    )


@transaction.atomic
def demo_users_ensure() -> list[DemoUser]:
    """One user per role; existing users are left exactly as they are (passwords included)."""
    specs = [
        ("admin", "", _("系统管理员"), None, ADMIN_PASSWORD, {"is_superuser": True, "is_staff": True}),
        ("bureau", User.Role.BUREAU_STAFF, _("科技局 王科长"), None, DEMO_PASSWORD, {"is_staff": True}),
        ("registrar", User.Role.REGISTRAR, _("登记员 李明"), None, DEMO_PASSWORD, {}),
        ("enterprise", User.Role.ENTERPRISE_MEMBER, _("企业用户 陈经理"), _demo_enterprise(), DEMO_PASSWORD, {}),
        ("institution", User.Role.INSTITUTION_EDITOR, _("机构编辑 刘老师"), _demo_institution(), DEMO_PASSWORD, {}),
    ]
    users = []
    for username, role, display_name, organisation, password, flags in specs:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(
                username=username,
                role=role or User.Role.BUREAU_STAFF,
                display_name=display_name,
                organisation=organisation,
                email=f"{username}@demo.example.cn",
                **flags,
            )
            user.set_password(password)
            user.save()
        users.append(
            DemoUser(
                username=username,
                role=user.get_role_display() + (_("(超级用户)") if user.is_superuser else ""),
                display_name=user.display_name,
                organisation=user.organisation,
                password=password,
                created=created,
            )
        )
    return users


@transaction.atomic
def demo_reset(*, path: Path) -> None:
    """Remove what the demo created (its records by external id, its users), so it can load afresh."""
    rows = read_rows(path)
    ids = {str(row.data.get("external_id")) for row in rows if row.data.get("external_id")}
    names = {str(row.data.get("name")) for row in rows if row.data.get("name")}
    demo_resetting.send(sender=None)  # registration deletes demo contracts: they refer to demo users and parties
    User.objects.filter(username__in=["admin", "bureau", "registrar", "enterprise", "institution"]).delete()
    TechnologyNeed.objects.filter(external_id__in=ids).delete()
    for page in AchievementPage.objects.filter(external_id__in=ids):
        page.delete()
    organisations = Organisation.objects.filter(external_id__in=ids) | Organisation.objects.filter(name__in=names)
    for page in InstitutionPage.objects.filter(organisation__in=organisations):
        if not page.get_children().exists():
            page.delete()
    try:
        organisations.filter(institution_page__isnull=True).delete()
    except ProtectedError as error:
        raise Conflict(_("演示机构仍被其他数据(如技术合同、用户)引用,无法重置;请先删除这些数据。")) from error


def demo_loaded_announce(*, stdout=None) -> list[str]:
    """Tell the apps above the marketplace that the demo is in: first their own demo data (registration's
    contracts), then the rebuild of copies of the listings (the search index). Returns their messages."""
    responses = demo_loaded.send(sender=None, stdout=stdout) + listings_bulk_loaded.send(sender=None)
    return [str(message) for _receiver, message in responses if message]
