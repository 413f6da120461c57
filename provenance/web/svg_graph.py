"""The lineage graph of a quote as server-side SVG: outlets on a time axis, evidence on edges."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from markupsafe import Markup

from provenance.web.formatting import format_confidence

LOGGER = logging.getLogger(__name__)

NODE_WIDTH = 168
NODE_HEIGHT = 44
COLUMN_GAP = 96
ROW_GAP = 26
MARGIN = 16
HEADER = 34
MAX_COLUMNS = 12
MAX_LABEL = 24
UNCRAWLED_COLUMN = "credited, not crawled"
EVIDENCE_CLASSES = ("credit", "link", "reuse", "mutation", "earlier")


@dataclass
class GraphNode:
    """One node: an article (placed by its time) or a credited outlet with no article."""

    key: str  # "a<article id>" or "o<outlet id>"
    label: str  # the outlet name
    sublabel: str = ""  # the time, or why the node has none
    time_key: str | None = None  # None: a credited outlet that was never crawled
    href: str | None = None
    title: str = ""  # tooltip: article title, outlet kind
    is_origin: bool = False
    order: tuple = ()  # sort key inside a column


@dataclass
class GraphEdge:
    """One edge: the source an occurrence was taken from, with evidence and confidence."""

    source: str
    target: str
    evidence: str
    confidence: float | None = None
    reason: str = ""


@dataclass
class GraphLayout:
    """Positions of nodes (top-left corners), the columns' headings and the canvas size."""

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    columns: list[tuple[float, str]] = field(default_factory=list)  # (x, heading)
    width: float = 0
    height: float = 0


def group_times(time_keys: list[str], max_columns: int = MAX_COLUMNS) -> list[list[str]]:
    """Distinct times in order, in at most `max_columns` consecutive groups of similar size."""
    distinct = sorted(set(time_keys))
    if len(distinct) <= max_columns:
        return [[time_key] for time_key in distinct]
    groups: list[list[str]] = []
    size = len(distinct) / max_columns
    for index in range(max_columns):
        start, end = round(index * size), round((index + 1) * size)
        if start < end:
            groups.append(distinct[start:end])
    return groups


def layout_graph(
    nodes: list[GraphNode], time_label=lambda time_key: time_key or ""
) -> GraphLayout:
    """Columns by time (uncrawled sources first), nodes stacked in each column."""
    layout = GraphLayout()
    columns: list[tuple[str, list[GraphNode]]] = []
    uncrawled = [node for node in nodes if node.time_key is None]
    if uncrawled:
        columns.append((UNCRAWLED_COLUMN, uncrawled))
    timed = [node for node in nodes if node.time_key is not None]
    for group in group_times([node.time_key for node in timed]):
        members = set(group)
        heading = time_label(group[0])
        if len(group) > 1:
            heading = f"{heading} – {time_label(group[-1])}"
        columns.append((heading, [node for node in timed if node.time_key in members]))
    tallest = 0
    for index, (heading, members) in enumerate(columns):
        x = MARGIN + index * (NODE_WIDTH + COLUMN_GAP)
        layout.columns.append((x, heading))
        members.sort(key=lambda node: (node.order, node.key))
        for row, node in enumerate(members):
            layout.positions[node.key] = (x, HEADER + MARGIN + row * (NODE_HEIGHT + ROW_GAP))
        tallest = max(tallest, len(members))
    layout.width = 2 * MARGIN + max(len(columns), 1) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP
    layout.height = HEADER + 2 * MARGIN + max(tallest, 1) * (NODE_HEIGHT + ROW_GAP)
    return layout


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """`text` cut to `limit` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def edge_path(source: tuple[float, float], target: tuple[float, float]) -> tuple[str, float, float]:
    """An SVG path from the source node to the target node and the midpoint for its label."""
    sx, sy = source
    tx, ty = target
    if tx > sx:
        x0, y0 = sx + NODE_WIDTH, sy + NODE_HEIGHT / 2
        x3, y3 = tx, ty + NODE_HEIGHT / 2
        bend = max((x3 - x0) / 2, 30)
        x1, y1, x2, y2 = x0 + bend, y0, x3 - bend, y3
    else:
        # Same column (a tie in time) or backwards: loop out on the right-hand side.
        x0, y0 = sx + NODE_WIDTH, sy + NODE_HEIGHT / 2
        x3, y3 = tx + NODE_WIDTH, ty + NODE_HEIGHT / 2
        bend = 48 + abs(y3 - y0) / 8
        x1, y1, x2, y2 = x0 + bend, y0, x3 + bend, y3
    mid_x = 0.125 * x0 + 0.375 * x1 + 0.375 * x2 + 0.125 * x3
    mid_y = 0.125 * y0 + 0.375 * y1 + 0.375 * y2 + 0.125 * y3
    path = f"M{x0:.1f},{y0:.1f} C{x1:.1f},{y1:.1f} {x2:.1f},{y2:.1f} {x3:.1f},{y3:.1f}"
    return path, mid_x, mid_y


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
        shorten(node.label),
        shorten(node.sublabel, 30),
    )
    if node.href:
        return Markup('<a href="{}">{}</a>').format(node.href, body)
    return body


def render_edge(edge: GraphEdge, layout: GraphLayout) -> Markup:
    """One edge as an SVG group: a curve with an arrowhead and its evidence label."""
    path, mid_x, mid_y = edge_path(layout.positions[edge.source], layout.positions[edge.target])
    evidence = edge.evidence if edge.evidence in EVIDENCE_CLASSES else "other"
    label = edge.evidence
    if edge.confidence is not None:
        label = f"{edge.evidence} {format_confidence(edge.confidence)}"
    return Markup(
        '<g class="edge edge-{}" data-source="{}" data-target="{}" data-evidence="{}">'
        "<title>{}</title>"
        '<path d="{}" marker-end="url(#arrow-{})"></path>'
        '<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>'
        "</g>"
    ).format(
        evidence,
        edge.source,
        edge.target,
        edge.evidence,
        edge.reason or label,
        path,
        evidence,
        mid_x,
        mid_y - 4,
        label,
    )


def render_lineage_svg(
    nodes: list[GraphNode],
    edges: list[GraphEdge],
    *,
    title: str,
    time_label=lambda time_key: time_key or "",
) -> Markup:
    """The whole graph as an inline <svg> element (no scripts, no external resources)."""
    layout = layout_graph(nodes, time_label)
    known = set(layout.positions)
    markers = Markup("").join(
        Markup(
            '<marker id="arrow-{}" class="arrow arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z"></path></marker>'
        ).format(kind, kind)
        for kind in EVIDENCE_CLASSES + ("other",)
    )
    headings = Markup("").join(
        Markup('<text class="column-heading" x="{:.1f}" y="{}">{}</text>').format(
            x + NODE_WIDTH / 2, MARGIN + 8, heading
        )
        for x, heading in layout.columns
    )
    guides = Markup("").join(
        Markup('<line class="column-guide" x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{:.1f}"></line>').format(
            x + NODE_WIDTH / 2, HEADER, x + NODE_WIDTH / 2, layout.height - MARGIN / 2
        )
        for x, _heading in layout.columns
    )
    drawn_edges = [edge for edge in edges if edge.source in known and edge.target in known]
    if len(drawn_edges) != len(edges):
        LOGGER.debug("%d edges point outside the drawn nodes", len(edges) - len(drawn_edges))
    edge_markup = Markup("").join(render_edge(edge, layout) for edge in drawn_edges)
    node_markup = Markup("").join(
        render_node(node, *layout.positions[node.key]) for node in nodes
    )
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="lineage-graph" role="img" '
        'aria-labelledby="lineage-graph-title" width="{:.0f}" height="{:.0f}" '
        'viewBox="0 0 {:.0f} {:.0f}">'
        '<title id="lineage-graph-title">{}</title>'
        "<defs>{}</defs>"
        '<g class="axis">{}{}</g>'
        '<g class="edges">{}</g>'
        '<g class="nodes">{}</g>'
        "</svg>"
    ).format(
        layout.width,
        layout.height,
        layout.width,
        layout.height,
        title,
        markers,
        guides,
        headings,
        edge_markup,
        node_markup,
    )
