"""Text from pages made safe to print on a terminal, which would obey the escape sequences it may hold."""

from __future__ import annotations

import logging
import re
import unicodedata

# every character that can move the cursor, change colours or reorder text on a terminal: C0 and C1
# controls (ESC, CSI, BEL, CR), format characters (bidirectional overrides, zero-width joiners), line
# and paragraph separators; and surrogates, private and unassigned code points
UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
UNPRINTABLE_RE = re.compile(r"[^ -~]")  # everything outside printable ASCII is looked at


def escape_for_terminal(text: str) -> str:
    """`text` with every control, format or separator character as an escape (\\x1b, \\u202e); one line stays one."""

    def escape(found: re.Match) -> str:
        char = found.group()
        if unicodedata.category(char) not in UNPRINTABLE_CATEGORIES:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return UNPRINTABLE_RE.sub(escape, text)


class TerminalFormatter(logging.Formatter):
    """A log formatter that escapes each line of a record (a traceback's too), which may quote a page or a file."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(escape_for_terminal(line) for line in super().format(record).split("\n"))
