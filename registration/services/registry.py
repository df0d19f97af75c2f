"""Registries: which registrars work a registry's queue."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import DomainError

from ..models import (
    Registry,
)


@transaction.atomic
def registry_assign_registrar(*, registry: Registry, registrar: User) -> None:
    """Let a registrar work this registry's queue (demo data and set-up scripts use this)."""
    if not registrar.is_registrar:
        raise DomainError(_("只有登记员角色的用户可以加入登记机构。"))
    registry.registrars.add(registrar)
