"""Import writers: write one validated row through ``import_services`` and turn write errors into messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from common.errors import DomainError

from .checks import Plan
from .schema import ImportOptions


def _write(plan: Plan, options: ImportOptions) -> str:
    """Write one validated row; return "created", "updated" or "unchanged"."""
    from .. import import_services, suggestion_services

    publish = not options.draft
    values = dict(plan.values)
    if plan.kind in ("institution", "enterprise"):
        _, outcome = import_services.organisation_import(data=values, publish=publish)
    elif plan.kind == "achievement":
        organisation = import_services.organisation_for_reference(
            name=values.pop("institution"), enterprise=False, publish=publish
        )
        page, outcome = import_services.achievement_import(data=values, organisation=organisation, publish=publish)
        plan.suggestions = suggestion_services.classification_suggestions_infer(achievement=page)
    else:
        enterprise = import_services.organisation_for_reference(
            name=values.pop("enterprise"), enterprise=True, publish=publish
        )
        need, outcome = import_services.need_import(data=values, enterprise=enterprise, publish=publish)
        plan.suggestions = suggestion_services.need_classification_suggestions_infer(need=need)
    return outcome


def _write_error_messages(error: Exception) -> list[tuple[str, str]]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [(key if key != "__all__" else "", " ".join(m)) for key, m in error.message_dict.items()]
        return [("", " ".join(error.messages))]
    if isinstance(error, DomainError):
        return [(key, " ".join(str(m) for m in messages)) for key, messages in error.field_errors.items()] or [
            ("", error.message)
        ]
    return [("", str(error))]
