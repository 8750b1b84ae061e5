"""Lines a site prints on many of its pages: the batch-level half of the debris model.

boilerpipe's observation, for plain text: a slogan, a menu entry or a standing notice that
one outlet prints on half of its pages is boilerplate on all of them, whatever it says.
``read_and_clean`` counts the lines of a batch's pages per site in one pass before
cleaning (reading is cheap next to parsing), and ``clean`` then removes a page's lines
that its site repeats, with the reason "site boilerplate".

Pages are grouped by site: the outlet the source names, else the web address's host,
else the folder the file is in. HTML pages are not counted: trafilatura already strips a
page's template, and extracting each page twice would double its cost.

Memory stays bounded on a batch of millions of pages: the counts are kept with lossy
counting (Manku and Motwani, "Approximate frequency counts over data streams", 2002),
which drops lines seen on too few pages as it goes. Written here because it is a dozen
lines and no maintained PyPI package offers a frequent-items counter for strings
(datasketch has sets and similarity sketches, not frequencies).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from urllib.parse import urlparse

from dyads.model import RawDocument

# a line counts if it has at most this many words: boilerplate is short, prose is not repeated
MAX_WORDS = 40
# a line is boilerplate when its site prints it on at least MIN_PAGES pages and MIN_SHARE of them
MIN_PAGES = 3
MIN_SHARE = 0.5
# lossy counting's error: a line's count may be short by at most this share of the site's pages
ERROR = 0.01


def plain(line: str) -> str:
    """A line's form for comparison across pages: words only, lower case."""
    return re.sub(r"\W+", " ", line).strip().lower()


def site_of(raw: RawDocument) -> str:
    """The site a page belongs to, for counting its repeated lines."""
    if raw.outlet:
        return raw.outlet.lower()
    if raw.url and urlparse(raw.url).hostname:
        return urlparse(raw.url).hostname.removeprefix("www.")
    return str(PurePath(raw.source).parent)


class SiteRepeats:
    """How many pages of each site print each short line, counted in one streaming pass."""

    def __init__(self, min_pages: int = MIN_PAGES, min_share: float = MIN_SHARE, error: float = ERROR):
        self.min_pages, self.min_share = min_pages, min_share
        self.bucket = max(1, math.ceil(1 / error))  # pages per pruning round
        self.pages: dict[str, int] = {}
        self.counts: dict[str, dict[str, list[int]]] = {}  # site -> line -> [count, max undercount]

    def add(self, site: str, lines: Sequence[str]) -> None:
        n = self.pages[site] = self.pages.get(site, 0) + 1
        round_ = math.ceil(n / self.bucket)
        counts = self.counts.setdefault(site, {})
        for key in {plain(line) for line in lines if 0 < len(line.split()) <= MAX_WORDS}:
            if not key:
                continue
            entry = counts.get(key)
            if entry:
                entry[0] += 1
            else:
                counts[key] = [1, round_ - 1]
        if n % self.bucket == 0:  # end of a round: forget lines too rare to ever qualify
            for key in [k for k, (count, under) in counts.items() if count + under <= round_]:
                del counts[key]

    def add_page(self, raw: RawDocument) -> None:
        if raw.text is not None:
            self.add(site_of(raw), page_lines(raw.text))

    def repeated(self, site: str) -> frozenset[str]:
        """The lines (in ``plain`` form) that ``site`` prints on enough of its pages."""
        needed = max(self.min_pages, self.min_share * self.pages.get(site, 0))
        return frozenset(key for key, (count, _) in self.counts.get(site, {}).items() if count >= needed)

    def for_page(self, raw: RawDocument) -> frozenset[str]:
        return self.repeated(site_of(raw))


def page_lines(text: str) -> list[str]:
    from dyads.ingest.clean import normalise_text

    return [line.strip() for line in normalise_text(text).split("\n") if line.strip()]


def count_repeats(raws: Iterable[RawDocument], **limits) -> SiteRepeats:
    """The repeated lines of every site in a batch of pages."""
    repeats = SiteRepeats(**limits)
    for raw in raws:
        repeats.add_page(raw)
    return repeats
