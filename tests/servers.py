"""A real HTTP server on 127.0.0.1 serving fictional outlets, with fault injection.

Each outlet is its own server (its own port) under a fictional `.example` host name; the
fetcher reaches them through `FetchConfig.resolve` (host name -> 127.0.0.1) and
`allow_private=True`. Everything here is invented: the Millbrook dam story, its people and
its outlets.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from markupsafe import Markup, escape

FAULT_KINDS = (
    "slow",  # wait `seconds` before answering
    "hang",  # accept, then say nothing for `seconds` and close
    "reset",  # close the connection with a TCP reset
    "status",  # answer `status` for the first `times` requests, then the page
    "retry_after",  # 429 with Retry-After `seconds` for the first `times` requests
    "redirect_loop",  # redirect to itself
    "redirect",  # redirect to `target`
    "huge",  # stream `size` bytes of HTML without Content-Length
    "binary",  # PNG bytes labelled text/html
    "mislabelled",  # the page labelled application/octet-stream
    "bad_encoding",  # the page in cp1252 bytes while declaring utf-8 in the header
    "trickle_headers",  # a status line, then a header line every `seconds`, the headers never ending
)


@dataclass
class Page:
    """A resource one outlet serves."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    modified: datetime = field(default_factory=lambda: datetime(2026, 5, 4, 6, 0, tzinfo=timezone.utc))
    validators: bool = True  # False: served with no ETag nor Last-Modified, so never answered 304

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass
class Fault:
    """A fault injected on one path."""

    kind: str
    seconds: float = 0.0
    times: int = 1_000_000
    status: int = 500
    target: str = ""
    size: int = 0


class QuietServer(ThreadingHTTPServer):
    """A threading server that does not print tracebacks for connections we reset on purpose."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


class Site:
    """One fictional outlet: a ThreadingHTTPServer on 127.0.0.1 with its pages and faults."""

    def __init__(self, host: str, name: str) -> None:
        self.host = host
        self.name = name
        self.pages: dict[str, Page] = {}
        self.faults: dict[str, Fault] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str], float]] = []  # path, headers, arrival
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.server = QuietServer(("127.0.0.1", 0), _make_handler(self))
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", **kwargs) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = Page(data, content_type, **kwargs)

    def fault(self, path: str, kind: str, **kwargs) -> None:
        assert kind in FAULT_KINDS, kind
        self.faults[path] = Fault(kind, **kwargs)

    def close(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def _make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # silence stderr
            pass

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in separate writes: without this, Nagle and delayed ACKs
            # add 40 ms to every keep-alive response.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:  # noqa: N802
            path = urlsplit(self.path).path
            with site.lock:
                site.hits[path] += 1
                count = site.hits[path]
                site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
            fault = site.faults.get(path)
            if fault is not None and self._apply_fault(fault, path, count):
                return
            page = site.pages.get(path)
            if page is None:
                self._send(404, b"not found", "text/plain")
                return
            self._serve(page)

        def _apply_fault(self, fault: Fault, path: str, count: int) -> bool:
            """Misbehave as `fault` says; False when the normal page should follow."""
            kind = fault.kind
            if kind == "slow":
                time.sleep(fault.seconds)
                return False
            if kind == "hang":
                site.stopping.wait(fault.seconds)
                self.close_connection = True
                return True
            if kind == "trickle_headers":
                # a status line, then one header line every `seconds`, never ending the headers
                try:
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    while not site.stopping.wait(fault.seconds):
                        self.wfile.write(b"X-Slow: a\r\n")
                        self.wfile.flush()
                except OSError:
                    pass
                self.close_connection = True
                return True
            if kind == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()
                return True
            if kind == "status" and count <= fault.times:
                self._send(fault.status, b"<html><body>server error</body></html>", "text/html")
                return True
            if kind == "retry_after" and count <= fault.times:
                self._send(429, b"slow down", "text/plain", {"Retry-After": f"{fault.seconds:g}"})
                return True
            if kind == "redirect_loop":
                self._send(302, b"", "text/plain", {"Location": path})
                return True
            if kind == "redirect":
                self._send(301, b"", "text/plain", {"Location": fault.target})
                return True
            if kind == "huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"filler " * 1000 + b"</p>\n"
                sent = 0
                try:
                    while sent < fault.size and not site.stopping.is_set():
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except OSError:
                    pass
                self.close_connection = True
                return True
            if kind == "binary":
                self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "text/html; charset=utf-8")
                return True
            page = site.pages.get(path)
            if kind == "mislabelled" and page is not None:
                self._send(200, page.body, "application/octet-stream")
                return True
            if kind == "bad_encoding" and page is not None:
                text = page.body.decode("utf-8")
                self._send(200, text.encode("cp1252", errors="replace"), "text/html; charset=utf-8")
                return True
            return False

        def _serve(self, page: Page) -> None:
            etag = page.etag
            last_modified = format_datetime(page.modified, usegmt=True)
            if not page.validators:
                self._send(page.status, page.body, page.content_type, page.headers)
                return
            if page.status == 200:
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", None, {"ETag": etag})
                    return
                since = self.headers.get("If-Modified-Since")
                if since and not self.headers.get("If-None-Match") and since == last_modified:
                    self._send(304, b"", None, {"Last-Modified": last_modified})
                    return
            headers = {"ETag": etag, "Last-Modified": last_modified, **page.headers}
            self._send(page.status, page.body, page.content_type, headers)

        def _send(self, status: int, body: bytes, content_type: str | None, headers: dict | None = None) -> None:
            try:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and self.command != "HEAD":
                    self.wfile.write(body)
            except OSError:
                self.close_connection = True

    return Handler


class FakeWeb:
    """Several fictional outlets, each a real server on 127.0.0.1."""

    def __init__(self) -> None:
        self.sites: dict[str, Site] = {}

    def site(self, host: str, name: str | None = None) -> Site:
        """The site for `host`, started on first use."""
        if host not in self.sites:
            self.sites[host] = Site(host, name or host)
        return self.sites[host]

    @property
    def resolve(self) -> dict[str, str]:
        """Host name -> address, for FetchConfig.resolve."""
        return {host: "127.0.0.1" for host in self.sites}

    def hits(self, url: str) -> int:
        """How many times `url` was requested."""
        parts = urlsplit(url)
        return self.sites[parts.hostname].hits[parts.path]

    def article_hits(self) -> Counter[str]:
        """Requests per article URL (paths under /news/) across every site."""
        counts: Counter[str] = Counter()
        for site in self.sites.values():
            for path, count in site.hits.items():
                if path.startswith("/news/"):
                    counts[site.url(path)] += count
        return counts

    def close(self) -> None:
        for site in self.sites.values():
            site.close()


# ----- the fictional Millbrook dam story --------------------------------------------------

PEOPLE = {
    "marsh": "Helen Marsh, director of the Millbrook Water Board",
    "reyes": "Tom Reyes, a spokesman for the county roads department",
}
Q_SPILLWAY = "We will not open the spillway until the engineers tell us the dam can take it."
Q_BAGS = "Every family below the dam should have a bag packed tonight, just in case."
Q_ROAD = "The road to the valley will stay closed for at least three more days."

OUTLETS = {
    "observer.example": "The Lakeside Observer",
    "northwind.example": "Northwind Wire",
    "pinepost.example": "Pine County Post",
    "quicktake.example": "QuickTake",
    "valleyvoice.example": "Valley Voice",
}
REGISTRY_CSV = """key,name,aliases,domains,kind,country,language
lakeside-observer,The Lakeside Observer,Lakeside Observer|the Observer,observer.example,newspaper,,en
northwind,Northwind Wire,Northwind,northwind.example,wire,,en
pine-county-post,Pine County Post,the Post,pinepost.example,newspaper,,en
quicktake,QuickTake,,quicktake.example,aggregator,,en
valley-voice,Valley Voice,,valleyvoice.example,blog,,en
"""


def write_registry(path) -> None:
    """The story's outlets as a registry file for the pipeline (names, aliases, domains, kinds)."""
    path.write_text(REGISTRY_CSV, encoding="utf-8")


@dataclass
class StoryArticle:
    """One article of the fictional story: where it lives and what it says."""

    host: str
    path: str
    title: str
    published: str
    paragraphs: list[str]  # may hold {url:host/path} placeholders for links
    author: str = "Staff reporter"


def story_articles() -> list[StoryArticle]:
    """The articles of the Millbrook dam story and a few unrelated ones."""
    return [
        StoryArticle(
            "observer.example", "/news/2026/05/millbrook-dam-spillway.html",
            "Millbrook dam will stay shut, water board chief says", "2026-05-04T06:00:00+00:00",
            [
                "The Millbrook Water Board will keep the dam's spillway closed despite rising water, "
                "its director told The Lakeside Observer in an interview on Sunday night.",
                f"\u201c{Q_SPILLWAY}\u201d said Helen Marsh, the director of the board.",
                f"Marsh urged people downstream to prepare. \u201c{Q_BAGS}\u201d she said.",
                "Engineers have inspected the structure twice since the storm began on Friday, "
                "and a third inspection is planned for Monday afternoon.",
            ],
            author="Rosa Lindqvist",
        ),
        StoryArticle(
            "northwind.example", "/news/2026/05/04/millbrook-dam.html",
            "Millbrook water board keeps dam spillway closed", "2026-05-04T08:00:00+00:00",
            [
                "MILLBROOK (Northwind) \u2014 The Millbrook Water Board will keep the spillway of its dam "
                "closed for now, according to {link:observer.example/news/2026/05/millbrook-dam-spillway.html:The Lakeside Observer}.",
                f"\u201c{Q_SPILLWAY}\u201d Helen Marsh, the board's director, told the Observer.",
                f"\u201c{Q_BAGS}\u201d Marsh said.",
                f"Tom Reyes, a spokesman for the county roads department, said: \u201c{Q_ROAD}\u201d",
                "The valley road has been closed since Saturday morning, when water reached the "
                "lower bridge for the first time in eleven years.",
            ],
            author="Northwind Wire staff",
        ),
        StoryArticle(
            "pinepost.example", "/news/millbrook-dam-closed.html",
            "Dam spillway to stay closed, valley road shut", "2026-05-04T09:30:00+00:00",
            [
                "Pine County residents below the Millbrook dam were told to be ready to leave, "
                "{link:northwind.example/news/2026/05/04/millbrook-dam.html:Northwind Wire reported}.",
                f"\u201c{Q_BAGS}\u201d said Helen Marsh, director of the water board.",
                f"\u201c{Q_ROAD}\u201d said Tom Reyes of the county roads department.",
                "The county has opened the school gym on Elm Street as a shelter for anyone who "
                "needs a place to stay while the water stays high.",
            ],
        ),
        StoryArticle(
            "quicktake.example", "/news/dam-bags-packed.html",
            "Pack a bag, dam chief tells valley families", "2026-05-04T10:15:00+00:00",
            [
                "Families living below the Millbrook dam have been told to get ready for the worst "
                "as the water keeps rising behind it.",
                "\u201cEvery family below the dam should have a bag packed tonight,\u201d said Helen "
                "Marsh, who runs the water board.",
                "The board says the spillway will stay shut until engineers decide the dam is safe, "
                "and the valley road is expected to stay closed for days.",
            ],
        ),
        StoryArticle(
            "valleyvoice.example", "/news/what-the-dam-chief-said.html",
            "What the dam chief actually said", "2026-05-04",
            [
                "The Lakeside Observer {link:observer.example/news/2026/05/millbrook-dam-spillway.html:reported this morning} "
                "that the water board will keep the spillway closed.",
                f"Helen Marsh told the paper: \u201c{Q_SPILLWAY}\u201d",
                "We will keep following the story as the county publishes its updates, and we will "
                "post the inspection report as soon as we can get hold of a copy.",
            ],
            author="Valley Voice editors",
        ),
        StoryArticle(
            "observer.example", "/news/2026/05/harvest-fair.html",
            "Harvest fair moves indoors", "2026-05-03T12:00:00+00:00",
            [
                "The Lakeside harvest fair will move into the community hall this year because of "
                "the storm, organisers said on Saturday.",
                "\u201cWe would rather be dry and crowded than wet and empty,\u201d said Ada Novak, "
                "who chairs the fair committee.",
                "Stalls will open at nine in the morning and the pie contest starts at noon.",
            ],
        ),
        StoryArticle(
            "northwind.example", "/news/2026/05/03/ferry-timetable.html",
            "Lake ferry cuts evening sailings", "2026-05-03T15:00:00+00:00",
            [
                "The lake ferry will stop its evening sailings until the wind drops, the operator "
                "said on Saturday afternoon.",
                "\u201cThe last boat will leave at five o'clock sharp every day this week,\u201d said "
                "Ivo Brandt, the ferry's harbour master.",
                "Morning sailings are not affected and tickets already bought stay valid.",
            ],
        ),
    ]


def render_paragraph(text: str, web: FakeWeb) -> Markup:
    """A paragraph with {link:host/path:anchor} placeholders turned into links."""
    out = Markup("")
    rest = text
    while "{link:" in rest:
        before, _, tail = rest.partition("{link:")
        spec, _, rest = tail.partition("}")
        target, _, anchor = spec.rpartition(":")
        host, _, path = target.partition("/")
        href = web.site(host).url("/" + path)
        out += escape(before) + Markup('<a href="{}">{}</a>').format(href, anchor)
    return out + escape(rest)


def render_article(article: StoryArticle, web: FakeWeb, extra: str = "") -> str:
    """The HTML page of one article."""
    site = web.site(article.host)
    paragraphs = Markup("\n").join(Markup("<p>{}</p>").format(render_paragraph(p, web)) for p in article.paragraphs)
    return str(
        Markup(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>{title} | {outlet}</title>"
            '<meta property="og:site_name" content="{outlet}">'
            '<meta property="og:title" content="{title}">'
            '<meta property="article:published_time" content="{published}">'
            '<meta name="author" content="{author}">'
            '<link rel="canonical" href="{url}">'
            '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
            "</head><body><header><a href=\"/\">{outlet}</a> <nav><a href=\"/\">Home</a></nav></header>"
            "<article><h1>{title}</h1><p class=\"byline\">By {author}</p>"
            "<time datetime=\"{published}\">{published}</time>\n{paragraphs}\n{extra}</article>"
            "<footer><p>Copyright 2026 {outlet}</p></footer></body></html>"
        ).format(
            title=article.title, outlet=OUTLETS[article.host], published=article.published,
            author=article.author, url=site.url(article.path), paragraphs=paragraphs, extra=extra,
        )
    )


def render_home(site: Site, articles: list[StoryArticle], extra_links: list[str] = (),
                feed: tuple[str, str] | None = None) -> str:
    """A home page listing the outlet's articles, advertising its feed (path, type) if any."""
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a></li>').format(a.path, a.title) for a in articles
    ) + Markup("").join(Markup('<li><a href="{}">more</a></li>').format(link) for link in extra_links)
    link = Markup('<link rel="alternate" type="{}" title="{}" href="{}">').format(feed[1], site.name, feed[0]) if feed else ""
    return str(Markup(
        "<!DOCTYPE html><html><head><title>{name}</title>{link}"
        "</head><body><h1>{name}</h1><ul>{items}</ul></body></html>"
    ).format(name=site.name, items=items, link=link))


def render_rss(site: Site, articles: list[StoryArticle]) -> str:
    """An RSS 2.0 feed of the outlet's articles."""
    items = Markup("").join(
        Markup("<item><title>{}</title><link>{}</link><guid>{}</guid><pubDate>{}</pubDate></item>").format(
            a.title, site.url(a.path), site.url(a.path), _rfc822(a.published))
        for a in articles
    )
    return str(Markup(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{}</title>'
        "<link>{}</link><description>news</description>{}</channel></rss>"
    ).format(site.name, site.url("/"), items))


def render_atom(site: Site, articles: list[StoryArticle]) -> str:
    """An Atom feed of the outlet's articles."""
    entries = Markup("").join(
        Markup('<entry><title>{}</title><link rel="alternate" href="{}"/><id>{}</id><updated>{}</updated></entry>').format(
            a.title, site.url(a.path), site.url(a.path), _full_time(a.published))
        for a in articles
    )
    return str(Markup(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>{}</title><id>{}</id><updated>2026-05-04T12:00:00Z</updated>{}</feed>"
    ).format(site.name, site.url("/"), entries))


def render_sitemap_index(site: Site, paths: list[str]) -> str:
    items = Markup("").join(Markup("<sitemap><loc>{}</loc></sitemap>").format(site.url(p)) for p in paths)
    return str(Markup(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</sitemapindex>'
    ).format(items))


def render_news_sitemap(site: Site, articles: list[StoryArticle]) -> str:
    items = Markup("").join(
        Markup(
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>"
            "<news:language>en</news:language></news:publication>"
            "<news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>"
        ).format(site.url(a.path), site.name, a.published, a.title)
        for a in articles
    )
    return str(Markup(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{}</urlset>'
    ).format(items))


def _full_time(published: str) -> str:
    return published if "T" in published else published + "T00:00:00+00:00"


def _rfc822(published: str) -> str:
    return format_datetime(datetime.fromisoformat(_full_time(published)), usegmt=True)


def build_story_web(*, robots_disallow: str = "/private/") -> tuple[FakeWeb, list[StoryArticle]]:
    """Start the five outlets of the Millbrook story: home pages, feeds, sitemaps, robots.txt, articles.

    Discovery paths: the Observer has an RSS feed, Northwind an Atom feed, the Pine County Post a
    sitemap index with a news sitemap, QuickTake only a home page, Valley Voice is reached only
    by following the links other articles give. Each outlet also has a page under /private/
    that robots.txt disallows and the home page links to.
    """
    web = FakeWeb()
    articles = story_articles()
    for host, name in OUTLETS.items():
        web.site(host, name)
    for host, site in web.sites.items():
        mine = [a for a in articles if a.host == host]
        for article in mine:
            site.add(article.path, render_article(article, web))
        site.add("/private/drafts.html", render_article(
            StoryArticle(host, "/private/drafts.html", "Draft: not for crawlers", "2026-05-04",
                         ["This draft page is disallowed by robots.txt and must never be fetched by a polite crawler."]),
            web))
        robots = f"User-agent: *\nDisallow: {robots_disallow}\n"
        if host == "pinepost.example":
            robots += f"Sitemap: {site.url('/sitemap.xml')}\n"
        site.add("/robots.txt", robots, "text/plain")
        if host == "valleyvoice.example":
            site.add("/", render_home(site, []))
            continue
        feeds = {"observer.example": ("/feed.xml", "application/rss+xml"),
                 "northwind.example": ("/atom.xml", "application/atom+xml")}
        site.add("/", render_home(site, mine, ["/private/drafts.html"], feeds.get(host)))
        if host == "observer.example":
            site.add("/feed.xml", render_rss(site, mine), "application/rss+xml")
        elif host == "northwind.example":
            site.add("/atom.xml", render_atom(site, mine), "application/atom+xml")
        elif host == "pinepost.example":
            site.add("/sitemap.xml", render_sitemap_index(site, ["/sitemap-news.xml"]), "application/xml")
            site.add("/sitemap-news.xml", render_news_sitemap(site, mine), "application/xml")
    return web, articles
