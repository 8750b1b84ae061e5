"""Readers: turn files, folders, feeds, JSONL dumps and stdin into RawDocuments.

A reader never raises on bad input. It yields a ``SourceError`` naming the
source and the reason, and the batch goes on with the next source.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from dyads.model import RawDocument, content_id

# A news article is a few kilobytes; a single document larger than this is
# almost certainly not an article (a dump, a binary, a mistake).
MAX_DOCUMENT_BYTES = 5_000_000


def size_in_words(size: int) -> str:
    """A byte count as messages and --help state it: "5 MB", "5.2 MB", "900 bytes" (1 MB = 10^6 bytes)."""
    if size < 1_000_000:
        return f"{size:,} bytes"
    return f"{size / 1e6:.1f}".removesuffix(".0") + " MB"

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


@dataclass
class SourceError:
    """A source that could not be read, and why, in words a person can act on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


Item = RawDocument | SourceError


def read_sources(paths: Iterable[str], max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """Yield a RawDocument or a SourceError for every document under ``paths``.

    ``-`` reads one document from standard input. Folders are read recursively
    in name order; hidden files are skipped.
    """
    for given in paths:
        if given == "-":
            yield from _read_bytes("<stdin>", sys.stdin.buffer.read(), ".txt", max_bytes)
            continue
        path = Path(given)
        if not path.exists():
            yield SourceError(given, "no such file or folder")
        elif path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                yield SourceError(given, "folder holds no files")
            for file in files:
                yield from read_file(file, max_bytes)
        else:
            yield from read_file(path, max_bytes)


def read_file(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            # streamed line by line: a dump may be far larger than one document
            with path.open("rb") as handle:
                yield from read_jsonl(source, handle, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield SourceError(source, f"file is {size_in_words(size)}, over the {size_in_words(max_bytes)} limit for one document (raise it with --max-bytes)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield SourceError(source, f"cannot be read ({exc.strerror or exc})")
        return
    yield from _read_bytes(source, data, suffix, max_bytes)


def _read_bytes(source: str, data: bytes, suffix: str, max_bytes: int) -> Iterator[Item]:
    if len(data) > max_bytes:
        yield SourceError(source, f"input is {size_in_words(len(data))}, over the {size_in_words(max_bytes)} limit for one document (raise it with --max-bytes)")
        return
    try:
        text = decode(data)
    except UnreadableError as exc:
        yield SourceError(source, str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(source, text.encode("utf-8").splitlines(keepends=True), max_bytes)
    elif suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and _looks_like_feed(text)):
        yield from read_feed(source, text)
    elif suffix in HTML_SUFFIXES or _looks_like_html(text):
        yield RawDocument(source=source, id=content_id(data), html=text)
    else:
        yield RawDocument(source=source, id=content_id(data), text=text)


class UnreadableError(ValueError):
    """Bytes that are not text we can read; the message says why."""


def decode(data: bytes) -> str:
    """Decode bytes to text.

    UTF-8 is tried first (nearly all web text); charset-normalizer decides the
    rest. NUL bytes outside UTF-16 mean a binary file.
    """
    if not data.strip():
        raise UnreadableError("empty: no text in it")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableError("binary: not a text, HTML, JSONL or feed file (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            try:
                return data.decode(best.encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    raise UnreadableError("undecodable: its encoding could not be detected (save it as UTF-8)")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<head" in head)


def _looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head)


def read_jsonl(source: str, lines: Iterable[bytes], max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """One article per line: ``text`` or ``html``, optional url/title/published/outlet."""
    seen_any = False
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        seen_any = True
        if len(line) > max_bytes:
            yield SourceError(where, f"line is {size_in_words(len(line))}, over the {size_in_words(max_bytes)} limit for one document (raise it with --max-bytes)")
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield SourceError(where, f"malformed JSON ({exc.msg if hasattr(exc, 'msg') else exc}); line skipped")
            continue
        if not isinstance(record, dict):
            yield SourceError(where, "a JSONL line must be an object with a 'text' or 'html' field")
            continue
        text, html = record.get("text"), record.get("html")
        if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
            yield SourceError(where, "record has no 'text' or 'html' field with content")
            continue
        yield RawDocument(
            source=record.get("url") or where,
            id=content_id(line.strip()),
            text=text if isinstance(text, str) and text.strip() else None,
            html=None if isinstance(text, str) and text.strip() else html,
            title=_str_or_none(record.get("title")),
            published=_str_or_none(record.get("published") or record.get("date")),
            url=_str_or_none(record.get("url")),
            outlet=_str_or_none(record.get("outlet") or record.get("source")),
        )
    if not seen_any:
        yield SourceError(source, "empty: no JSON lines in it")


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_feed(source: str, text: str) -> Iterator[Item]:
    """RSS/Atom: every entry is an article; its content (or summary) is the text."""
    import feedparser
    from lxml import html as lxml_html

    feed = feedparser.parse(text)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        yield SourceError(source, f"feed has no entries{f' ({problem})' if problem else ''}")
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        if "<" in body:
            try:
                body = lxml_html.fromstring(body).text_content()
            except Exception:  # lxml raises several types on fragments; keep raw text then
                pass
        where = entry.get("link") or f"{source}#{number}"
        if not body.strip():
            yield SourceError(where, "feed entry has no text")
            continue
        published = None
        if entry.get("published_parsed") or entry.get("updated_parsed"):
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        yield RawDocument(
            source=where,
            id=content_id(f"{where}\n{body}"),
            text=body,
            title=_str_or_none(entry.get("title")),
            published=published,
            url=entry.get("link"),
            outlet=_str_or_none(outlet),
        )
