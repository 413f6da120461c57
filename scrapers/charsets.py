"""Character sets of pages: one rule for every way a page arrives (fetched, archived, saved).

BOM first, then the declarations (Content-Type header, <meta>, XML declaration) as browsers
read them (WHATWG: latin-1 labels mean windows-1252, a utf-16 label inside ASCII markup means
utf-8, utf-7 and utf-32 are never honoured), then UTF-8, then detection.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

import charset_normalizer

LOGGER = logging.getLogger(__name__)

META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING_RE = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
WORD_RE = re.compile(r"[^\W\d_]+")
# Labels no browser decodes with (WHATWG Encoding Standard): treated as not declared.
UNHONOURED_CODECS = frozenset({"utf-7", "utf-32", "utf-32-le", "utf-32-be"})
UTF16_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be"})


def _charset_param(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header."""
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _codec(name: str | None) -> str | None:
    """The Python codec name for a declared charset, or None when unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read latin-1 labels as windows-1252 (WHATWG Encoding Standard).
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def detect_encoding(body: bytes, content_type: str | None = None) -> str:
    """The encoding of a text body: BOM, header, meta/XML declaration, then detection."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return name
    head = body[:4096]
    declared = [(_charset_param(content_type), "header")]
    for regex in (XML_ENCODING_RE, META_CHARSET_RE):
        match = regex.search(head)
        if match:
            declared.append((match.group(1).decode("ascii", "replace"), "document"))
    utf8_declared = False
    for name, where in declared:
        codec = _codec(name)
        if codec is None or codec in UNHONOURED_CODECS:
            continue
        if codec in UTF16_CODECS:
            # A declaration we could read in ASCII bytes is no UTF-16 (WHATWG reads a meta
            # utf-16 as utf-8); a header's is believed only for a body that looks like UTF-16.
            if where == "header" and _looks_utf16(body):
                return "utf-16-le" if codec == "utf-16" else codec
            codec = "utf-8"
        utf8_declared = utf8_declared or codec == "utf-8"
        if codec == "cp1252" or _decodes(body, codec):
            return codec
        LOGGER.debug("declared charset %s does not decode the body; detecting", name)
    if _decodes(body, "utf-8"):
        return "utf-8"
    # Declared utf-8 but not: most often latin-1 or windows-1252, which statistics on a short
    # page mistake for a Baltic or Cyrillic code page.
    if utf8_declared and _decodes(body, "cp1252") and _reads_western(body.decode("cp1252")):
        return "cp1252"
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is None or not best.encoding:
        return "cp1252"
    codec = _codec(best.encoding) or best.encoding
    # Undeclared single-byte pages: windows-1252, the browsers' default, when it reads what the guess reads
    # but for punctuation where the guess has a letter standing outside any word: on a short English page
    # with guillemets the statistics chose iso8859-10, and each quotation opened with "Ŧ".
    if codec != "cp1252" and _decodes(body, "cp1252") and _only_punctuation_differs(body, codec):
        return "cp1252"
    return codec


def _only_punctuation_differs(body: bytes, codec: str) -> bool:
    """Whether `body` in windows-1252 differs from `codec` only where 1252 has punctuation and `codec` a stray letter.

    A Central European or Baltic page keeps its code page: its letters inside words (ł, ą, ś) are
    no punctuation in 1252 (³, ¹, œ)."""
    try:
        guess = body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    western = body.decode("cp1252")
    if len(guess) != len(western):  # not a single-byte code page
        return False
    for at, (ours, theirs) in enumerate(zip(western, guess)):
        if ours == theirs:
            continue
        if unicodedata.category(ours)[0] not in "PS" or not theirs.isalpha():
            return False
        before = guess[at - 1] if at else " "
        after = guess[at + 1] if at + 1 < len(guess) else " "
        if before.isalpha() and after.isalpha():  # a letter inside a word: the guess's reading
            return False
    return True


def _looks_utf16(body: bytes) -> bool:
    """Whether a body without BOM looks like UTF-16: markup in it is every other byte NUL."""
    sample = body[:4096]
    return len(sample) >= 2 and sample.count(0) * 8 >= len(sample)


def _reads_western(text: str) -> bool:
    """Whether windows-1252 text reads as a Western language: accented letters inside words of plain ones."""
    # "Caf\u00e9", "na\u00efve"; a Cyrillic page read as 1252 has words of accented letters only.
    accented = [word for word in WORD_RE.findall(text) if not word.isascii()]
    mixed = sum(1 for word in accented if any(ch.isascii() for ch in word))
    return mixed * 2 >= len(accented)


def _decodes(body: bytes, codec: str) -> bool:
    """Whether `body` decodes strictly with `codec` (a cut multibyte tail is allowed)."""
    try:
        body.decode(codec)
        return True
    except UnicodeDecodeError as exc:
        return exc.start >= len(body) - 4 and codec.startswith("utf")
    except LookupError:
        return False


XML_DECLARED_ENCODING_RE = re.compile(r"^(\s*<\?xml[^>]*?)\sencoding\s*=\s*[\"'][^\"']*[\"']")
XML_DECLARED_ENCODING_BYTES_RE = re.compile(XML_DECLARED_ENCODING_RE.pattern.encode("ascii"))


def xml_as_utf8(data: bytes) -> bytes:
    """An XML document (a feed, a sitemap) as UTF-8 bytes its parser reads as it is meant.

    A UTF-16 byte-order mark wins over the declaration, as in a browser: the text is decoded by it and its
    declaration loses the encoding it names (a server re-encoding a feed keeps its old "UTF-8"). A UTF-16
    declaration readable as ASCII is wrong (UTF-16 text cannot be read so) and is dropped as well, and so is an
    encoding written in characters no codec's name has. Other documents are returned as they are."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        text = data.decode("utf-16", errors="replace")
        return XML_DECLARED_ENCODING_RE.sub(r"\1", text, count=1).encode("utf-8")
    declared = XML_ENCODING_RE.match(data.lstrip()[:200])
    if declared and _codec(declared.group(1).decode("ascii")) in UTF16_CODECS:
        text = data.decode("utf-8", errors="replace")
        return XML_DECLARED_ENCODING_RE.sub(r"\1", text, count=1).encode("utf-8")
    if not declared and XML_DECLARED_ENCODING_BYTES_RE.match(data):
        # an encoding no codec can be named by (a NUL, a space inside): feedparser's lookup of it raised ValueError
        return XML_DECLARED_ENCODING_BYTES_RE.sub(rb"\1", data, count=1)
    return data
