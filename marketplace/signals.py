"""Wagtail page signals for the marketplace (search sync hooks are wired by the search app)."""
