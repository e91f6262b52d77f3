"""How a Vietnamese administrative text marks its parts: chapters, articles and list items, as
data for ``extract/nlp.py`` (list levels) and ``extract/tasks.py`` (section headings).
"""

from __future__ import annotations

# List markers at the start of a line, and how deep each kind usually sits in a plan:
# "Chương I" > "I." / "Điều 1." > "1." > "1.1." > "a)" > "-" > "+". Case-insensitive.
# (A "sub" marker's parts are short: "14.800ha" opening a wrapped line is a number, not "14.800".)
LIST_MARKER = (
    r"^\**\s*(?:(?P<chapter>(?:phần|chương|mục)\s+[IVXLC\d]+\b)|(?P<article>điều\s+\d+\s*[.:])"
    r"|(?P<roman>[IVXLC]+[.:])|(?P<sub>\d{1,2}(?:\.\d{1,2})+\.?(?![\d,]))|(?P<num>\d+[.)](?!\d))"
    r"|(?P<alpha>[a-zđ][)]|[a-zđ]\.(?=\s))|(?P<paren>\((?:\d{1,2}|[a-zđ])\))|(?P<dash>[-–])|(?P<plus>[+•]))\**\s*"
)

# An article's number before its title: "Điều 3. Tổ chức thực hiện" reads as "Tổ chức thực hiện".
ARTICLE_LEAD = r"^điều\s+\d+\s*[.:]\s*"
