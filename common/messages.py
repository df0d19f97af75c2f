"""Domain errors → what an HTML page shows: messages next to a form's fields, or page messages after a redirect.

The one adapter HTML views use (the API has its own in config/api.py): a refusal (``NotAllowed``) becomes a 403
page, any other domain error is shown in the user's language and nothing is half-saved by the service.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .errors import DomainError, NotAllowed, NotFoundError


def domain_error_to_form(form: forms.BaseForm, error: DomainError, *, prefix: str = "") -> None:
    """Put a service's field messages next to the form's fields (unknown fields become form-wide errors).

    With ``prefix`` only the keys under it are placed (``organisation.name`` → ``name``), so one error can be
    split across the forms of one page.
    """
    placed = False
    for key, field_messages in error.field_errors.items():
        if prefix:
            if not key.startswith(prefix):
                continue
            key = key[len(prefix) :]
        field = key if key in form.fields else None
        for message in field_messages:
            form.add_error(field, message)
            placed = True
    if not placed and not prefix:
        form.add_error(None, error.message)


def domain_error_to_messages(request, error: DomainError, form: forms.BaseForm | None = None) -> None:
    """Show a domain error on the page: on ``form`` when given, else as page messages (the summary, then each
    field's message). ``NotAllowed`` raises PermissionDenied so the user gets the 403 page with its reason."""
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message) from error
    if form is not None:
        domain_error_to_form(form, error)
        return
    messages.error(request, error.message)
    for field_messages in error.field_errors.values():
        for message in field_messages:
            messages.error(request, message)


def domain_error_to_page(request, error: DomainError) -> None:
    """For pages that act on one object (an event, a competition, a challenge): ``NotFoundError`` is the 404 page,
    ``NotAllowed`` the 403 page with its reason, anything else a page message after the redirect."""
    if isinstance(error, NotFoundError):
        raise Http404(error.message) from error
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message) from error
    messages.error(request, error.message)
