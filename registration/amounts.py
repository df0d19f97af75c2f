"""技术交易额 from 成交额 and deductions, and the effective amounts after registrar corrections."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from common.errors import DomainError

CENT = Decimal("0.01")


def money(value) -> Decimal:
    """Exact CNY with two places; rejects values that are not numbers."""
    if isinstance(value, Decimal):
        amount = value
    else:
        try:
            amount = Decimal(str(value))
        except ArithmeticError as exc:
            raise DomainError(_("金额格式不正确。")) from exc
    if not amount.is_finite():
        raise DomainError(_("金额格式不正确。"))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def technology_amount(
    *,
    total_amount_cny: Decimal,
    deductions: Iterable[tuple[Decimal, bool]],
    is_mixed: bool = False,
    separable_technical_amount_cny: Decimal | None = None,
) -> Decimal:
    """技术交易额 = base − deductions that are not reasonable technology carriers.

    ``base`` is 成交额, or for a mixed contract the clear amount of its separable technical part.
    ``deductions`` are (amount, is_reasonable_carrier) pairs. The result is never negative and never
    above 成交额; input that would make it so is refused with a message naming the field.
    """
    total = money(total_amount_cny)
    if total < 0:
        raise DomainError(_("合同成交额不能为负数。"), field_errors={"total_amount_cny": [_("合同成交额不能为负数。")]})
    base = total
    if is_mixed:
        if separable_technical_amount_cny is None:
            message = _("混合合同须填写可分离的技术部分金额。")
            raise DomainError(message, field_errors={"separable_technical_amount_cny": [message]})
        base = money(separable_technical_amount_cny)
        if base < 0 or base > total:
            message = _("可分离的技术部分金额应在 0 与合同成交额之间。")
            raise DomainError(message, field_errors={"separable_technical_amount_cny": [message]})
    deducted = Decimal("0.00")
    for amount, is_carrier in deductions:
        amount = money(amount)
        if amount <= 0:
            message = _("扣除金额必须大于 0。")
            raise DomainError(message, field_errors={"deductions": [message]})
        if not is_carrier:
            deducted += amount
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
