"""The README against the code: every schema column, command option, canned query and tour page it names."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import click
import pytest
import sqlite_utils
import yaml

from db import ensure_db_shape
from provenance.cli import cli
from provenance.serve import METADATA_PATH

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
METADATA = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
DATABASE = METADATA["databases"]["provenance"]


def section(title: str) -> str:
    """The text of one `## ` section of the README."""
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def listed_columns() -> dict[str, list[str]]:
    """Each `name(a, b, ...)` the Schema section gives, by name."""
    found: dict[str, list[str]] = {}
    for match in re.finditer(r"`(\w+)\(([\w,\s]+)\)`", section("Schema")):
        assert match[1] not in found, f"{match[1]} is listed twice"
        found[match[1]] = [column.strip() for column in match[2].split(",")]
    return found


def database_columns() -> dict[str, list[str]]:
    """Each table and view of a fresh database (SQLite's and the FTS tables' storage aside) and its columns."""
    database = sqlite_utils.Database(memory=True)
    ensure_db_shape(database)
    names = [row[0] for row in database.execute("select name from sqlite_master where type in ('table', 'view')")]
    storage = re.compile(r"^sqlite_|_fts_")
    return {name: [column.name for column in database[name].columns] for name in names if not storage.search(name)}


def test_the_schema_section_lists_every_table_and_view_with_its_columns_in_order() -> None:
    # runs, fetches, errors, crawl_urls, crawl_searches, the views and five internal tables were named without
    # columns, and quotes, quote_occurrences and lineage listed theirs in another order than a table page shows
    actual, listed = database_columns(), listed_columns()
    echoes = actual.pop("reuse_echoes")
    assert echoes == actual["article_reuse"]  # "with the same columns" as article_reuse, as the section says
    assert listed == actual


def command_rows() -> dict[str, str]:
    """Each row of the README's command table, by command ("eval quotes")."""
    rows = {}
    for row in re.findall(r"^\| `provenance ([^`]+)` \|", section("Commands"), re.MULTILINE):
        name = " ".join(re.match(r"[a-z ]+?(?= [A-Z\[-]|$)", row)[0].split())
        rows[name] = row
    return rows


def all_commands(group: click.Group = cli, prefix: str = "") -> dict[str, click.Command]:
    found = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(all_commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


COMMANDS = all_commands()


def test_the_command_table_has_a_row_for_every_command() -> None:
    assert sorted(command_rows()) == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_row_names_every_option_the_command_has_and_no_other(name: str) -> None:
    row = command_rows()[name]
    options = [param for param in COMMANDS[name].params if isinstance(param, click.Option) and param.name != "help"]
    # a flag pair is named by the side that changes something (--no-progress), an option with a short form by either
    missing = [param.opts for param in options if not any(re.search(rf"{re.escape(o)}\b", row)
                                                          for o in [*param.opts, *param.secondary_opts])]
    known = {o for param in options for o in [*param.opts, *param.secondary_opts]}
    unknown = [o for o in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", row) if o not in known]
    assert (missing, unknown) == ([], [])


def test_the_tour_lists_every_canned_query_by_name_and_title() -> None:
    tour = section("What a researcher sees")
    listed = dict(re.findall(r"`(\w+)` \(\*([^*]+)\*\)", tour.split("**Canned queries**", 1)[1].split("\n- **", 1)[0]))
    assert listed == {name: query["title"] for name, query in DATABASE["queries"].items()}


def test_the_tour_lists_the_tables_in_the_order_the_database_page_shows_them() -> None:
    tour = section("What a researcher sees")
    sentence = tour.split("- **The tables**", 1)[1].split("then the views", 1)[0]
    database = sqlite_utils.Database(memory=True)
    ensure_db_shape(database)
    visible = [name for name, table in DATABASE["tables"].items()
               if name in database.table_names() and not table.get("hidden")]
    assert re.findall(r"`(\w+)`", sentence) == visible


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample story under the demo's file name, as `provenance demo` builds it."""
    from provenance.pipeline import build_sample
    from provenance.serve import checkpoint_wal

    path = tmp_path_factory.mktemp("demo") / "provenance-demo.db"
    build_sample(path)
    checkpoint_wal(path)  # immutable mode reads the main file only
    return path


def tour_pages() -> list[str]:
    """Every address the tour names, its `ID` the sample's first."""
    tour = section("What a researcher sees")
    return sorted({path.replace("ID", "1") for path in re.findall(r"\(`(/[^`\s]+)`", tour)})


def test_the_tour_names_the_pages_a_researcher_meets() -> None:
    assert tour_pages() == [
        "/-/provenance/numbers", "/provenance-demo/-/article/1", "/provenance-demo/-/outlet/1",
        "/provenance-demo/-/quote/1", "/provenance-demo/-/quote/1/prov.json", "/provenance-demo/-/timeline",
        "/provenance-demo/people", "/provenance-demo/quotes",
    ]


@pytest.mark.parametrize("path", [*tour_pages(), *(f"/provenance-demo/{name}" for name in DATABASE["queries"])])
def test_every_page_and_canned_query_the_tour_names_answers_on_the_demo(demo_db: Path, path: str) -> None:
    from datasette.app import Datasette

    async def get():
        datasette = Datasette([], immutables=[str(demo_db)], metadata=METADATA)
        return await datasette.client.get(path)

    response = asyncio.run(get())
    assert response.status_code == 200, response.text[:300]


def config_keys(section_name: str) -> set[str]:
    """The keys a crawl config's section takes, as its error for an unknown key lists them."""
    from provenance.crawl import ConfigError, parse_crawl_config

    with pytest.raises(ConfigError) as error:
        parse_crawl_config({section_name: {"no_such_key": 1}, "stories": [{"name": "s", "quotes": ["q"]}]})
    return set(re.search(r"expected one of: (.*)\)$", str(error.value))[1].split(", "))


def test_every_config_key_the_readme_names_is_one_a_config_takes() -> None:
    # "at most `max_redirects` (5) hops" named a key no config has: it is limits.max_redirects
    named = set(re.findall(r"`(limits|politeness|schedule|search)\.(\w+)`", README))
    assert named and {(part, key) for part, key in named if key not in config_keys(part)} == set()
    bare = {key for part in ("limits", "politeness", "schedule") for key in config_keys(part)}
    assert [key for key in re.findall(r"`(\w+)`", section("Tracking a story and the scheduled job")) if key in bare
            and not re.search(rf"`(?:limits|politeness|schedule|search)\.{key}`", README)] == []
