"""Vietnamese labels the web page shows for the record's English codes (data, one place)."""

from __future__ import annotations

from typing import Any

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
    "repeals": "bãi bỏ",
    "guides": "hướng dẫn",
    "cites": "dẫn chiếu",
}

# SPEC §5 states as the badge and the filter show them (the record's own ``label`` is the same).
STATES: dict[str, str] = {
    "in_force": "Còn hiệu lực",
    "partly_expired": "Hết hiệu lực một phần",
    "expired": "Hết hiệu lực toàn bộ",
    "not_yet_in_force": "Chưa có hiệu lực",
    "unknown": "Chưa xác định",
}

# Incoming relations on a document page: heading for each relation seen from the other text,
# in the order a legal officer reads them. ``basis`` and ``cites`` go under the last heading.
INCOMING: list[tuple[str, str]] = [
    ("replaces", "Bị thay thế bởi"),
    ("amends", "Được sửa đổi, bổ sung bởi"),
    ("repeals", "Bị bãi bỏ bởi"),
    ("guides", "Được hướng dẫn bởi"),
    ("reported", "Tin bài đưa tin"),
    ("cites", "Được dẫn chiếu bởi"),
]
INCOMING_GROUP = {"basis": "cites"}

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

# Units written right after the number ("80%"); any other unit ("15 hạng", "2.000 tỷ đồng")
# takes a space.
_TIGHT_UNITS = ("%", "‰")


def _number(value: float) -> str:
    """Vietnamese number form: 1.946 for 1946, 12,5 for 12.5."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def target_level(target: Any) -> str:
    """ "tối thiểu 80%", "trong khoảng 10–20 tỷ đồng" from a target item or export row."""
    get = target.get if isinstance(target, dict) else lambda k: getattr(target, k, None)
    value, value_max, unit = get("value"), get("value_max"), get("unit") or ""
    if value is None:
        return ""
    amount = _number(value) + (f"–{_number(value_max)}" if value_max is not None else "")
    if unit:
        amount += unit if unit.startswith(_TIGHT_UNITS) else f" {unit}"
    word = COMPARATORS.get(get("comparator") or "", "")
    return f"{word} {amount}".strip()
