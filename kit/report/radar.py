"""A petal (radar) chart of area percentages as inline SVG: vector, offline, no script.

Each area is a petal whose length is its percentage (100% reaches the outer ring), so a
glance shows which areas are strong and which lag; the bars beside it give exact figures.
"""

from __future__ import annotations

import html
import math

from kit import i18n
from kit.web.theme import level_colour, pct

_ = i18n.translator("assessment")

RADIUS = 110
LABEL_GAP = 10
# Wide enough for a label either side, tall enough for one above and below.
WIDTH = 2 * (RADIUS + 200)
HEIGHT = 2 * (RADIUS + 34)
GRID = 'fill="none" stroke="#c9d1da" stroke-width="1"'


def _at(cx: float, cy: float, angle: float, r: float) -> str:
    return f"{cx + r * math.cos(angle):.1f},{cy + r * math.sin(angle):.1f}"


def _short(title: str, limit: int = 22) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def petal_svg(rows: list[tuple[str, float | None]], rtl: bool = False) -> str:
    """A petal chart of ``(title, percent)`` rows; an area with no percentage gets no petal.

    The petals go clockwise from the top; ``rtl`` (a right-to-left page) mirrors the chart so
    they go anticlockwise, each label reading with its number on the left.
    """
    cx, cy = WIDTH / 2, HEIGHT / 2
    n = max(1, len(rows))
    step = 2 * math.pi / n
    # Mirroring x turns angle a into pi - a and every clockwise arc into an anticlockwise one.
    sweep = 0 if rtl else 1

    def _point(cx: float, cy: float, angle: float, r: float) -> str:
        return _at(cx, cy, math.pi - angle if rtl else angle, r)

    chart_name = _("Area scores as petals, in percent")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="radar" direction="ltr" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-size="12" '
        f'aria-label="{html.escape(chart_name)}">'
    ]
    for ring in (25, 50, 75, 100):
        parts.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="{RADIUS * ring / 100:.1f}" {GRID}/>')
    for k, (title, percent) in enumerate(rows):
        start = -math.pi / 2 + k * step
        end, middle = start + step, start + step / 2
        parts.append(f'<path d="M{cx:.0f},{cy:.0f} L{_point(cx, cy, start, RADIUS)}" {GRID}/>')
        name = html.escape(title)
        if percent is not None and percent > 0:
            r = RADIUS * percent / 100
            # A small inset keeps neighbouring petals apart.
            a0, a1 = start + 0.04, end - 0.04
            large = 1 if a1 - a0 > math.pi else 0
            parts.append(
                f'<path d="M{cx:.0f},{cy:.0f} L{_point(cx, cy, a0, r)} '
                f'A{r:.1f},{r:.1f} 0 {large} {sweep} {_point(cx, cy, a1, r)} Z" '
                f'fill="{level_colour(min(4, percent // 25))}" stroke="#fff" stroke-width="1">'
                f"<title>{name}: {html.escape(pct(percent))}</title></path>"
            )
        value = _("n/a") if percent is None else i18n.format_percent(percent / 100, digits=0)
        x, y = (float(v) for v in _point(cx, cy, middle, RADIUS + LABEL_GAP).split(","))
        # In a right-to-left page the number comes first in the string, so it shows on the left.
        label = f"{value} {_short(title)}" if rtl else f"{_short(title)} {value}"
        anchor = "middle" if abs(x - cx) < 8 else ("start" if x > cx else "end")
        dy = 4 if abs(y - cy) < RADIUS / 2 else (12 if y > cy else -2)
        parts.append(
            f'<text x="{x:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" fill="#1f2d3d">'
            f"<title>{name}</title>{html.escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
