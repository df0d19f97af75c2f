"""Text-clause weights both matchers share: the engine query uses them as boosts and the database matcher
scores the same clauses with them, so basic mode ranks like the engine (kept apart so neither imports the other
for them)."""

from __future__ import annotations

# Boosts of the named text clauses (see docs/search.md). Structure is not a clause: it multiplies.
BOOSTS = {"title_text": 3.0, "body_text": 1.0, "more_like_this": 1.0, "keywords": 2.0}
MLT_MAX_TERMS = 30
MLT_MIN_SHOULD = 0.2
