"""Deal-flow pages (moved whole into conversations for now; split by page group next)."""

from .conversations import *  # noqa: F403
