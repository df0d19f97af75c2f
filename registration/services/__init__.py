"""Write-side of the registry: drafting, submission, the registrar's decisions, amendments, objections.

Every workflow function locks the contract row, checks the user and the current status (an illegal
transition raises ``Conflict`` with a message; never a silent no-op), changes state, and writes a
``TransitionLog`` row in the same transaction.

Workflow::

    draft ──submit──▶ submitted ──register──▶ registered ──amend──▶ registered (amended)
      │                │  ▲  │                    │ └──cancel──▶ cancelled
      │                │  │  └──refuse──▶ refused  └──object──▶ redetermination ──▶ registered / refused
      │   request_material │                 └──object──▶ redetermination
      │                ▼  │resubmit
      │        material_requested
      └── (submitted/material_requested) ──withdraw──▶ withdrawn

Modules by responsibility: ``drafting`` (drafts, attachments, pre-check, prefill from an achievement),
``submission`` (submit, resubmit, withdraw), ``decisions`` (classify, correct, 补正, register, refuse,
cancel, historical records), ``amendments`` (变更登记, 异议), ``calendar`` (working days), ``registry``;
shared helpers in ``_base``. This package re-exports every public name, so callers import from
``registration.services`` and never from a sub-module.
"""

from ..precheck import Finding, precheck
from ._base import (
    AMENDABLE_FIELDS,
    DEDUCTION_FIELDS,
    DRAFT_FIELDS,
    IP_RECORD_FIELDS,
    PARTY_FIELDS,
    PrecheckFailed,
    registry_for_organisation,
)
from .amendments import contract_decide_amendment, contract_object, contract_redetermine, contract_request_amendment
from .calendar import calendar_day_clear, calendar_day_set
from .decisions import (
    DECIDABLE,
    contract_cancel,
    contract_classify,
    contract_correct_amount,
    contract_refuse,
    contract_register,
    contract_register_historical,
    contract_request_material,
)
from .drafting import (
    TRANSFER_MODE_TO_TYPE,
    contract_attach,
    contract_create_draft,
    contract_delete_draft,
    contract_precheck,
    contract_prefill_from_achievement,
    contract_remove_attachment,
    contract_update_draft,
)
from .registry import registry_assign_registrar
from .reminders import ReminderRun, deadline_reminders_send
from .submission import contract_resubmit, contract_submit, contract_withdraw

__all__ = [
    "AMENDABLE_FIELDS",
    "DECIDABLE",
    "DEDUCTION_FIELDS",
    "DRAFT_FIELDS",
    "IP_RECORD_FIELDS",
    "PARTY_FIELDS",
    "TRANSFER_MODE_TO_TYPE",
    "Finding",
    "PrecheckFailed",
    "ReminderRun",
    "calendar_day_clear",
    "calendar_day_set",
    "contract_attach",
    "contract_cancel",
    "contract_classify",
    "contract_correct_amount",
    "contract_create_draft",
    "contract_decide_amendment",
    "contract_delete_draft",
    "contract_object",
    "contract_precheck",
    "contract_prefill_from_achievement",
    "contract_redetermine",
    "contract_refuse",
    "contract_register",
    "contract_register_historical",
    "contract_remove_attachment",
    "contract_request_amendment",
    "contract_request_material",
    "contract_resubmit",
    "contract_submit",
    "contract_update_draft",
    "contract_withdraw",
    "deadline_reminders_send",
    "precheck",
    "registry_assign_registrar",
    "registry_for_organisation",
]
