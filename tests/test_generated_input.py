"""Hostile and broken input, generated: every reader of untrusted input on examples hypothesis makes.

Each property runs a few dozen derandomized examples (the same on every run); scripts/fuzz.py runs the same
strategies with a large budget and mutates the real corpora. A failing example found there becomes a plain row in
the regression table of its reader below.
"""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from tests import generated
from tests.generated import quick


@quick(60)
@given(generated.json_lines_files())
def test_json_lines_files(file: tuple[str, bytes]) -> None:
    generated.check_jsonl_file(*file)


@quick(60)
@given(generated.csv_files())
def test_csv_files(file: tuple[str, bytes, list[str] | None]) -> None:
    generated.check_csv_file(*file)


@quick(25)
@given(generated.warc_files())
def test_warc_files(file: tuple[str, bytes, list[str]]) -> None:
    generated.check_warc_file(*file)


@quick(20)
@given(generated.html_pages())
def test_html_pages(page: bytes) -> None:
    generated.check_html_page(page)


@quick(60)
@given(generated.feed_bodies())
def test_feeds(body: bytes) -> None:
    generated.check_feed(body)


@quick(60)
@given(generated.sitemap_bodies())
def test_sitemaps(sitemap: tuple[bytes, int | None, bool]) -> None:
    generated.check_sitemap(*sitemap)


@quick(100)
@given(generated.gdelt_bodies())
def test_search_responses(body: str) -> None:
    generated.check_gdelt(body)


@quick(100)
@given(generated.robots_bodies(), st.sampled_from([200, 204, 301, 404, 429, 500, None]), generated.any_url(),
       generated.hostile_text(max_size=12))
def test_robots(body: str, status: int | None, url: str, agent: str) -> None:
    generated.check_robots(body, status, url, agent)


@quick(60)
@given(generated.config_texts())
def test_crawl_configs(config: tuple[str, bytes]) -> None:
    generated.check_config(*config)


@quick(300)
@given(generated.any_url(), st.one_of(st.sampled_from(["https://harbor-ledger.example/news/a", "http://[::1]:8080/"]),
                                      generated.any_url()))
def test_urls(url: str, base: str) -> None:
    generated.check_url(url, base)


@quick(25)
@given(generated.web_requests())
def test_query_strings_served(path: str) -> None:
    generated.check_web_request(path)


@quick(12)
@given(generated.import_inputs())
def test_the_import_command(file: tuple[str, bytes]) -> None:
    generated.check_cli_import(*file)


@quick(6)
@given(generated.import_files())
def test_an_import_keeps_the_good_records_and_records_the_broken_one(file: tuple[list[dict], bytes, int, str]) -> None:
    generated.check_import(*file)


@quick(3)
@given(generated.import_files())
def test_imported_markup_stays_inert_on_every_page(file: tuple[list[dict], bytes, int, str]) -> None:
    generated.check_import(*file, pages=generated.live_markup)


@pytest.mark.parametrize("kind", sorted(generated.BROKEN_RECORDS))
def test_every_broken_record_is_recorded_once(kind: str) -> None:
    records = [{"url": generated.good_url(0), "text": generated.good_text([0, 2]), "title": generated.SCRIPT}]
    import json

    data = json.dumps(records[0]).encode() + b"\n" + generated.BROKEN_RECORDS[kind] + b"\n"
    generated.check_import(records, data, 2, kind)
