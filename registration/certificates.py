"""登记证明 and 未予登记 notices as PDF (WeasyPrint + a CJK font), stored once with their SHA-256.

A decision *requests* its certificate (``certificate_request``): the decision is marked pending and the
PDF is rendered after the deciding transaction commits, so registrations are not serialised behind
PDF rendering while they hold the registration-number lock. A rendering that fails (or a process
that stops before it) leaves the decision pending; ``manage.py registration_issue_certificates``
issues every missing one. Downloads serve the stored file, so what a party printed and what the
registry serves later are byte-for-byte the same.
"""

from __future__ import annotations

import base64
import hashlib
import io
import threading
from urllib.parse import urlencode

import qrcode
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.transaction import on_commit
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from taxonomy.models import Region

from .models import Certificate, Decision, TechnologyContract
from .rules import ruleset


def verification_url(contract: TechnologyContract) -> str:
    query = urlencode({"number": contract.registration_number or "", "code": contract.verification_code})
    return f"{settings.SITE_BASE_URL.rstrip('/')}{reverse('registration:verify')}?{query}"


def qr_data_uri(url: str) -> str:
    # A 1-bit PNG, not an SVG: WeasyPrint drew the SVG's path in ~37 ms, the PNG costs ~14 to make and ~9 to place
    # (issue 12). The template prints it with crisp edges at a fixed size, so the pixel size only needs to be
    # comfortably above one pixel per module.
    image = qrcode.make(url, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


_fonts = threading.local()


def _font_config():
    """One WeasyPrint FontConfiguration per process (per thread, as WeasyPrint promises no thread safety).

    A fresh configuration per certificate made WeasyPrint set up its font map again every time (~15 ms).
    """
    config = getattr(_fonts, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _fonts.config = FontConfiguration()
    return config


def certificate_fonts_warm() -> bytes:
    """Load WeasyPrint and the certificate's CJK font now, so the first certificate does not pay for it (~0.9 s).

    Called when a web worker starts (deploy/gunicorn.conf.py); without it the first certificate warms them. Returns
    the warm-up's PDF (its fonts show what was loaded).
    """
    from weasyprint import HTML

    return HTML(string=_warm_html(), url_fetcher=_url_fetcher()).write_pdf(font_config=_font_config())


def _warm_html() -> str:
    # In a style sheet, not a style attribute: the family list quotes its names ("Noto Sans CJK SC", …), which would
    # end a double-quoted attribute and leave an empty font-family (WeasyPrint then warmed no CJK font at all).
    family = settings.REGISTRATION_CERTIFICATE_FONT_FAMILY
    return f"<style>p {{ font-family: {family} }}</style><p>技术合同登记证明 0123</p>"


def _url_fetcher():
    # Certificates embed everything (QR as a data URI, fonts from the system); never fetch over HTTP.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def certificate_context(contract: TechnologyContract, kind: str, decision: Decision | None) -> dict:
    rules = ruleset(contract.rule_set_key)
    parties = list(contract.parties.select_related("entity_type"))
    names = dict(Region.objects.filter(code__in=[p.region_code for p in parties]).values_list("code", "name"))
    for party in parties:
        party.region_label = (
            f"{names[party.region_code]}({party.region_code})" if party.region_code in names else party.region_code
        )
    context = {
        "contract": contract,
        "kind": kind,
        "kind_label": Certificate.Kind(kind).label,
        "decision": decision,
        "rules": rules,
        "type_label": rules.type_label(contract.contract_type),
        "sub_type_label": rules.sub_type_label(contract.contract_type, contract.sub_type),
        "sellers": [p for p in parties if p.side == "seller"],
        "buyers": [p for p in parties if p.side == "buyer"],
        "reasons": list(decision.reasons.all()) if decision is not None else [],
        "font_family": settings.REGISTRATION_CERTIFICATE_FONT_FAMILY,
        "issued_on": timezone.localdate(),
    }
    if kind in (Certificate.Kind.REGISTERED, Certificate.Kind.AMENDED) and contract.registration_number:
        url = verification_url(contract)
        context.update({"verification_url": url, "qr": qr_data_uri(url)})
    return context


def render_certificate_pdf(contract: TechnologyContract, kind: str, decision: Decision | None) -> bytes:
    from weasyprint import HTML

    # The certificate is an official Chinese document whatever language the registrar's UI uses.
    with translation.override("zh-hans"):
        html = render_to_string("registration/certificate.html", certificate_context(contract, kind, decision))
    return HTML(string=html, url_fetcher=_url_fetcher()).write_pdf(font_config=_font_config())


def certificate_issue(*, contract: TechnologyContract, kind: str, decision: Decision | None, user=None) -> Certificate:
    pdf = render_certificate_pdf(contract, kind, decision)
    digest = hashlib.sha256(pdf).hexdigest()
    certificate = Certificate(
        contract=contract,
        decision=decision,
        kind=kind,
        sha256=digest,
        registration_number=contract.registration_number or "",
        rule_set_key=contract.rule_set_key,
        issued_by=user,
    )
    certificate.file.save(f"{kind}.pdf", ContentFile(pdf), save=False)
    certificate.save()
    return certificate


def certificate_request(*, contract: TechnologyContract, kind: str, decision: Decision, user=None) -> None:
    """Mark ``decision`` as waiting for its certificate and render it once the transaction commits."""
    decision.certificate_kind = kind
    decision.certificate_pending = True
    decision.save(update_fields=["certificate_kind", "certificate_pending"])
    decision_id = decision.pk
    # robust: a rendering error after commit is logged and leaves the decision pending for the command.
    on_commit(lambda: certificate_issue_pending(decision_id=decision_id), robust=True)


def certificate_issue_pending(*, decision_id: int) -> Certificate | None:
    """Render and store the pending certificate of one decision (idempotent: a decision gets one)."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update().select_related("contract", "decided_by").filter(pk=decision_id).first()
        )
        if decision is None or not decision.certificate_pending:
            return None
        certificate = certificate_issue(
            contract=decision.contract, kind=decision.certificate_kind, decision=decision, user=decision.decided_by
        )
        decision.certificate_pending = False
        decision.save(update_fields=["certificate_pending"])
        return certificate


def certificates_issue_missing() -> int:
    """Issue every pending certificate (after a failed rendering or a stopped process); returns how many."""
    issued = 0
    for decision_id in Decision.objects.filter(certificate_pending=True).order_by("pk").values_list("pk", flat=True):
        if certificate_issue_pending(decision_id=decision_id) is not None:
            issued += 1
    return issued
