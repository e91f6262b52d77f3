"""Datelines of Vietnamese news pages: when the page says it was published.

Matched against one whole line (after ``core.textnorm.clean``), case-insensitively. Named groups
``d``, ``m``, ``y`` (and optionally time ``hh``, ``mm``). Only a line that is nothing but the
dateline counts, so a date inside a sentence is never taken for the publication date.
"""

from __future__ import annotations

_WEEKDAY = r"(?:thứ (?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|cn)"
_DATE = r"(?P<d>[0-3]?\d)[/\-.](?P<m>[01]?\d)[/\-.](?P<y>(?:19|20)\d{2})"
_TIME = r"(?P<hh>[0-2]?\d)[:hg](?P<mm>[0-5]\d)(?:[:]\d\d)?"
_TZ = r"(?:\s*\(?\s*gmt\s*[+-]\s*\d{1,2}\s*\)?)?"
_PREFIX = r"(?:(?:ngày )?(?:đăng|cập nhật|xuất bản|đăng lúc|ngày đăng|thời gian)\s*:?\s*)?"

FORMS: list[str] = [
    # 2025-06-28T22:57:00+07:00: a machine timestamp printed as the dateline (baomoi.com)
    r"(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?",
    # 02:21 28/05/2021
    rf"{_PREFIX}{_TIME}\s*,?\s*(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?{_DATE}{_TZ}",
    # Chủ nhật, 17/12/2023 09:07 (GMT+7) / Thứ bảy, 13/05/2023 14:44 / 28/05/2021 - 02:21
    rf"{_PREFIX}(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?{_DATE}(?:\s*[-,|]?\s*{_TIME})?{_TZ}",
]

# How many lines from the top of the page a dateline is looked for.
SEARCH_LINES = 25

# Where pages declare their publication date (ISO 8601 values); first match wins. Generic
# date guessers (htmldate) are not used: on portals they read "© 2024" as 2024-01-01.
META_XPATHS: list[str] = [
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//meta[@name='pubdate']/@content",
    "//meta[@name='publishdate']/@content",
    "//meta[@name='publish-date']/@content",
    "//meta[translate(@name, 'DCATEISU', 'dcateisu')='dc.date.issued']/@content",
    "//meta[translate(@name, 'DCATE', 'dcate')='dc.date']/@content",
    "//time[@pubdate]/@datetime",
]
ISO_DATE = r"(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
