"""Page URLs for lists of cards and the API, without Wagtail's per-request site lookup.

Model-free on purpose: the template tags (which the CMS widgets, and so the models, load) use it, and a module that
imported the models here would close an import cycle (models → widgets → template tags → models).
"""

from __future__ import annotations


def listing_url(page, request=None) -> str | None:
    """A page's URL as Wagtail's ``page.get_url(request)`` gives it, without its lookup of the request's site (cards,
    the API's ``url`` fields).

    Wagtail finds the request's ``Site`` (one query per request) only to choose between a relative and an absolute
    URL; with a single site the URL is relative whatever the request. The site root paths come from Wagtail's own
    cache, kept on the request for the rest of the response. With several sites Wagtail decides, as before.
    """
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    if len({root[0] for root in page._get_site_root_paths(request)}) == 1:
        return parts[2]
    return page.get_url(request=request)
