"""Comparing two provenance databases row for row by natural keys (URLs, offsets, outlet keys, wordings), not ids or times.

Each table is one query run on both databases, its rows ordered by every column; the two ordered
streams are merged, so a row counts as the same when each column is equal, as often on each side
(a multiset). SQLite sorts in its default 2 MiB page cache, spilling to temporary files (in
SQLITE_TMPDIR, else /var/tmp or /tmp), and Python holds one row of each side and the examples kept,
so two databases of any size compare in little memory: two of 100,000 articles in 40 MiB.

Both files are opened read-only (`mode=ro`) in one read transaction each: no lock is taken, a crawl
or import writing meanwhile goes on, and the comparison sees each database as it was when its
reading began. Run logs (`runs`, `fetches`, `errors`) and the memo of pairs found too unlike (`reuse_misses`)
are not compared: they record how a database was made, not what it holds. A database made by an older
tracker is compared on what both have: a table one of them lacks is not compared, a column one of them
lacks is left out, and the result says which.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from provenance.terminal import escape_for_terminal

LOGGER = logging.getLogger(__name__)

DEFAULT_SHOWN = 3
SHORT_TEXT = 60  # characters of a long value shown in an example row
COLUMN_RE = re.compile(r'\b([a-z][a-z0-9]*)\.("?)([a-z_]+)\2')
SPACE_RE = re.compile(r"\s")
URL_COLUMNS = frozenset({"url", "source_url", "origin_url", "target_url", "link", "canonical_url", "founder",
                          "story_url"})


class CompareError(Exception):
    """A path that is not a provenance database this tracker can read."""


@dataclass(frozen=True)
class TableSpec:
    """One compared table: a query whose columns are natural keys and findings, never ids or times."""

    name: str
    key: tuple[str, ...]  # the leading columns naming a row ("url", "start"): rows sharing them are one row changed
    description: str
    tables: dict[str, str]  # alias -> table, for every alias the query uses
    source: str  # FROM ... and the joins every column needs
    columns: tuple[tuple[str, str], ...]  # (label, SQL expression)
    optional_joins: tuple[str, ...] = ()  # joins left out (with their columns) when a side lacks what they read
    group_by: str = ""


def _printings_list(condition: str) -> str:
    return (
        "(select group_concat(x, ' ') from (select a2.url || '@' || o2.start as x from quote_occurrences o2"
        f" join articles a2 on a2.id = o2.article_id where {condition} order by 1))"
    )


REUSE_COLUMNS = (
    ("url", "a.url"),
    ("source_url", "s.url"),
    ("containment", "round(r.containment, 4)"),
    ("verdict", "r.verdict"),
    ("shared_sentences", "r.shared_sentences"),
)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "printings",
        ("url", "start"),
        "quote_occurrences: each place a quote is printed, by article URL and offset",
        {"o": "quote_occurrences", "a": "articles", "p": "people"},
        "quote_occurrences o join articles a on a.id = o.article_id",
        (
            ("url", "a.url"), ("start", "o.start"), ("end", 'o."end"'), ("version", "o.version"),
            ("text", "o.text"), ("speaker", "o.speaker"), ("speaker_name", "o.speaker_name"), ("person", "p.name"),
            ("cue", "o.cue"), ("kind", "o.kind"), ("told_own_outlet", "o.told_own_outlet"),
            ("withdrawn", "o.withdrawn_at is not null"),
        ),
        ("left join people p on p.id = o.person_id",),
    ),
    TableSpec(
        "lineage",
        ("url", "start"),
        "lineage: each printing's source (article URL and offset, or outlet), evidence and confidence",
        {"l": "lineage", "o": "quote_occurrences", "a": "articles", "sa": "articles", "so": "quote_occurrences",
         "sou": "outlets"},
        "lineage l join quote_occurrences o on o.id = l.occurrence_id join articles a on a.id = o.article_id"
        " left join articles sa on sa.id = l.source_article_id"
        " left join quote_occurrences so on so.id = l.source_occurrence_id"
        " left join outlets sou on sou.id = l.source_outlet_id",
        (
            ("url", "a.url"), ("start", "o.start"), ("evidence", "l.evidence"),
            ("confidence", "round(l.confidence, 3)"), ("reason", "l.reason"), ("depth", "l.depth"),
            ("source_url", "sa.url"), ("source_start", "so.start"), ("source_outlet", "sou.key"),
        ),
    ),
    TableSpec(
        "clusters",
        ("founder",),
        "quotes: each cluster of wordings by the printing that founded it (URL@offset), with its origin and printings",
        {"q": "quotes", "ou": "outlets", "oa": "articles", "o2": "quote_occurrences", "a2": "articles",
         "f": "quote_occurrences", "fa": "articles"},
        "quotes q left join outlets ou on ou.id = q.origin_outlet_id left join articles oa on oa.id = q.origin_article_id",
        (
            ("founder", "fa.url || '@' || f.start"), ("text", "q.text"), ("normalized", "q.normalized"), ("speaker", "q.speaker"),
            ("word_count", "q.word_count"), ("article_count", "q.article_count"), ("outlet_count", "q.outlet_count"),
            ("variant_count", "q.variant_count"), ("origin_outlet", "ou.key"), ("origin_url", "oa.url"),
            ("origin_kind", "q.origin_kind"), ("origin_reason", "q.origin_reason"),
            ("printings", _printings_list("o2.quote_id = q.id")),
        ),
        ("left join quote_occurrences f on f.id = q.founder_id left join articles fa on fa.id = f.article_id",),
    ),
    TableSpec(
        "credits",
        ("url", "start"),
        "credits: each outlet an article credits, by URL and offset, with the printings it covers (offsets)",
        {"c": "credits", "a": "articles", "ou": "outlets", "v": "outlets", "co": "credit_occurrences",
         "o2": "quote_occurrences"},
        "credits c join articles a on a.id = c.article_id left join outlets ou on ou.id = c.outlet_id"
        " left join outlets v on v.id = c.via_outlet_id",
        (
            ("url", "a.url"), ("start", "c.start"), ("end", 'c."end"'), ("outlet", "ou.key"), ("kind", "c.kind"),
            ("cue", "c.cue"), ("scope", "c.scope"), ("is_copy", "c.is_copy"), ("via", "v.key"), ("link", "c.url"),
            ("withdrawn", "c.withdrawn_at is not null"),
            ("covers", "(select group_concat(x, ' ') from (select o2.start as x from credit_occurrences co"
                       " join quote_occurrences o2 on o2.id = co.occurrence_id where co.credit_id = c.id order by 1))"),
        ),
    ),
    TableSpec(
        "links",
        ("url", "start"),
        "article_links: each link in an article body, by URL and offset, with the outlet and article it reaches",
        {"l": "article_links", "a": "articles", "ou": "outlets", "t": "articles"},
        "article_links l join articles a on a.id = l.article_id left join outlets ou on ou.id = l.outlet_id"
        " left join articles t on t.id = l.target_article_id",
        (
            ("url", "a.url"), ("start", "l.start"), ("end", 'l."end"'), ("link", "l.url"), ("anchor", "l.anchor"),
            ("outlet", "ou.key"), ("target_url", "t.url"),
        ),
    ),
    TableSpec(
        "outlets",
        ("key",),
        "outlets: by key",
        {"ou": "outlets"},
        "outlets ou",
        (
            ("key", "ou.key"), ("name", "ou.name"), ("domain", "ou.domain"), ("kind", "ou.kind"),
            ("country", "ou.country"), ("language", "ou.language"), ("aliases", "ou.aliases"),
            ("in_registry", "ou.in_registry"), ("settled", "ou.settled"), ("registry", "ou.registry"),
        ),
    ),
    TableSpec(
        "articles",
        ("url",),
        "articles: by URL, with outlet, title, byline, date and a hash of the text",
        {"a": "articles", "ou": "outlets"},
        "articles a left join outlets ou on ou.id = a.outlet_id",
        (
            ("url", "a.url"), ("canonical_url", "a.canonical_url"), ("outlet", "ou.key"), ("title", "a.title"),
            ("author", "a.author"), ("published", "a.published"), ("version", "a.version"),
            ("text_hash", "a.text_hash"),
        ),
    ),
    TableSpec(
        "analysis",
        ("analysed_with",),
        "articles.analysed_with: how many articles each version of the extractors analysed",
        {"a": "articles"},
        "articles a",
        (("analysed_with", "a.analysed_with"), ("articles", "count(*)")),
        group_by="a.analysed_with",
    ),
    TableSpec(
        "reuse",
        ("url", "source_url"),
        "article_reuse: each pair of articles sharing text, by URL",
        {"r": "article_reuse", "a": "articles", "s": "articles"},
        "article_reuse r join articles a on a.id = r.article_id join articles s on s.id = r.source_article_id",
        REUSE_COLUMNS,
    ),
    TableSpec(
        "echoes",
        ("url", "source_url"),
        "reuse_echoes: derived reuse pairs kept out of article_reuse, by URL",
        {"r": "reuse_echoes", "a": "articles", "s": "articles"},
        "reuse_echoes r join articles a on a.id = r.article_id join articles s on s.id = r.source_article_id",
        REUSE_COLUMNS,
    ),
    TableSpec(
        "people",
        ("name",),
        "people: each speaker across the corpus, by canonical name",
        {"pe": "people"},
        "people pe",
        (("name", "pe.name"), ("kind", "pe.kind"), ("aliases", "pe.aliases"), ("quotes", "pe.quote_count")),
    ),
    TableSpec(
        "person_names",
        ("name", "gender"),
        "person_names: each name (and gender) a speaker was printed under, with the person it stands for",
        {"pn": "person_names", "pe": "people"},
        "person_names pn left join people pe on pe.id = pn.person_id",
        (("name", "pn.name"), ("gender", "pn.gender"), ("person", "pe.name"), ("name_key", "pn.name_key")),
    ),
    TableSpec(
        "article_versions",
        ("url", "version"),
        "article_versions: each earlier text of an article that changed, by URL and version",
        {"av": "article_versions", "a": "articles"},
        "article_versions av join articles a on a.id = av.article_id",
        (("url", "a.url"), ("version", "av.version"), ("text_hash", "av.text_hash"), ("diff", "av.diff")),
    ),
    TableSpec(
        "set_aside_pages",
        ("url",),
        "set_aside_pages: each stored page the rules set aside, by URL, with the reason, its story and the stored article"
        " (times left out)",
        {"sp": "set_aside_pages"},
        "set_aside_pages sp",
        (
            ("url", "sp.url"), ("reason", "sp.reason"), ("story_url", "sp.story_url"),
            ("canonical_url", "sp.canonical_url"), ("title", "sp.title"), ("author", "sp.author"),
            ("published", "sp.published"), ("outlet", "sp.outlet"), ("site_name", "sp.site_name"),
            ("source", "sp.source"), ("text", "sp.text"), ("metadata", "sp.metadata"),
            ("credit_lines", "sp.credit_lines"), ("links", "sp.links"),
        ),
    ),
    TableSpec(
        "crawl_urls",
        ("url",),
        "crawl_urls: each URL the crawler knows, with its state and what it last got (fetch times left out)",
        {"cu": "crawl_urls", "a": "articles"},
        "crawl_urls cu left join articles a on a.id = cu.article_id",
        (
            ("url", "cu.url"), ("story", "cu.story"), ("kind", "cu.kind"), ("depth", "cu.depth"),
            ("found_from", "cu.found_from"), ("state", "cu.state"), ("etag", "cu.etag"),
            ("last_modified", "cu.last_modified"), ("content_hash", "cu.content_hash"), ("last_status", "cu.last_status"),
            ("last_error", "cu.last_error"), ("fetch_count", "cu.fetch_count"), ("error_count", "cu.error_count"),
            ("final_url", "cu.final_url"), ("published", "cu.published"), ("article_url", "a.url"),
        ),
    ),
    TableSpec(
        "crawl_searches",
        ("story", "source", "phrase"),
        "crawl_searches: each phrase searched for a story, with what it found (times left out)",
        {"cs": "crawl_searches"},
        "crawl_searches cs",
        (
            ("story", "cs.story"), ("source", "cs.source"), ("phrase", "cs.phrase"), ("hits", "cs.hits"),
            ("new_urls", "cs.new_urls"), ("error", "cs.error"),
        ),
    ),
    TableSpec(
        "crawl_robots",
        ("origin",),
        "crawl_robots: each site's robots.txt as last fetched (time left out)",
        {"cr": "crawl_robots"},
        "crawl_robots cr",
        (("origin", "cr.origin"), ("status", "cr.status"), ("body", "cr.body")),
    ),
    TableSpec(
        "versions",
        ("name",),
        "code_versions: the versions of the code the stored rows were made with",
        {"cv": "code_versions"},
        "code_versions cv",
        (("name", "cv.name"), ("version", "cv.version")),
    ),
)
TABLE_NAMES = tuple(spec.name for spec in TABLES)


@dataclass
class TableComparison:
    """One table compared: rows on each side, those on one side only, and a few of them."""

    name: str
    description: str
    columns: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # columns one side lacks
    skipped: str | None = None  # why the table was not compared
    old_rows: int = 0
    new_rows: int = 0
    only_in_old: int = 0
    only_in_new: int = 0
    changed: int = 0  # rows of one key on both sides, each counted once in only_in_old and once in only_in_new
    key: list[str] = field(default_factory=list)
    old_examples: list[tuple] = field(default_factory=list)
    new_examples: list[tuple] = field(default_factory=list)
    changed_examples: list[tuple[tuple, tuple]] = field(default_factory=list)

    def add_group(self, group: list[tuple[int, tuple]], shown: int) -> None:
        """Count the one-side rows of one key: as many as both sides have are that key's rows changed."""
        old = [row for side, row in group if side < 0]
        new = [row for side, row in group if side > 0]
        self.only_in_old += len(old)
        self.only_in_new += len(new)
        pairs = list(zip(old, new)) if self.key else []
        self.changed += len(pairs)
        self.changed_examples.extend(pairs[: shown - len(self.changed_examples)])
        self.old_examples.extend(old[len(pairs):][: shown - len(self.old_examples)])
        self.new_examples.extend(new[len(pairs):][: shown - len(self.new_examples)])

    @property
    def differences(self) -> int:
        """Rows on one side only."""
        return self.only_in_old + self.only_in_new

    def to_dict(self) -> dict:
        """The comparison of this table as plain data; examples as {column: value}."""
        return {
            "name": self.name,
            "description": self.description,
            "compared": self.skipped is None,
            "skipped": self.skipped,
            "columns": self.columns,
            "left_out": self.left_out,
            "old_rows": self.old_rows,
            "new_rows": self.new_rows,
            "only_in_old": self.only_in_old,
            "only_in_new": self.only_in_new,
            "key": self.key,
            "changed": self.changed,
            "examples_changed": [
                {"old": dict(zip(self.columns, old)), "new": dict(zip(self.columns, new))}
                for old, new in self.changed_examples
            ],
            "examples_only_in_old": [dict(zip(self.columns, row)) for row in self.old_examples],
            "examples_only_in_new": [dict(zip(self.columns, row)) for row in self.new_examples],
        }

    def format(self) -> str:
        """Lines for a terminal: counts, then the examples kept, scraped text escaped and shortened."""
        if self.skipped is not None:
            return f"{self.name}: not compared ({self.skipped})"
        lines = [
            f"{self.name}: {self.old_rows:,} in OLD, {self.new_rows:,} in NEW; "
            f"{self.only_in_old:,} only in OLD, {self.only_in_new:,} only in NEW"
            + (f" ({self.changed:,} of each the same {', '.join(self.key)} changed)" if self.changed else "")
        ]
        if self.left_out:
            lines.append(f"  compared without {', '.join(self.left_out)} (not in both databases)")
        width = len(self.key)
        for old, new in self.changed_examples:
            changes = [
                f"{label}: {format_value(label, shown_before)} -> {format_value(label, shown_after)}"
                for label, before, after in zip(self.columns, old, new) if before != after
                for shown_before, shown_after in [around_difference(before, after)]
            ]
            lines.append(f"  ~ {format_row(self.columns[:width], old[:width])}  {'; '.join(changes)}")
        if self.changed > len(self.changed_examples):
            lines.append(f"  ~ ... and {self.changed - len(self.changed_examples):,} more changed")
        for mark, examples, count, side in (
            ("-", self.old_examples, self.only_in_old - self.changed, "OLD"),
            ("+", self.new_examples, self.only_in_new - self.changed, "NEW"),
        ):
            lines.extend(f"  {mark} {format_row(self.columns, row)}" for row in examples)
            if count > len(examples):
                lines.append(f"  {mark} ... and {count - len(examples):,} more only in {side}")
        return "\n".join(lines)


@dataclass
class Comparison:
    """Two databases compared table by table."""

    old: str
    new: str
    tables: list[TableComparison] = field(default_factory=list)

    @property
    def differences(self) -> int:
        """Rows on one side only, in every table compared."""
        return sum(table.differences for table in self.tables)

    @property
    def identical(self) -> bool:
        """Whether every table compared holds the same rows on both sides."""
        return self.differences == 0

    def to_dict(self) -> dict:
        """The whole comparison as plain data (for `--json`)."""
        return {
            "old": self.old,
            "new": self.new,
            "identical": self.identical,
            "differences": self.differences,
            "tables": [table.to_dict() for table in self.tables],
        }

    def format(self) -> str:
        """The comparison for a terminal: one block per table, then a closing line."""
        lines = [f"OLD {escape_for_terminal(self.old)}", f"NEW {escape_for_terminal(self.new)}"]
        lines.extend(table.format() for table in self.tables)
        differing = [table.name for table in self.tables if table.differences]
        compared = sum(table.skipped is None for table in self.tables)
        if differing:
            rows = "row" if self.differences == 1 else "rows"
            lines.append(f"differ: {self.differences:,} {rows} on one side only, in {', '.join(differing)}")
        else:
            lines.append("identical: the table compared holds the same rows" if compared == 1
                         else f"identical: the {compared} tables compared hold the same rows")
        return "\n".join(lines)


def format_row(columns: list[str], row: tuple) -> str:
    """One example row on one line: `label=value` for each column with a value, long text shortened."""
    return " ".join(f"{label}={format_value(label, value)}" for label, value in zip(columns, row) if value is not None)


def format_value(label: str, value: object) -> str:
    """One value for a terminal: text escaped, shortened unless a URL, quoted when it has spaces."""
    if not isinstance(value, str):
        return "null" if value is None else str(value)
    shown = escape_for_terminal(value if label in URL_COLUMNS else _shorten(value))
    return shown if shown and SPACE_RE.search(shown) is None else f'"{shown}"'


def around_difference(before: object, after: object) -> tuple[object, object]:
    """Two long texts from the word before their first difference on ("…fourth ferry" -> "…fifth ferry")."""
    if not (isinstance(before, str) and isinstance(after, str)):
        return before, after
    same = next((index for index, (x, y) in enumerate(zip(before, after)) if x != y), min(len(before), len(after)))
    if same <= SHORT_TEXT // 3:
        return before, after
    cut = before.rfind(" ", 0, same - 10) + 1 or same - 10
    return "…" + before[cut:], "…" + after[cut:]


def _shorten(text: str, limit: int = SHORT_TEXT) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"


def compare_databases(
    old: str | Path, new: str | Path, *, tables: Iterable[str] | None = None, shown: int = DEFAULT_SHOWN,
) -> Comparison:
    """Compare two provenance databases table by table, keeping up to `shown` example rows of each side."""
    names = list(TABLE_NAMES if tables is None else tables)
    unknown = [name for name in names if name not in TABLE_NAMES]
    if unknown or not names:
        named = f"no table {', '.join(unknown)}" if unknown else "no table named"
        raise CompareError(f"{named} to compare (known: {', '.join(TABLE_NAMES)})")
    old_conn, new_conn = open_readonly(Path(old)), None
    try:
        new_conn = open_readonly(Path(new))
        old_columns, new_columns = table_columns(old_conn), table_columns(new_conn)
        comparison = Comparison(str(old), str(new))
        for spec in TABLES:
            if spec.name in names:
                comparison.tables.append(_compare_table(spec, old_conn, new_conn, old_columns, new_columns, shown))
        return comparison
    finally:
        old_conn.close()
        if new_conn is not None:
            new_conn.close()


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to a provenance database in one read transaction, or a CompareError saying why not."""
    from db.schema import MIGRATIONS, SCHEMA_VERSION

    if path.is_dir():
        raise CompareError(f"{path} is a folder, not a database file")
    if not path.exists():
        raise CompareError(f"no database at {path}")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("pragma query_only = 1")
        conn.execute("pragma busy_timeout = 30000")
        conn.execute("begin")  # one snapshot for every table, whatever a writer commits meanwhile
        names = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        if not {"schema_migrations", "articles", "quote_occurrences"} <= names:
            raise CompareError(f"{path} is not a provenance database (no schema_migrations, articles or quote_occurrences table)")
        done = {row[0] for row in conn.execute("select version from schema_migrations")}
        unknown = done - {module.VERSION for module in MIGRATIONS}
        if unknown:
            raise CompareError(
                f"{path} has schema version {max(unknown)}, newer than this tracker's {SCHEMA_VERSION}: "
                "a newer provenance made it; upgrade provenance to compare it"
            )
    except sqlite3.DatabaseError as error:
        conn.close()
        raise CompareError(f"{path} is not a usable SQLite database: {error}") from None
    except CompareError:
        conn.close()
        raise
    return conn


def table_columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Every table of the database with its column names."""
    tables = [row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")]
    return {table: {row[1] for row in conn.execute("select * from pragma_table_info(?)", [table])} for table in tables}


def _reads(sql: str, aliases: dict[str, str]) -> set[tuple[str, str]]:
    """The (table, column) pairs a piece of SQL reads through the spec's aliases."""
    return {(aliases[alias], column) for alias, _, column in COLUMN_RE.findall(sql) if alias in aliases}


def _has(columns: dict[str, set[str]], needs: set[tuple[str, str]]) -> bool:
    return all(column in columns.get(table, ()) for table, column in needs)


def _declared(spec: TableSpec, sql: str) -> set[str]:
    """The aliases a FROM clause or join declares ("quote_occurrences o join articles a on ...")."""
    return {alias for alias, table in spec.tables.items() if re.search(rf"\b{table} {alias}\b", sql)}


def _usable(spec: TableSpec, sql: str, columns: dict[str, set[str]]) -> bool:
    """Whether one database has every table `sql` declares and every column it reads."""
    return all(spec.tables[alias] in columns for alias in _declared(spec, sql)) and _has(columns, _reads(sql, spec.tables))


def _build_query(
    spec: TableSpec, old_columns: dict[str, set[str]], new_columns: dict[str, set[str]],
) -> tuple[str | None, list[str], list[str], str | None]:
    """The query both sides can run: (SQL, columns kept, columns left out, why the table is skipped)."""
    for side, columns in (("OLD", old_columns), ("NEW", new_columns)):
        if not _usable(spec, spec.source, columns):
            missing = sorted({spec.tables[alias] for alias in _declared(spec, spec.source)} - set(columns))
            return None, [], [], f"no {', '.join(missing)} table in {side}" if missing else f"{side} lacks a column it joins on"
        if spec.group_by and not _usable(spec, spec.group_by, columns):
            return None, [], [], f"no {spec.group_by.split('.')[-1]} column in {side}"
    joins, dropped = [], set()
    for join in spec.optional_joins:
        if _usable(spec, join, old_columns) and _usable(spec, join, new_columns):
            joins.append(join)
        else:
            dropped |= _declared(spec, join)
    kept, left_out, expressions = [], [], []
    for label, expression in spec.columns:
        aliases = {alias for alias, _, _ in COLUMN_RE.findall(expression)}
        if not aliases & dropped and _usable(spec, expression, old_columns) and _usable(spec, expression, new_columns):
            kept.append(label)
            expressions.append(f"{expression} as c{len(expressions)}")
        else:
            left_out.append(label)
    sql = f"select {', '.join(expressions)} from {' '.join([spec.source, *joins])}"
    if spec.group_by:
        sql += f" group by {spec.group_by}"
    order = ", ".join(f"c{index} collate binary" for index in range(len(expressions)))
    return f"select * from ({sql}) order by {order}", kept, left_out, None


def _compare_table(
    spec: TableSpec, old_conn: sqlite3.Connection, new_conn: sqlite3.Connection,
    old_columns: dict[str, set[str]], new_columns: dict[str, set[str]], shown: int,
) -> TableComparison:
    result = TableComparison(spec.name, spec.description)
    sql, result.columns, result.left_out, result.skipped = _build_query(spec, old_columns, new_columns)
    if sql is None:
        return result
    result.key = [label for label in spec.key if label in result.columns]
    width = len(result.key)
    LOGGER.debug("%s: %s", spec.name, sql)
    old_rows = _counted(old_conn.execute(sql), result, "old_rows")
    new_rows = _counted(new_conn.execute(sql), result, "new_rows")
    group: list[tuple[int, tuple]] = []  # the one-side rows of one key: merged rows come in key order
    for side, row in merge_sorted(old_rows, new_rows, spec.name):
        if group and (not width or row[:width] != group[0][1][:width]):
            result.add_group(group, shown)
            group = []
        group.append((side, row))
    if group:
        result.add_group(group, shown)
    return result


def _counted(rows: Iterable[tuple], result: TableComparison, attribute: str) -> Iterator[tuple]:
    for row in rows:
        setattr(result, attribute, getattr(result, attribute) + 1)
        yield row


def sort_key(row: tuple) -> tuple:
    """A row's key in SQLite's order (`collate binary`): NULL, numbers, text (UTF-8 bytes, so code points), blobs."""
    return tuple(
        (0, 0) if value is None
        else (1, value) if isinstance(value, (int, float))
        else (2, value) if isinstance(value, str)
        else (3, bytes(value))
        for value in row
    )


def merge_sorted(old: Iterable[tuple], new: Iterable[tuple], name: str = "rows") -> Iterator[tuple[int, tuple]]:
    """The rows of two sorted streams found on one side only: (-1, row) for the first, (1, row) for the second.

    Equal rows pair off one for one, so a row printed twice on one side and once on the other is one difference.
    """
    old_iter, new_iter = iter(old), iter(new)
    old_row, new_row = next(old_iter, None), next(new_iter, None)
    old_key = sort_key(old_row) if old_row is not None else None
    new_key = sort_key(new_row) if new_row is not None else None
    while old_row is not None or new_row is not None:
        if new_row is None or (old_row is not None and old_key < new_key):
            yield -1, old_row
            old_row, old_key = _advance(old_iter, old_key, name)
        elif old_row is None or new_key < old_key:
            yield 1, new_row
            new_row, new_key = _advance(new_iter, new_key, name)
        else:
            old_row, old_key = _advance(old_iter, old_key, name)
            new_row, new_key = _advance(new_iter, new_key, name)


def _advance(rows: Iterator[tuple], previous: tuple, name: str) -> tuple[tuple | None, tuple | None]:
    row = next(rows, None)
    if row is None:
        return None, None
    key = sort_key(row)
    if key < previous:  # SQLite and sort_key disagree on an order: a merge would pair the wrong rows
        raise RuntimeError(f"{name}: rows out of order for the merge: {row!r}")
    return row, key
