"""What the marketplace announces to the apps above it (search today; deal flow, challenges, events next).

The marketplace never imports those apps: it sends these signals and they connect in their own
``AppConfig.ready()``. Each change is announced exactly once, inside the transaction that makes it, so a
listener that writes a row (the search outbox) commits or rolls back with the change itself.

Signals and their keyword arguments:

- ``need_changed(need)``: a need's content or status changed, or it was deleted. Sent by the services in
  ``marketplace/services.py`` and ``import_services.py`` (one per service call) and on deletion.
- ``achievement_published(page)``, ``achievement_unpublished(page)``, ``achievement_deleted(page)``: relayed
  from Wagtail's page signals, because achievements are published through Wagtail's moderation.
- ``need_page_shown(need, user)``: the owner or bureau staff are looking at a published need. Receivers may
  return a dict of extra template context (search returns the need's matches); the page works without any.
- ``home_figures_requested()``: the home page asks for the registered-contract figures; registration answers
  with a dict (``contracts``, ``this_year``, ``target``, …). Without an answer the page shows a placeholder.
- ``need_deal_changed(need_id, deal_id, active)``: a deal about this need was opened (``active=True``) or closed
  as lost (``False``). Sent by the deal flow inside the transaction that changes the deal, and again for every
  deal by ``manage.py dealflow_announce_need_deals`` (a repair); listeners store it idempotently per deal
  (challenges: the problem map's "in deals" count).
- ``need_answers_requested()``: search's decline review asks which achievements the parties' own actions show to
  answer which needs; the deal flow answers with ``{need_id: {achievement_id, …}}`` (its deals about a need). Without
  an answer the review reads the match judgements alone (``needs_answered_by_outcomes``).
- ``demo_loaded(stdout)``: load_demo has loaded the demo listings and users; apps add their own demo data
  (registration: demo contracts). Receivers may return a line for load_demo to print.
- ``demo_resetting()``: load_demo --reset is about to delete the demo listings and users; apps delete their
  demo data that refers to them first.
- ``listings_bulk_loaded()``: a bulk load made while announcements were suspended has finished (load_demo);
  listeners that keep a copy of the listings (the search index) rebuild it from the database. Receivers may
  return a line for load_demo to print.

``announcements_suspended()`` silences the change signals for a bulk load of old content (no outbox rows,
no match alerts); the loader sends ``listings_bulk_loaded`` afterwards.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.dispatch import Signal

need_changed = Signal()
achievement_published = Signal()
achievement_unpublished = Signal()
achievement_deleted = Signal()
need_page_shown = Signal()
home_figures_requested = Signal()
listings_bulk_loaded = Signal()
need_deal_changed = Signal()
need_answers_requested = Signal()
demo_loaded = Signal()
demo_resetting = Signal()

_state = threading.local()


@contextmanager
def announcements_suspended():
    """Send no change signals inside this block (bulk loads that end with ``listings_bulk_loaded``)."""
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def announcing() -> bool:
    return not getattr(_state, "suspended", False)


def commercialised_figures() -> dict | None:
    """Registered contracts and achievements commercialised this year (``{"contracts", "this_year", "target",
    …}``), when an app above this one answers ``home_figures_requested``; None shows a placeholder."""
    for _receiver, figures in home_figures_requested.send(sender=None):
        if figures:
            return figures
    return None


def needs_answered_by_outcomes() -> dict[int, set[int]]:
    """need id → ids of the achievements that the parties' own actions show to answer it, merged over the apps
    above that answer ``need_answers_requested``; empty without one."""
    answers: dict[int, set[int]] = {}
    for _receiver, answered in need_answers_requested.send(sender=None):
        for need_id, achievement_ids in (answered or {}).items():
            answers.setdefault(need_id, set()).update(achievement_ids)
    return answers


def announce_need_changed(need) -> None:
    """Services call this once per change, inside their transaction."""
    if announcing():
        need_changed.send(sender=type(need), need=need)


# --- Relays from Wagtail's and Django's model signals (connected in MarketplaceConfig.ready) ----------------


def _relay_page_published(sender, instance, **kwargs):
    if announcing():
        achievement_published.send(sender=sender, page=instance)


def _relay_page_unpublished(sender, instance, **kwargs):
    if announcing():
        achievement_unpublished.send(sender=sender, page=instance)


def _relay_page_deleted(sender, instance, **kwargs):
    if announcing():
        achievement_deleted.send(sender=sender, page=instance)


def _relay_need_deleted(sender, instance, **kwargs):
    # Deletion has no service (demo reset, cascades from an organisation); it is still one change.
    if announcing():
        need_changed.send(sender=sender, need=instance)


def connect_relays(*, achievement_page, need) -> None:
    """Called by ``MarketplaceConfig.ready()`` with the two model classes: this module imports no models, because
    the models (and every service and selector) import it."""
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(_relay_page_published, sender=achievement_page, dispatch_uid="marketplace_published")
    page_unpublished.connect(_relay_page_unpublished, sender=achievement_page, dispatch_uid="marketplace_unpublished")
    post_delete.connect(_relay_page_deleted, sender=achievement_page, dispatch_uid="marketplace_page_deleted")
    post_delete.connect(_relay_need_deleted, sender=need, dispatch_uid="marketplace_need_deleted")
