"""技术交易额 from 成交额 and deductions, and the effective amounts after registrar corrections."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from common.errors import DomainError

CENT = Decimal("0.01")
# Money columns hold 14 digits, 2 after the point (up to ¥999,999,999,999.99): every such value
# survives a round trip through SQLite's floating-point storage, where 16 digits did not.
MAX_DIGITS = 14
MAX_AMOUNT = Decimal("999999999999.99")
EQUIPMENT_CATEGORIES = ("equipment", "instrument")


def money(value, *, field: str = "") -> Decimal:
    """The one conversion to exact CNY with two places, for input and for database sums alike.

    Rejects what is not a finite number and amounts beyond the columns' 14 digits, naming ``field``
    in the error when given (so an API answers 400 with a field message, never a 500).
    """
    if isinstance(value, Decimal):
        amount = value
    else:
        try:
            amount = Decimal(str(value).strip() if isinstance(value, str) else str(value))
        except ArithmeticError as exc:
            raise _money_error(_("金额格式不正确。"), field) from exc
    if not amount.is_finite():
        raise _money_error(_("金额格式不正确。"), field)
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if abs(amount) > MAX_AMOUNT:
        raise _money_error(
            _("金额过大:最多 %(n)s 位整数(不超过 999,999,999,999.99 元)。") % {"n": MAX_DIGITS - 2}, field
        )
    return amount


def _money_error(message: str, field: str) -> DomainError:
    return DomainError(message, field_errors={field: [message]} if field else None, code="invalid_amount")


def carrier_excess(*, amount_cny: Decimal, quantity: int, category: str, is_reasonable_carrier: bool) -> Decimal:
    """The part of a carrier row that is deducted: sets of equipment or instruments beyond the reasonable
    quantity (``REGISTRATION_CARRIER_MAX_SETS``, normally 2) at their cost. 6 sets for ¥600,000 with 2
    reasonable → ¥400,000. Other carriers (documents, trial media, seeds) are never deducted."""
    max_sets = settings.REGISTRATION_CARRIER_MAX_SETS
    if not is_reasonable_carrier or category not in EQUIPMENT_CATEGORIES or quantity <= max_sets:
        return Decimal("0.00")
    return money(money(amount_cny) / quantity * (quantity - max_sets))


def deducted_amount(*, amount_cny: Decimal, quantity: int, category: str, is_reasonable_carrier: bool) -> Decimal:
    """What one deduction row takes off 技术交易额."""
    if not is_reasonable_carrier:
        return money(amount_cny)
    return carrier_excess(
        amount_cny=amount_cny, quantity=quantity, category=category, is_reasonable_carrier=is_reasonable_carrier
    )


def technology_amount(
    *,
    total_amount_cny: Decimal,
    deductions: Iterable[tuple],
    is_mixed: bool = False,
    separable_technical_amount_cny: Decimal | None = None,
) -> Decimal:
    """技术交易额 = base − deductions that are not reasonable technology carriers.

    ``base`` is 成交额, or for a mixed contract the clear amount of its separable technical part.
    ``deductions`` are (amount, is_reasonable_carrier[, quantity, category]) tuples; a carrier of
    equipment beyond the reasonable quantity is deducted for the excess sets (``carrier_excess``). The result is never negative and never
    above 成交额; input that would make it so is refused with a message naming the field.
    """
    total = money(total_amount_cny, field="total_amount_cny")
    if total < 0:
        raise DomainError(_("合同成交额不能为负数。"), field_errors={"total_amount_cny": [_("合同成交额不能为负数。")]})
    base = total
    if is_mixed:
        if separable_technical_amount_cny is None:
            message = _("混合合同须填写可分离的技术部分金额。")
            raise DomainError(message, field_errors={"separable_technical_amount_cny": [message]})
        base = money(separable_technical_amount_cny, field="separable_technical_amount_cny")
        if base < 0 or base > total:
            message = _("可分离的技术部分金额应在 0 与合同成交额之间。")
            raise DomainError(message, field_errors={"separable_technical_amount_cny": [message]})
    deducted = Decimal("0.00")
    for amount, is_carrier, *rest in deductions:
        amount = money(amount, field="deductions")
        if amount <= 0:
            message = _("扣除金额必须大于 0。")
            raise DomainError(message, field_errors={"deductions": [message]})
        quantity, category = (*rest, 1, "")[:2]
        deducted += deducted_amount(
            amount_cny=amount, quantity=quantity, category=category, is_reasonable_carrier=is_carrier
        )
    if deducted > base:
        message = _("非技术性费用合计 %(deducted)s 元超过了%(base_name)s %(base)s 元,技术交易额不能为负数。") % {
            "deducted": f"{deducted:,.2f}",
            "base_name": _("可分离的技术部分金额") if is_mixed else _("合同成交额"),
            "base": f"{base:,.2f}",
        }
        raise DomainError(message, field_errors={"deductions": [message]})
    return base - deducted


def validate_amount_pair(*, total_amount_cny: Decimal, technology_amount_cny: Decimal) -> None:
    """A registrar's corrected pair must still satisfy 0 ≤ 技术交易额 ≤ 成交额."""
    if total_amount_cny < 0:
        raise DomainError(_("合同成交额不能为负数。"), field_errors={"corrected_cny": [_("合同成交额不能为负数。")]})
    if technology_amount_cny < 0:
        raise DomainError(_("技术交易额不能为负数。"), field_errors={"corrected_cny": [_("技术交易额不能为负数。")]})
    if technology_amount_cny > total_amount_cny:
        message = _("技术交易额 %(tech)s 元不能超过合同成交额 %(total)s 元。") % {
            "tech": f"{technology_amount_cny:,.2f}",
            "total": f"{total_amount_cny:,.2f}",
        }
        raise DomainError(message, field_errors={"corrected_cny": [message]})


def deduction_rows(deductions) -> list[tuple]:
    """Deduction model rows as the tuples ``technology_amount`` takes."""
    return [(d.amount_cny, d.is_reasonable_carrier, d.quantity, d.category) for d in deductions]


def price_not_itemised(*, price_terms: str, deductions, bundled_phrases) -> bool:
    """The price bundles non-technical costs ("包括设备、材料等全部费用") without itemising them, so
    技术交易额 cannot be determined until 补正 (itemised deductions, or a stated technical part)."""
    if not any(phrase in (price_terms or "") for phrase in bundled_phrases):
        return False
    return not any(not d.is_reasonable_carrier for d in deductions)


def registered_total(*, total_amount_cny: Decimal, is_mixed: bool, separable_technical_amount_cny) -> Decimal:
    """The 成交额 a registration records: the whole price of a technology contract, but for a contract of
    another kind with a separately priced technical part (``is_mixed``) only that part's price (§3)."""
    if is_mixed and separable_technical_amount_cny is not None:
        return money(separable_technical_amount_cny)
    return money(total_amount_cny or 0)
