"""Content-Security-Policy (django-csp): the strict site policy, and the one exception the CMS editor needs.

Wagtail's page editor still writes inline scripts (inline panels, date pickers), so under /admin/ scripts may be
inline (no nonce there: a nonce would make browsers ignore 'unsafe-inline'). Everywhere else a script runs only
from this host or with the request's nonce (``{{ request.csp_nonce }}``).
"""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

CMS_PREFIX = "/admin/"


class PlatformCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(CMS_PREFIX):
            parts.replace = {**(parts.replace or {}), "script-src": [SELF, UNSAFE_INLINE]}
            parts.nonce = None
        return parts
