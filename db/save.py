"""Saving analysed articles: outlets, articles, links, occurrences, credits, fingerprints."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from provenance.counts import counted
from provenance.models import TRACKED_QUOTE_KINDS, WIRE_KINDS, Analysis, Credit, Outlet, Quotation
from provenance.normalize import normalize_quote
from provenance.outlets import POOLED_UNKNOWN_KEY, OutletRegistry, RegistryFile, read_from_canonical, reversed_host
from provenance.times import normalize_time, utc_now

LOGGER = logging.getLogger(__name__)

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# The key of a registry outlet the registry no longer lists, until the articles pointing at it are read again
RETIRED_KEY_PREFIX = "retired:"
NOT_RETIRED = f"key not like '{RETIRED_KEY_PREFIX}%'"  # a condition on outlets rows


@dataclass
class SavedArticle:
    """What saving one analysed article did."""

    article_id: int
    status: str  # new | changed
    stale_quote_ids: set[int] = field(default_factory=set)


def text_hash(text: str) -> str:
    """A stable hash of an article text, to tell a changed text from a re-fetch."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def name_key(name: str) -> str:
    """An outlet name as saving matches names: without a leading "The", any case."""
    return _LEADING_THE.sub("", name.strip()).casefold()


def save_outlet(db: sqlite_utils.Database, outlet: Outlet, *, cache: dict | None = None) -> int:
    """The id of `outlet` in the database, creating or completing its row.

    `cache` (a dict kept by the caller for the length of one save) skips the lookups for an
    outlet already saved with the same key, name and domain.
    """
    cache_key = (outlet.key, outlet.name, outlet.domain)
    if cache is not None and cache_key in cache:
        return cache[cache_key]
    outlet_id = _save_outlet(db, outlet)
    if cache is not None:
        cache[cache_key] = outlet_id
    return outlet_id


def _save_outlet(db: sqlite_utils.Database, outlet: Outlet) -> int:
    execute = db.conn.execute
    named = False  # the row found is one met by its name only
    row = execute("select id, domain, in_registry from outlets where key = ?", [outlet.key]).fetchone()
    if row is None and outlet.domain:
        row = execute(
            f"select id, domain, in_registry from outlets where domain = ? and {NOT_RETIRED}", [outlet.domain]
        ).fetchone()
    if row is not None and row[1] and not row[2] and not outlet.in_registry and outlet.name != row[1]:
        _name_linked_outlet(db, row[0], row[1], outlet)
    if row is None:
        # An outlet first met as a name in a credit, crawled later (or the other way round).
        for candidate_id, domain, in_registry, name in execute(
            f"select id, domain, in_registry, name from outlets where name in (?, ?, ?) collate nocase and {NOT_RETIRED}",
            [outlet.name, _LEADING_THE.sub("", outlet.name), "The " + _LEADING_THE.sub("", outlet.name)],
        ).fetchall():
            if name_key(name) == name_key(outlet.name):
                row, named = (candidate_id, domain, in_registry), True
                break
    if row is not None:
        if outlet.domain and not row[1]:
            # links to the domain may now be this outlet's: articles saved before are settled again
            execute("update outlets set domain = ?, settled = 0 where id = ?", [outlet.domain, row[0]])
            if named and not row[2]:
                _complete_named_outlet(db, row[0], outlet)
        return row[0]
    # an outlet from outside the registry is news to the articles saved before it (`settle_outlets`)
    return execute(
        "insert into outlets (key, name, domain, kind, country, language, aliases, in_registry, settled) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            outlet.key,
            outlet.name,
            outlet.domain,
            outlet.kind or "unknown",
            outlet.country,
            outlet.language,
            _aliases_value(outlet),
            int(outlet.in_registry),
            int(outlet.in_registry),
        ],
    ).lastrowid


def refresh_registry_outlets(db: sqlite_utils.Database, registry: OutletRegistry) -> int:
    """Bring saved registry outlets to the registry's name, kind, country, language and aliases; how many changed.

    A row is written once, when its outlet is first met; a later release's registry, or the user's
    registry file edited between runs (an alias added, a kind corrected), would otherwise never reach
    a database saved before it. An outlet whose name, aliases or kind changed is unsettled, so the
    articles its new names find or its old ones credited are analysed again (`pipeline.settle_outlets`);
    one whose pages became or stopped being a wire's makes a whole trace due (reuse and lineage read
    wire copy apart). An outlet the registry no longer lists (a row removed from the user's file, or
    from the built-in one by a release) is retired (`retire_registry_outlet`), and the articles pointing
    at it are analysed again as if it had never been listed.
    """
    updates = []
    unsettle = []
    retire = []
    wire_changed = False
    for outlet_id, key, *saved in db.conn.execute(
        "select id, key, name, kind, country, language, aliases from outlets where in_registry = 1 order by id"
    ).fetchall():
        outlet = registry.get(key)
        if outlet is None or not outlet.in_registry:
            retire.append(outlet_id)
            wire_changed = wire_changed or _wire_kind_changed(db, outlet_id, saved[1], "unknown")
            continue
        fresh = [outlet.name, outlet.kind or "unknown", outlet.country, outlet.language, _aliases_value(outlet)]
        if fresh != saved:
            updates.append([*fresh, outlet_id])
        if (fresh[0], fresh[1], fresh[4]) != (saved[0], saved[1], saved[4]):
            unsettle.append([outlet_id])
            wire_changed = wire_changed or _wire_kind_changed(db, outlet_id, saved[1], fresh[1])
    if updates or retire:
        with db.atomic():
            db.conn.executemany(
                "update outlets set name = ?, kind = ?, country = ?, language = ?, aliases = ? where id = ?", updates
            )
            db.conn.executemany("update outlets set settled = 0 where id = ?", unsettle)
            for outlet_id in retire:
                retire_registry_outlet(db, outlet_id)
            if wire_changed:
                make_trace_due(db, "an outlet with pages saved became or stopped being a wire in the registry")
        LOGGER.info("%d registry outlets brought up to the registry, %d retired", len(updates), len(retire))
    changed = len(updates) + len(retire) + adopt_registry_outlets(db, registry)
    record_registry_sources(db, registry)
    return changed


def retire_registry_outlet(db: sqlite_utils.Database, outlet_id: int) -> None:
    """Set aside a registry outlet the registry no longer lists, until nothing points at it.

    A fresh import with that registry would have saved it only as its pages, or a credit naming it
    ("told the Kestrel Post"), make an outlet from outside the registry. So it leaves the registry and
    every look-up: keyed `retired:ID`, known to no analysis (`pipeline.saved_outlets`) and matched by no
    outlet saved (`save_outlet`). The articles pointing at it (`pipeline.registry_edits_may_change`) are
    analysed again: its pages move to the outlet they name now (by the outlet their import record named,
    `articles.outlet_given`, else by themselves), its links and credits resolve to what they name now, and
    it is deleted once nothing points at it (`drop_unused_outlets`). It keeps its name and domain, for a
    page saved before records' outlets were kept: one at that domain is read as the registry found it, by
    its address; one elsewhere as its record named it, by that name (`pipeline.stored_articles`).
    """
    db.conn.execute(
        "update outlets set key = ?, in_registry = 0, registry = null, settled = 1 where id = ?",
        [f"{RETIRED_KEY_PREFIX}{outlet_id}", outlet_id],
    )


def record_registry_sources(db: sqlite_utils.Database, registry: OutletRegistry) -> None:
    """Write in `outlets.registry` the file each registry outlet comes from: "built-in", or the name of the user's file.

    An outlet this registry does not list is left as it is (`refresh_registry_outlets` retires it).
    """
    changes = [
        (source, outlet_id)
        for outlet_id, key, in_registry, saved in db.conn.execute("select id, key, in_registry, registry from outlets")
        for source in [registry.sources.get(key, saved) if in_registry else None]
        if source != saved
    ]
    if changes:
        with db.atomic():
            db.conn.executemany("update outlets set registry = ? where id = ?", changes)


def save_registry_files(db: sqlite_utils.Database, files: list[RegistryFile]) -> bool:
    """Keep the registry files a run was given, in their order, in place of those kept before; whether they differ."""
    kept = db.conn.execute("select digest from registry_files order by position").fetchall()
    if [row[0] for row in kept] == [registry_file.digest for registry_file in files]:
        return False
    with db.atomic():
        db.conn.execute("delete from registry_files")
        db.conn.executemany(
            "insert into registry_files (position, name, path, text, digest, given_at) values (?, ?, ?, ?, ?, ?)",
            [
                (position, registry_file.name, str(Path(registry_file.path).resolve()) if registry_file.path else None,
                 registry_file.text, registry_file.digest, utc_now())
                for position, registry_file in enumerate(files)
            ],
        )
    return True


def saved_registry_files(db: sqlite_utils.Database) -> list[RegistryFile]:
    """The registry files the database was last given, as they were read then."""
    return [
        RegistryFile(name=name, text=text, path=path or "")
        for name, path, text in db.conn.execute("select name, path, text from registry_files order by position")
    ]


def _wire_kind_changed(db: sqlite_utils.Database, outlet_id: int, before: str | None, after: str) -> bool:
    """Whether an outlet's kind crossed the line reuse and lineage draw (wire copy) while it has pages saved."""
    if (before in WIRE_KINDS) == (after in WIRE_KINDS):
        return False
    return db.conn.execute("select 1 from articles where outlet_id = ? limit 1", [outlet_id]).fetchone() is not None


def make_trace_due(db: sqlite_utils.Database, why: str) -> None:
    """A `runs` row 'trace' in state 'due': the next update traces the whole database (`pipeline.full_trace_due`)."""
    db["runs"].insert({"command": "trace", "started_at": utc_now(), "status": "due", "summary": why})


def adopt_registry_outlets(db: sqlite_utils.Database, registry: OutletRegistry) -> int:
    """Make the saved outlets from outside the registry that the registry now lists its outlets; how many.

    A site saved from its pages ("gizmodo.com", named "Gizmodo") before a release's registry, or the
    user's registry file, listed its domain, and an outlet a credit named ("told the Kestrel Post")
    before the registry listed that name or alias, take the registry's key, name, kind and domain,
    as a fresh import would have saved them. The outlet is unsettled: the articles its registry
    names and domain may change are analysed again (`pipeline.settle_outlets`).
    """
    execute = db.conn.execute
    adopted = 0
    for outlet_id, domain, name in execute(
        "select id, domain, name from outlets where in_registry = 0 order by id"
    ).fetchall():
        outlet = registry.outlet_for_url(f"https://{domain}/") if domain else registry.outlet_for_name(name)
        if outlet is None or not outlet.in_registry:
            continue
        with db.atomic():
            held = execute("select id from outlets where key = ? and id != ?", [outlet.key, outlet_id]).fetchone()
            if held is not None:
                # the registry's outlet saved apart (a credit named it, the pages came from its domain): one outlet
                _move_outlet(db, outlet_id, held[0])
                LOGGER.info("outlet %s: merged into the registry's %s", domain or name, outlet.key)
                outlet_id = held[0]
            _complete_named_outlet(db, outlet_id, outlet)
            execute(
                "update outlets set domain = coalesce(?, domain), settled = 0 where id = ?", [outlet.domain, outlet_id]
            )
        adopted += 1
    if adopted:
        LOGGER.info("%d saved outlets are now the registry's", adopted)
    return adopted


def _aliases_value(outlet: Outlet) -> str | None:
    """An outlet's aliases as the outlets table stores them."""
    return json.dumps(list(outlet.aliases)) if outlet.aliases else None


def _name_linked_outlet(db: sqlite_utils.Database, outlet_id: int, domain: str, outlet: Outlet) -> None:
    """An outlet saved from a link to its domain (named by it) takes the name its page gives, and the outlet a credit named so.

    A crawl meets "the Ferrytown Ledger reported", linked, before the Ledger's own page: the link
    saves `ferrytown-ledger.example` named by its domain, the credit an outlet named only; the
    page makes them one row with the page's name, as if it had come first. The articles naming
    it are analysed again (`settled = 0`); the clusters that named the outlet merged away are traced again.
    """
    execute = db.conn.execute
    if execute("select name from outlets where id = ?", [outlet_id]).fetchone()[0] != domain:
        return  # named already, by its first page or the registry
    _complete_named_outlet(db, outlet_id, outlet, keep_key=True)
    execute("update outlets set settled = 0 where id = ?", [outlet_id])
    _merge_named_outlets(db, outlet_id, domain, outlet.name)


def _merge_named_outlets(db: sqlite_utils.Database, outlet_id: int, domain: str, name: str) -> None:
    """Join to an outlet the outlets a credit saved by its name alone (no domain, outside the registry)."""
    execute = db.conn.execute
    for named_id, named in execute(
        f"select id, name from outlets where domain is null and in_registry = 0 and id != ? and {NOT_RETIRED}", [outlet_id]
    ).fetchall():
        if name_key(named) != name_key(name):
            continue
        _move_outlet(db, named_id, outlet_id)
        LOGGER.info("outlet %s: the outlet named %r merged into it", domain, named)


def _move_outlet(db: sqlite_utils.Database, from_id: int, into_id: int) -> None:
    """Point every row naming one outlet at another, and delete the first; the clusters it named are traced again."""
    execute = db.conn.execute
    execute(
        "insert or ignore into stale_quotes (quote_id) select quote_id from lineage where source_outlet_id = ? "
        "union select id from quotes where origin_outlet_id = ?",
        [from_id, from_id],
    )
    for table, column in (("articles", "outlet_id"), ("article_links", "outlet_id"), ("credits", "outlet_id"),
                          ("credits", "via_outlet_id"), ("lineage", "source_outlet_id"), ("quotes", "origin_outlet_id")):
        execute(f"update {table} set {column} = ? where {column} = ?", [into_id, from_id])
    execute("delete from outlets where id = ?", [from_id])


def _complete_named_outlet(db: sqlite_utils.Database, outlet_id: int, outlet: Outlet, *, keep_key: bool = False) -> None:
    """An outlet a credit named ("told the Ferrytown Ledger") becomes the one its page saves: key, name, kind.

    So the outlets table does not hang on whether the credit or the page came first.
    """
    taken = keep_key or db.conn.execute("select 1 from outlets where key = ? and id != ?", [outlet.key, outlet_id]).fetchone()
    db.conn.execute(
        "update outlets set key = coalesce(?, key), name = ?, kind = ?, country = ?, language = ?, aliases = ?, in_registry = ? "
        "where id = ?",
        [
            outlet.key if taken is None else None,
            outlet.name,
            outlet.kind or "unknown",
            outlet.country,
            outlet.language,
            _aliases_value(outlet),
            int(outlet.in_registry),
            outlet_id,
        ],
    )


def save_analysis(
    db: sqlite_utils.Database, analysis: Analysis, *, first_seen: str | None = None,
    fingerprints: dict[int, set[int]] | None = None,
) -> SavedArticle | None:
    """Save one analysed article atomically; None when the same text is already saved under its URL.

    A changed text becomes the next version: the old text goes to article_versions with its diff,
    printings and credits the new text keeps carry over (with their seen_at), those it drops are
    kept withdrawn, and new ones are seen_at this version's fetch.
    """
    with db.atomic():
        saved = _save_analysis(db, analysis, first_seen)
        if saved is not None:
            if fingerprints is None:
                insert_fingerprints(db, {saved.article_id: set(analysis.fingerprints or ())})
            else:  # a later version saved in the same batch replaces the earlier one's
                fingerprints[saved.article_id] = set(analysis.fingerprints or ())
        return saved


def insert_fingerprints(db: sqlite_utils.Database, fingerprints: dict[int, set[int]]) -> None:
    """Add the reuse index rows of these articles (article id -> hashes) in key order: one pass over the index."""
    rows = sorted((value, article_id) for article_id, values in fingerprints.items() for value in values)
    db.conn.executemany("insert or ignore into article_fingerprints (hash, article_id) values (?, ?)", rows)


def _save_analysis(db: sqlite_utils.Database, analysis: Analysis, first_seen: str | None) -> SavedArticle | None:
    article = analysis.article
    digest = text_hash(article.text)
    row = db.conn.execute(
        "select id, text_hash, version, first_seen, fetched_at from articles where url = ?", [article.url]
    ).fetchone()
    existing = (
        dict(zip(("id", "text_hash", "version", "first_seen", "fetched_at"), row)) if row is not None else None
    )
    if existing is not None and existing["text_hash"] == digest:
        return None
    fetched_at, _ = normalize_time(article.fetched_at)
    if existing is not None and _earlier_capture(db, existing, digest, fetched_at):
        return None
    outlets: dict = {}  # outlet ids met while saving this article
    outlet_id = save_outlet(db, analysis.outlet, cache=outlets)
    published, precision = normalize_time(article.published)
    seen = (existing or {}).get("first_seen") or fetched_at or first_seen or utc_now()
    record = {
        "url": article.url,
        "canonical_url": article.canonical_url,
        "outlet_id": outlet_id,
        "title": article.title,
        "author": article.author,
        "published": published,
        "published_precision": precision,
        "fetched_at": fetched_at,
        "first_seen": seen,
        "time_key": published or seen,
        "text": article.text,
        "text_hash": digest,
        "word_count": len(article.text.split()),
        "site_name": article.site_name,
        "description": article.description,
        "language": article.language,
        "source": article.source,
        "outlet_given": (article.outlet or "").strip(),  # '' for none: null is a row saved before it was kept
        "metadata": json.dumps(article.metadata, sort_keys=True, default=str) if article.metadata else None,
        "credit_lines": json.dumps(article.credit_lines),  # '[]' when none: null is a row saved before they were kept
        "analysed_with": analysis.analysed_with,
        "traced": 0,
    }
    stale: set[int] = set()
    if existing is None:
        columns = ", ".join(record)
        marks = ", ".join("?" for _ in record)
        article_id = db.conn.execute(f"insert into articles ({columns}) values ({marks})", list(record.values())).lastrowid
        status = "new"
        _save_links(db, article_id, analysis, outlets)
        occurrence_ids = _save_occurrences(db, article_id, analysis)
        _save_credits(db, article_id, analysis, occurrence_ids, outlets)
    else:
        article_id = existing["id"]
        stale = _forget_derived(db, article_id)
        old_version = existing["version"] or 1
        version = old_version + 1
        # when this version was seen: quotes and credits it introduces date from here
        changed_at = fetched_at or normalize_time(first_seen)[0] or utc_now()
        old_text = next(db.query("select text from articles where id = ?", [article_id]))["text"]
        db["article_versions"].insert(
            {
                "article_id": article_id,
                "version": old_version,
                "fetched_at": existing["fetched_at"],
                "text": old_text,
                "text_hash": existing["text_hash"],
                "diff": _text_diff(old_text, article.text),
            }
        )
        db["articles"].update(article_id, {**record, "version": version})
        status = "changed"
        _save_links(db, article_id, analysis, outlets)
        revision = Revision(article_id, version, changed_at)
        occurrence_ids = _revise_occurrences(db, revision, analysis)
        _revise_credits(db, revision, analysis, occurrence_ids, outlets)
    _link_incoming(db, article_id, article.url, article.canonical_url)
    return SavedArticle(article_id=article_id, status=status, stale_quote_ids=stale)


def _earlier_capture(db: sqlite_utils.Database, existing: dict, digest: str, fetched_at: str | None) -> bool:
    """Whether a text is one of the article's earlier versions, in a capture not known to be later than the current one.

    Importing again an input that holds two captures of a URL (or a crawl's own WARC) meets
    the earlier text again: history already kept, not a change. A capture fetched after the
    current version (a crawl seeing an edit reverted) is a change, kept as a new version.
    """
    if fetched_at and (not existing["fetched_at"] or fetched_at > existing["fetched_at"]):
        return False
    return db.conn.execute(
        "select exists(select 1 from article_versions where article_id = ? and text_hash = ?)", [existing["id"], digest]
    ).fetchone()[0] == 1


def _text_diff(old: str, new: str) -> str:
    import difflib

    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", lineterm="", n=1)
    return "\n".join(lines)


def _forget_derived(db: sqlite_utils.Database, article_id: int) -> set[int]:
    """Delete the links, fingerprints and reuse pairs of the earlier text; return (and mark stale) its clusters.

    Occurrences and credits are not deleted: `_revise_occurrences` and `_revise_credits` keep what
    survives the edit and mark what it dropped as withdrawn.
    """
    stale = {
        row["quote_id"]
        for row in db.query(
            "select distinct quote_id from quote_occurrences where article_id = ? and quote_id is not null",
            [article_id],
        )
    }
    db.execute("delete from article_links where article_id = ?", [article_id])
    db.execute("delete from article_fingerprints where article_id = ?", [article_id])
    db.execute("delete from article_reuse where article_id = ? or source_article_id = ?", [article_id, article_id])
    db.execute("delete from reuse_echoes where article_id = ? or source_article_id = ?", [article_id, article_id])
    db.execute("delete from reuse_misses where article_id = ? or other_article_id = ?", [article_id, article_id])
    if stale:
        db.conn.executemany("insert or ignore into stale_quotes (quote_id) values (?)", [(q,) for q in stale])
    return stale


@dataclass
class Revision:
    """A changed text of a saved article: its new version number and when that version was seen."""

    article_id: int
    version: int
    seen_at: str


def _occurrence_values(quote) -> list:
    return [
        quote.text,
        quote.speaker,
        quote.speaker_name,
        quote.cue,
        quote.kind,
        quote.start,
        quote.end,
        quote.paragraph,
        json.dumps(quote.spans) if len(quote.spans) > 1 else None,
        int(quote.told_own_outlet),
    ]


def _revise_occurrences(db: sqlite_utils.Database, revision: Revision, analysis: Analysis) -> dict[int, int]:
    """Carry surviving wordings over, withdraw dropped ones, insert new ones; return quotation index -> id.

    A printing survives when the new text prints the same normalised wording (the n-th printing
    of a wording matches the n-th): it keeps its id, cluster and seen_at, and its offsets move
    to the new text. A dropped printing keeps its row, with withdrawn_at set and its offsets in
    the old version's text (article_versions). A new wording is seen_at the new version's fetch.
    """
    rows = _live_occurrences(db, revision.article_id)
    pairs = _pair_by_wording(rows, analysis.quotations)
    ids = _write_occurrences(db, revision, analysis, pairs, lambda quote: revision.seen_at)
    kept = {row[0] for row in pairs.values()}
    dropped = [row[0] for row in rows if row[0] not in kept]
    if dropped:
        db.conn.executemany(
            "update quote_occurrences set withdrawn_at = ? where id = ?",
            [(revision.seen_at, occurrence_id) for occurrence_id in dropped],
        )
        LOGGER.info("article %s version %s withdrew %s", revision.article_id, revision.version, counted(len(dropped), "quotation"))
    return ids


def _live_occurrences(db: sqlite_utils.Database, article_id: int) -> list[tuple]:
    """(id, text, speaker_name, start, end) of the printings the article's current text holds."""
    return db.conn.execute(
        "select id, text, speaker_name, start, end from quote_occurrences where article_id = ? "
        "and withdrawn_at is null order by start, id",
        [article_id],
    ).fetchall()


def _tracked(quotations: list) -> list[tuple[int, object]]:
    return [(index, quote) for index, quote in enumerate(quotations) if quote.kind in TRACKED_QUOTE_KINDS]


def _pair_by_wording(rows: list[tuple], quotations: list) -> dict[int, tuple]:
    """Quotation index -> the saved printing of the same normalised wording (the n-th with the n-th)."""
    live: dict[str, list[tuple]] = {}
    for row in rows:
        live.setdefault(normalize_quote(row[1]), []).append(row)
    pairs = {}
    for index, quote in _tracked(quotations):
        survivors = live.get(normalize_quote(quote.text))
        if survivors:
            pairs[index] = survivors.pop(0)
    return pairs


def _pair_by_place(rows: list[tuple], quotations: list) -> dict[int, tuple]:
    """Quotation index -> the saved printing at the same place of the same text.

    The same offsets first; then, for a quotation whose bounds moved (a split quote joined, a
    mark read differently), the saved printing its span overlaps most.
    """
    tracked = _tracked(quotations)
    at: dict[tuple, list[tuple]] = {}
    for row in rows:
        at.setdefault((row[3], row[4]), []).append(row)
    pairs: dict[int, tuple] = {}
    for index, quote in tracked:
        same = at.get((quote.start, quote.end))
        if same:
            pairs[index] = same.pop(0)
    taken = {row[0] for row in pairs.values()}
    for index, quote in tracked:
        if index in pairs:
            continue
        overlaps = [
            (min(quote.end, row[4]) - max(quote.start, row[3]), row)
            for row in rows
            if row[0] not in taken and row[3] is not None and row[4] is not None
        ]
        overlap, row = max(overlaps, key=lambda pair: pair[0], default=(0, None))
        if overlap > 0:
            pairs[index] = row
            taken.add(row[0])
    return pairs


def _write_occurrences(
    db: sqlite_utils.Database, revision: Revision, analysis: Analysis, pairs: dict[int, tuple],
    seen_at: Callable[[Quotation], str | None],
) -> dict[int, int]:
    """Update the paired printings to the analysis, insert the others; return quotation index -> id.

    A paired printing keeps its id, cluster and seen_at unless its wording or speaker changed:
    then clustering places it again. A new one is dated `seen_at(quotation)`.
    """
    execute = db.conn.execute
    ids: dict[int, int] = {}
    for index, quote in _tracked(analysis.quotations):
        if index in pairs:
            occurrence_id, old_text, old_speaker = pairs[index][:3]
            execute(
                "update quote_occurrences set text = ?, speaker = ?, speaker_name = ?, cue = ?, kind = ?, "
                "start = ?, end = ?, paragraph = ?, spans = ?, told_own_outlet = ?, version = ? where id = ?",
                [*_occurrence_values(quote), revision.version, occurrence_id],
            )
            if (old_text, old_speaker) != (quote.text, quote.speaker_name):
                # printed differently or by another speaker: clustering places it again, as a new printing
                execute(
                    "update quote_occurrences set quote_id = null, normalized = null, is_canonical = null, drift = null "
                    "where id = ?",
                    [occurrence_id],
                )
                execute("delete from lineage where occurrence_id = ?", [occurrence_id])
            ids[index] = occurrence_id
            continue
        ids[index] = execute(
            "insert into quote_occurrences (article_id, text, speaker, speaker_name, cue, kind, "
            "start, end, paragraph, spans, told_own_outlet, version, seen_at) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [revision.article_id, *_occurrence_values(quote), revision.version, seen_at(quote)],
        ).lastrowid
    return ids


def _save_links(db: sqlite_utils.Database, article_id: int, analysis: Analysis, outlets: dict) -> None:
    execute = db.conn.execute
    rows = []
    link_outlets = analysis.link_outlets or [None] * len(analysis.article.links)
    targets: dict[str, int | None] = {}
    for link, outlet in zip(analysis.article.links, link_outlets):
        if link.url not in targets:
            target = execute(
                "select id from articles where url = ? or canonical_url = ? limit 1", [link.url, link.url]
            ).fetchone()
            targets[link.url] = target[0] if target and target[0] != article_id else None
        rows.append(
            (
                article_id,
                link.url,
                link.anchor,
                link.sentence,
                link.start,
                link.end,
                save_outlet(db, outlet, cache=outlets) if outlet is not None else None,
                targets[link.url],
                reversed_host(link.url),
            )
        )
    if rows:
        db.conn.executemany(
            "insert into article_links (article_id, url, anchor, sentence, start, end, outlet_id, "
            "target_article_id, host_reversed) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _link_incoming(db: sqlite_utils.Database, article_id: int, url: str, canonical: str | None) -> None:
    """Point links saved earlier at this article, now that we have it."""
    urls = [u for u in {url, canonical} if u]
    marks = ", ".join("?" for _ in urls)
    db.conn.execute(
        f"update article_links set target_article_id = ? where +target_article_id is null "
        f"and article_id != ? and url in ({marks})",
        [article_id, article_id, *urls],
    )


def _save_occurrences(db: sqlite_utils.Database, article_id: int, analysis: Analysis) -> dict[int, int]:
    """Insert the tracked quotations of a new article (version 1); return quotation index -> occurrence id."""
    ids: dict[int, int] = {}
    for index, quote in enumerate(analysis.quotations):
        if quote.kind not in TRACKED_QUOTE_KINDS:
            continue
        ids[index] = db.conn.execute(
            "insert into quote_occurrences (article_id, text, speaker, speaker_name, cue, kind, "
            "start, end, paragraph, spans, told_own_outlet, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            [article_id, *_occurrence_values(quote)],
        ).lastrowid
    return ids


def _credit_values(db: sqlite_utils.Database, credit, outlets: dict) -> list:
    """(outlet_id, kind, cue, sentence, start, end, scope, is_copy, via_outlet_id, url) of a credit."""
    return [
        save_outlet(db, credit.outlet, cache=outlets),
        credit.kind,
        credit.cue,
        credit.sentence,
        credit.start,
        credit.end,
        credit.scope,
        int(credit.is_copy),
        save_outlet(db, credit.via, cache=outlets) if credit.via is not None else None,
        credit.url,
    ]


def _credit_key(values: list | tuple) -> tuple:
    """What makes two credits of two versions the same credit: outlet, kind, cue, scope, intermediary, link."""
    outlet_id, kind, cue, _, _, _, scope, _, via_id, url = values
    return outlet_id, kind, cue, scope, via_id, url


_CREDIT_COLUMNS = "outlet_id, kind, cue, sentence, start, end, scope, is_copy, via_outlet_id, url"


def _save_credits(
    db: sqlite_utils.Database, article_id: int, analysis: Analysis, occurrence_ids: dict[int, int], outlets: dict
) -> None:
    execute = db.conn.execute
    links = []
    for credit in analysis.credits:
        credit_id = execute(
            f"insert into credits (article_id, {_CREDIT_COLUMNS}, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            [article_id, *_credit_values(db, credit, outlets)],
        ).lastrowid
        links.extend((credit_id, occurrence_ids[i]) for i in credit.quote_indexes if i in occurrence_ids)
    if links:
        db.conn.executemany("insert or ignore into credit_occurrences (credit_id, occurrence_id) values (?, ?)", links)


def _revise_credits(
    db: sqlite_utils.Database, revision: Revision, analysis: Analysis, occurrence_ids: dict[int, int], outlets: dict
) -> None:
    """Keep credits the new text still gives, withdraw those it dropped, insert new ones seen_at this version.

    A withdrawn credit keeps its links to the printings it covered; a kept credit's links to
    printings still live are those of the new text.
    """
    dropped = _write_credits(db, revision, analysis, occurrence_ids, outlets, lambda credit: revision.seen_at)
    if dropped:
        db.conn.executemany(
            "update credits set withdrawn_at = ? where id = ?", [(revision.seen_at, credit_id) for credit_id in dropped]
        )
        _drop_spent_credits(db, revision.article_id, dropped)


def _write_credits(
    db: sqlite_utils.Database, revision: Revision, analysis: Analysis, occurrence_ids: dict[int, int], outlets: dict,
    seen_at: Callable[[Credit], str | None],
) -> list[int]:
    """Update the live credits the analysis gives again, insert the others; return the ids of those it no longer gives.

    A credit is the same when its outlet, kind, cue, scope, intermediary and link are (the n-th
    with the n-th); its links to the article's live printings become the analysis's. A new
    credit is dated `seen_at(credit)`.
    """
    execute = db.conn.execute
    live: dict[tuple, list[int]] = {}
    for row in execute(
        f"select id, {_CREDIT_COLUMNS} from credits where article_id = ? and withdrawn_at is null order by id",
        [revision.article_id],
    ).fetchall():
        live.setdefault(_credit_key(row[1:]), []).append(row[0])
    kept, links = [], []
    for credit in analysis.credits:
        values = _credit_values(db, credit, outlets)
        same = live.get(_credit_key(values))
        if same:
            credit_id = same.pop(0)
            execute(
                "update credits set sentence = ?, start = ?, end = ?, is_copy = ?, version = ? where id = ?",
                [values[3], values[4], values[5], values[7], revision.version, credit_id],
            )
            kept.append(credit_id)
        else:
            credit_id = execute(
                f"insert into credits (article_id, {_CREDIT_COLUMNS}, version, seen_at) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [revision.article_id, *values, revision.version, seen_at(credit)],
            ).lastrowid
        links.extend((credit_id, occurrence_ids[i]) for i in credit.quote_indexes if i in occurrence_ids)
    if kept:
        marks = ", ".join("?" for _ in kept)
        execute(
            f"delete from credit_occurrences where credit_id in ({marks}) and occurrence_id in "
            "(select id from quote_occurrences where article_id = ? and withdrawn_at is null)",
            [*kept, revision.article_id],
        )
    if links:
        db.conn.executemany("insert or ignore into credit_occurrences (credit_id, occurrence_id) values (?, ?)", links)
    return [credit_id for ids in live.values() for credit_id in ids]


def _drop_spent_credits(db: sqlite_utils.Database, article_id: int, credit_ids: list[int]) -> None:
    """Delete withdrawn credits that were in the last version of no printing: they can cover nothing.

    The last version printing a quote gives its credits (see provenance.lineage). A credit an
    edit dropped is kept only for printings already withdrawn after it was given (those its
    scope covers); the quotes still printed are covered by the new version's credits alone.
    """
    execute = db.conn.execute
    spent = []
    for credit_id in credit_ids:
        scope, seen_at = execute("select scope, seen_at from credits where id = ?", [credit_id]).fetchone()
        covered = "select id from quote_occurrences where article_id = ?"
        values: list = [article_id]
        if scope == "quote":
            covered += " and id in (select occurrence_id from credit_occurrences where credit_id = ?)"
            values.append(credit_id)
        covered += " and withdrawn_at is not null and (? is null or withdrawn_at > ?)"
        if execute(f"select exists({covered})", [*values, seen_at, seen_at]).fetchone()[0]:
            continue
        spent.append((credit_id,))
    if spent:
        db.conn.executemany("delete from credit_occurrences where credit_id = ?", spent)
        db.conn.executemany("delete from credits where id = ?", spent)


KILLED_RUN_SUMMARY = "ended without a summary: its process was killed (SIGKILL, a crash, the machine stopped)"


def close_stale_runs(db: sqlite_utils.Database) -> int:
    """Mark the runs still 'running' interrupted, and return how many: for a writer that holds the lock.

    Every command that writes holds the database's lock, so a run 'running' when another writer takes it
    is one whose process died without closing it (kill -9, a crash, a power cut).
    """
    with db.conn:
        cursor = db.conn.execute(
            "update runs set status = 'interrupted', finished_at = ?, summary = coalesce(summary, ?) "
            "where status = 'running'", [utc_now(), KILLED_RUN_SUMMARY])
    return cursor.rowcount


def start_run(db: sqlite_utils.Database, command: str) -> int:
    """Write a run record in state 'running'; return its id."""
    return db["runs"].insert({"command": command, "started_at": utc_now(), "status": "running"}).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, **counts: int | str) -> None:
    """Close a run record with its status and counts, committed.

    A run that stopped (interrupted, failed) may have stopped inside a transaction that nothing
    rolled back: a signal landing between a block's BEGIN and its handler, or ids staged for a
    query (`reuse._stage_ids`). Its writes were never saved, so they go; else the row's update
    would be a savepoint inside that transaction, lost when the process ends, and the run would
    stay 'running' for ever.
    """
    if status != "ok" and db.conn.in_transaction:
        db.conn.rollback()
    db["runs"].update(run_id, {"finished_at": utc_now(), "status": status, **counts})


def record_error(
    db: sqlite_utils.Database, *, run_id: int | None, source: str, item: str, stage: str, message: str
) -> None:
    """Keep one failed item (file, record, URL) in the errors table."""
    db["errors"].insert(
        {"run_id": run_id, "source": source, "item": item, "stage": stage, "message": message, "at": utc_now()}
    )


def save_reanalysis(db: sqlite_utils.Database, article_id: int, analysis: Analysis) -> set[int] | None:
    """Save a new analysis of an article's current text in place; the clusters it touched, None when nothing changed.

    Printings found again at the same place keep their ids (and seen_at) and take the new
    speaker, kind, cue and bounds; printings no longer found are deleted (extraction errors,
    not edits), new ones are dated by the version that first printed them. Credits likewise
    (matched as an edit matches them), the links' outlets, and the reuse fingerprints. Printings
    and credits an earlier version withdrew stay as they are. The article records
    `analysis.analysed_with` and the credit lines read.
    """
    with db.atomic():
        version, fetched_at = db.conn.execute(
            "select version, fetched_at from articles where id = ?", [article_id]
        ).fetchone()
        before = _analysis_rows(db, article_id)
        referenced = _outlets_referenced(db, article_id)
        stale = _clusters_of(db, article_id)
        revision = Revision(article_id, version or 1, None)
        dates = _VersionDates(db, article_id, revision.version, fetched_at, analysis.article.text)
        rows = _live_occurrences(db, article_id)
        pairs = _pair_by_place(rows, analysis.quotations)
        ids = _write_occurrences(db, revision, analysis, pairs, lambda quote: dates.first_printing(quote.spans or [(quote.start, quote.end)]))
        kept = {row[0] for row in pairs.values()}
        stale |= _delete_occurrences(db, [row[0] for row in rows if row[0] not in kept])
        outlets: dict = {}
        _revise_link_outlets(db, article_id, analysis, outlets)
        dropped = _write_credits(
            db, revision, analysis, ids, outlets,
            lambda credit: dates.first_printing([(credit.start, credit.end)] if credit.start is not None else []),
        )
        if dropped:
            db.conn.executemany("delete from credit_occurrences where credit_id = ?", [(c,) for c in dropped])
            db.conn.executemany("delete from credits where id = ?", [(c,) for c in dropped])
        _replace_fingerprints(db, article_id, set(analysis.fingerprints or ()))
        db.conn.execute(
            "update articles set analysed_with = ?, credit_lines = ?, metadata = ? where id = ?",
            [analysis.analysed_with, json.dumps(analysis.article.credit_lines),
             json.dumps(analysis.article.metadata, sort_keys=True, default=str) if analysis.article.metadata else None,
             article_id],  # metadata: the analysis's notes ('analysis_notes') change with it
        )
        left = _follow_page_outlet(db, article_id, analysis, outlets)
        if _analysis_rows(db, article_id) == before and left is None:
            return None
        if left is not None:
            referenced.add(left)
        if stale:
            db.conn.executemany("insert or ignore into stale_quotes (quote_id) values (?)", [(q,) for q in stale])
        db.conn.execute("update articles set traced = 0 where id = ?", [article_id])
        drop_unused_outlets(db, referenced - _outlets_referenced(db, article_id))
        return stale


def _follow_page_outlet(db: sqlite_utils.Database, article_id: int, analysis: Analysis, outlets: dict) -> int | None:
    """Bring an article's saved outlet to the one its page names now; the outlet it left or renamed, else None.

    Only for an outlet its page named (`pipeline.page_named`: the analysis had no `outlet` to keep), or
    a retired registry outlet (`retire_registry_outlet`), which every page of it leaves.
    A page whose outlet now has another key moves to it: one of the pages older code pooled in one
    "Unknown outlet", a page of its own ("Unknown outlet (...)") whose copyright or title names its
    site. An outlet keeping its key takes the name its first article gives now ("LinkNaija", where
    older code kept the whole site title), as a fresh import would have saved it, and is settled again;
    an outlet a credit saved by that name alone is joined to it.
    """
    row = db.conn.execute(
        "select o.id, o.key, o.name, o.in_registry, a.url, a.canonical_url, a.outlet_given "
        "from articles a join outlets o on o.id = a.outlet_id where a.id = ?",
        [article_id],
    ).fetchone()
    if analysis.article.outlet and not (row is not None and row[1].startswith(RETIRED_KEY_PREFIX)):
        return None
    # a registry outlet stays, but for one older code read from a canonical on another site (a syndicated copy's)
    if row is None or (row[3] and row[1] != POOLED_UNKNOWN_KEY and not (row[6] == "" and read_from_canonical(row[4], row[5]))):
        return None
    if analysis.outlet.key != row[1]:
        db.conn.execute(
            "update articles set outlet_id = ? where id = ?", [save_outlet(db, analysis.outlet, cache=outlets), article_id]
        )
        return row[0]
    if analysis.outlet.name == row[2]:
        return None
    if db.conn.execute("select min(id) from articles where outlet_id = ?", [row[0]]).fetchone()[0] == article_id:
        db.conn.execute("update outlets set name = ?, settled = 0 where id = ?", [analysis.outlet.name, row[0]])
        # the origins and lineage reasons that name it ("article 12 (Wday_, ...)") are written again
        db.conn.execute(
            "insert or ignore into stale_quotes (quote_id) select quote_id from lineage where source_outlet_id = ? "
            "union select id from quotes where origin_outlet_id = ? union select o.quote_id from quote_occurrences o "
            "join articles a on a.id = o.article_id where a.outlet_id = ? and o.quote_id is not null",
            [row[0], row[0], row[0]],
        )
        LOGGER.info("outlet %s: named %r, where it was %r", row[1], analysis.outlet.name, row[2])
        if analysis.outlet.domain:  # as its page, first, would have taken the outlet a credit named so
            _merge_named_outlets(db, row[0], analysis.outlet.domain, analysis.outlet.name)
        return row[0]
    return None


def _outlets_referenced(db: sqlite_utils.Database, article_id: int) -> set[int]:
    """The outlets an article's links and credits resolve to."""
    return {
        row[0] for row in db.conn.execute(
            "select outlet_id from article_links where article_id = ? and outlet_id is not null union "
            "select outlet_id from credits where article_id = ? union "
            "select via_outlet_id from credits where article_id = ? and via_outlet_id is not null",
            [article_id, article_id, article_id],
        )
    }


def drop_unused_outlets(db: sqlite_utils.Database, outlet_ids: set[int]) -> set[int]:
    """Delete the outlets among these that no article, link or credit refers to any more; the ids deleted.

    A new analysis can resolve elsewhere the only link or credit that saved an outlet (a network's
    stations split, a credit no longer read): a fresh import would not have the outlet. The
    clusters whose lineage or origin names it are made stale, to be traced again (and name it no more).
    """
    execute = db.conn.execute
    left = [
        outlet_id for outlet_id in sorted(outlet_ids)
        if execute("select 1 from articles where outlet_id = ? limit 1", [outlet_id]).fetchone() is None
        and execute("select 1 from credits where outlet_id = ? limit 1", [outlet_id]).fetchone() is None
    ]
    if not left:
        return set()
    marks = ", ".join("?" for _ in left)
    used = {
        row[0] for row in execute(  # neither column is indexed: one pass for all the outlets left
            f"select outlet_id from article_links where outlet_id in ({marks}) union "
            f"select via_outlet_id from credits where via_outlet_id in ({marks})",
            left + left,
        )
    }
    gone = [outlet_id for outlet_id in left if outlet_id not in used]
    if not gone:
        return set()
    marks = ", ".join("?" for _ in gone)
    execute(
        f"insert or ignore into stale_quotes (quote_id) select quote_id from lineage where source_outlet_id in ({marks}) "
        f"union select id from quotes where origin_outlet_id in ({marks})",
        gone + gone,
    )
    execute(f"update lineage set source_outlet_id = null where source_outlet_id in ({marks})", gone)
    execute(f"update quotes set origin_outlet_id = null where origin_outlet_id in ({marks})", gone)
    execute(f"delete from outlets where id in ({marks})", gone)
    LOGGER.info("deleted %s nothing refers to any more", counted(len(gone), "outlet"))
    return set(gone)


def delete_article(db: sqlite_utils.Database, article_id: int) -> set[int]:
    """Delete an article with its printings, credits, links, versions and reuse rows; return the clusters to trace again.

    What pointed at it from elsewhere (a link's target, a cluster's origin, lineage naming it a source) is
    let go and its clusters are stale; the outlets only it referred to go too. The caller keeps what it
    must of the article first (`provenance.setaside`).
    """
    execute = db.conn.execute
    outlets = _outlets_referenced(db, article_id)
    outlets |= {row[0] for row in execute("select outlet_id from articles where id = ? and outlet_id is not null",
                                          [article_id])}
    stale = _forget_derived(db, article_id)
    stale |= _delete_occurrences(db, [row[0] for row in execute(
        "select id from quote_occurrences where article_id = ?", [article_id])])
    execute("delete from credit_occurrences where credit_id in (select id from credits where article_id = ?)", [article_id])
    execute("delete from credits where article_id = ?", [article_id])
    execute("delete from article_versions where article_id = ?", [article_id])
    execute("update article_links set target_article_id = null where target_article_id = ?", [article_id])
    stale |= {row[0] for row in execute("select id from quotes where origin_article_id = ?", [article_id])}
    stale |= {row[0] for row in execute(
        "select quote_id from lineage where source_article_id = ? and quote_id is not null", [article_id])}
    execute("update quotes set origin_article_id = null where origin_article_id = ?", [article_id])
    execute("update lineage set source_article_id = null where source_article_id = ?", [article_id])
    execute("update crawl_urls set article_id = null where article_id = ?", [article_id])
    execute("delete from articles where id = ?", [article_id])
    stale = {quote_id for quote_id in stale
             if execute("select 1 from quotes where id = ?", [quote_id]).fetchone() is not None}
    db.conn.executemany("insert or ignore into stale_quotes (quote_id) values (?)", [(q,) for q in sorted(stale)])
    drop_unused_outlets(db, outlets)
    return stale


def _clusters_of(db: sqlite_utils.Database, article_id: int) -> set[int]:
    return {
        row[0] for row in db.conn.execute(
            "select distinct quote_id from quote_occurrences where article_id = ? and quote_id is not null", [article_id]
        )
    }


def _analysis_rows(db: sqlite_utils.Database, article_id: int) -> tuple:
    """Everything an analysis of the article saved, to tell whether a new one changed anything."""
    execute = db.conn.execute
    return (
        execute("select * from quote_occurrences where article_id = ? order by id", [article_id]).fetchall(),
        execute("select * from credits where article_id = ? order by id", [article_id]).fetchall(),
        execute(
            "select credit_id, occurrence_id from credit_occurrences where credit_id in "
            "(select id from credits where article_id = ?) order by 1, 2",
            [article_id],
        ).fetchall(),
        execute("select id, outlet_id from article_links where article_id = ? order by id", [article_id]).fetchall(),
        execute("select hash from article_fingerprints where article_id = ? order by hash", [article_id]).fetchall(),
    )


class _VersionDates:
    """When an article first printed words its current text prints, for dating what a reanalysis finds."""

    def __init__(self, db: sqlite_utils.Database, article_id: int, version: int, fetched_at: str | None, text: str) -> None:
        self.text = text
        self.current = (version, fetched_at)
        # the earlier versions, latest first: (version, fetched_at, text)
        self.earlier = db.conn.execute(
            "select version, fetched_at, text from article_versions where article_id = ? order by version desc",
            [article_id],
        ).fetchall() if version > 1 else []
        if version > 1 and fetched_at is None:  # no fetch time (an import): when the current version was saved
            self.current = (version, db.conn.execute(
                "select max(seen_at) from (select seen_at from quote_occurrences where article_id = ? "
                "union all select seen_at from credits where article_id = ?)", [article_id, article_id]
            ).fetchone()[0])

    def first_printing(self, spans: list[tuple[int, int]]) -> str | None:
        """seen_at for words at `spans` of the current text: the fetch of the earliest version of the run of
        versions up to the current one that printed them all (None: version 1); words outside the
        text date from the current version."""
        version, fetched_at = self.current
        if version <= 1:
            return None
        pieces = [self.text[start:end] for start, end in spans if start is not None and end is not None]
        if pieces:
            for earlier_version, earlier_fetch, earlier_text in self.earlier:
                if not all(piece in (earlier_text or "") for piece in pieces):
                    break
                version, fetched_at = earlier_version, earlier_fetch or fetched_at
        return None if version <= 1 else fetched_at


def _delete_occurrences(db: sqlite_utils.Database, occurrence_ids: list[int]) -> set[int]:
    """Delete printings and what points at them; return their clusters (to trace again)."""
    if not occurrence_ids:
        return set()
    execute = db.conn.execute
    stale: set[int] = set()
    for occurrence_id in occurrence_ids:
        quote_id = execute("select quote_id from quote_occurrences where id = ?", [occurrence_id]).fetchone()[0]
        if quote_id is not None:
            stale.add(quote_id)
        stale |= {row[0] for row in execute(
            "select quote_id from lineage where source_occurrence_id = ? and quote_id is not null", [occurrence_id]
        )}
        execute("update quotes set founder_id = null where founder_id = ?", [occurrence_id])
        execute("delete from credit_occurrences where occurrence_id = ?", [occurrence_id])
        execute("delete from lineage where occurrence_id = ? or source_occurrence_id = ?", [occurrence_id, occurrence_id])
        execute("delete from quote_occurrences where id = ?", [occurrence_id])
    LOGGER.info("deleted %s no longer found", counted(len(occurrence_ids), "printing"))
    return stale


def _revise_link_outlets(db: sqlite_utils.Database, article_id: int, analysis: Analysis, outlets: dict) -> None:
    """The outlets of the article's saved links as the analysis finds them (the links are `analysis.article.links`, in id order)."""
    link_ids = [row[0] for row in db.conn.execute("select id from article_links where article_id = ? order by id", [article_id])]
    link_outlets = analysis.link_outlets or [None] * len(link_ids)
    db.conn.executemany(
        "update article_links set outlet_id = ? where id = ? and outlet_id is not ?",
        [
            (outlet_id, link_id, outlet_id)
            for link_id, outlet in zip(link_ids, link_outlets)
            for outlet_id in [save_outlet(db, outlet, cache=outlets) if outlet is not None else None]
        ],
    )


def _replace_fingerprints(db: sqlite_utils.Database, article_id: int, fingerprints: set[int]) -> None:
    """The article's reuse index rows as `fingerprints`, touching the index only when they changed."""
    saved = {row[0] for row in db.conn.execute("select hash from article_fingerprints where article_id = ?", [article_id])}
    if saved == fingerprints:
        return
    db.conn.executemany(
        "delete from article_fingerprints where hash = ? and article_id = ?", [(h, article_id) for h in saved - fingerprints]
    )
    insert_fingerprints(db, {article_id: fingerprints - saved})
