"""The outlet registry: its data file, user files, name/URL look-ups and mentions in text."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import pytest

from provenance.models import OUTLET_KINDS, Article, Outlet
from provenance.outlets import (
    BUILTIN_REGISTRY,
    OutletRegistry,
    RegistryError,
    load_registry,
    normalize_name,
    outlet_for_article,
    outlet_from_name,
    registrable_domain,
)

LEDGER = Outlet(
    key="meridian-ledger",
    name="The Meridian Ledger",
    kind="newspaper",
    domains=("meridianledger.example",),
    in_registry=True,
)


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return load_registry()


def test_builtin_file_has_300_outlets_with_valid_rows():
    with BUILTIN_REGISTRY.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0].keys()) == ["key", "name", "aliases", "domains", "kind", "country", "language"]
    assert len(rows) >= 300
    keys = [row["key"] for row in rows]
    assert len(keys) == len(set(keys))
    assert {row["kind"] for row in rows} <= set(OUTLET_KINDS)
    assert all(row["name"] and row["domains"] for row in rows)


def test_builtin_file_has_no_name_claimed_twice():
    with BUILTIN_REGISTRY.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    owners: dict[str, str] = {}
    clashes = []
    for row in rows:
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            name = normalize_name(form)
            if name in owners and owners[name] != row["key"]:
                clashes.append((form, owners[name], row["key"]))
            owners[name] = row["key"]
    assert clashes == []


def test_builtin_domains_are_unique():
    with BUILTIN_REGISTRY.open(encoding="utf-8") as handle:
        domains = [d for row in csv.DictReader(handle) for d in row["domains"].split("|")]
    assert len(domains) == len(set(domains))


@pytest.mark.parametrize(
    "name, key, kind",
    [
        ("The Associated Press", "ap", "wire"),
        ("AP", "ap", "wire"),
        ("the AP", "ap", "wire"),
        ("ASSOCIATED PRESS", "ap", "wire"),
        ("Reuters", "reuters", "wire"),
        ("Reuters’", "reuters", "wire"),
        ("AFP", "afp", "wire"),
        ("Agence France-Presse", "afp", "wire"),
        ("Bloomberg News", "bloomberg", "wire"),
        ("Bloomberg's", "bloomberg", "wire"),
        ("UPI", "upi", "wire"),
        ("PA Media", "pa", "wire"),
        ("Press Association", "pa", "wire"),
        ("PA News", "pa", "wire"),
        ("dpa", "dpa", "wire"),
        ("EFE", "efe", "wire"),
        ("ANSA", "ansa", "wire"),
        ("Kyodo", "kyodo", "wire"),
        ("Xinhua", "xinhua", "state_media"),
        ("TASS", "tass", "state_media"),
        ("RIA Novosti", "ria", "state_media"),
        ("Interfax", "interfax", "wire"),
        ("Anadolu Agency", "anadolu", "state_media"),
        ("Yonhap", "yonhap", "wire"),
        ("Press Trust of India", "pti", "wire"),
        ("News Agency of Nigeria", "nan", "state_media"),
        ("Agência Brasil", "agencia_brasil", "state_media"),
        ("the New York Times", "nyt", "newspaper"),
        ("The Washington Post", "wapo", "newspaper"),
        ("BBC News", "bbc", "broadcaster"),
        ("Le Monde", "lemonde", "newspaper"),
        ("Der Spiegel", "spiegel", "magazine"),
        ("El País", "elpais", "newspaper"),
        ("Asahi Shimbun", "asahi", "newspaper"),
        ("Folha de S.Paulo", "folha", "newspaper"),
        ("Al Jazeera", "aljazeera", "broadcaster"),
        ("Drudge Report", "drudge", "aggregator"),
        ("The Times (London)", "thetimes", "newspaper"),
        ("nytimes.com", "nyt", "newspaper"),
    ],
)
def test_outlet_for_name(registry, name, key, kind):
    outlet = registry.outlet_for_name(name)
    assert (outlet.key, outlet.kind, outlet.in_registry) == (key, kind, True)


@pytest.mark.parametrize("name", ["Washington", "reporters", "Dana Whitfield", "the Pentagon", "", "   ", "The Times"])
def test_outlet_for_name_unknown(registry, name):
    assert registry.outlet_for_name(name) is None


@pytest.mark.parametrize(
    "url, key",
    [
        ("https://edition.cnn.com/2026/03/02/politics/port-sale/index.html", "cnn"),
        ("https://www.bbc.co.uk/news/world-123", "bbc"),
        ("http://m.washingtonpost.com/politics/2026/03/02/x/", "wapo"),
        ("https://apnews.com/article/port-sale-1234", "ap"),
        ("https://WWW.REUTERS.COM:443/world/", "reuters"),
        ("https://news.yahoo.com/port-sale.html", "yahoonews"),
        ("https://english.news.cn/20260302/x.html", "xinhua"),
        ("https://valleyherald.example/2026/port", None),
        ("mailto:desk@apnews.com", None),
        ("not a url", None),
        ("https://[::1", None),
        ("", None),
    ],
)
def test_outlet_for_url(registry, url, key):
    outlet = registry.outlet_for_url(url)
    assert (outlet.key if outlet else None) == key


@pytest.mark.parametrize(
    "text, expected",
    [
        ("according to the AP, the sale", [("the AP", "ap")]),
        ("The Associated Press reported", [("The Associated Press", "ap")]),
        ("Bloomberg's report on Monday", [("Bloomberg", "bloomberg")]),
        ("per Bloomberg News.", [("Bloomberg News", "bloomberg")]),
        ("Reuters yes", [("Reuters", "reuters")]),
        ("Ushakov told reporters in Washington.", []),
        ("She flew to Washington on Monday.", []),
        ("The Washington Post said so.", [("The Washington Post", "wapo")]),
        ("Michael Bloomberg said he would run.", []),
        ("Michael Bloomberg spoke. Later Bloomberg said he was sad.", []),
        # the outlet's figure, even after a person of that name: "Bloomberg estimates his fortune at"
        ("Alma Bloomberg spoke. Bloomberg estimates her fortune at $2 billion.", [("Bloomberg", "bloomberg")]),
        ("Alma Bloomberg spoke. Bloomberg lists her as the 40th richest.", [("Bloomberg", "bloomberg")]),
        ("Alma Bloomberg is not on Bloomberg's own billionaire list.", [("Bloomberg", "bloomberg")]),
        ("Alma Bloomberg spoke. Bloomberg's Billionaires Index grew.", [("Bloomberg", "bloomberg")]),
        ("Alma Bloomberg spoke. Bloomberg puts her net worth at $3 billion.", [("Bloomberg", "bloomberg")]),
        ("Alma Bloomberg spoke. Bloomberg's fortune grew.", []),
        ("Alma Bloomberg spoke. Bloomberg put $10 million into the race.", []),
        ("Bloomberg Philanthropies gave money.", []),
        ("the Harborton Free Press wrote", []),
        ("The office in Harrisburg, PA closed.", []),
        ("LONDON (PA) — The office closed.", [("PA", "pa")]),
        ("RT @harborton: sale", []),
        ("she told The Hill on Monday", [("The Hill", "thehill")]),
        ("senators on the Hill", []),
        ("told the New York Times. The Times later said", [("the New York Times", "nyt"), ("The Times", "nyt")]),
        ("The Times later said", []),
        ("told the Times Square crowd", []),
        ("a visit to the Republic of Korea", []),
        ("the Post Office closed", []),
        # a joint poll: the name after the hyphen or slash is a second outlet; "Post-Gazette" stays one name
        ("a Washington Post-ABC News poll", [("Washington Post", "wapo"), ("ABC News", "abcnews")]),
        ("the NBC/Wall Street Journal poll", [("the NBC", "nbcnews"), ("Wall Street Journal", "wsj")]),
        ("a CNN/ORC poll", [("CNN", "cnn"), ("ORC", "orc")]),
        ("the Pittsburgh Post-Gazette said", [("the Pittsburgh Post-Gazette", "postgazette")]),
        ("a Fox News-backed group", []),
        ("@AP and #Reuters tags", []),
        ("CNN’s anchor", [("CNN", "cnn")]),
        ("told Bloomberg Politics on Monday", [("Bloomberg", "bloomberg")]),
        ("told ABC 7 on Monday", []),  # the local station on channel 7
        ("told ABC on Monday", [("ABC", "abcnews")]),
        ("according to the Sioux Falls Argus Leader", [("the Sioux Falls Argus Leader", "argusleader")]),
        ("a report in the Argus Leader of Sioux Falls", [("the Argus Leader", "argusleader")]),
    ],
)
def test_find_mentions(registry, text, expected):
    mentions = registry.find_mentions(text)
    assert [(m.surface, m.outlet.key) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.surface for m in mentions)


@pytest.mark.parametrize(
    "text, expected",
    [
        # added outlets and short forms
        ("Fox's Dana Whitfield said", [("Fox", "foxnews")]),
        ("the pollster told Fox that", [("Fox", "foxnews")]),
        ("averages from HuffPollster and FiveThirtyEight", [("HuffPollster", "huffpost"), ("FiveThirtyEight", "fivethirtyeight")]),
        ("New Hampshire Public Radio asked her", [("New Hampshire Public Radio", "nhpr")]),
        ("she told the Daily Star that", [("the Daily Star", "dailystar_uk")]),
        ("the Chicago Sun-Times reported", [("the Chicago Sun-Times", "suntimes")]),
        ("a Quinnipiac poll", [("Quinnipiac", "quinnipiac")]),
        ("on BBC1's Crimewatch", [("BBC1", "bbc"), ("Crimewatch", "bbc")]),
        # common words and people's names stay what they are
        ("Actress Megan Fox said", []),
        ("Michael J. Fox said", []),
        ("a fox crossed the road", []),
        ("she told Fox 35 in Orlando", []),  # a local station on its channel
        ("Fox Broadcasting aired it", []),
        ("Vicente Fox spoke. Later Fox said the wall was absurd.", []),
        ("Michael R. Bloomberg said he would run.", []),
        ("a 20th Century Fox film", []),
        ("the Smithsonian said", []),
        ("a billboard and a Billboard Hot 100 hit", []),
        ("The Republic of Ireland", []),
        ("the time of the Time Warner deal", []),
    ],
)
def test_added_outlets_and_common_words(registry, text, expected):
    assert [(m.surface, m.outlet.key) for m in registry.find_mentions(text)] == expected


def test_short_form_resolves_to_home_outlet(registry):
    nyt = registry.get("nyt")
    [mention] = registry.find_mentions("The Times reported on Monday.", home=nyt)
    assert (mention.surface, mention.outlet.key) == ("The Times", "nyt")


def test_short_form_follows_the_last_full_mention(registry):
    text = "The Seattle Times and the Los Angeles Times reported. The Times added"
    mentions = registry.find_mentions(text)
    assert [(m.surface, m.outlet.key) for m in mentions] == [
        ("The Seattle Times", "seattletimes"),
        ("the Los Angeles Times", "latimes"),
        ("The Times", "latimes"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "The Observer" is a paper's whole name: "the Observer" alone is not The Charlotte Observer.
        ("In a statement to the Observer, he said", []),
        ("He told The Observer. Later the Observer said", [("The Observer", "observer"), ("the Observer", "observer")]),
        (
            "He told The Charlotte Observer. Later the Observer said",
            [("The Charlotte Observer", "charlotteobserver"), ("the Observer", "charlotteobserver")],
        ),
    ],
)
def test_short_form_shared_with_a_whole_name_needs_context(registry, text, expected):
    assert [(m.surface, m.outlet.key) for m in registry.find_mentions(text)] == expected


def test_short_form_of_the_home_outlet_named_by_one_word(registry):
    observer = registry.get("observer")
    [mention] = registry.find_mentions("as the Observer reported", home=observer)
    assert (mention.surface, mention.outlet.key) == ("the Observer", "observer")


def test_added_outlet_is_found_in_text_and_by_short_form():
    registry = load_registry()
    registry.add(LEDGER)
    text = "She told The Meridian Ledger. Later she told the Ledger again."
    assert [(m.surface, m.outlet.key) for m in registry.find_mentions(text)] == [
        ("The Meridian Ledger", "meridian-ledger"),
        ("the Ledger", "meridian-ledger"),
    ]
    # The only registered "Ledger": resolved without an earlier full mention too.
    assert [m.outlet.key for m in registry.find_mentions("as the Ledger reported")] == ["meridian-ledger"]
    assert registry.outlet_for_url("https://www.meridianledger.example/2026/03/02/sale") is LEDGER


def test_user_csv_wins_alias_conflicts(tmp_path: Path):
    path = tmp_path / "outlets.csv"
    path.write_text(
        "key,name,aliases,domains,kind,country,language\n"
        "continental-press,Continental Press,CP|ContiPress,cpress.example,wire,,en\n",
        encoding="utf-8",
    )
    registry = load_registry([path])
    assert registry.outlet_for_name("CP").key == "continental-press"
    assert registry.outlet_for_name("Canadian Press").key == "cp"
    [mention] = registry.find_mentions("HARBORTON (CP) — The port")
    assert mention.outlet.key == "continental-press"
    assert registry.outlet_for_url("https://cpress.example/story-one-two").name == "Continental Press"


def test_user_csv_replaces_an_outlet_with_the_same_key(tmp_path: Path):
    path = tmp_path / "outlets.csv"
    path.write_text("key,name,aliases,domains,kind\nap,AP Wire (test),,apwire.example,wire\n", encoding="utf-8")
    registry = load_registry([path])
    assert registry.get("ap").name == "AP Wire (test)"
    assert registry.outlet_for_name("Associated Press") is None
    assert registry.outlet_for_url("https://apnews.com/article/x") is None


def test_user_yaml_file(tmp_path: Path):
    path = tmp_path / "outlets.yaml"
    path.write_text(
        "outlets:\n"
        "  - key: harborton-star\n"
        "    name: The Harborton Star\n"
        "    aliases: [Harborton Star, the Star]\n"
        "    domains: [harbortonstar.example]\n"
        "    kind: newspaper\n",
        encoding="utf-8",
    )
    registry = load_registry([path])
    outlet = registry.outlet_for_name("Harborton Star")
    assert (outlet.key, outlet.kind, outlet.domains) == ("harborton-star", "newspaper", ("harbortonstar.example",))


def test_bad_rows_are_logged_and_skipped(tmp_path: Path, caplog):
    path = tmp_path / "outlets.csv"
    path.write_text(
        "key,name,aliases,domains,kind\n,No Key,,,wire\nodd,Odd Outlet,,odd.example,tabloid\n", encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING):
        registry = load_registry([path])
    assert registry.outlet_for_name("No Key") is None
    assert registry.get("odd").kind == "unknown"
    assert "without key or name" in caplog.text and "unknown kind 'tabloid'" in caplog.text


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("outlets.txt", "key,name\n", "must be .csv, .yaml or .yml"),
        ("outlets.csv", "id,title\n1,x\n", "lacks columns: key, name"),
        ("outlets.yaml", "outlets: [unclosed\n", "is not valid YAML: expected ',' or ']', but got '<stream end>' at line 2, column 1$"),
        ("outlets.yml", "just a string\n", "must hold a list of outlets"),
        ("outlets.yml", "outlets: " + "[" * 10_000, "is not valid YAML: nested too deeply to read$"),  # fuzz25
    ],
)
def test_unreadable_registry_files(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        load_registry([path])


def test_missing_registry_file(tmp_path: Path):
    with pytest.raises(RegistryError, match="cannot read outlet registry"):
        load_registry([tmp_path / "absent.csv"])


@pytest.mark.parametrize(
    "article, expected",
    [
        # The import record's outlet name wins over the URL's domain.
        (Article(url="https://apnews.com/article/x", text="", outlet="Reuters"), ("reuters", "Reuters", "wire")),
        (Article(url="https://edition.cnn.com/2026/x", text=""), ("cnn", "CNN", "broadcaster")),
        (
            Article(url="file:///tmp/a.html", text="", site_name="The Washington Post"),
            ("wapo", "The Washington Post", "newspaper"),
        ),
        # Unknown outlets: made up from the site name with the registrable domain as key.
        (
            Article(url="https://www.valleyherald.example/2026/03/02/port", text="", site_name="Valley Herald"),
            ("valleyherald.example", "Valley Herald", "unknown"),
        ),
        (
            Article(url="https://news.baycourier.example/a-b-c", text=""),
            ("baycourier.example", "baycourier.example", "unknown"),
        ),
        (
            Article(url="polnear:x", text="", outlet="Harborton Tribune"),
            ("harborton-tribune", "Harborton Tribune", "unknown"),
        ),
        # A page with no address and no name: a byline's registered outlet (not a wire's: whose copy it is), the site
        # its title closes with, else an outlet of its own, never one shared with other such pages.
        (
            Article(url="urn:provenance:7", text="", author="Ana Ruiz, The Washington Post"),
            ("wapo", "The Washington Post", "newspaper"),
        ),
        (
            Article(url="urn:provenance:7", text="", author="Ana Ruiz, Associated Press"),
            ("unknown-df1e1231af7f", "Unknown outlet (7)", "unknown"),
        ),
        (
            Article(url="file:///tmp/a.html", text="", title="Harbour deal signed at last - Eastside Courier"),
            ("eastside-courier", "Eastside Courier", "unknown"),
        ),
        # ... else the publication its title opens with, else its copyright holder (not a wire's: whose copy it is)
        (
            Article(url="file:///tmp/a.html", text="", title="The Harbour Review: Seeking a bigger role for the ferry"),
            ("harbour-review", "The Harbour Review", "unknown"),
        ),
        (
            Article(url="file:///tmp/a.html", text="", title="Kestrel signs a ferry deal", credit_lines=["©2026 Kestrel"]),
            ("kestrel", "Kestrel", "unknown"),
        ),
        (
            Article(url="file:///tmp/a.html", text="", credit_lines=["Copyright 2026 The Associated Press. All rights reserved"]),
            ("unknown-90cff71ed092", "Unknown outlet (a.html)", "unknown"),
        ),
        (
            Article(url="file:///tmp/a.html", text="", credit_lines=["© 2026 The Washington Post"]),
            ("wapo", "The Washington Post", "newspaper"),
        ),
        # a site title: the part naming the domain; a name in another script keeps its letters in its key
        (
            Article(url="https://www.quillfeed.example/a", text="", site_name="Quillfeed | Lagos's busiest news platform"),
            ("quillfeed.example", "Quillfeed", "unknown"),
        ),
        (
            Article(url="file:///tmp/a.html", text="", site_name="Нормы и знания"),
            ("нормы-и-знания", "Нормы и знания", "unknown"),
        ),
        (Article(url="polnear:x", text="", title="Harbour deal - again"), ("unknown-b09a727d97ff", "Unknown outlet (x)", "unknown")),
        (Article(url="polnear:x", text=""), ("unknown-b09a727d97ff", "Unknown outlet (x)", "unknown")),
        (Article(url="polnear:y", text=""), ("unknown-947e9d4c0b34", "Unknown outlet (y)", "unknown")),
    ],
)
def test_outlet_for_article(registry, article, expected):
    outlet = outlet_for_article(article, registry)
    assert (outlet.key, outlet.name, outlet.kind) == expected


def test_a_saved_outlet_found_by_its_domain_carries_the_name_the_page_gives():
    """An outlet saved from an earlier page is this page's with this page's reading of its name (saving keeps the first)."""
    registry = OutletRegistry([Outlet(key="quillfeed.example", name="Quillfeed | News", domains=("quillfeed.example",))])
    page = Article(url="https://quillfeed.example/a", text="", site_name="Quillfeed | Lagos's busiest news platform")
    outlet = outlet_for_article(page, registry)
    assert (outlet.key, outlet.name, outlet.domains) == ("quillfeed.example", "Quillfeed", ("quillfeed.example",))
    bare = outlet_for_article(Article(url="https://quillfeed.example/b", text=""), registry)
    assert bare.name == "Quillfeed | News"  # a page giving no name leaves the saved one


@pytest.mark.parametrize(
    "name, key, clean",
    [
        ("the Harborton Star", "harborton-star", "Harborton Star"),
        ("Coastal Public Radio's", "coastal-public-radio", "Coastal Public Radio"),
        ("“Channel 7 Harborton”", "channel-7-harborton", "Channel 7 Harborton"),
    ],
)
def test_outlet_from_name(name, key, clean):
    outlet = outlet_from_name(name)
    assert (outlet.key, outlet.name, outlet.kind, outlet.in_registry) == (key, clean, "unknown", False)


@pytest.mark.parametrize(
    "value, domain",
    [
        ("https://edition.cnn.com/x", "cnn.com"),
        ("https://www.bbc.co.uk/news", "bbc.co.uk"),
        ("https://a.b.meridianledger.example/x", "meridianledger.example"),
        ("smh.com.au", "smh.com.au"),
        ("localhost", "localhost"),
        # by the Public Suffix List: a city's site, a blog on a hosting platform
        ("https://www.pellham.sc.gov.br/news/1", "pellham.sc.gov.br"),
        ("https://harbornotes.blogspot.com/2026/03/x.html", "harbornotes.blogspot.com"),
        ("https://islandnotes.github.io/post", "islandnotes.github.io"),
        # a newsletter platform: each subdomain is a publication, the platform's own site is not one
        ("https://dockside.substack.com/p/the-sale", "dockside.substack.com"),
        ("https://www.substack.com/about", "substack.com"),
        ("https://a.b.dockside.wordpress.com/x", "dockside.wordpress.com"),
        # a news network's stations and titles on subdomains of its own: each is an outlet
        ("https://dfw.cbslocal.com/2026/03/02/x", "dfw.cbslocal.com"),
        ("https://detroit.cbslocal.com/2026/03/02/x", "detroit.cbslocal.com"),
        ("https://espn.go.com/x", "espn.go.com"),
        # addresses and bare suffixes name themselves
        ("http://127.0.0.1:8080/x", "127.0.0.1"),
        ("http://[::1]:8080/x", "::1"),
        ("co.uk", "co.uk"),
    ],
)
def test_registrable_domain(value, domain):
    assert registrable_domain(value) == domain


def test_crawled_outlets_with_common_word_names_are_not_searched_in_text():
    registry = load_registry()
    registry.add(Outlet(key="news.example", name="News", domains=("news.example",)))
    registry.add(Outlet(key="dailybuzz.example", name="DailyBuzz", domains=("dailybuzz.example",)))
    text = "News travels fast; DailyBuzz said so."
    assert [(m.surface, m.outlet.key) for m in registry.find_mentions(text)] == [("DailyBuzz", "dailybuzz.example")]
    assert registry.outlet_for_name("News").key == "news.example"


def test_a_name_too_long_for_one_is_not_looked_for_in_text() -> None:
    # a crawled site's host of thousands of letters, or a record's outlet holding a paragraph: the mention regex
    # nested a group a character, and past about 970 every later analysis of the database failed (RecursionError)
    long_name = "Harbour " + "x" * 3000 + " Gazette"
    registry = OutletRegistry([LEDGER, Outlet(key="long", name=long_name, kind="unknown")])
    mentions = registry.find_mentions(f"The Meridian Ledger reported it, and so did the {long_name}.")
    assert [mention.outlet.key for mention in mentions] == ["meridian-ledger"]
    assert registry.outlet_for_name(long_name).key == "long"
