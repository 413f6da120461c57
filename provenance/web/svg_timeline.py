"""The story timeline chart as server-side SVG: one lane per quote, one dot per printing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from markupsafe import Markup

from provenance.web.formatting import isolate_text
from provenance.web.svg_graph import shorten_to_width

LABEL_WIDTH = 300
PLOT_WIDTH = 760
LANE_HEIGHT = 28
TOP = 34
BOTTOM = 16
TICKS = 6
DOT_RADIUS = 6
LANE_FONT_SIZE = 12  # the stylesheet's .lane-label, which starts 4 px in
TICK_HALF_WIDTH = 36  # half the width of the longest tick label ("2026-03-02" at 11px), with room


@dataclass
class TimelinePoint:
    """One printing of a quote: an article at a time."""

    time_key: str
    article_id: int
    outlet: str
    href: str
    is_origin: bool = False


@dataclass
class TimelineLane:
    """One quote and its printings."""

    quote_id: int
    label: str
    href: str
    points: list[TimelinePoint] = field(default_factory=list)


def parse_time(time_key: str) -> tuple[datetime | None, bool]:
    """(moment, date_only) of a stored time; a date sits at noon UTC of that day."""
    text = str(time_key or "")
    try:
        if len(text) == 10:
            day = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
            return day + timedelta(hours=12), True
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None, False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc), False


def format_tick(moment: datetime, span: timedelta) -> str:
    """A tick label: date and hour for short spans, dates for long ones."""
    if span <= timedelta(days=3):
        return moment.strftime("%m-%d %H:%M")
    return moment.strftime("%Y-%m-%d")


def tick_moments(start: datetime, end: datetime, dates_only: bool) -> list[datetime]:
    """Where the ticks go: evenly spaced, or on days (at noon, where their dots sit) for dates alone."""
    if not dates_only:
        return [start + (end - start) * index / (TICKS - 1) for index in range(TICKS)]
    first = start.replace(hour=12, minute=0, second=0, microsecond=0)
    if first < start:
        first += timedelta(days=1)
    days = max((end - first).days, 0) + 1
    if days <= TICKS:
        return [first + timedelta(days=index) for index in range(days)]
    picked = sorted({round(index * (days - 1) / (TICKS - 1)) for index in range(TICKS)})
    return [first + timedelta(days=index) for index in picked]


def render_timeline_svg(lanes: list[TimelineLane], *, title: str, description: str = "") -> Markup:
    """The chart as an inline <svg>; empty markup when there is nothing with a time.

    A group, not an image (an image may hold no links), its ticks hidden from screen readers; its
    links are out of the tab order, since the page's table of articles holds the same ones.
    """
    parsed = [parse_time(point.time_key) for lane in lanes for point in lane.points]
    moments = [moment for moment, _date_only in parsed if moment is not None]
    if not moments:
        return Markup("")
    # only dates: ticks name days, never an hour the articles do not have
    dates_only = all(date_only for moment, date_only in parsed if moment is not None)
    start, end = min(moments), max(moments)
    span = end - start
    if span < timedelta(hours=1):
        start, end = start - timedelta(minutes=30), end + timedelta(minutes=30)
        span = end - start

    def x_of(moment: datetime) -> float:
        return LABEL_WIDTH + 10 + (moment - start) / span * (PLOT_WIDTH - 20)

    height = TOP + len(lanes) * LANE_HEIGHT + BOTTOM
    width = LABEL_WIDTH + PLOT_WIDTH
    ticks = []
    for moment in tick_moments(start, end, dates_only):
        x = x_of(moment)
        label = moment.strftime("%Y-%m-%d") if dates_only else format_tick(moment, span)
        anchor = "end" if x + TICK_HALF_WIDTH > width else "middle"  # a centred last label ran off the edge
        ticks.append(
            Markup(
                '<line class="tick" x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}"></line>'
                '<text class="tick-label" x="{:.1f}" y="{}" text-anchor="{}">{}</text>'
            ).format(x, TOP - 6, x, height - BOTTOM, x, TOP - 12, anchor, label)
        )
    rows = []
    for index, lane in enumerate(lanes):
        y = TOP + index * LANE_HEIGHT + LANE_HEIGHT / 2
        dots = []
        for point in lane.points:
            moment, date_only = parse_time(point.time_key)
            if moment is None:
                continue
            classes = "dot"
            if point.is_origin:
                classes += " dot-origin"
            if date_only:
                classes += " dot-date-only"
            note = " (date only)" if date_only else ""
            dots.append(
                Markup(
                    '<a href="{}" tabindex="-1"><circle class="{}" data-article="{}" cx="{:.1f}" cy="{:.1f}" r="{}">'
                    "<title>{}: {}{}</title></circle></a>"
                ).format(
                    point.href, classes, point.article_id, x_of(moment), y, DOT_RADIUS,
                    isolate_text(point.outlet), point.time_key, note,
                )
            )
        rows.append(
            Markup(
                '<g class="lane" data-quote="{}">'
                '<line class="lane-line" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"></line>'
                '<a href="{}" tabindex="-1"><text class="lane-label" x="4" y="{:.1f}"><title>{}</title>{}</text></a>'
                "{}</g>"
            ).format(
                lane.quote_id, LABEL_WIDTH, y, width, y, lane.href, y + 4,
                lane.label, shorten_to_width(lane.label, LABEL_WIDTH - 14, LANE_FONT_SIZE), Markup("").join(dots),
            )
        )
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="group" '
        'aria-labelledby="timeline-chart-title" aria-describedby="timeline-chart-desc" width="{}" height="{}" '
        'viewBox="0 0 {} {}"><title id="timeline-chart-title">{}</title><desc id="timeline-chart-desc">{}</desc>'
        '<g class="ticks" aria-hidden="true">{}</g>{}</svg>'
    ).format(width, height, width, height, title, description, Markup("").join(ticks), Markup("").join(rows))
