"""Reading the name a page gives its site (`provenance.site_names`); every page and outlet here is made up."""

from __future__ import annotations

import pytest

from provenance.models import Article
from provenance.site_names import copyright_domain, copyright_holders, naming_words, page_site_name, title_site_name


@pytest.mark.parametrize(
    "name, domain, words",
    [
        ("Quillfeed", "quillfeed.example", "Quillfeed"),
        ("Ferry 80/90", "ferry8090.example", "Ferry 80/90"),  # digits and a slash
        ("The Harbour Ledger", "harbourledger.example", "The Harbour Ledger"),  # "The" the domain leaves out
        ("Harbour Ledger", "theharbourledger.example", "Harbour Ledger"),  # "the" the name leaves out
        ("Harbour Ledger Editorial Staff", "harbourledger.example", "Harbour Ledger"),  # staff words after it
        ("Kestrel Rider", "kestrelridermag.example", "Kestrel Rider"),  # a short tail the domain adds
        ("Kestrel Cannon Entertainment", "kestrelcannon.example", "Kestrel Cannon"),
        ("QuillFeed.example", "quillfeed.example", "QuillFeed.example"),  # the address as the site writes it
        ("Revista Açoriana", "revistaacoriana.example", "Revista Açoriana"),  # accents the domain drops
        ("Nigeria's popular news platform", "quillfeed.example", None),  # a tagline
        ("Harbour", "harbourledger.example", None),  # too short for the domain
        ("Ledger", "harbourledger.example", None),
        ("AB", "ab.example", None),  # a domain label too short to read names against
    ],
)
def test_naming_words(name, domain, words):
    assert naming_words(name, domain) == words


@pytest.mark.parametrize(
    "fields, domain, expected",
    [
        # a whole site title: the part naming the domain, whichever side of the tagline
        ({"site_name": "Quillfeed | Lagos's busiest news platform"}, "quillfeed.example", "Quillfeed"),
        ({"site_name": "Ferry 80/90 - Memorie degli anni 80/90"}, "ferry8090.example", "Ferry 80/90"),
        ({"site_name": "Kart | F1 | Indy | Rally | Quillrace"}, "quillrace.example", "Quillrace"),
        ({"site_name": "Daily port news — Harbour Ledger"}, "harbourledger.example", "Harbour Ledger"),
        # no part names the domain: the part the page's publisher repeats, else the whole site name
        (
            {"site_name": "Ferrytown Post | Your town, your news", "metadata": {"jsonld": {"publisher": "Ferrytown Post"}}},
            "ftpost.example", "Ferrytown Post",
        ),
        ({"site_name": "Ferrytown Post | Your town, your news"}, "ftpost.example", "Ferrytown Post | Your town, your news"),
        # a site name that names something else keeps it when nothing names the domain: a brand of its own
        ({"site_name": "Pier Talk", "author": "Ana Ruiz"}, "harbournet.example", "Pier Talk"),
        # a slug gives way to the publisher's, copyright holder's or title's name for the domain
        ({"site_name": "harbourledger", "metadata": {"jsonld": {"publisher": "The Harbour Ledger"}}},
         "harbourledger.example", "The Harbour Ledger"),
        ({"site_name": "kestrelcannon.example", "credit_lines": ["© 2026 Kestrel Cannon Entertainment. All rights reserved"]},
         "kestrelcannon.example", "Kestrel Cannon Entertainment"),
        ({"site_name": "kestrelcannon.example", "title": "About bugs – Kestrel Cannon Entertainment"},
         "kestrelcannon.example", "Kestrel Cannon Entertainment"),
        ({"site_name": "harbourledger"}, "harbourledger.example", "harbourledger"),  # nothing better: kept
        # a tagline gives way to the byline's staff of the site
        ({"site_name": "Expert advice for riders", "author": "Kestrel Rider Editorial Staff"}, "kestrelridermag.example",
         "Kestrel Rider"),
        # edge punctuation
        ({"site_name": "Quillfeed_"}, "quillfeed.example", "Quillfeed"),
        # no site name: another name for the domain, else none (the domain names it)
        ({"credit_lines": ["Copyright © 2026 The Harbour Ledger, a Kestrel Media company"]}, "harbourledger.example",
         "The Harbour Ledger"),
        ({"credit_lines": ["© 2026 Kestrel Media"]}, "harbourledger.example", None),
        # a page with no address: its site name, unless its copyright names a domain the site name does not
        ({"site_name": "Ferrytown Post"}, None, "Ferrytown Post"),
        ({"site_name": "lose 10 kg in a month. Reviews", "credit_lines": ["© quill-diet.example, 2008"]}, None,
         "quill-diet.example"),
        ({"site_name": "Quilldiet", "credit_lines": ["© quill-diet.example, 2008"]}, None, "Quilldiet"),
    ],
)
def test_page_site_name(fields, domain, expected):
    article = Article(url="https://x.example/a", text="", **fields)
    assert page_site_name(article, domain) == expected


@pytest.mark.parametrize(
    "line, holders",
    [
        ("©2026 Kestrel Media", ["Kestrel Media"]),
        ("© 2026 Kestrel Cannon Entertainment. All rights reserved", ["Kestrel Cannon Entertainment"]),
        ("Copyright © 2000—2026. Quill Media", ["Quill Media"]),
        ("© Copyright Kestrel 2026", ["Kestrel"]),
        ("© 2026 by Harbour Publishing, Inc., a Kestrel Media company", ["Harbour Publishing"]),
        ("© quill-diet.example, 2008", ["quill-diet.example"]),
        ("A ferry at dawn. © Kestrel Wire / Ana Ruiz", ["Kestrel Wire"]),  # a photo credit's agency
        ("Copyright © 2002-2026 - Designed by Kestrel Digital", []),  # the designer, not the holder
        ("Reporting by Ana Ruiz; editing by Tom Lee", []),  # no copyright line
    ],
)
def test_copyright_holders(line, holders):
    assert list(copyright_holders([line])) == holders


@pytest.mark.parametrize(
    "line, holders",
    [
        ("©2026 Kestrel Media", ["Kestrel Media"]),
        ("Copyright 2026 The Harbour Ledger", ["The Harbour Ledger"]),
        ("Ferry leaves the pier at dawn. © Kestrel Wire / Ana Ruiz 2026", []),  # a photo caption's credit
        ("© Ana Ruiz", []),  # a byline's mark, no notice
    ],
)
def test_copyright_holders_from_notices_only(line, holders):
    assert list(copyright_holders([line], notices_only=True)) == holders


def test_copyright_domain():
    assert copyright_domain(["Reporting by Ana Ruiz", "Copyright (C) www.Quillfeed.example. All rights reserved"]) == (
        "quillfeed.example"
    )
    assert copyright_domain(["© 2026 Kestrel Media"]) is None
    assert copyright_domain(["Write to news@quillfeed.example"]) is None  # no copyright line


@pytest.mark.parametrize(
    "title, site",
    [
        ("Harbour deal signed at last - Eastside Courier", "Eastside Courier"),
        ("The Harbour Review: Seeking a bigger role for the ferry", "The Harbour Review"),
        ("Kestrel Daily: Ferry fares rise again", "Kestrel Daily"),
        ("Mayor: the ferry stays", None),  # a speaker's words, not a publication
        ("Opinion: the ferry must stay", None),
        ("Harbour deal - again", None),
    ],
)
def test_title_site_name(title, site):
    assert title_site_name(title) == site
