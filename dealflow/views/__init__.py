"""Deal-flow pages (work without JavaScript). Views parse input, call a service or selector, and render.

Modules by page group: ``conversations`` (enquiries, proposals, inbox, conversations), ``deals`` (board, a deal and
its actions), ``confidential`` (NDA and the confidential tier), ``bureau`` (public notices, the bureau, institution
dashboard, notifications); shared helpers in ``_shared``. This package re-exports every view so ``dealflow.urls``
keeps using ``views.<name>``.
"""

from ._shared import _achievement, _report, domain_errors
from .bureau import (
    _year,
    bureau,
    bureau_export,
    institution_dashboard,
    notice_detail,
    notice_list,
    notifications,
    objection_resolve,
)
from .confidential import confidential_download, confidential_edit, confidential_view, nda_edit, nda_sign
from .conversations import (
    _approach_of,
    conversation,
    conversation_answer,
    conversation_invite,
    enquiry_new,
    inbox,
    message_attachment,
    proposal_new,
)
from .deals import (
    _deal_action,
    board,
    deal_detail,
    deal_file_contract,
    deal_lost,
    deal_price,
    deal_receipt,
    deal_transition,
)

__all__ = [
    "_achievement",
    "_approach_of",
    "_deal_action",
    "_report",
    "_year",
    "board",
    "bureau",
    "bureau_export",
    "confidential_download",
    "confidential_edit",
    "confidential_view",
    "conversation",
    "conversation_answer",
    "conversation_invite",
    "deal_detail",
    "deal_file_contract",
    "deal_lost",
    "deal_price",
    "deal_receipt",
    "deal_transition",
    "domain_errors",
    "enquiry_new",
    "inbox",
    "institution_dashboard",
    "message_attachment",
    "nda_edit",
    "nda_sign",
    "notice_detail",
    "notice_list",
    "notifications",
    "objection_resolve",
    "proposal_new",
]
