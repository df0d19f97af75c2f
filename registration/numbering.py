"""Registration numbers: unique, never reused, gapless per registry and year.

The sequence row for (registry, year) is locked with SELECT … FOR UPDATE for the rest of the
registering transaction, so concurrent registrations queue on it and each takes the next serial; a
transaction that rolls back releases its serial with the lock, so no number is ever skipped.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from common.errors import Conflict

from .models import RegistrationNumberSequence, Registry

# No 0/O, 1/I/L: the code is read off paper and typed in by a tax officer or bank clerk.
VERIFICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def format_registration_number(*, registry: Registry, year: int, serial: int) -> str:
    return settings.REGISTRATION_NUMBER_PATTERN.format(
        year=year, registry_code=int(registry.code), registry_code_text=registry.code, serial=serial
    )


def _locked_sequence(registry: Registry, year: int) -> RegistrationNumberSequence:
    sequence = RegistrationNumberSequence.objects.select_for_update().filter(registry=registry, year=year).first()
    if sequence is not None:
        return sequence
    try:
        with transaction.atomic():
            RegistrationNumberSequence.objects.create(registry=registry, year=year, last_serial=0)
    except IntegrityError:
        pass  # another transaction created it first; lock theirs below
    return RegistrationNumberSequence.objects.select_for_update().get(registry=registry, year=year)


def registration_number_allocate(*, registry: Registry, year: int) -> tuple[int, str]:
    """Take the next serial for (registry, year). Must run inside the registering transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("registration_number_allocate must run inside transaction.atomic")
    sequence = _locked_sequence(registry, year)
    serial = sequence.last_serial + 1
    if serial > settings.REGISTRATION_SERIAL_MAX:
        raise Conflict(_("%(registry)s %(year)s 年度的登记流水号已用完。") % {"registry": registry.name, "year": year})
    sequence.last_serial = serial
    sequence.save(update_fields=["last_serial"])
    return serial, format_registration_number(registry=registry, year=year, serial=serial)


def verification_code_new() -> str:
    length = settings.REGISTRATION_VERIFICATION_CODE_LENGTH
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(length))
