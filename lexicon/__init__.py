"""The Vietnamese vocabulary of administrative writing as data, shared by extract and search:
document types and their number codes (``doctypes``), issuing bodies, provinces and titles
(``issuers``), abbreviations (``abbreviations``), date forms (``dates``), number forms
(``numbers``) and units of measure with their scale words (``units``). It sits beside ``core`` at
the bottom of the layering and imports nothing above."""
