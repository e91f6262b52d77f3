"""Vietnamese patterns that only extraction reads, as data, one module per concept (targets,
tasks, titles, header and news phrasing). The vocabulary search shares (document types,
issuers, dates, abbreviations, number forms) lives in the bottom-level ``lexicon/`` package."""
