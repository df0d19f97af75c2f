"""Receivers for what lower apps announce (connected in ``ChallengesConfig.ready``); they only call services."""

from __future__ import annotations

from . import services


def on_contract_registered(sender, contract, decision, user, **kwargs) -> None:
    # Runs inside the registrar's transaction: an error here aborts the registration rather than lose the link.
    services.award_contract_registered(contract=contract)


def on_need_deal_changed(sender, need_id, deal_id, active, **kwargs) -> None:
    # Inside the deal flow's transaction: the map's "in deals" row commits or rolls back with the deal.
    services.need_deal_record(need_id=need_id, deal_id=deal_id, active=active)
