"""Registration's decisions flow back into deals (connected in DealflowConfig.ready())."""

from __future__ import annotations


def contract_registered(sender, *, contract, decision, user, **kwargs) -> None:
    from .services import deal_contract_registered

    deal_contract_registered(contract=contract, user=user)


def contract_refused(sender, *, contract, decision, user, **kwargs) -> None:
    from .services import deal_contract_refused

    deal_contract_refused(contract=contract, decision=decision, user=user)
