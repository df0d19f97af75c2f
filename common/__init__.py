"""Small pieces every app shares: domain errors, HTML-free text validation, money helpers."""
