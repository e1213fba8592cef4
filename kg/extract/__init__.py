"""Extraction: spaCy Doc -> mentions, role facts and raw statements (pure functions)."""
