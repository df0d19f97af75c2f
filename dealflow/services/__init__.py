"""Write-side of the deal flow: enquiries, proposals, messages, the confidential tier, deal stages, notices, receipts.

Every function checks who is acting and the current state and raises a domain error (never a silent no-op);
state changes lock the row and write a ``DealTransition`` in the same transaction, so a refused transition
leaves the deal where it was.

Deal stages::

    意向 → 洽谈 → 保密协议 → 条款/定价 ─(state-funded + negotiated price)→ 价格公示 ─(period over)→ 签约
                                      └──────────────────────────────────────────────────────→ 签约
    签约 ─(registry registers the filed contract)→ 登记 → 实施        any open stage before 登记 → 已终止 (lost)

Modules by responsibility: ``approaches`` (enquiries, proposals, accept/decline), ``conversations`` (messages,
brokers), ``confidential`` (disclosures, the NDA, stamped downloads), ``stages`` (transitions, price, lost, idle),
``notices`` (价格公示 and objections), ``contracts`` (filing the registry contract, its decision, receipts),
``reminders`` (unanswered approaches and ended notices, sent by a scheduled command); shared
helpers in ``_base``. This package re-exports every name other modules and tests use, so callers import from
``dealflow.services`` and never from a sub-module.
"""

from ._base import (
    IMAGE_FORMATS,
    LOSABLE,
    MANUAL_TRANSITIONS,
    PATENT_CODES,
    STAGE_ORDER,
    STATE_FUNDED_KINDS,
    TRANSFER_MODE_CONTRACT,
    Stage,
    _chain_code,
    _check_range,
    _clean,
    _funnel_changed,
    _local_date,
    _lock,
    _log,
    _money,
    _move,
    _required_text,
    institution_settings_update,
    is_state_funded,
    notify,
)
from .approaches import _lock_approach, approach_accept, approach_decline, approach_for, enquiry_send, proposal_send
from .confidential import (
    _no_fetch,
    _require_disclosure_access,
    _require_own_achievement,
    _stamp_overlay,
    disclosure_access_allowed,
    disclosure_add_file,
    disclosure_download,
    disclosure_open,
    disclosure_update,
    nda_accept,
    nda_current,
    nda_publish,
    stamp_pdf,
)
from .contracts import (
    _party_row,
    contract_suggestion,
    deal_contract_refused,
    deal_contract_registered,
    deal_file_contract,
    deal_record_receipt,
)
from .conversations import _validate_attachment, conversation_invite_broker, message_send
from .funnel import funnel_counters, funnel_counters_rebuild, funnel_recount
from .notices import current_notice, notice_object, notice_required, objection_resolve
from .reminders import deal_reminders_send
from .stages import (
    _guard_signing,
    deal_mark_lost,
    deal_set_price,
    deal_transition,
    deals_announce_needs,
    deals_flag_idle,
)

__all__ = [
    "IMAGE_FORMATS",
    "LOSABLE",
    "MANUAL_TRANSITIONS",
    "PATENT_CODES",
    "STAGE_ORDER",
    "STATE_FUNDED_KINDS",
    "TRANSFER_MODE_CONTRACT",
    "Stage",
    "_chain_code",
    "_check_range",
    "_clean",
    "_funnel_changed",
    "_guard_signing",
    "_local_date",
    "_lock",
    "_lock_approach",
    "_log",
    "_money",
    "_move",
    "_no_fetch",
    "_party_row",
    "_require_disclosure_access",
    "_require_own_achievement",
    "_required_text",
    "_stamp_overlay",
    "_validate_attachment",
    "approach_accept",
    "approach_decline",
    "approach_for",
    "contract_suggestion",
    "conversation_invite_broker",
    "current_notice",
    "deal_contract_refused",
    "deal_contract_registered",
    "deal_file_contract",
    "deal_mark_lost",
    "deal_record_receipt",
    "deal_reminders_send",
    "deal_set_price",
    "deal_transition",
    "deals_announce_needs",
    "deals_flag_idle",
    "disclosure_access_allowed",
    "disclosure_add_file",
    "disclosure_download",
    "disclosure_open",
    "disclosure_update",
    "enquiry_send",
    "funnel_counters",
    "funnel_counters_rebuild",
    "funnel_recount",
    "institution_settings_update",
    "is_state_funded",
    "message_send",
    "nda_accept",
    "nda_current",
    "nda_publish",
    "notice_object",
    "notice_required",
    "notify",
    "objection_resolve",
    "proposal_send",
    "stamp_pdf",
]
