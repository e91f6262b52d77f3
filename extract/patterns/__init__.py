"""Vietnamese patterns as data, one module per concept (document types, issuers, dates,
abbreviations), so a new form is added in one place and every extractor sees it."""
