"""A small inline SVG price chart, drawn by the tool itself (no library, no script, no external file).

For a price claim it shows the daily closes (and each session's low-high range) around
publication (``CheckedClaim.series``), the claimed price as a dashed line (for a % move: the line
from the base close to where the claimed % would have taken it), the session the checker matched
(from the evidence dates) as a ringed point, and the publication day. The output is a self-contained ``<svg>`` element safe to inline in
HTML: every piece of text in it is escaped here.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Optional

from ..schemas import CheckedClaim

WIDTH, HEIGHT = 360, 150
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 46, 14, 14, 26

VERDICT_COLOURS = {
    "supported": "#1a7f37",
    "contradicted": "#c62828",
    "unverifiable": "#9a6700",
    "no_data": "#6e7781",
}


def _money(value: float) -> str:
    return f"{value:,.2f}"


def claimed_price(claim: CheckedClaim) -> Optional[float]:
    """The price the article states (stock_price claims), else None."""
    return getattr(claim.fields, "price", None) if claim.kind == "stock_price" else None


def evidence_sessions(claim: CheckedClaim) -> list[dt.date]:
    """The drawn sessions the evidence names, in evidence order (each once)."""
    days = {p.date for p in claim.series or []}
    out: list[dt.date] = []
    for ev in claim.evidence:
        if ev.date in days and ev.date not in out:
            out.append(ev.date)
    return out


def matched_session(claim: CheckedClaim) -> Optional[dt.date]:
    """The session the verdict rests on: the first evidence session, or for a % move the session it ends on."""
    sessions = evidence_sessions(claim)
    if not sessions:
        return None
    return max(sessions) if claim.kind == "price_change" else sessions[0]


def claimed_move(claim: CheckedClaim) -> Optional[tuple[dt.date, dt.date, float]]:
    """For a % move: (base session, end session, the price the claimed % would give at the end)."""
    if claim.kind != "price_change":
        return None
    sessions = evidence_sessions(claim)
    percent = getattr(claim.fields, "percent", None)
    if len(sessions) < 2 or percent is None:
        return None
    base, end = min(sessions), max(sessions)
    close = next(p.close for p in claim.series or [] if p.date == base)
    return base, end, close * (1 + percent / 100)


def price_chart(claim: CheckedClaim, published_at: Optional[dt.datetime] = None) -> Optional[str]:
    """The chart as an ``<svg>`` string, or None when the claim carries fewer than two closes."""
    points = sorted(claim.series or [], key=lambda p: p.date)
    if len(points) < 2:
        return None
    claimed = claimed_price(claim)
    matched = matched_session(claim)
    move = claimed_move(claim)
    colour = VERDICT_COLOURS.get(claim.verdict, "#6e7781")
    index = {p.date: i for i, p in enumerate(points)}

    values = [p.close for p in points]
    values += [v for p in points for v in (p.high, p.low) if v is not None]
    if claimed:
        values.append(claimed)
    if move:
        values.append(move[2])
    data_lo, data_hi = lo, hi = min(values), max(values)
    span = hi - lo or max(hi * 0.01, 0.01)
    lo, hi = lo - span * 0.08, hi + span * 0.08
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / (len(points) - 1)

    def x(i: float) -> float:
        return round(PAD_LEFT + i * step, 1)

    def y(v: float) -> float:
        return round(PAD_TOP + (hi - v) / (hi - lo) * plot_h, 1)

    label = f"Daily closes {points[0].date} to {points[-1].date}"
    if claimed:
        label += f"; claimed price {_money(claimed)}"
    if move:
        label += f"; claimed move {getattr(claim.fields, 'percent', 0):+.2f}% from {move[0]}"
    if matched:
        label += f"; matched session {matched}"
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">',
        f"<title>{escape(label)}</title>",
    ]
    # axes: lowest and highest value on the left, first and last date below
    for v in sorted({data_lo, data_hi}):
        out.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{y(v)}" y2="{y(v)}" class="grid" '
            f'stroke="#d0d7de" stroke-width="0.6"/>'
            f'<text x="{PAD_LEFT - 4}" y="{y(v) + 3}" text-anchor="end" class="axis" font-size="9" fill="#57606a">'
            f"{escape(_money(v))}</text>"
        )
    out.append(
        f'<text x="{PAD_LEFT}" y="{HEIGHT - 8}" font-size="9" fill="#57606a" class="axis">{points[0].date:%d %b}</text>'
        f'<text x="{WIDTH - PAD_RIGHT}" y="{HEIGHT - 8}" text-anchor="end" font-size="9" fill="#57606a" class="axis">'
        f"{points[-1].date:%d %b %Y}</text>"
    )
    # each session's low-high range, faint; the matched one in the verdict's colour
    for i, p in enumerate(points):
        if p.high is not None and p.low is not None and p.high >= p.low:
            strong = p.date == matched
            out.append(
                f'<line x1="{x(i)}" x2="{x(i)}" y1="{y(p.high)}" y2="{y(p.low)}" class="range" '
                f'stroke="{colour if strong else "#afb8c1"}" stroke-width="{3 if strong else 2}" stroke-linecap="round" '
                f'opacity="{0.45 if strong else 0.6}"><title>{p.date}: low {escape(_money(p.low))}, '
                f"high {escape(_money(p.high))}</title></line>"
            )
    # publication: a vertical line on its day, or between the last session before it and the next
    if published_at is not None:
        day = published_at.date()
        before = [i for i, p in enumerate(points) if p.date < day]
        px: Optional[float] = None
        if day in index:
            px = x(index[day])
        elif before and before[-1] < len(points) - 1:
            px = x(before[-1] + 0.5)
        if px is not None:
            out.append(
                f'<line x1="{px}" x2="{px}" y1="{PAD_TOP}" y2="{HEIGHT - PAD_BOTTOM}" stroke="#8250df" '
                f'stroke-width="1" stroke-dasharray="2 2" class="published"/>'
                f'<text x="{px}" y="{HEIGHT - PAD_BOTTOM + 10}" text-anchor="middle" font-size="8.5" fill="#8250df">'
                f"published</text>"
            )
    # the claimed price, labelled at the left so it does not collide with the matched session's label
    if claimed:
        cy = y(claimed)
        ty = cy - 4 if cy > PAD_TOP + 12 else cy + 11
        out.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{cy}" y2="{cy}" stroke="{colour}" stroke-width="1.2" '
            f'stroke-dasharray="5 3" class="claimed"/>'
            f'<text x="{PAD_LEFT + 4}" y="{ty}" font-size="9" font-weight="600" fill="{colour}" class="claimed-label" '
            f'paint-order="stroke" stroke="#fff" stroke-width="3">claimed {escape(_money(claimed))}</text>'
        )
    # the claimed % move: from the base close to where the claimed percentage would have taken it
    if move:
        bx, by = x(index[move[0]]), y(next(p.close for p in points if p.date == move[0]))
        ex, ey = x(index[move[1]]), y(move[2])
        percent = getattr(claim.fields, "percent", 0.0)
        out.append(
            f'<line x1="{bx}" y1="{by}" x2="{ex}" y2="{ey}" stroke="{colour}" stroke-width="1.4" stroke-dasharray="4 3" '
            f'class="claimed"/><circle cx="{ex}" cy="{ey}" r="3" fill="#fff" stroke="{colour}" stroke-width="1.5"/>'
            f'<text x="{PAD_LEFT + 4}" y="{PAD_TOP + 9}" font-size="9" font-weight="600" fill="{colour}" '
            f'class="claimed-label" paint-order="stroke" stroke="#fff" stroke-width="3">claimed {percent:+.2f}% '
            f"= {escape(_money(move[2]))}</text>"
        )
    # the closes
    path = " ".join(f"{x(i)},{y(p.close)}" for i, p in enumerate(points))
    out.append(f'<polyline points="{path}" fill="none" stroke="#24292f" stroke-width="1.6" class="closes"/>')
    for i, p in enumerate(points):
        out.append(
            f'<circle cx="{x(i)}" cy="{y(p.close)}" r="1.8" fill="#24292f">'
            f"<title>{p.date}: close {escape(_money(p.close))}</title></circle>"
        )
    # other sessions the evidence names (a base or previous close): a grey ring
    for day in evidence_sessions(claim):
        if day != matched:
            i = index[day]
            out.append(
                f'<circle cx="{x(i)}" cy="{y(points[i].close)}" r="4" fill="none" stroke="#57606a" '
                f'stroke-width="1.3" class="evidence"/>'
            )
    if matched:
        i = index[matched]
        mx, my = x(i), y(points[i].close)
        anchor = "end" if i > (len(points) - 1) / 2 else "start"
        dx = -8 if anchor == "end" else 8
        below = my + 15 <= HEIGHT - PAD_BOTTOM
        out.append(
            f'<circle cx="{mx}" cy="{my}" r="5" fill="none" stroke="{colour}" stroke-width="2" class="matched"/>'
            f'<text x="{mx + dx}" y="{my + 15 if below else my - 8}" text-anchor="{anchor}" font-size="9" '
            f'font-weight="600" fill="{colour}" class="matched-label" paint-order="stroke" stroke="#fff" '
            f'stroke-width="3">{matched:%d %b} close {escape(_money(points[i].close))}</text>'
        )
    out.append("</svg>")
    return "".join(out)
