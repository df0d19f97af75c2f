"""Technology-contract registration (技术合同认定登记): registries, contracts, parties, amounts, decisions,
numbers, certificates, the working-day calendar, objections and amendments.

The rules themselves (types and sub-types, refusal codes, time limits, thresholds) are data in
``registration/rulesets/*.json``; the models only store which rule set a contract was decided
under (``rule_set_key``) and the codes it produced, so a later rule change never rewrites an
earlier decision. Workflow logic lives in ``services/``; reads in ``selectors.py``.

Statistics read the *effective* amounts (``effective_total_amount_cny`` /
``effective_technology_amount_cny``: the latest registrar correction, or the declared amount when
there is none) and group by ``registered_on``, ``contract_type``/``sub_type``, ``technical_field``,
and the parties' ``region_code``/``province_code``/``entity_type`` — each of these is indexed.

Modules: ``contracts`` (registry, contract and what is filed with it), ``decisions`` (decisions,
audit trail, numbers, certificates), ``changes`` (objections, amendments), ``calendar``, ``facts``
(the statistics' per-contract facts), ``reminders`` (deadline reminders sent). Every model is re-exported here.
"""

from .calendar import CalendarDay
from .changes import Amendment, Objection
from .contracts import (
    COUNTRY_CODE_VALIDATOR,
    MONEY,
    REGION_CODE_VALIDATOR,
    ZERO,
    AmountCorrection,
    Attachment,
    ContractIPRecord,
    ContractParty,
    ContractType,
    Deduction,
    Registry,
    TechnologyContract,
    TechnologyContractQuerySet,
    attachment_upload_to,
)
from .decisions import (
    TRANSITION_ACTION_LABELS,
    Certificate,
    Decision,
    RefusalReason,
    RegistrationNumberSequence,
    TransitionLog,
    certificate_upload_to,
)
from .facts import ContractStatisticsFacts, ContractStatisticsSummary, Place
from .reminders import DeadlineReminder
from .throttle import VerificationFailureCount

__all__ = [
    "COUNTRY_CODE_VALIDATOR",
    "MONEY",
    "REGION_CODE_VALIDATOR",
    "TRANSITION_ACTION_LABELS",
    "ZERO",
    "Amendment",
    "AmountCorrection",
    "Attachment",
    "CalendarDay",
    "Certificate",
    "ContractIPRecord",
    "ContractParty",
    "ContractStatisticsFacts",
    "ContractStatisticsSummary",
    "ContractType",
    "DeadlineReminder",
    "Decision",
    "Deduction",
    "Objection",
    "Place",
    "RefusalReason",
    "RegistrationNumberSequence",
    "Registry",
    "TechnologyContract",
    "TechnologyContractQuerySet",
    "TransitionLog",
    "VerificationFailureCount",
    "attachment_upload_to",
    "certificate_upload_to",
]
