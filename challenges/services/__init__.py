"""Write-side of the challenges app: key problems, survey campaigns, challenges, applications, review, awards,
milestones.

Challenge workflow (every transition locks the row, checks who and when, and writes a ``ChallengeEvent``)::

    draft ──publish──▶ open ──start_review (after closes_at)──▶ under_review ──award──▶ awarded
                        └──────────── close (reason) ──────────────┴──────────▶ closed

Every deadline is checked against ``clock.now()`` (aware, shown in Asia/Shanghai); an illegal transition or a
missed deadline raises ``Conflict`` with a message, never a silent no-op.

Modules by responsibility: ``problems`` (key problems on the chain map, need match summaries), ``campaigns``
(survey campaigns), ``lifecycle`` (create, edit, publish, review, close), ``applications``, ``review`` (panel and
scores), ``awards`` (award, contract draft, the registry's answer), ``milestones``, ``reminders`` (deadline
reminders, sent by a scheduled command); shared helpers in ``_base``.
This package re-exports every name other modules and tests use, so callers import from ``challenges.services``
and never from a sub-module.
"""

from ._base import (
    APPLICATION_FIELDS,
    AS,
    CHALLENGE_FIELDS,
    CS,
    INSTITUTION_KINDS,
    MS,
    _event,
    _full_clean,
    _lock_challenge,
    _require_status,
    _set,
    end_of_day,
)
from .applications import (
    _check_eligibility,
    _replace_application_children,
    _require_window,
    application_create,
    application_submit,
    application_update,
    application_withdraw,
)
from .awards import (
    _contract_draft_for,
    _contract_filer,
    _notify_applicants,
    award_contract_registered,
    challenge_award,
    contract_terms_text,
)
from .campaigns import campaign_close, campaign_invite, campaign_open, campaign_tag_need
from .lifecycle import (
    _check_co_funders,
    _only,
    _replace_challenge_children,
    _validate_challenge,
    challenge_close,
    challenge_create,
    challenge_publish,
    challenge_start_review,
    challenge_update,
)
from .milestones import _milestone_event, milestone_decide, milestone_report
from .problems import (
    _check_needs_in_chain,
    need_deal_record,
    need_match_summaries_refresh,
    problem_create,
    problem_merge,
    problem_update,
)
from .reminders import challenge_reminders_send
from .review import panel_add_expert, panel_remove_expert, review_submit, weighted_score

__all__ = [
    "APPLICATION_FIELDS",
    "AS",
    "CHALLENGE_FIELDS",
    "CS",
    "INSTITUTION_KINDS",
    "MS",
    "_check_co_funders",
    "_check_eligibility",
    "_check_needs_in_chain",
    "_contract_draft_for",
    "_contract_filer",
    "_event",
    "_full_clean",
    "_lock_challenge",
    "_milestone_event",
    "_notify_applicants",
    "_only",
    "_replace_application_children",
    "_replace_challenge_children",
    "_require_status",
    "_require_window",
    "_set",
    "_validate_challenge",
    "application_create",
    "application_submit",
    "application_update",
    "application_withdraw",
    "award_contract_registered",
    "campaign_close",
    "campaign_invite",
    "campaign_open",
    "campaign_tag_need",
    "challenge_award",
    "challenge_close",
    "challenge_create",
    "challenge_publish",
    "challenge_reminders_send",
    "challenge_start_review",
    "challenge_update",
    "contract_terms_text",
    "end_of_day",
    "milestone_decide",
    "milestone_report",
    "need_deal_record",
    "need_match_summaries_refresh",
    "panel_add_expert",
    "panel_remove_expert",
    "problem_create",
    "problem_merge",
    "problem_update",
    "review_submit",
    "weighted_score",
]
