"""Brute-force protection around django-axes: the lockout answer (page or JSON) and the security log.

Axes counts failures per account and per client address (settings ``AXES_*``) for every login that goes through
``django.contrib.auth.authenticate(request=...)``: the site's login, both admin logins and the API token endpoint.
"""

from __future__ import annotations

import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

log = logging.getLogger("security.login")


def _cooloff_minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    return int(cooloff.total_seconds() // 60) if cooloff else 0


def lockout_response(request, original_response=None, credentials=None):
    """429 with a message in the user's language: JSON for the API, a page everywhere else."""
    minutes = _cooloff_minutes()
    message = _("登录失败次数过多,账号或当前网络地址已被暂时锁定,请 %(minutes)s 分钟后再试。") % {"minutes": minutes}
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": message, "code": "locked_out"}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = render(request, "ops/lockout.html", {"message": message, "minutes": minutes}, status=status)
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response


def _on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    # DRF passes its own Request to authenticate(); axes marks that object, but AxesMiddleware looks at the
    # Django request underneath, so mirror the flag there or the API would answer "wrong password" forever.
    underlying = getattr(request, "_request", None)
    if underlying is not None:
        underlying.axes_locked_out = True
        underlying.axes_credentials = getattr(request, "axes_credentials", None)
    log.warning(
        "login locked out",
        extra={"event": "login_locked_out", "username": username, "client_ip": ip_address, "path": request.path},
    )


def connect() -> None:
    user_locked_out.connect(_on_locked_out, dispatch_uid="ops.lockout")
