"""Taxonomies are edited through Wagtail snippets (see wagtail_hooks.py), not the Django admin."""
