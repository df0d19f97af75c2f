"""Certificates are rendered after the registering transaction commits, never inside it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from registration import certificates, services
from registration.models import Certificate, Decision

from .factories import submitted

pytestmark = pytest.mark.django_db


def test_registration_commits_before_its_certificate_is_rendered(
    deferred_certificates,
    django_capture_on_commit_callbacks,
    monkeypatch,
    user_enterprise_a,
    enterprise_b,
    registry,
    user_registrar,
):
    contract = submitted(user_enterprise_a, enterprise_b)
    rendered = []
    real_render = certificates.render_certificate_pdf
    monkeypatch.setattr(
        certificates, "render_certificate_pdf", lambda *a, **k: rendered.append(1) or real_render(*a, **k)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.contract_register(user=user_registrar, contract=contract)
    # The decision (and the number) are recorded; no PDF was rendered inside the transaction.
    assert rendered == [] and not Certificate.objects.exists()
    assert contract.has_pending_certificate
    assert Decision.objects.get(contract=contract).certificate_pending
    for callback in callbacks:
        callback()
    certificate = Certificate.objects.get(contract=contract)
    assert certificate.kind == Certificate.Kind.REGISTERED and len(certificate.sha256) == 64
    assert rendered == [1] and not contract.has_pending_certificate


def test_command_issues_missing_certificates(
    deferred_certificates,
    django_capture_on_commit_callbacks,
    user_enterprise_a,
    enterprise_b,
    registry,
    user_registrar,
):
    first = submitted(user_enterprise_a, enterprise_b)
    second = submitted(user_enterprise_a, enterprise_b)
    with django_capture_on_commit_callbacks(execute=False):  # as if the process stopped after committing
        services.contract_register(user=user_registrar, contract=first)
        services.contract_refuse(user=user_registrar, contract=second, reason_codes=["R2026-1"], explanation="不明确")
    assert Decision.objects.filter(certificate_pending=True).count() == 2
    call_command("registration_issue_certificates", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(Certificate.objects.values_list("kind", flat=True)) == ["refused", "registered"]
    assert not Decision.objects.filter(certificate_pending=True).exists()
    call_command("registration_issue_certificates", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Certificate.objects.count() == 2  # idempotent
