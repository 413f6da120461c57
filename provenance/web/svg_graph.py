"""The lineage graph of a quote as server-side SVG: outlets on a time axis running downwards,
edges labelled with their evidence and confidence."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from provenance.times import time_order
from provenance.web.formatting import format_confidence

LOGGER = logging.getLogger(__name__)

NODE_WIDTH = 176
NODE_HEIGHT = 44
NODE_GAP = 22  # between nodes in one row
ROW_GAP = 52  # between rows: room for the edge labels
AXIS_WIDTH = 190  # the time labels on the left
MARGIN = 14
MAX_ROWS = 16
MAX_LABEL = 24
LABEL_FONT_SIZE = 13  # the stylesheet's .node-label
UNCRAWLED_ROW = "credited, article not here"
EVIDENCE_CLASSES = ("credit", "link", "reuse", "mutation", "earlier")


@dataclass
class GraphNode:
    """One node: an article (placed by its time) or a credited outlet with no article."""

    key: str  # "a<article id>" or "o<outlet id>"
    label: str  # the outlet name
    sublabel: str = ""  # the time, or why the node has none
    time_key: str | None = None  # None: a credited outlet whose article with the quote was not crawled
    href: str | None = None
    title: str = ""  # tooltip: article title, outlet kind
    article_title: str = ""  # the text of its link in the chain in words
    is_origin: bool = False
    order: tuple = ()  # sort key inside a time row


@dataclass
class GraphEdge:
    """One edge: the source an occurrence was taken from, with evidence and confidence."""

    source: str
    target: str
    evidence: str
    confidence: float | None = None
    reason: str = ""


@dataclass
class ChainStep:
    """One article or credited outlet in the lineage told in words, with the steps that took the quote from it."""

    node: GraphNode
    source: GraphNode | None = None  # where it took the quote from; None at a root
    edge: GraphEdge | None = None
    steps: list[ChainStep] = field(default_factory=list)
    listed_above: bool = False  # taken from two sources: its steps are under the first


@dataclass
class GraphLayout:
    """Positions of nodes (top-left corners), the time rows' headings and the canvas size."""

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    rows: list[tuple[float, str]] = field(default_factory=list)  # rows: (y, time heading)
    width: float = 0
    height: float = 0


def group_times(time_keys: list[str], max_rows: int = MAX_ROWS) -> list[list[str]]:
    """Distinct times in order, in at most `max_rows` consecutive groups of similar size."""
    distinct = sorted(set(time_keys), key=time_order)
    if len(distinct) <= max_rows:
        return [[time_key] for time_key in distinct]
    groups: list[list[str]] = []
    size = len(distinct) / max_rows
    for index in range(max_rows):
        start, end = round(index * size), round((index + 1) * size)
        if start < end:
            groups.append(distinct[start:end])
    return groups


def layout_graph(
    nodes: list[GraphNode],
    edges: Sequence[GraphEdge] = (),
    time_label: Callable[[str], str] = str,
) -> GraphLayout:
    """Time runs downwards, one row per time (uncrawled sources first); each node gets a lane.

    A node keeps its lane free down to the row of its last target, so the edge can run
    straight down its lane and turn into the target just above it, crossing no node.
    """
    layout = GraphLayout()
    rows: list[tuple[str, list[GraphNode]]] = []
    uncrawled = [node for node in nodes if node.time_key is None]
    if uncrawled:
        rows.append((UNCRAWLED_ROW, uncrawled))
    timed = [node for node in nodes if node.time_key is not None]
    for group in group_times([node.time_key for node in timed]):
        members = set(group)
        heading = time_label(group[0])
        if len(group) > 1:
            heading = f"{heading} – {time_label(group[-1])}"
        rows.append((heading, [node for node in timed if node.time_key in members]))
    row_of = {node.key: index for index, (_heading, members) in enumerate(rows) for node in members}
    last_target_row = dict(row_of)
    source_of: dict[str, str] = {}
    for edge in edges:
        if edge.source in row_of and edge.target in row_of:
            last_target_row[edge.source] = max(last_target_row[edge.source], row_of[edge.target])
            source_of.setdefault(edge.target, edge.source)
    busy_until: list[int] = []  # per lane: the last row it is reserved for
    lane_of: dict[str, int] = {}
    for index, (heading, members) in enumerate(rows):
        y = MARGIN + index * (NODE_HEIGHT + ROW_GAP)
        layout.rows.append((y, heading))
        members.sort(key=lambda node: (node.order, node.key))
        for node in members:
            free = [lane for lane, until in enumerate(busy_until) if until < index]
            if free:
                near = lane_of.get(source_of.get(node.key, ""), 0)
                lane = min(free, key=lambda candidate: (abs(candidate - near), candidate))
                busy_until[lane] = last_target_row[node.key]
            else:
                lane = len(busy_until)
                busy_until.append(last_target_row[node.key])
            lane_of[node.key] = lane
            layout.positions[node.key] = (AXIS_WIDTH + lane * (NODE_WIDTH + NODE_GAP), y)
    lanes = max(len(busy_until), 1)
    layout.width = AXIS_WIDTH + lanes * (NODE_WIDTH + NODE_GAP) - NODE_GAP + MARGIN + 70
    layout.height = 2 * MARGIN + max(len(rows), 1) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
    return layout


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """`text` cut to `limit` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Advance widths in thousandths of an em of Helvetica Bold (Arial Bold and Liberation Sans Bold,
# the stylesheet's fonts, have the same); wider than the regular weight, so safe for it too.
BOLD_WIDTHS = dict(
    zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
                                       722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611))
)
BOLD_WIDTHS.update(
    zip("abcdefghijklmnopqrstuvwxyz", (556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
                                       611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500))
)
BOLD_WIDTHS.update({digit: 556 for digit in "0123456789"})
BOLD_WIDTHS.update({" ": 278, ".": 278, ",": 278, ":": 333, ";": 333, "'": 238, "’": 278, "-": 333,
                    "|": 280, "!": 333, "(": 333, ")": 333, "/": 278, "&": 722, "@": 975, "…": 1000})


def text_width(text: str, font_size: float) -> float:
    """The width in pixels of `text` at `font_size` in the labels' font, by its advance widths."""
    units = 0
    for char in text:
        # letters of other scripts: about an uppercase Latin letter; CJK and the like: a whole em
        units += BOLD_WIDTHS.get(char) or (1000 if ord(char) >= 0x2E80 else 722)
    return units * font_size / 1000


def shorten_to_width(text: str, max_width: float, font_size: float) -> str:
    """`text` cut with an ellipsis so that it takes at most `max_width` pixels at `font_size`."""
    text = " ".join(str(text).split())
    if text_width(text, font_size) <= max_width:
        return text
    while text and text_width(text + "…", font_size) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def edge_path(
    source: tuple[float, float], target: tuple[float, float]
) -> tuple[str, float, float, str]:
    """An SVG path from the source node to the target node, and the label's point and anchor."""
    sx, sy = source
    tx, ty = target
    x0, x3 = sx + NODE_WIDTH / 2, tx + NODE_WIDTH / 2
    if ty > sy:  # down the source's lane, turning into the target's top just above it
        y0, y3 = sy + NODE_HEIGHT, ty
        turn = y3 - min(ROW_GAP - 8, y3 - y0)
        path = (
            f"M{x0:.1f},{y0:.1f} L{x0:.1f},{turn:.1f} "
            f"C{x0:.1f},{turn + (y3 - turn) * 0.6:.1f} {x3:.1f},{turn + (y3 - turn) * 0.3:.1f} {x3:.1f},{y3:.1f}"
        )
        if x0 > x3:
            return path, x3 - 6, y3 - 6, "end"
        return path, x3 + 6, y3 - 6, "start"
    if ty == sy:  # same row (a tie in time): an arc below the row
        y0 = y3 = sy + NODE_HEIGHT
        drop = 26 + abs(x3 - x0) / 14
        path = f"M{x0:.1f},{y0:.1f} C{x0:.1f},{y0 + drop:.1f} {x3:.1f},{y3 + drop:.1f} {x3:.1f},{y3:.1f}"
        return path, (x0 + x3) / 2, y0 + drop * 0.75 + 4, "middle"
    # backwards in time (a tracer quirk): loop out on the right-hand side
    x0, y0 = sx + NODE_WIDTH, sy + NODE_HEIGHT / 2
    x3, y3 = tx + NODE_WIDTH, ty + NODE_HEIGHT / 2
    bend = 40 + abs(y3 - y0) / 6
    path = f"M{x0:.1f},{y0:.1f} C{x0 + bend:.1f},{y0:.1f} {x3 + bend:.1f},{y3:.1f} {x3:.1f},{y3:.1f}"
    return path, max(x0, x3) + bend * 0.75 + 4, (y0 + y3) / 2, "start"


def render_node(node: GraphNode, x: float, y: float) -> Markup:
    """One node as an SVG group, linked when it has a page."""
    classes = "node"
    if node.is_origin:
        classes += " node-origin"
    if node.time_key is None:
        classes += " node-uncrawled"
    body = Markup(
        '<g class="{}" data-node="{}" data-outlet="{}" transform="translate({:.1f},{:.1f})">'
        "<title>{}</title>"
        '<rect width="{}" height="{}" rx="6" ry="6"></rect>'
        '<text class="node-label" x="10" y="18">{}</text>'
        '<text class="node-time" x="10" y="35">{}</text>'
        "</g>"
    ).format(
        classes,
        node.key,
        node.label,
        x,
        y,
        node.title or node.label,
        NODE_WIDTH,
        NODE_HEIGHT,
        shorten_to_width(node.label, NODE_WIDTH - 20, LABEL_FONT_SIZE),  # 10 px inside each side
        shorten(node.sublabel, 30),
    )
    if node.href:
        # out of the tab order: the chain in words under the graph holds the same links for the keyboard
        return Markup('<a href="{}" tabindex="-1">{}</a>').format(node.href, body)
    return body


def render_edge(edge: GraphEdge, layout: GraphLayout) -> Markup:
    """One edge as an SVG group: a curve with an arrowhead and its evidence label."""
    path, label_x, label_y, anchor = edge_path(layout.positions[edge.source], layout.positions[edge.target])
    evidence = edge.evidence if edge.evidence in EVIDENCE_CLASSES else "other"
    label = edge.evidence
    if edge.confidence is not None:
        label = f"{edge.evidence} {format_confidence(edge.confidence)}"
    return Markup(
        '<g class="edge edge-{}" data-source="{}" data-target="{}" data-evidence="{}">'
        "<title>{}</title>"
        '<path d="{}" marker-end="url(#arrow-{})"></path>'
        '<text x="{:.1f}" y="{:.1f}" text-anchor="{}">{}</text>'
        "</g>"
    ).format(
        evidence,
        edge.source,
        edge.target,
        edge.evidence,
        edge.reason or label,
        path,
        evidence,
        label_x,
        label_y,
        anchor,
        label,
    )


def render_heading(y: float, heading: str) -> Markup:
    """A row's time on the left; a range of times on two lines, which one would not fit."""
    first, dash, last = heading.partition(" – ")
    if not dash:
        return Markup('<text class="row-heading" x="{}" y="{:.1f}">{}</text>').format(
            MARGIN, y + NODE_HEIGHT / 2 + 4, heading
        )
    return Markup(
        '<text class="row-heading" x="{}" y="{:.1f}"><tspan x="{}">{} –</tspan>'
        '<tspan x="{}" dy="15">{}</tspan></text>'
    ).format(MARGIN, y + NODE_HEIGHT / 2 - 3, MARGIN, first, MARGIN, last)


def render_lineage_svg(
    nodes: list[GraphNode],
    edges: list[GraphEdge],
    *,
    title: str,
    description: str = "",
    time_label: Callable[[str], str] = str,
) -> Markup:
    """The whole graph as an inline <svg> element (no scripts, no external resources)."""
    layout = layout_graph(nodes, edges, time_label)
    known = set(layout.positions)
    markers = Markup("").join(
        Markup(
            '<marker id="arrow-{}" class="arrow arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z"></path></marker>'
        ).format(kind, kind)
        for kind in EVIDENCE_CLASSES + ("other",)
    )
    headings = Markup("").join(render_heading(y, heading) for y, heading in layout.rows)
    guides = Markup("").join(
        Markup('<line class="row-guide" x1="{}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"></line>').format(
            MARGIN, y + NODE_HEIGHT / 2, layout.width - MARGIN, y + NODE_HEIGHT / 2
        )
        for y, _heading in layout.rows
    )
    drawn_edges = [edge for edge in edges if edge.source in known and edge.target in known]
    if len(drawn_edges) != len(edges):
        LOGGER.debug("%d edges point outside the drawn nodes", len(edges) - len(drawn_edges))
    edge_markup = Markup("").join(render_edge(edge, layout) for edge in drawn_edges)
    node_markup = Markup("").join(
        render_node(node, *layout.positions[node.key]) for node in nodes
    )
    return Markup(
        # a group, not an image: an image may hold no links. Screen readers get its title, its description
        # and its nodes' links; the axis and the edges' loose labels are hidden from them (the chain in words has them)
        '<svg xmlns="http://www.w3.org/2000/svg" class="lineage-graph" role="group" '
        'aria-labelledby="lineage-graph-title" aria-describedby="lineage-graph-desc" width="{:.0f}" height="{:.0f}" '
        'viewBox="0 0 {:.0f} {:.0f}">'
        '<title id="lineage-graph-title">{}</title><desc id="lineage-graph-desc">{}</desc>'
        "<defs>{}</defs>"
        '<g class="axis" aria-hidden="true">{}{}</g>'
        '<g class="edges" aria-hidden="true">{}</g>'
        '<g class="nodes">{}</g>'
        "</svg>"
    ).format(
        layout.width,
        layout.height,
        layout.width,
        layout.height,
        title,
        description,
        markers,
        guides,
        headings,
        edge_markup,
        node_markup,
    )


def chain_steps(nodes: list[GraphNode], edges: Sequence[GraphEdge]) -> list[ChainStep]:
    """The graph as a tree in words: roots (first-hand printings first, then credited outlets, then the
    rest in time order), each with the steps that took the quote from it, in time order.

    A node taken from two sources is listed in full under the first and marked `listed_above` under
    the other; a node on a cycle with no root is listed as a root of its own.
    """
    by_key = {node.key: node for node in nodes}
    position = {node.key: index for index, node in enumerate(nodes)}
    drawn = [edge for edge in edges if edge.source in by_key and edge.target in by_key and edge.source != edge.target]
    taken_by: dict[str, list[GraphEdge]] = {}
    has_source = set()
    for edge in drawn:
        taken_by.setdefault(edge.source, []).append(edge)
        has_source.add(edge.target)
    listed: set[str] = set()

    def step(node: GraphNode, source: GraphNode | None, edge: GraphEdge | None) -> ChainStep:
        item = ChainStep(node, source, edge)
        if node.key in listed:
            item.listed_above = True
            return item
        listed.add(node.key)
        for child in sorted(taken_by.get(node.key, []), key=lambda found: position[found.target]):
            item.steps.append(step(by_key[child.target], node, child))
        return item

    roots = sorted(
        (node for node in nodes if node.key not in has_source),
        key=lambda node: (not node.is_origin, node.time_key is not None, position[node.key]),
    )
    found = [step(node, None, None) for node in roots]
    found += [step(node, None, None) for node in nodes if node.key not in listed]
    return found
