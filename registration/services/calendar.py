"""The working-day calendar that bureau staff maintain (holidays on weekdays, 调休 working weekends)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import NotFoundError

from .. import permissions
from ..models import (
    CalendarDay,
)

# --- Working-day calendar (bureau staff) ---------------------------------------------------------------


@transaction.atomic
def calendar_day_set(*, user: User, day: date, is_working_day: bool, name: str = "") -> CalendarDay:
    """Record that ``day`` is (not) a working day, overriding the package seed and Monday–Friday.

    Deadlines already computed are not moved: a case's deadline is fixed when its clock starts.
    """
    permissions.require_staff(user)
    entry, _created = CalendarDay.objects.update_or_create(
        date=day,
        defaults={
            "is_working_day": is_working_day,
            "name": name,
            "source": CalendarDay.Source.STAFF,
            "updated_by": user,
        },
    )
    return entry


@transaction.atomic
def calendar_day_clear(*, user: User, day: date) -> None:
    """Remove an exception so the day follows the Monday–Friday rule again."""
    permissions.require_staff(user)
    deleted, _details = CalendarDay.objects.filter(date=day).delete()
    if not deleted:
        raise NotFoundError(_("%(d)s 没有节假日或调休记录。") % {"d": day.isoformat()})
