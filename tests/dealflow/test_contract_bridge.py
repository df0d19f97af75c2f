"""Deal → registration draft pre-filled from the deal; the registry's decision flows back through its signals."""

from decimal import Decimal

import pytest
from django.utils import timezone

from common.errors import Conflict, NotAllowed
from dealflow import services
from dealflow.models import Deal, DealTransition, InstitutionDealSettings
from registration import services as registration
from registration.models import TechnologyContract
from registration.rules import ruleset
from taxonomy.models import EntityType, TransferMode
from tests.registration.factories import city_registry, pdf_upload

from .conftest import to_terms

pytestmark = pytest.mark.django_db
S = Deal.Stage


@pytest.fixture
def signing(deal, user_institution_editor, institution, enterprise_a, user_registrar):
    city_registry(user_registrar)
    InstitutionDealSettings.objects.create(organisation=institution, state_funded=False)
    institution.entity_type = EntityType.objects.order_by("code").first()
    institution.save()
    to_terms(deal, user_institution_editor)
    services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="880000")
    services.deal_transition(user=user_institution_editor, deal=deal, to_stage=S.SIGNING)
    deal.refresh_from_db()
    return deal


def test_file_as_contract_prefills_the_draft(signing, user_institution_editor, institution, enterprise_a, achievement):
    contract = services.deal_file_contract(user=user_institution_editor, deal=signing)
    assert contract.status == TechnologyContract.Status.DRAFT
    assert (contract.contract_type, contract.sub_type) == ("licence", "patent_licence")
    assert contract.total_amount_cny == Decimal("880000.00")
    assert contract.technical_field == achievement.technical_field
    assert list(contract.achievements.all()) == [achievement]
    assert contract.ip_records.get().number == "ZL202010000003.1"
    sides = {p.side: p for p in contract.parties.all()}
    assert (sides["seller"].name, sides["seller"].credit_code) == (institution.name, institution.credit_code)
    assert (sides["buyer"].name, sides["buyer"].credit_code) == (enterprise_a.name, enterprise_a.credit_code)
    assert sides["buyer"].region_code == enterprise_a.region.code
    assert sides["seller"].entity_type == institution.entity_type
    signing.refresh_from_db()
    assert signing.contract == contract
    with pytest.raises(Conflict):
        services.deal_file_contract(user=user_institution_editor, deal=signing)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("transfer", ("transfer", "patent_transfer", False)),
        ("equity", ("transfer", "patent_transfer", True)),
        ("joint", ("development", "cooperative_development", False)),
        ("service", ("service", "technical_service", False)),
    ],
)
def test_type_follows_the_transfer_mode(signing, user_institution_editor, mode, expected):
    Deal.objects.filter(pk=signing.pk).update(transfer_mode=TransferMode.objects.get(code=mode))
    contract = services.deal_file_contract(user=user_institution_editor, deal=signing)
    assert (contract.contract_type, contract.sub_type, contract.is_equity_contribution) == expected


def test_only_the_seller_files_and_only_at_signing(deal, signing, user_enterprise_a):
    with pytest.raises(NotAllowed):
        services.deal_file_contract(user=user_enterprise_a, deal=signing)
    assert TechnologyContract.objects.count() == 0


def test_filing_before_signing_is_refused(deal, user_institution_editor):
    with pytest.raises(Conflict):
        services.deal_file_contract(user=user_institution_editor, deal=deal)


def _submit(contract, user):
    today = timezone.localdate()
    registration.contract_update_draft(
        user=user,
        contract=contract,
        data={
            "contract_number": f"DF-{contract.pk}",
            "signed_on": today,
            "effective_on": today,
            "term_start": today,
            "term_end": today.replace(year=today.year + 1),
            "payment_method": "lump_sum",
            "licence_scope": "ordinary",
        },
    )
    for kind in ("signed_contract", "ip_proof"):
        registration.contract_attach(user=user, contract=contract, kind=kind, uploaded_file=pdf_upload(f"{kind}.pdf"))
    registration.contract_submit(user=user, contract=contract)


def test_registered_moves_the_deal_to_registration(signing, user_institution_editor, user_registrar):
    contract = services.deal_file_contract(user=user_institution_editor, deal=signing)
    _submit(contract, user_institution_editor)
    registration.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    signing.refresh_from_db()
    assert signing.stage == S.REGISTERED and signing.registered_on == timezone.localdate()
    assert DealTransition.objects.filter(deal=signing, action="registered", actor=user_registrar).count() == 1


def test_refused_returns_to_signing_with_the_notice(signing, user_institution_editor, user_registrar):
    contract = services.deal_file_contract(user=user_institution_editor, deal=signing)
    _submit(contract, user_institution_editor)
    contract.refresh_from_db()
    first_code = ruleset(contract.rule_set_key).refusal_reasons[0][0]
    registration.contract_refuse(
        user=user_registrar,
        contract=contract,
        reason_codes=[first_code],
        explanation="材料不符",
        issue_certificate=False,
    )
    signing.refresh_from_db()
    assert signing.stage == S.SIGNING and signing.refusal_decision is not None
    assert signing.refusal_decision.explanation == "材料不符"
    # The seller may file again after a refusal.
    again = services.deal_file_contract(user=user_institution_editor, deal=signing)
    assert again.pk != contract.pk


def test_a_contract_filed_outside_the_deal_flow_leaves_deals_alone(signing, user_institution_editor, user_registrar):
    from tests.registration.factories import submitted

    other = submitted(user_institution_editor, signing.buyer_organisation)
    registration.contract_register(user=user_registrar, contract=other, issue_certificate=False)
    signing.refresh_from_db()
    assert signing.stage == S.SIGNING and signing.contract is None
