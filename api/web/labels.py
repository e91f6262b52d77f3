"""Vietnamese labels the web page shows for the record's English codes (data, one place)."""

from __future__ import annotations

KINDS: dict[str, str] = {
    "decision": "Quyết định",
    "resolution": "Nghị quyết",
    "plan": "Kế hoạch",
    "official_letter": "Công văn",
    "report": "Báo cáo",
    "news": "Tin tức",
    "other": "Khác",
}

RELATIONS: dict[str, str] = {
    "self": "văn bản này",
    "reported": "được đưa tin",
    "basis": "căn cứ",
    "replaces": "thay thế",
    "amends": "sửa đổi",
    "cites": "dẫn chiếu",
}

COMPARATORS: dict[str, str] = {
    ">=": "tối thiểu",
    "<=": "tối đa",
    "=": "bằng",
    ">": "trên",
    "<": "dưới",
    "range": "trong khoảng",
}

# Chart legend bucket for indicators outside the most frequent ones.
OTHER_INDICATORS = "chỉ tiêu khác"
NO_INDICATOR = "(không rõ chỉ tiêu)"
