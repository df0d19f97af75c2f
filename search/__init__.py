"""Search and matching: engine seam, documents, outbox sync, search page, need ↔ achievement matching."""
