"""The client's address, the same way for every throttle on the site (login lockout, verification limit).

Behind a reverse proxy REMOTE_ADDR is the proxy's address. The proxy's header is believed only when the
connection really comes from a proxy we trust (``TRUSTED_PROXY_IPS``); otherwise anyone could send the header
and pick their own address. ``TRUSTED_PROXY_HEADER`` names the request.META key (``HTTP_X_REAL_IP`` or
``HTTP_X_FORWARDED_FOR``); of a forwarded-for list the right-most entry is taken, the one our proxy appended.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if not header or remote is None:
        return remote
    trusted = getattr(settings, "TRUSTED_PROXY_IPS", [])
    if not any(ipaddress.ip_address(remote) in ipaddress.ip_network(net, strict=False) for net in trusted):
        return remote
    forwarded = [item for item in (request.META.get(header, "") or "").split(",") if item.strip()]
    if not forwarded:
        return remote
    return _valid(forwarded[-1]) or remote
