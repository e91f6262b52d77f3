"""One router per resource of SPEC §4."""
