"""Decision numbers as the store compares them: one key per number however it is spelled, and
the stored numbers nearest to one that is not stored (what a user most likely meant)."""

from __future__ import annotations

import re

from core.textnorm import fold

_LEAD = re.compile(r"^(\d+)(.*)$")


def number_key(number: str) -> str:
    """Comparison form of a decision number: `2151/qđ-ubnd`, `2151/QD-UBND` → `2151/qd-ubnd`."""
    return "".join(fold(number).split())


def nearest(key: str, stored: list[tuple[str, str]], n: int = 5) -> list[str]:
    """Up to ``n`` stored numbers (``(key, number)`` pairs) closest to ``key``: the same code with a
    near serial first (``3121/QĐ-UBND`` for ``3120/QĐ-UBND``), then the same serial with another
    code (``3120/KH-UBND``)."""
    m = _LEAD.match(key)
    if not m:
        return []
    serial, code = int(m.group(1)), m.group(2)
    scored: list[tuple[float, str]] = []
    for k, number in stored:
        o = _LEAD.match(k)
        if not o or k == key:
            continue
        other_serial, other_code = int(o.group(1)), o.group(2)
        if other_code == code:
            scored.append((abs(other_serial - serial) / max(serial, 1), number))
        elif other_serial == serial:
            scored.append((1.0, number))
    scored.sort()
    seen: list[str] = []
    for _, number in scored:
        if number not in seen:
            seen.append(number)
    return seen[:n]
