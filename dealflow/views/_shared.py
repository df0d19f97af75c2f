"""Shared pieces of the deal-flow pages: turning domain errors into messages, the client IP, looking up an achievement."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from common.errors import DomainError, NotAllowed, NotFoundError
from marketplace.models import AchievementPage


def domain_errors(view):
    """NotFound → 404 and NotAllowed → 403, so pages and the API answer alike."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as error:
            raise Http404(error.message) from error
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error

    return wrapped


def _report(request, form, error: DomainError) -> None:
    placed = False
    for name, errors in error.field_errors.items():
        for message in errors:
            if form is not None and name in form.fields:
                form.add_error(name, message)
                placed = True
            else:
                messages.error(request, message)
    if placed or not error.field_errors:
        messages.error(request, error.message)


def _achievement(pk: int) -> AchievementPage:
    page = AchievementPage.objects.live().filter(pk=pk).select_related("institution_organisation").first()
    if page is None:
        raise NotFoundError(_("科技成果不存在或未公开。"))
    return page
