"""Vietnamese patterns of the ingest stage (page furniture, datelines, site layouts, …), as data."""
