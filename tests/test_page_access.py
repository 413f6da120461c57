"""Pages a screen reader can read: Datasette's templates patched as they load, the lineage told in words."""

from __future__ import annotations

import re
from pathlib import Path

import datasette
import pytest

from provenance.web.svg_graph import ChainStep, GraphEdge, GraphNode, chain_steps
from provenance.web.template_patches import patch_source, unapplied_patches
from tests.test_plugin import build_story_db, fetch

DATASETTE_TEMPLATES = Path(datasette.__file__).parent / "templates"


def test_every_patch_finds_its_text_in_the_installed_datasette():
    """A Datasette release that rewrote one of these lines fails here, not silently on the pages."""
    found = unapplied_patches(lambda name: (DATASETTE_TEMPLATES / name).read_text(encoding="utf-8"))
    assert found == {}


@pytest.mark.parametrize(
    "name, source, expected, missing",
    [
        ("base.html", "<html>\n<section class=\"content\">", '<html lang="en">\n<section class="content" role="main">', 0),
        ("default:base.html", "<html>", '<html lang="en">', 1),  # our query.html extends default:query.html
        ("database.html", "<h3>Custom SQL query</h3>", '<h2 class="header3">Custom SQL query</h2>', 0),
        ("row.html", "<h3>x</h3>", "<h3>x</h3>", 0),  # no patches: unchanged
    ],
)
def test_patch_source(name, source, expected, missing):
    patched, not_found = patch_source(name, source)
    assert patched == expected
    assert len(not_found) == missing


@pytest.fixture(scope="module")
def story_db(tmp_path_factory) -> Path:
    return build_story_db(tmp_path_factory.mktemp("access") / "story.db")


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


@pytest.mark.parametrize(
    "path",
    ["/", "/story", "/story/articles", "/story/articles/1", "/story/trace_quote?words=ferry",
     "/story/-/quote/1", "/story/-/article/1", "/story/-/outlet/1", "/story/-/timeline", "/-/provenance/numbers"],
)
def test_every_page_has_a_language_a_main_landmark_one_h1_and_no_skipped_heading(story_db, path):
    html = fetch(story_db, path).text
    assert '<html lang="en">' in html
    assert html.count('role="main"') == 1
    levels = headings(html)
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:])), levels


def test_the_table_filter_fields_have_names(story_db):
    html = fetch(story_db, "/story/articles?title__contains=ferry").text
    labels = re.findall(r'<(?:select|input type="text") name="(_filter_\w+)"[^>]*aria-label="([^"]+)"', html)
    assert labels == [
        ("_filter_column_1", "Filter 1: column"), ("_filter_op_1", "Filter 1: how to compare"),
        ("_filter_value_1", "Filter 1: value"), ("_filter_column", "New filter: column"),
        ("_filter_op", "New filter: how to compare"), ("_filter_value", "New filter: value"),
    ]


def node(key: str, time_key: str | None = "2026-03-02T08:00:00Z", is_origin: bool = False) -> GraphNode:
    return GraphNode(key, f"Outlet {key}", time_key=time_key, is_origin=is_origin)


def outline(steps: list[ChainStep], depth: int = 0) -> list[str]:
    """The tree as indented lines: key, and where it was taken from by what."""
    lines = []
    for step in steps:
        how = f" <- {step.source.key} {step.edge.evidence}" if step.edge else ""
        lines.append("  " * depth + step.node.key + how + (" (above)" if step.listed_above else ""))
        lines += outline(step.steps, depth + 1)
    return lines


@pytest.mark.parametrize(
    "nodes, edges, expected",
    [
        # a chain, children in the graph's (time) order
        ([node("a1", is_origin=True), node("a2"), node("a3")],
         [GraphEdge("a1", "a3", "credit", 0.9), GraphEdge("a1", "a2", "link", 0.95)],
         ["a1", "  a2 <- a1 link", "  a3 <- a1 credit"]),
        # the first-hand printing first, then a credited outlet with no article, then an untraced article
        ([node("a5"), node("a1", is_origin=True), node("a2"), node("o9", time_key=None)],
         [GraphEdge("o9", "a2", "credit", 0.7)],
         ["a1", "o9", "  a2 <- o9 credit", "a5"]),
        # an article taken from two sources is told in full under the first
        ([node("a1", is_origin=True), node("a2"), node("a3"), node("a4")],
         [GraphEdge("a1", "a2", "credit"), GraphEdge("a1", "a3", "credit"), GraphEdge("a2", "a4", "reuse"),
          GraphEdge("a3", "a4", "mutation"), GraphEdge("a4", "a4", "earlier")],
         ["a1", "  a2 <- a1 credit", "    a4 <- a2 reuse", "  a3 <- a1 credit", "    a4 <- a3 mutation (above)"]),
        # a cycle with no root is still told, once; an edge to a node not drawn is left out
        ([node("a1"), node("a2")],
         [GraphEdge("a1", "a2", "link"), GraphEdge("a2", "a1", "link"), GraphEdge("a2", "a9", "credit")],
         ["a1", "  a2 <- a1 link", "    a1 <- a2 link (above)"]),
    ],
)
def test_chain_steps_tell_the_graph_as_a_tree(nodes, edges, expected):
    assert outline(chain_steps(nodes, edges)) == expected


def test_the_quote_page_tells_every_node_of_its_graph_in_words(story_db):
    html = fetch(story_db, "/story/-/quote/1").text
    svg = re.search(r"<svg[^>]*lineage-graph.*?</svg>", html, re.S).group(0)
    chain = re.search(r'<ol class="chain">.*</ol>', html, re.S).group(0)
    assert set(re.findall(r'<g class="node[^"]*" data-node="(\w+)"', svg)) == set(re.findall(r'<li data-node="(\w+)"', chain))
    assert re.search(r'<svg [^>]*role="group" aria-labelledby="lineage-graph-title" aria-describedby="lineage-graph-desc"', svg)
    assert "the same lineage is told in words under the graph" in svg
    assert set(re.findall(r"<a (?:href=\"[^\"]*\" )?tabindex=\"(-?\d)\"", svg)) == {"-1"}  # the list holds the tab stops
