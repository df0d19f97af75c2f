"""Which years statistics cover and what a year is compared with (同比), from user input to date ranges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import DomainError

from ..models import ContractType

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
EARLIEST_YEAR = 2000  # the older rule set (国科发政字〔2000〕063号) is the earliest the registry knows
COMMERCIALISING_TYPES = (ContractType.TRANSFER, ContractType.LICENCE)
DOMESTIC_COUNTRY_CODE = "156"


# --- Year handling ---------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def current_year() -> int:
    return _today().year


def previous_period_end(year: int) -> date:
    """The last day of the previous year that ``year`` is compared with (同比).

    While ``year`` is still running, the previous year is taken up to the same day (同期), so a
    November dashboard does not compare eleven months with twelve; a closed year is compared with
    the whole previous year. 29 February falls back to 28 February.
    """
    today = _today()
    if year < today.year:
        return date(year - 1, 12, 31)
    try:
        return today.replace(year=year - 1)
    except ValueError:
        return date(year - 1, 2, 28)


def parse_year(value, *, default: int | None = None) -> int:
    """A year from user input (query string), or a DomainError with a clear message for the ``year`` field."""
    latest = current_year()
    if value in (None, ""):
        return default if default is not None else latest
    text = str(value).strip()
    message = _("年份应为 %(first)s 至 %(last)s 之间的四位整数。") % {"first": EARLIEST_YEAR, "last": latest}
    if not (text.isdigit() and len(text) == 4):
        raise DomainError(message, field_errors={"year": [message]}, code="invalid_year")
    year = int(text)
    if not EARLIEST_YEAR <= year <= latest:
        raise DomainError(message, field_errors={"year": [message]}, code="invalid_year")
    return year


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
