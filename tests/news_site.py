"""A fictional news site built the way real ones are, on 127.0.0.1: every story at many addresses.

The Harbour Ledger (ledger.example) of the invented town of Port Calder: a sitemap index naming
gzipped sitemaps and a Google News sitemap, an RSS feed and an Atom feed with relative links,
each story also at an AMP address, a print address, addresses with tracking parameters and
without the trailing slash, an old slug that redirects, a story in two pages, tag and author
pages and a live blog (no stories), and a copy of a Northwind Wire story whose canonical names
the wire's page. Everything here is invented.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field

from markupsafe import Markup

from tests.servers import FakeWeb, Site

LEDGER = "ledger.example"
WIRE = "northwind.example"
LEDGER_REGISTRY_CSV = """key,name,aliases,domains,kind,country,language
harbour-ledger,The Harbour Ledger,the Ledger,ledger.example,newspaper,,en
northwind,Northwind Wire,Northwind,northwind.example,wire,,en
"""


@dataclass
class LedgerStory:
    """One story of the site: its address, words and the other addresses it is served at."""

    path: str  # the story's own address, with its trailing slash
    title: str
    published: str
    paragraphs: list[str]
    author: str = "Maren Holt"
    page_two: list[str] = field(default_factory=list)  # a story in two pages: the second page's paragraphs
    canonical: str = ""  # another site's page this one copies (syndication); empty: its own https address
    host: str = LEDGER

    @property
    def slug_path(self) -> str:
        return self.path.rstrip("/")


def ledger_stories() -> list[LedgerStory]:
    """The Ledger's stories (the last a Northwind Wire story it carries)."""
    return [
        LedgerStory(
            "/2026/05/04/ferry-strike-ends/", "Ferry strike ends after nine days", "2026-05-04T07:00:00+00:00",
            [
                "The crews of the Port Calder ferries will return to work on Tuesday after nine days on strike, "
                "the union and the ferry company said in a joint statement on Monday evening.",
                "\u201cNobody wanted this to last as long as it did, and nobody is going home a winner,\u201d said "
                "Oskar Lind, who speaks for the crews.",
                "The company agreed to a second deckhand on every evening crossing, the crews' main demand since "
                "the winter timetable began.",
                "\u201cThe first boat leaves at six on Tuesday morning and we expect every sailing to run,\u201d said "
                "Petra Vance, the company's operations manager.",
            ],
        ),
        LedgerStory(
            "/2026/05/04/harbour-wall-repairs/", "Harbour wall repairs to start in June", "2026-05-04T09:00:00+00:00",
            [
                "Work to repair the old harbour wall, cracked in the March storms, will start in the first week of "
                "June and last most of the summer, the harbour board said.",
                "\u201cThe wall has kept this town dry for a hundred and forty years and we mean to give it a hundred "
                "more,\u201d said Ines Brook, who chairs the harbour board.",
                "Moorings on the east side will move to the fishing quay while the crane works, and the promenade "
                "will close in sections of fifty metres at a time.",
            ],
            author="Tobias Crane",
        ),
        LedgerStory(
            "/2026/05/03/fish-market-reopens/", "Fish market reopens under a new roof", "2026-05-03T10:00:00+00:00",
            [
                "The Port Calder fish market opened its doors again on Saturday, two years after fire took the "
                "roof of the old hall on the quay.",
                "\u201cWe sold out of mackerel by nine, which tells you how much people missed the place,\u201d said "
                "Hanne Soto, who has run a stall there for thirty years.",
                "The new roof is made of larch from the hills above the town and lets in light along its whole "
                "length, which the traders say they had asked for from the start.",
            ],
            page_two=[
                "The market will open six days a week, closing on Mondays, with an evening market on Fridays in "
                "the summer months.",
                "\u201cThe boats come in at dawn and the fish is on the slab an hour later, as it always was,\u201d "
                "said Rafe Holm, the harbour master.",
                "The council paid for most of the rebuilding, and the traders paid for the new cold store at the "
                "back of the hall.",
            ],
            author="Tobias Crane",
        ),
        LedgerStory(
            "/2026/05/04/pilot-boat-rescue/", "Pilot boat crew pulls two sailors from the bay",
            "2026-05-04T11:00:00+00:00",
            [
                "PORT CALDER (Northwind) \u2014 The crew of the Port Calder pilot boat pulled two sailors from the "
                "water at the mouth of the bay on Sunday after their dinghy turned over in a squall.",
                "\u201cThey had their life jackets on, and that is the only reason this story ends well,\u201d said "
                "Aino Rask, the pilot boat's skipper.",
                "Both sailors were taken to the harbour clinic and were sent home the same evening, the coastguard "
                "said.",
            ],
            author="Northwind Wire",
            canonical="/news/2026/05/04/pilot-boat-rescue.html",  # on the wire's own site
        ),
    ]


def _jsonld(data: dict) -> Markup:
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(json.dumps(data).replace("</", "<\\/")))


def _paragraphs(paragraphs: list[str]) -> Markup:
    return Markup("\n").join(Markup("<p>{}</p>").format(p) for p in paragraphs)


def canonical_of(story: LedgerStory, web: FakeWeb) -> str:
    """The address a story's pages name as canonical: the https one (the servers here speak http only)."""
    if story.canonical:
        return web.site(WIRE).url(story.canonical)
    return web.site(LEDGER).url(story.path).replace("http://", "https://", 1)


def render_story(story: LedgerStory, web: FakeWeb, variant: str = "main", page: int = 1) -> str:
    """A story's page as the site serves it: `main`, `amp` or `print`; `page` 2 for the second of two pages."""
    site = web.site(LEDGER)
    canonical = canonical_of(story, web)
    if page == 2:
        canonical = site.url(story.path + "2/").replace("http://", "https://", 1)
    paragraphs = story.page_two if page == 2 else story.paragraphs
    head = Markup(
        '<meta charset="utf-8"><title>{title} | The Harbour Ledger</title>'
        '<meta property="og:site_name" content="The Harbour Ledger"><meta property="og:type" content="article">'
        '<meta property="og:title" content="{title}"><meta property="article:published_time" content="{published}">'
        '<meta name="author" content="{author}"><link rel="canonical" href="{canonical}">'
    ).format(title=story.title, published=story.published, author=story.author, canonical=canonical)
    head += _jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
                     "datePublished": story.published, "url": canonical,
                     "author": [{"@type": "Person", "name": story.author}],
                     "publisher": {"@type": "Organization", "name": "The Harbour Ledger"}})
    pager = Markup("")
    if story.page_two:
        if page == 1:
            head += Markup('<link rel="next" href="{}">').format(story.path + "2/")
            pager = Markup('<nav class="pagination"><span>Page 1 of 2</span> <a href="{}">Next page</a></nav>').format(
                story.path + "2/")
        else:
            head += Markup('<link rel="prev" href="{}">').format(story.path)
            pager = Markup('<nav class="pagination"><a href="{}">Previous page</a> <span>Page 2 of 2</span></nav>').format(
                story.path)
    if variant == "main" and page == 1:
        head += Markup('<link rel="amphtml" href="{}">').format(story.path + "amp/")
    credit = Markup("")
    if story.canonical:
        credit = Markup('<p class="syndication">This story was first published by <a href="{}">Northwind Wire</a>.</p>').format(
            canonical)
    article = Markup(
        '<article><h1>{title}</h1><p class="byline">By {author}</p><time datetime="{published}">{published}</time>\n'
        "{paragraphs}\n{credit}</article>"
    ).format(title=story.title, author=story.author, published=story.published,
             paragraphs=_paragraphs(paragraphs), credit=credit)
    if variant == "amp":
        return str(Markup(
            '<!doctype html><html amp lang="en"><head>{head}<meta name="viewport" content="width=device-width">'
            '<script async src="https://cdn.ampproject.example/v0.js"></script><style amp-boilerplate>body{{}}</style>'
            '</head><body><header class="amp-header"><a href="/">The Harbour Ledger</a></header>{article}{pager}'
            "<footer>The Harbour Ledger, Port Calder</footer></body></html>"
        ).format(head=head, article=article, pager=pager))
    if variant == "print":
        return str(Markup(
            '<!DOCTYPE html><html lang="en"><head>{head}<meta name="robots" content="noindex"></head>'
            '<body class="print" onload="window.print()">{article}{pager}'
            "<p>Printed from The Harbour Ledger</p></body></html>"
        ).format(head=head, article=article, pager=pager))
    related = Markup("").join(
        Markup('<li><a href="{}">{}</a></li>').format(other.path, other.title)
        for other in ledger_stories() if other.path != story.path)
    return str(Markup(
        '<!DOCTYPE html><html lang="en"><head>{head}<link rel="alternate" type="application/rss+xml" href="/feed/">'
        "</head><body><header><a href=\"/\">The Harbour Ledger</a> <nav><a href=\"/\">Home</a> "
        '<a href="/tag/ferries/">Ferries</a> <a href="/live/2026/05/04/storm-live/">Live</a></nav></header>'
        '<main>{article}{pager}<aside><h2>Tags</h2><a href="/tag/ferries/">Ferries</a> '
        '<a href="/author/maren-holt/">Maren Holt</a></aside>'
        '<aside><h2>Read more</h2><ul>{related}</ul></aside>'
        '<p class="share"><a href="{print_path}">Print</a></p></main>'
        "<footer><p>Copyright 2026 The Harbour Ledger</p></footer></body></html>"
    ).format(head=head, article=article, pager=pager, related=related, print_path=story.path + "print/"))


def render_listing(web: FakeWeb, kind: str, title: str, stories: list[LedgerStory]) -> str:
    """A tag page (CollectionPage) or an author page (ProfilePage): a list of teasers, no story."""
    site = web.site(LEDGER)
    teasers = Markup("\n").join(
        Markup('<article class="teaser"><h2><a href="{path}">{title}</a></h2><p>{lede}</p>'
               '<time datetime="{published}">{published}</time></article>').format(
            path=s.path, title=s.title, lede=s.paragraphs[0], published=s.published)
        for s in stories)
    schema = {"tag": "CollectionPage", "author": "ProfilePage"}[kind]
    og_type = {"tag": "website", "author": "profile"}[kind]
    intro = {"tag": Markup("<p>Everything the Ledger has written about the ferries that cross the bay, the crews "
                           "who sail them and the timetables they keep, newest first.</p>"),
             "author": Markup("<p>Maren Holt covers the harbour, the ferries and the town council for the Ledger. "
                              "She joined the paper in 2019 after ten years at sea as a ferry mate.</p>")}[kind]
    return str(Markup(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Harbour Ledger</title>'
        '<meta property="og:site_name" content="The Harbour Ledger"><meta property="og:type" content="{og_type}">'
        '<link rel="canonical" href="{canonical}">{jsonld}</head><body><header><a href="/">The Harbour Ledger</a>'
        "</header><main><h1>{title}</h1>{intro}\n{teasers}</main>"
        "<footer><p>Copyright 2026 The Harbour Ledger</p></footer></body></html>"
    ).format(title=title, og_type=og_type, canonical=site.base, intro=intro, teasers=teasers,
             jsonld=_jsonld({"@context": "https://schema.org", "@type": schema, "name": title})))


LIVE_ENTRIES = [
    ("2026-05-04T13:40:00+00:00", "The coastguard says the squall has passed the bay and the ferries may sail again "
     "from three o'clock this afternoon."),
    ("2026-05-04T12:55:00+00:00", "\u201cStay off the breakwater until the wind drops, however good the pictures "
     "look,\u201d said Ines Brook of the harbour board."),
    ("2026-05-04T12:10:00+00:00", "Gusts of ninety kilometres an hour were measured at the lighthouse just after "
     "noon, the highest this spring."),
    ("2026-05-04T11:30:00+00:00", "Good morning and welcome to our live coverage of the storm passing over Port "
     "Calder. We will bring you the latest from the harbour all day."),
]


def render_live_blog(web: FakeWeb) -> str:
    """A live blog: timestamped updates under a LiveBlogPosting, no story of its own."""
    site = web.site(LEDGER)
    entries = Markup("\n").join(
        Markup('<article class="live-entry"><time datetime="{0}">{0}</time><p>{1}</p></article>').format(when, text)
        for when, text in LIVE_ENTRIES)
    jsonld = _jsonld({"@context": "https://schema.org", "@type": "LiveBlogPosting",
                      "headline": "Storm over Port Calder: live", "coverageStartTime": LIVE_ENTRIES[-1][0],
                      "liveBlogUpdate": [{"@type": "BlogPosting", "datePublished": when, "articleBody": text}
                                         for when, text in LIVE_ENTRIES]})
    return str(Markup(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Storm over Port Calder: live | '
        'The Harbour Ledger</title><meta property="og:site_name" content="The Harbour Ledger">'
        '<meta property="og:type" content="article"><link rel="canonical" href="{canonical}">{jsonld}</head>'
        '<body><header><a href="/">The Harbour Ledger</a></header><main><h1>Storm over Port Calder: live</h1>'
        '<p class="live-badge">Live</p>{entries}</main></body></html>'
    ).format(canonical=site.url("/live/2026/05/04/storm-live/"), jsonld=jsonld, entries=entries))


def render_wire_story(story: LedgerStory, web: FakeWeb) -> str:
    """The wire's own page of the story the Ledger carries."""
    site = web.site(WIRE)
    head = Markup(
        '<meta charset="utf-8"><title>{title} | Northwind Wire</title>'
        '<meta property="og:site_name" content="Northwind Wire"><meta property="og:type" content="article">'
        '<meta property="article:published_time" content="{published}"><link rel="canonical" href="{canonical}">'
    ).format(title=story.title, published=story.published, canonical=site.url(story.canonical))
    return str(Markup(
        '<!DOCTYPE html><html lang="en"><head>{head}</head><body><header><a href="/">Northwind Wire</a></header>'
        "<article><h1>{title}</h1><p class=\"byline\">By Northwind Wire staff</p>{paragraphs}</article>"
        "<footer>Copyright 2026 Northwind Wire</footer></body></html>"
    ).format(head=head, title=story.title, paragraphs=_paragraphs(story.paragraphs)))


def _gz(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), mtime=0)


def _urlset(site: Site, entries: list[tuple[str, str]]) -> str:
    items = Markup("").join(Markup("<url><loc>{}</loc><lastmod>{}</lastmod></url>").format(site.url(p), when)
                            for p, when in entries)
    return str(Markup('<?xml version="1.0" encoding="UTF-8"?>'
                      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>').format(items))


def build_ledger_site(web: FakeWeb) -> list[LedgerStory]:
    """Start the Ledger (and the wire whose story it carries) on `web`; the Ledger's stories."""
    site = web.site(LEDGER, "The Harbour Ledger")
    wire = web.site(WIRE, "Northwind Wire")
    stories = ledger_stories()
    own = [s for s in stories if not s.canonical]
    for story in stories:
        site.add(story.path, render_story(story, web))
        site.add(story.slug_path, render_story(story, web))  # the same page without its trailing slash
        site.add(story.path + "amp/", render_story(story, web, "amp"))
        site.add(story.path + "print/", render_story(story, web, "print"))
        if story.page_two:
            site.add(story.path + "2/", render_story(story, web, page=2))
        if story.canonical:
            wire.add(story.canonical, render_wire_story(story, web))
    site.fault("/2026/05/04/ferry-strike-talks/", "redirect", target="/2026/05/04/ferry-strike-ends/")  # an old slug
    site.add("/tag/ferries/", render_listing(web, "tag", "Ferries", own))
    site.add("/author/maren-holt/", render_listing(web, "author", "Maren Holt", [own[0]]))
    site.add("/live/2026/05/04/storm-live/", render_live_blog(web))
    site.add("/robots.txt", f"User-agent: *\nDisallow: /search/\nSitemap: {site.url('/sitemap_index.xml')}\n", "text/plain")
    site.add("/", str(Markup(
        '<!DOCTYPE html><html><head><title>The Harbour Ledger</title>'
        '<link rel="alternate" type="application/rss+xml" title="The Harbour Ledger" href="/feed/">'
        '<link rel="alternate" type="application/atom+xml" title="The Harbour Ledger (Atom)" href="/feed/atom/">'
        "</head><body><h1>The Harbour Ledger</h1><ul>{}</ul></body></html>"
    ).format(Markup("").join(Markup('<li><a href="{}">{}</a></li>').format(s.path, s.title) for s in stories))))
    # RSS: relative links with utm_ parameters; the first story still under its old slug
    items = Markup("").join(
        Markup("<item><title>{}</title><link>{}</link><pubDate>{}</pubDate></item>").format(
            s.title, path + "?utm_source=rss&utm_medium=feed&utm_campaign=ledger", s.published)
        for s, path in zip(stories, ["/2026/05/04/ferry-strike-talks/", *(s.path for s in stories[1:])]))
    site.add("/feed/", str(Markup(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>The Harbour Ledger</title>'
        "<link>/</link><description>News from Port Calder</description>{}</channel></rss>").format(items)),
        "application/rss+xml")
    # Atom: relative links without the trailing slash, with another site's tracking parameters
    entries = Markup("").join(
        Markup('<entry><title>{}</title><link rel="alternate" href="{}"/><id>{}</id><updated>{}</updated></entry>').format(
            s.title, s.slug_path + "?CMP=atom_feed&at_medium=RSS", "tag:ledger.example," + s.path, s.published)
        for s in stories)
    site.add("/feed/atom/", str(Markup(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>The Harbour Ledger'
        "</title><id>tag:ledger.example,2026</id><updated>2026-05-04T12:00:00Z</updated>{}</feed>").format(entries)),
        "application/atom+xml")
    # the sitemap index: gzipped sitemaps of posts and of tag and author pages, and a Google News sitemap
    site.add("/sitemap_index.xml", str(Markup(
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "{}</sitemapindex>").format(Markup("").join(
            Markup("<sitemap><loc>{}</loc><lastmod>2026-05-04T12:00:00+00:00</lastmod></sitemap>").format(site.url(p))
            for p in ("/post-sitemap.xml.gz", "/taxonomy-sitemap.xml.gz", "/news-sitemap.xml")))),
        "application/xml")
    site.add("/post-sitemap.xml.gz", _gz(_urlset(site, [(s.path, s.published) for s in stories])), "application/x-gzip")
    site.add("/taxonomy-sitemap.xml.gz", _gz(_urlset(site, [("/tag/ferries/", "2026-05-04"),
                                                            ("/author/maren-holt/", "2026-05-04")])),
             "application/x-gzip")
    news = Markup("").join(
        Markup("<url><loc>{}</loc><news:news><news:publication><news:name>The Harbour Ledger</news:name>"
               "<news:language>en</news:language></news:publication><news:publication_date>{}"
               "</news:publication_date><news:title>{}</news:title></news:news></url>").format(site.url(path), when, title)
        for path, when, title in [*((s.path, s.published, s.title) for s in stories[:2]),
                                  ("/live/2026/05/04/storm-live/", LIVE_ENTRIES[-1][0], "Storm over Port Calder: live")])
    site.add("/news-sitemap.xml", str(Markup(
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{}</urlset>').format(news)), "application/xml")
    wire.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    return stories
