"""Untrusted text on a terminal: article text, file names and urls.

Article text is written by strangers. Printed raw through rich it can crash a
command (``[/]`` is a rich markup error), turn into markup (``[link=...]`` makes a
clickable link and hides the text), or drive the terminal itself (ANSI escape
sequences set the window title, clear the screen, or fake a hyperlink).
``safe`` is the one door such text goes through before it reaches a console;
``visible`` is the part that does not depend on rich (for other front ends such
as a web page, which escape HTML themselves).

Control characters are replaced one for one by a visible stand-in, so a
string keeps its length and character offsets into it (evidence spans) stay
right: C0 controls become their Unicode "control picture" (ESC -> ␛), DEL ␡,
C1 controls and the bidirectional overrides that reorder what is shown
(the "Trojan source" characters) become U+FFFD �.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from rich.console import Console
from rich.markup import escape as _escape_markup

# C0 (without \t and \n, which callers treat as whitespace), DEL, C1, and the Unicode
# bidirectional embeddings, overrides and isolates
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_C1_AND_BIDI = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str | None) -> str:
    """``text`` with every control character replaced by a visible stand-in (same length)."""
    return _CONTROLS.sub(_picture, text or "")


def safe(text: Any, width: int | None = None, oneline: bool = True) -> str:
    """Untrusted text made safe to print through rich with markup on.

    Control characters are made visible, rich markup is escaped (``[/]`` prints as
    itself), and with ``oneline`` line breaks and tabs become spaces (a table cell, a
    message line). ``width`` shortens it at a word boundary with an ellipsis.
    """
    text = "" if text is None else str(text)
    if oneline:
        text = " ".join(text.split())
    text = visible(text)
    if width is not None:
        text = shorten(text, width)
    return _escape_markup(text)


def shorten(text: str, width: int) -> str:
    """At most ``width`` characters, cut at a word boundary and ended with "…" when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width // 2:  # a word boundary not too far back; else cut the long word itself
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def json_line(data: Any, indent: int | None = None) -> str:
    """JSON for a terminal: like ``json.dumps`` (UTF-8 kept), but C1 controls and
    bidirectional overrides written as \\u escapes (json escapes only C0 itself).
    The data is unchanged: a JSON reader gets the same strings back."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _C1_AND_BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not evaluate (the OWASP rule for CSV injection).

    Text starting with = + - @, a tab or a carriage return is a formula to Excel,
    LibreOffice and Google Sheets (``=HYPERLINK(...)``, ``@SUM(...)``); such a cell gets
    a leading ``'``, which spreadsheets show as text. Control characters are made
    visible. Numbers are left as they are.
    """
    if not isinstance(value, str):
        return value
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return visible(value)


def stdout_console() -> Console:
    """The console for results. Piped or logged (make run, CI), there is no terminal
    to fit, so lines are wide enough to keep sentences readable."""
    console = Console(emoji=False)
    if not console.is_terminal and not _columns_set():
        console = Console(emoji=False, width=160)
    return console


def stderr_console() -> Console:
    """The console for progress, skip notices and errors. When stderr is a file, a
    message stays on one line (soft wrap), so each skipped input is one line of log."""
    console = Console(stderr=True, emoji=False, highlight=False)
    if not console.is_terminal:
        console = Console(stderr=True, emoji=False, highlight=False, soft_wrap=True)
    return console


def _columns_set() -> bool:
    return "COLUMNS" in os.environ

