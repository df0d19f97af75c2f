"""API v1 of the accounts app: API tokens."""
