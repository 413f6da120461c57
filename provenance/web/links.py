"""URLs of our pages and safe links to scraped URLs (only http and https become links)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import Markup

if TYPE_CHECKING:
    from datasette.app import Datasette

WEB_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def is_web_url(url: object) -> bool:
    """True when `url` is an absolute http(s) URL with a host and no control characters."""
    if not isinstance(url, str) or CONTROL_CHARS.search(url):
        return False
    if not WEB_URL.match(url):
        return False
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:
        return False


def render_external_link(url: object, text: object = None) -> Markup:
    """An escaped link to a scraped URL when it is http(s); otherwise the escaped text alone."""
    label = url if text is None else text
    if is_web_url(url):
        return Markup('<a href="{}" rel="nofollow noopener noreferrer" class="external">{}</a>').format(
            url, label if label is not None else ""
        )
    return Markup("<span class=\"unlinked-url\">{}</span>").format(label if label is not None else "")


class PageUrls:
    """Paths of our pages and of Datasette's row and table pages for one database."""

    def __init__(self, datasette: Datasette, database: str) -> None:
        self.datasette = datasette
        self.database = database
        self.base = datasette.urls.database(database).rstrip("/")

    def page(self, page: str, item: object = None) -> str:
        """Our page `page` (quote, outlet, article, timeline), for `item` when given."""
        path = f"{self.base}/-/{page}"
        if item is not None:
            path += "/" + quote(str(item), safe="")
        return path

    def quote(self, quote_id: object) -> str:
        """The lineage page of a quote cluster."""
        return self.page("quote", quote_id)

    def outlet(self, outlet_id: object) -> str:
        """The page of an outlet."""
        return self.page("outlet", outlet_id)

    def article(self, article_id: object) -> str:
        """The page of an article."""
        return self.page("article", article_id)

    def timeline(self) -> str:
        """The story timeline."""
        return self.page("timeline")

    def table(self, table: str, **filters: object) -> str:
        """Datasette's page of a table, filtered by exact column values."""
        path = self.datasette.urls.table(self.database, table)
        if filters:
            path += "?" + urlencode({key: str(value) for key, value in filters.items()})
        return path

    def row(self, table: str, row_id: object) -> str:
        """Datasette's page of one row."""
        return f"{self.datasette.urls.table(self.database, table)}/{quote(str(row_id), safe='')}"
