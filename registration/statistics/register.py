"""The year's contract register (streamed for the Excel export) and the label lookups it needs."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from taxonomy.models import TechnicalField

from ..models import ContractParty, TechnologyContract
from .dashboard import _labels, sub_type_labels, type_labels
from .periods import (
    year_bounds,
)


def register_rows(year: int) -> Iterator[dict]:
    """The contract register for ``year``: every contract registered that year that is still registered
    (amended included) or was cancelled since, in number order, streamed in chunks.

    Each chunk's first-listed seller and buyer come from one parties query (not a subquery per row).
    """
    start, end = year_bounds(year)
    contracts = (
        TechnologyContract.objects.filter(
            status__in=[TechnologyContract.Status.REGISTERED, TechnologyContract.Status.CANCELLED],
            registered_on__range=(start, end),
        )
        .order_by("registration_number", "pk")
        .values(
            "pk",
            "registration_number",
            "registered_on",
            "project_name",
            "contract_number",
            "contract_type",
            "sub_type",
            "is_equity_contribution",
            "effective_total_amount_cny",
            "effective_technology_amount_cny",
            "technical_field_id",
            "status",
            "amended_at",
        )
        .iterator(chunk_size=REGISTER_CHUNK)
    )
    while chunk := list(islice(contracts, REGISTER_CHUNK)):
        first: dict[tuple[int, str], dict] = {}
        for party in (
            ContractParty.objects.filter(contract_id__in=[c["pk"] for c in chunk])
            .order_by("contract_id", "sort_order", "pk")
            .values("contract_id", "side", "name", "region_code", "country_code")
        ):
            first.setdefault((party["contract_id"], party["side"]), party)
        for contract in chunk:
            seller = first.get((contract["pk"], ContractParty.Side.SELLER), {})
            buyer = first.get((contract["pk"], ContractParty.Side.BUYER), {})
            yield {
                **contract,
                "seller_name": seller.get("name", ""),
                "seller_region": seller.get("region_code", ""),
                "buyer_name": buyer.get("name", ""),
                "buyer_region": buyer.get("region_code", ""),
                "buyer_country": buyer.get("country_code", ""),
            }


REGISTER_CHUNK = 2000


def label_maps() -> dict:
    """Lookups the register export needs to turn codes into labels (small tables, read once)."""
    return {
        "types": type_labels(),
        "sub_types": sub_type_labels(),
        "fields": _labels(TechnicalField),
        "status": {c.value: str(c.label) for c in TechnologyContract.Status},
    }
