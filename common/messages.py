"""Turning a domain error into what a page shows: field errors on the form, the rest as flash messages."""

from __future__ import annotations

from django.contrib import messages

from common.errors import DomainError


def report_domain_error(request, exc: DomainError, *, form=None) -> None:
    """Show a service's refusal on a page: its message on top, each field error beside its input.

    A field error goes on the form's field when the form has that field; any other field error becomes
    a flash message too, unless it only repeats the main message.
    """
    messages.error(request, exc.message)
    for name, errors in exc.field_errors.items():
        for error in errors:
            if form is not None and name in form.fields:
                form.add_error(name, error)
            elif str(error) != exc.message:
                messages.error(request, str(error))
