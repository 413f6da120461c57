"""Small accessibility fixes to Datasette's own templates, made as they load.

Datasette 0.65's pages carry no page language and no main landmark, skip from the h1 to h3,
and leave the table filter's column, operator and value fields without a name a screen reader
can say, nor the SQL editor. These sit outside the blocks a template of ours can override, so each fix is a
literal replacement in Datasette's template source. A replacement whose text Datasette no
longer has is skipped with a warning (`unapplied_patches` lists them; a test checks none is).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from jinja2 import BaseLoader, Environment

LOGGER = logging.getLogger(__name__)

# template name -> (text in Datasette's template, its replacement)
TEMPLATE_PATCHES: dict[str, tuple[tuple[str, str], ...]] = {
    "base.html": (
        ("<html>", '<html lang="en">'),
        # a role, not a <main>: Datasette's stylesheet and ours style section.content
        ('<section class="content">', '<section class="content" role="main">'),
    ),
    "table.html": (
        # headings under the h1 are h2s, looking as the h3s did
        ('    <h3>{% if filtered_table_rows_count', '    <h2 class="header3">{% if filtered_table_rows_count'),
        ("        {% if human_description_en %}{{ human_description_en }}{% endif %}\n    </h3>",
         "        {% if human_description_en %}{{ human_description_en }}{% endif %}\n    </h2>"),
        ("    <h3>{{ extra_wheres_for_ui|length }} extra where clause{% if extra_wheres_for_ui|length != 1 %}s{% endif %}</h3>",
         '    <h2 class="header3">{{ extra_wheres_for_ui|length }} extra where clause{% if extra_wheres_for_ui|length != 1 %}s{% endif %}</h2>'),
        ("<h3>Advanced export</h3>", '<h2 class="header3">Advanced export</h2>'),
        ('<select name="_filter_column_{{ loop.index }}">', '<select name="_filter_column_{{ loop.index }}" aria-label="Filter {{ loop.index }}: column">'),
        ('<select name="_filter_op_{{ loop.index }}">', '<select name="_filter_op_{{ loop.index }}" aria-label="Filter {{ loop.index }}: how to compare">'),
        ('<input type="text" name="_filter_value_{{ loop.index }}" class="filter-value"',
         '<input type="text" name="_filter_value_{{ loop.index }}" class="filter-value" aria-label="Filter {{ loop.index }}: value"'),
        ('<select name="_filter_column">', '<select name="_filter_column" aria-label="New filter: column">'),
        ('<select name="_filter_op">', '<select name="_filter_op" aria-label="New filter: how to compare">'),
        ('<input type="text" name="_filter_value" class="filter-value">',
         '<input type="text" name="_filter_value" class="filter-value" aria-label="New filter: value">'),
        ('<select name="_sort" id="sort_by">', '<select name="_sort" id="sort_by" aria-label="Sort by">'),
    ),
    "query.html": (
        ("    <h3>Custom SQL query{% if display_rows %}", '    <h2 class="header3">Custom SQL query{% if display_rows %}'),
        ("    {% endif %}</h3>\n    {% if error %}", "    {% endif %}</h2>\n    {% if error %}"),
        ("<h3>Query parameters</h3>", '<h2 class="header3">Query parameters</h2>'),
    ),
    "database.html": (
        ("<h3>Custom SQL query</h3>", '<h2 class="header3">Custom SQL query</h2>'),
    ),
    # the SQL editor's own text field, which CodeMirror puts in place of the labelled textarea
    "_codemirror_foot.html": (
        ("          lineNumbers: true,\n", '          lineNumbers: true,\n          screenReaderLabel: "SQL query",\n'),
    ),
}


def patch_source(name: str, source: str) -> tuple[str, list[str]]:
    """`source` of Datasette's template `name` with our replacements; and the texts not found in it."""
    missing = []
    for old, new in TEMPLATE_PATCHES.get(name.removeprefix("default:"), ()):
        if old in source:
            source = source.replace(old, new)
        else:
            missing.append(old)
    return source, missing


class PatchingLoader(BaseLoader):
    """Datasette's loader, giving the templates of TEMPLATE_PATCHES with their replacements made."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        patched, missing = patch_source(template, source)
        for old in missing:
            LOGGER.warning("Datasette's %s no longer has %r: that accessibility fix is not made", template, old[:60])
        return patched, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def unapplied_patches(read_source: Callable[[str], str]) -> dict[str, list[str]]:
    """Per template, the replacements whose text Datasette's template (read by `read_source`) lacks."""
    found = {}
    for name in TEMPLATE_PATCHES:
        _source, missing = patch_source(name, read_source(name))
        if missing:
            found[name] = missing
    return found
