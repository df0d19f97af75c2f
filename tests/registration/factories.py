"""Builders for registration tests: a registry with a registrar, and drafts that pass the pre-check."""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registration import services
from registration.models import Registry
from taxonomy.models import TechnicalField

_numbers = itertools.count(1)
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "contract.pdf", content: bytes = MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def city_registry(*registrars) -> Registry:
    registry = Registry.objects.get(code="350400")
    registry.registrars.add(*registrars)
    return registry


def contract_data(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "project_name": "高导热石墨烯散热膜制备技术开发",
        "contract_number": f"HT-2026-{next(_numbers):03d}",
        "signed_on": today - timedelta(days=10),
        "effective_on": today - timedelta(days=10),
        "term_start": today - timedelta(days=10),
        "term_end": today + timedelta(days=365),
        "contract_type": "development",
        "sub_type": "commissioned_development",
        "technical_field": TechnicalField.objects.get(code="materials"),
        "programme_source": "none",
        "payment_method": "instalments",
        "total_amount_cny": Decimal("1000000.00"),
        "technical_content": "研制导热系数不低于 1500 W/(m·K) 的石墨烯散热膜。",
    }
    data.update(overrides)
    return data


def parties_for(seller_org, buyer_org, *, seller_role="developer", buyer_role="commissioner") -> list[dict]:
    return [
        {"side": "seller", "party_role": seller_role, "organisation": seller_org, "name": ""},
        {"side": "buyer", "party_role": buyer_role, "organisation": buyer_org, "name": ""},
    ]


SELLER_ROLE = {
    "development": "developer",
    "transfer": "assignor",
    "licence": "licensor",
    "consulting": "consultant",
    "service": "consultant",
}


def ready_draft(user, buyer_org, *, deductions=None, attachments=("signed_contract",), parties=None, **overrides):
    """A draft by ``user``'s organisation that passes the pre-check (unless overrides break it)."""
    data = contract_data(**overrides)
    # The seller's role is one the rule sets allow for the type (the pre-check enforces it).
    seller_role = SELLER_ROLE.get(data.get("contract_type") or "", "developer")
    contract = services.contract_create_draft(
        user=user,
        data=data,
        parties=parties if parties is not None else parties_for(user.organisation, buyer_org, seller_role=seller_role),
        deductions=deductions or [],
    )
    for kind in attachments:
        services.contract_attach(user=user, contract=contract, kind=kind, uploaded_file=pdf_upload(f"{kind}.pdf"))
    return contract


def submitted(user, buyer_org, **kwargs):
    contract = ready_draft(user, buyer_org, **kwargs)
    services.contract_submit(user=user, contract=contract)
    contract.refresh_from_db()
    return contract
