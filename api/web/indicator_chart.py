"""Targets against achievements of one indicator, by province over the years, as inline SVG
built on the server (no chart library, no CDN, nothing inline for the CSP to block).

Each province has a colour; achievements are filled dots on a solid line, targets hollow
dots on a dashed line. Every dot is a link to the sentence in its document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from api.web.charts import PALETTE
from api.web.labels import target_level

_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 640, 260, 64, 16, 12, 28
_LEGEND_ROW = 18
_KIND = {"target": "chỉ tiêu", "achievement": "thực hiện"}


def _fmt(value: float) -> str:
    return target_level({"value": value}) or str(value)


def points(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plottable rows: a year and a number; one unit only (the most common), since a chart
    with % and tỷ đồng on one axis would mislead."""
    usable = [r for r in rows if isinstance(r.get("year"), int) and isinstance(r.get("value"), int | float)]
    units = [r.get("unit") or "" for r in usable]
    unit = max(set(units), key=units.count) if units else ""
    return [r for r in usable if (r.get("unit") or "") == unit]


def chart(rows: Sequence[dict[str, Any]]) -> Markup:
    """The SVG, or an empty string when nothing has both a year and a value."""
    pts = points(rows)
    if not pts:
        return Markup("")
    years = sorted({r["year"] for r in pts})
    lo = min(0.0, min(r["value"] for r in pts))
    hi = max(r["value"] for r in pts) or 1.0
    provinces = sorted({r.get("province") or "(không rõ)" for r in pts})
    colour = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(provinces)}
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    height = _H + _LEGEND_ROW * (len(provinces) + 1) + 8

    def x(year: int) -> float:
        return _LEFT + (plot_w / 2 if len(years) == 1 else plot_w * years.index(year) / (len(years) - 1))

    def y(value: float) -> float:
        return _TOP + plot_h * (1 - (value - lo) / ((hi - lo) or 1.0))

    unit = pts[0].get("unit") or ""
    parts = [Markup('<svg class="chart indicator-chart" role="img" xmlns="http://www.w3.org/2000/svg" '
                    'width="{w}" height="{h}" viewBox="0 0 {w} {h}">').format(w=_W, h=height),
             Markup("<title>Chỉ tiêu và kết quả thực hiện theo tỉnh và năm</title>"),
             Markup('<text x="4" y="{y}" class="axis">{v}</text>').format(y=_TOP + 10, v=_fmt(hi) + unit),
             Markup('<text x="4" y="{y}" class="axis">{v}</text>').format(y=_TOP + plot_h, v=_fmt(lo)),
             Markup('<line x1="{x}" y1="{a}" x2="{x}" y2="{b}" stroke="#999"/>').format(
                 x=_LEFT - 6, a=_TOP, b=_TOP + plot_h)]
    for year in years:
        parts.append(Markup('<text x="{x:.1f}" y="{y}" class="axis" text-anchor="middle">{t}</text>').format(
            x=x(year), y=_TOP + plot_h + 18, t=year))
    for province in provinces:
        for kind, dash in (("achievement", ""), ("target", "5 4")):
            series = sorted((r for r in pts if (r.get("province") or "(không rõ)") == province
                             and r["kind"] == kind), key=lambda r: r["year"])
            if len(series) > 1:
                path = " ".join(f"{x(r['year']):.1f},{y(r['value']):.1f}" for r in series)
                parts.append(Markup('<polyline points="{p}" fill="none" stroke="{c}" stroke-width="1.5"'
                                    ' stroke-dasharray="{d}"/>').format(p=path, c=colour[province], d=dash))
            for r in series:
                fill = colour[province] if kind == "achievement" else "#fff"
                tip = (f"{province} · {r['year']} · {_KIND[kind]}: {target_level(r)}"
                       f" · {r.get('document_number') or ''}")
                parts.append(Markup('<a href="{href}" class="point" data-kind="{k}"><circle cx="{cx:.1f}" '
                                    'cy="{cy:.1f}" r="5" fill="{f}" stroke="{c}" stroke-width="2">'
                                    '<title>{tip}</title></circle></a>').format(
                    href=r["link"], k=kind, cx=x(r["year"]), cy=y(r["value"]), f=fill, c=colour[province],
                    tip=tip))
    top = _H + 4
    parts.append(Markup('<circle cx="10" cy="{y}" r="5" fill="#555"/><text x="20" y="{ty}" class="legend">'
                        'thực hiện</text><circle cx="110" cy="{y}" r="5" fill="#fff" stroke="#555" '
                        'stroke-width="2"/><text x="120" y="{ty}" class="legend">chỉ tiêu</text>').format(
        y=top + 6, ty=top + 10))
    for i, province in enumerate(provinces, start=1):
        ty = top + i * _LEGEND_ROW
        parts.append(Markup('<rect x="4" y="{y}" width="12" height="12" fill="{c}"/>'
                            '<text x="22" y="{t}" class="legend">{p}</text>').format(
            y=ty, t=ty + 11, c=colour[province], p=province))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
