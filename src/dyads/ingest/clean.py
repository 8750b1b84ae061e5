"""Cleaning: from a RawDocument to a Document with a clean body and metadata.

HTML goes through trafilatura first (main text, title, date, site name); then
text of any origin (HTML, plain text, JSONL) goes through the same line model
(debris.py: which lines are not the article, each removal with its reason) and
the same metadata cues (metadata.py: title, dateline, outlet; dates.py: the
publication date). This module puts them together and normalises the text.
"""

from __future__ import annotations

import re
import unicodedata

from dyads.ingest.boilerplate import count_repeats
from dyads.ingest.dates import MONTH, MONTHS, find_full_date, is_date_line  # noqa: F401  (MONTH, MONTHS: shared with timevalue)
from dyads.ingest.debris import Verdict, agency_signature, classify_lines, shape, strip_inline_markup
from dyads.ingest.metadata import (
    _title_case, body_start, canonical_agency, find_dateline, find_title, known_place, outlet_from_byline,
    outlet_from_lede, outlet_from_line, outlet_from_reports,
)
from dyads.model import Document, RawDocument, Removed

_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")

# --- text normalisation ------------------------------------------------------

_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise_text(text: str) -> str:
    """NFC, one kind of space, one kind of newline, no invisible characters; a dateline
    that the scraper glued to the end of the line above goes back to its own line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.translate(_INVISIBLE).translate(_ODD_SPACES)
    text = _GLUED_DATELINE.sub("\n", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


# a scraper that drops the line break before a wire dateline: "...the harbour reopenedLIMA, June 3." (a
# lower-case letter straight before a city in capitals, a comma and a date that end the line)
_GLUED_DATELINE = re.compile(rf"(?<=[a-z])(?=[A-Z]{{3,}}(?:[ \-][A-Z]{{2,}})*,\s+(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})\.?\s*$)", re.M)


# --- the cleaner --------------------------------------------------------------------

def detect_language(text: str) -> str:
    """ISO 639-1 code by script and English function words.

    Only English is annotated well; the code is there so that a user can filter.
    """
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return "und"
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in letters) / len(letters)
    if cyrillic > 0.5:
        return "ru"
    if cjk > 0.3:
        return "zh"
    words = re.findall(r"[a-z]+", text[:5000].lower())
    english = sum(w in {"the", "and", "of", "to", "in", "is", "that", "with", "for", "on"} for w in words)
    return "en" if words and english / len(words) > 0.04 else "und"


def clean(raw: RawDocument, boilerplate: frozenset[str] = frozenset()) -> Document:
    """Strip debris (debris.py) and find title, publication date, dateline and outlet (metadata.py).

    ``boilerplate``: lines the page's site repeats on many pages (see ``clean_batch``); the
    result depends only on the page and this set."""
    title, published, outlet = raw.title, _iso_or_none(raw.published), raw.outlet
    text = raw.text or ""
    if raw.html is not None:
        text, meta_title, meta_date, meta_site = _from_html(raw.html)
        title, published, outlet = title or meta_title, published or meta_date, outlet or meta_site
    text = normalise_text(text)
    removed: list[Removed] = []

    header = _HEADER_DATE.match(text)
    if header:
        removed.append(Removed(header.group(0), "date header"))
        published = published or header.group(1)
        text = text[header.end():]

    unmarked = []
    for line in text.split("\n"):
        plain, tags = strip_inline_markup(line)
        removed.extend(Removed(tag, "markup") for tag in tags)
        unmarked.append(plain)
    text = "\n".join(unmarked)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    page_title = find_title(lines)
    if title is None or (page_title and _same(page_title, title)):
        title = title or page_title
    verdicts = classify_lines(lines, title if title in lines else page_title, boilerplate)
    kept: list[str] = []
    by_line = iter(verdicts)
    for line in text.split("\n"):
        if not line.strip():
            if kept and kept[-1] != "":
                kept.append("")
            continue
        verdict = next(by_line)
        if verdict.reason and verdict.kept_part is None:
            removed.append(Removed(verdict.line, verdict.reason))
            continue
        if verdict.reason:
            removed.append(Removed(verdict.removed_part or "", verdict.reason))
            kept.append(verdict.kept_part or "")
            continue
        kept.append(verdict.line)
    body = "\n".join(kept).strip("\n")

    start = body_start(lines)
    dateline, dateline_agency = _dateline(lines, start)
    published = published or _published(verdicts, start)
    outlet = outlet or dateline_agency or _outlet(lines, verdicts, start)
    if published and not _is_calendar_date(published):
        removed.append(Removed(published, "not a calendar date (publication date left empty)"))
        published = None  # "2024-02-30" in a header: no date beats a wrong one, and nothing downstream trips on it
    return Document(
        id=raw.id,
        source=raw.source,
        body=body,
        title=title,
        published=published,
        dateline=dateline,
        outlet=outlet,
        url=raw.url,
        language=detect_language(body),
        removed=removed,
    )


_STAMP_REASONS = {"date line", "byline", "page header", "page label", "photo credit"}


def _published(verdicts: list[Verdict], start: int) -> str | None:
    """The first date stamp of the page head, else of a trailing date line, else the page's only date stamp."""
    paragraphs = [i for i, v in enumerate(verdicts) if not v.reason and shape(v.line).is_prose]
    head_end = max(start + 1, paragraphs[1] if len(paragraphs) > 1 else 0)
    for i, v in enumerate(verdicts):
        if i <= head_end and v.reason in _STAMP_REASONS:
            date = find_full_date(v.line)
            if date:
                return date
    for v in reversed(verdicts[start:]):
        if v.reason == "date line":
            return find_full_date(v.line)
        if v.reason is None:
            break
    # the only date stamp of the page, even under a list of other stories: it is then the
    # one date the page gives, which its own date is most likely to be
    stamps = {find_full_date(v.line) for v in verdicts[start:] if v.reason in {"related list", "page footer"} and is_date_line(v.line)}
    stamps.discard(None)
    return stamps.pop() if len(stamps) == 1 else None


def _dateline(lines: list[str], start: int) -> tuple[str | None, str | None]:
    """(city, agency) of the dateline opening the article, or standing on its own line
    above it or just under a standfirst."""
    for i, line in enumerate(lines[: start + 3]):
        if is_date_line(line):
            m = re.search(r"\s[-–—|]\s+(?P<city>[A-Z][A-Z .\-]{2,30})$", line)
            if m and known_place(m["city"].strip()):
                return _title_case(m["city"].strip()), None
            continue
        city, agency, end = find_dateline(line)
        if city and (i <= start or end >= len(line.rstrip(" .")) - 1):
            return city, canonical_agency(agency) if agency else None
    return None, None


def _outlet(lines: list[str], verdicts: list[Verdict], start: int) -> str | None:
    """The outlet that signs the text, from the most to the least explicit cue."""
    first_paragraph = next((i for i, v in enumerate(verdicts) if i >= start and not v.reason and shape(v.line).is_prose), start)
    for i, line in enumerate(lines[: first_paragraph + 1]):
        found = outlet_from_line(line, after_dateline=i > 0 and find_dateline(lines[i - 1])[0] is not None)
        if found:
            return found
    lede = [v.kept_part or v.line for v in verdicts[start:start + 4] if not v.reason or v.kept_part]
    for paragraph in lede:
        found = outlet_from_lede(paragraph)
        if found:
            return found
    for paragraph in lede:
        found = outlet_from_reports(paragraph)
        if found:
            return found
    for v in verdicts:
        if v.reason == "agency credit":
            signature = agency_signature(v.removed_part or v.line)
            if signature:
                return signature[1]
    for v in verdicts:
        if v.reason in {"byline", "date line", "page footer", "page header"}:
            found = outlet_from_byline(v.line)
            if found:
                return found
    return None


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


def _is_calendar_date(value: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def clean_batch(raws: list[RawDocument], min_pages: int = 3) -> list[Document]:
    """Clean a batch with the batch-level pass: a line that many pages of one site print
    (a slogan, a menu, a standing notice) is debris on all of them (see ``boilerplate``)."""
    repeats = count_repeats(raws, min_pages=min_pages)
    return [clean(raw, repeats.for_page(raw)) for raw in raws]


def _iso_or_none(value: str | None) -> str | None:
    if not value:
        return None
    return find_full_date(value)


def _from_html(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Main text and metadata of an HTML page: trafilatura, htmldate as a fallback for the date."""
    import trafilatura

    # no extensive date search: it parses every date-like string of the page with dateparser
    # (seconds per page, and a guessed date); the page's own stamps are read from the text instead
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                         date_extraction_params={"extensive_search": False, "original_date": True})
    if result is None or not (result.text or "").strip():
        raise ValueError("no main text found in the HTML (truncated or not an article page)")
    date = result.date
    if not date:
        from htmldate import find_date

        date = find_date(html, extensive_search=False)
    return result.text, result.title, _iso_or_none(date), result.sitename
