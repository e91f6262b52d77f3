"""Vietnamese page-furniture phrases and datelines used by the ingest readers, kept as data."""
