"""What the event app announces to apps above it (competitions).

- ``event_page_shown(event, user)``: someone is looking at a published event page. Receivers may return a dict of
  extra template context (competitions: the entry link and the published ranking and awards, with
  ``competition_template`` naming the panel to include); the page works without any answer.
"""

from django.dispatch import Signal

event_page_shown = Signal()
