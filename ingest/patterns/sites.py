"""Site-specific content roots: pages where a generic article extractor picks the wrong part.

vbpl.vn (the national legal documents database) renders the document inside a tab of a large
application page (~1 MB, menus, breadcrumbs, tree of related documents, dates of update). The
document's own text is the ``preview-content`` block of the "toàn văn" tab; trafilatura on the
whole page keeps the breadcrumb and flattens the header table.

Each rule: ``content`` is an XPath to the element holding the document; ``title`` an XPath whose
text is the page's own title of the document (None: use the generic metadata). A rule applies
when its ``content`` XPath matches, whatever the URL (saved pages lose it).
"""

from __future__ import annotations

from typing import TypedDict


class SiteRule(TypedDict):
    name: str
    content: str
    title: str | None


_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"

RULES: list[SiteRule] = [
    {
        "name": "vbpl.vn",
        "content": f"//div[@id='rc-tabs-0-panel-toan-van']//div[{_CLASS.format('preview-content')}]"
        f" | //div[{_CLASS.format('preview-content')}]",
        "title": "//h1",
    },
]
