"""Registration's decisions flow back into deals; search asks which needs deals answered (connected in
DealflowConfig.ready())."""

from __future__ import annotations


def contract_registered(sender, *, contract, decision, user, **kwargs) -> None:
    from .services import deal_contract_registered

    deal_contract_registered(contract=contract, user=user)


def contract_refused(sender, *, contract, decision, user, **kwargs) -> None:
    from .services import deal_contract_refused

    deal_contract_refused(contract=contract, decision=decision, user=user)


def need_answers(sender, **kwargs) -> dict[int, set[int]]:
    from .selectors import needs_answered_by_deals

    return needs_answered_by_deals()
