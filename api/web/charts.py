"""A stacked bar chart of targets per year and indicator, as inline SVG built on the server
(no chart library, no script, works with a strict Content-Security-Policy)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from api.web.labels import NO_INDICATOR, OTHER_INDICATORS
from extract.indicators import resolve

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#7f7f7f")
_TOP = len(PALETTE) - 1  # the last colour is for "other indicators"
_BAR_W, _GAP, _PLOT_H, _LEFT, _TOP_PAD, _BOTTOM = 36, 14, 180, 40, 10, 30
_LEGEND_ROW = 18
_LEGEND_LABEL = 60  # characters of an indicator shown in the legend
_CHAR_W = 7  # average glyph width at 12px, to size the picture so the legend is not clipped


@dataclass
class Series:
    years: list[int]
    indicators: list[str]  # legend order; the last may be OTHER_INDICATORS
    counts: dict[int, Counter[str]]


def _indicator(row: dict[str, Any]) -> str:
    """The canonical measure (SPEC §5), so wordings of one measure share a colour; rows stored
    before canonical ids existed get theirs by rule."""
    if row.get("indicator_label"):
        return str(row["indicator_label"])
    m = resolve(row.get("indicator"))
    return m.label if m else NO_INDICATOR


def series(rows: Sequence[dict[str, Any]]) -> Series:
    """Count targets per (year, canonical indicator); indicators beyond the most frequent few
    share one bucket so the legend stays readable."""
    dated = [r for r in rows if isinstance(r.get("year"), int)]
    totals = Counter(_indicator(r) for r in dated)
    top = [name for name, _ in totals.most_common(_TOP)]
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for r in dated:
        name = _indicator(r)
        counts[r["year"]][name if name in top else OTHER_INDICATORS] += 1
    indicators = top + ([OTHER_INDICATORS] if len(totals) > len(top) else [])
    return Series(sorted(counts), indicators, dict(counts))


def _short(name: str, limit: int = _LEGEND_LABEL) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def targets_by_year(rows: Sequence[dict[str, Any]]) -> Markup:
    """The SVG, or an empty string when no target has a year."""
    s = series(rows)
    if not s.years:
        return Markup("")
    peak = max(sum(c.values()) for c in s.counts.values())
    legend_w = 22 + _CHAR_W * max(len(_short(name)) for name in s.indicators)
    width = max(_LEFT + len(s.years) * (_BAR_W + _GAP) + _GAP, legend_w, 320)
    legend_top = _TOP_PAD + _PLOT_H + _BOTTOM
    height = legend_top + _LEGEND_ROW * len(s.indicators) + 4
    colour = {name: PALETTE[min(i, len(PALETTE) - 1)] for i, name in enumerate(s.indicators)}
    if OTHER_INDICATORS in colour:
        colour[OTHER_INDICATORS] = PALETTE[-1]
    parts = [Markup('<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" '
                    'width="{w}" height="{h}" viewBox="0 0 {w} {h}">').format(w=width, h=height),
             Markup("<title>Số chỉ tiêu theo năm và theo chỉ tiêu</title>"),
             Markup('<text x="4" y="{y}" class="axis">{n}</text>').format(y=_TOP_PAD + 10, n=peak),
             Markup('<line x1="{x}" y1="{y0}" x2="{x}" y2="{y1}" class="axis-line"/>').format(
                 x=_LEFT - 4, y0=_TOP_PAD, y1=_TOP_PAD + _PLOT_H)]
    for i, year in enumerate(s.years):
        x = _LEFT + _GAP + i * (_BAR_W + _GAP)
        y = _TOP_PAD + _PLOT_H
        for name in s.indicators:
            n = s.counts[year].get(name, 0)
            if not n:
                continue
            h = _PLOT_H * n / peak
            y -= h
            parts.append(Markup('<rect x="{x}" y="{y:.1f}" width="{w}" height="{h:.1f}" fill="{c}">'
                                '<title>{year}: {name} ({n})</title></rect>').format(
                x=x, y=y, w=_BAR_W, h=h, c=colour[name], year=year, name=name, n=n))
        parts.append(Markup('<text x="{x}" y="{y}" class="axis" text-anchor="middle">{year}</text>').format(
            x=x + _BAR_W / 2, y=_TOP_PAD + _PLOT_H + 16, year=year))
    for i, name in enumerate(s.indicators):
        y = legend_top + i * _LEGEND_ROW
        parts.append(Markup('<rect x="4" y="{y}" width="12" height="12" fill="{c}"/>'
                            '<text x="22" y="{ty}" class="legend">{name}</text>').format(
            y=y, ty=y + 11, c=colour[name], name=_short(name)))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)

