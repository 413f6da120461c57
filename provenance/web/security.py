"""Safe publishing: Content-Security-Policy on every page and optional robots blocking."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import datasette

LOGGER = logging.getLogger(__name__)

BLOCK_ROBOTS_ENV = "PROVENANCE_BLOCK_ROBOTS"
ROBOTS_TXT = "User-agent: *\nDisallow: /\n"
ROBOTS_HEADER = "noindex, nofollow, noarchive"
FALSE_WORDS = {"0", "false", "no", "off", ""}
SCRIPT_BODY = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def hash_inline_scripts(template: Path) -> list[str]:
    """CSP source expressions ('sha256-...') for each static inline script in a template."""
    try:
        text = template.read_text(encoding="utf-8")
    except OSError:
        LOGGER.warning("cannot read %s to hash its inline script", template)
        return []
    hashes = []
    for body in SCRIPT_BODY.findall(text):
        if "{{" in body or "{%" in body:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return hashes


# base.html includes this static script (it closes open menus); allow it by hash, nothing else.
MENU_SCRIPT_HASHES = hash_inline_scripts(
    Path(datasette.__file__).parent / "templates" / "_close_open_menus.html"
)

# Our pages: no script but Datasette's menu script, styles and images from this origin only.
PAGE_CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src " + (" ".join(MENU_SCRIPT_HASHES) or "'none'"),
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

# Datasette's own pages carry inline scripts of their own; keep everything on this origin.
DATASETTE_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
    ]
)


def should_block_robots(plugin_config: dict | None) -> bool:
    """Whether to keep robots out: the env variable wins over the `block_robots` plugin setting."""
    value = os.environ.get(BLOCK_ROBOTS_ENV)
    if value is not None:
        return value.strip().lower() not in FALSE_WORDS
    return bool((plugin_config or {}).get("block_robots", False))


ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]


def wrap_asgi(app: ASGIApp, *, block_robots: bool) -> ASGIApp:
    """An ASGI app that adds a CSP (where a page set none) and, when asked, X-Robots-Tag."""

    async def wrapped(scope: dict, receive: Callable, send: Callable) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message.get("type") == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {name.lower() for name, _value in headers}
                content_type = b""
                for name, value in headers:
                    if name.lower() == b"content-type":
                        content_type = value.lower()
                if b"content-security-policy" not in names and content_type.startswith(b"text/html"):
                    headers.append((b"content-security-policy", DATASETTE_CSP.encode("ascii")))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if block_robots:
                    headers.append((b"x-robots-tag", ROBOTS_HEADER.encode("ascii")))
                message = dict(message, headers=headers)
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped
