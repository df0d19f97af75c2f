"""Domain errors raised by services; the API exception handler and views turn them into responses.

Services never return silently on a refused action: they raise one of these with a message in the
user's language, so an illegal transition is always a clear error, never a silent no-op.
"""

from __future__ import annotations


class DomainError(Exception):
    """A request the domain refuses (HTTP 400). ``field_errors`` maps field names to messages."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, message: str, *, field_errors: dict[str, list[str]] | None = None, code: str = ""):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}
        self.code = code or self.default_code


class NotAllowed(DomainError):
    """The user may not do this (HTTP 403)."""

    status_code = 403
    default_code = "permission_denied"


class NotFoundError(DomainError):
    """The object does not exist or is not visible to this user (HTTP 404)."""

    status_code = 404
    default_code = "not_found"


class Conflict(DomainError):
    """The object's state does not allow the action, e.g. an illegal workflow transition (HTTP 409)."""

    status_code = 409
    default_code = "conflict"
