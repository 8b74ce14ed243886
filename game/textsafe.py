"""Text from content, players and file names made safe for a terminal.

Deck text, reflections, names and paths can carry escape sequences (ESC, OSC: window titles, the
clipboard, clearing the screen). Every C0 and C1 control character except newline and tab is shown
as a visible escape (`\\x1b`) before it reaches a terminal, a Markdown report or an error message.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """`text` with control characters shown as visible escapes (newlines and tabs kept)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else
                         f"\\u{ord(m.group()):04x}", text)


def clean_line(text: str) -> str:
    """Like `clean`, for one line: newlines and tabs become spaces."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))
