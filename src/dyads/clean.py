"""Cleaning: from a RawDocument to a Document with a clean body and metadata.

HTML goes through trafilatura first (main text, title, date, site name); then
text of any origin goes through the same line rules, because scraped text keeps
debris that no extractor removes: currency tickers, share widgets, photo
credits (also Russian "Фото:"), view counters, "Related news" lists, repeated
headlines. Every removed line is kept with its reason.

The rules are line rules written by hand: what debris looks like in scraped
news text (a line that is only a number, a credit, a widget) is a property of
the line, and no library classifies lines of already-extracted text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Document, RawDocument, Removed

# --- text normalisation ------------------------------------------------------

_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise_text(text: str) -> str:
    """NFC, one kind of space, one kind of newline, no invisible characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.translate(_INVISIBLE).translate(_ODD_SPACES)
    return "\n".join(line.rstrip() for line in text.split("\n"))


# --- dates -------------------------------------------------------------------

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?"
_NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d{2})\b")
_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MDY = re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b")
_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{MONTH}),?\s+(?P<y>(?:19|20)\d{{2}})\b")


def _valid(y: int, m: int, d: int) -> str | None:
    import datetime

    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_full_date(text: str) -> str | None:
    """The first complete calendar date in ``text`` (day, month and year), ISO formatted."""
    for pattern in (_ISO_DATE, _NUMERIC_DATE):
        for m in pattern.finditer(text):
            value = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
            if value:
                return value
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            month = MONTHS[m["mon"].lower()[:3]]
            value = _valid(int(m["y"]), month, int(m["d"]))
            if value:
                return value
    return None


# --- debris rules --------------------------------------------------------------

@dataclass(frozen=True)
class LineRule:
    reason: str
    pattern: re.Pattern[str]
    max_len: int = 200  # a longer line is prose, whatever it contains


_SOCIAL = r"(?:share|share this(?: article| story)?|tweet|print|e-?mail|whatsapp|facebook|twitter|x|telegram|vk|vkontakte|linkedin|reddit|pinterest|copy link|ok)"

LINE_RULES: list[LineRule] = [
    LineRule("ticker", re.compile(r"(?:[A-Z]{3}(?:/[A-Z]{3})?\s*)?[+\-−]?\d[\d\s.,]*%?(?:\s*[▲▼↑↓+\-−]\s*[\d.,]+%?)?\s*[$€£¥₸₽]?"), 40),
    LineRule("weather", re.compile(r"(?:[A-Z][a-z]+\s*)?[+\-−]?\d{1,2}\s*°\s*[CF]?(?:\s*[A-Z][a-z]+)?"), 40),
    LineRule("view counter", re.compile(r"\d[\d\s,.]*\s*(?:views?|reads?|comments?|просмотр\w*|комментари\w*)", re.I), 40),
    LineRule("photo credit", re.compile(r"(?:photo(?:graph)?s?|фото|foto|image|picture|pic|illustration|credit|photo credit|video|видео|source|источник)\s*(?:by)?\s*[:：/©].{0,120}", re.I), 160),
    LineRule("photo credit", re.compile(r".{0,80}\b(?:getty images|afp photo|reuters/|ap photo|shutterstock|depositphotos)\b.{0,80}", re.I), 160),
    LineRule("share widget", re.compile(rf"(?:{_SOCIAL}\b[:!\s|,·•]*)+", re.I), 120),
    LineRule("subscribe widget", re.compile(r".*\b(?:subscribe to|follow us on|join (?:us|our)|be the first to know|sign up for (?:our|the)|newsletter|download (?:our|the) app)\b.*", re.I), 200),
    LineRule("navigation", re.compile(r"(?:skip to (?:main )?content|menu|main menu|home|search|log ?in|sign in|sign up|register|back to top|next article|previous article|load more|all news|breadcrumbs?|go to top)", re.I), 40),
    LineRule("cookie notice", re.compile(r".*\bcookies?\b.*\b(?:use|accept|consent|policy|settings|agree)\b.*|.*\b(?:accept|consent)\b.*\bcookies?\b.*", re.I), 300),
    LineRule("related list", re.compile(r"(?:related(?: news| articles| stories| posts)?|read (?:also|more)|see also|also read|more on (?:this|the) topic|recommended|you may also like|most read|most popular|latest news|popular news|top stories)\s*:?(?:\s.{0,150})?", re.I), 170),
    LineRule("copyright", re.compile(r"(?:©|\(c\)\s|copyright\b|all rights reserved).*", re.I), 200),
    LineRule("tags", re.compile(r"(?:tags?|keywords?|topics?)\s*:.*", re.I), 200),
    LineRule("date line", re.compile(rf"(?:(?:published|updated|posted|last updated|date)\s*:?\s*)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}){_TIME}(?:\s*\|?\s*\d+)?", re.I), 60),
    LineRule("byline", re.compile(r"(?:by|author|автор)\s*:?\s+[A-ZА-Я][\w.'\- ]{1,60}", re.I), 60),
]

_TIMESTAMP = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}(?:\s+\d{1,2}:\d{2})?")
_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
# "Related news" headings are followed by a list of headlines: short lines
# without sentence punctuation, removed until prose starts again.
_HEADLINE_LIKE = re.compile(r"^[^.!?]{3,160}$")


def classify_line(line: str) -> str | None:
    """The debris reason for one stripped line, or None for a line of text."""
    for rule in LINE_RULES:
        if len(line) <= rule.max_len and rule.pattern.fullmatch(line):
            return rule.reason
    return None


# --- title, dateline, outlet ---------------------------------------------------------

_CAPS_CITY = r"(?P<city>[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+){0,2})"
_MIXED_CITY = r"(?P<city>[A-Z][a-z'’]+(?:[ \-][A-Z][a-z'’]+){0,2})"
_AGENCY = r"(?P<agency>[A-Z][A-Za-z.&\- ]{1,30}?)"
DATELINES = [
    # "NUR-SULTAN. KAZINFORM –", "MOSCOW (Reuters) -", "ASTANA —", "ASTANA, Kazakhstan, January 3."
    re.compile(rf"^{_CAPS_CITY}\.\s+(?P<agency>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)?)\s*[—–\-]\s"),
    re.compile(rf"^{_CAPS_CITY}(?:,\s*[A-Z][A-Za-z .]+?)?\s*\({_AGENCY}\)\s*[—–\-:]\s"),
    re.compile(rf"^{_CAPS_CITY}(?:,\s*[A-Z][A-Za-z .]+?)?(?:,\s*{MONTH}\s+\d{{1,2}})?\s*(?:[—–:]|\s-|\.)\s"),
    # "Beijing, The Gulf Observer:", "Astana — "
    re.compile(rf"^{_MIXED_CITY},\s*(?P<outlet>(?:The\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){{0,4}})\s*:\s"),
    re.compile(rf"^{_MIXED_CITY}(?:,\s*{MONTH}\s+\d{{1,2}})?\s*[—–]\s"),
]
# "..., Trend reports.", "El.kz reports with reference to Akorda", "Kazinform has learnt from ..."
OUTLET_CUE = re.compile(
    r"(?:^|[,.;:]\s+|\s[—–]\s)(?P<outlet>[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*){0,3})\s+"
    r"(?:reports|reported|has learnt|has learned|informs|writes|correspondent reports)\b"
    r"(?=\s*(?:[.,;:]|$)|\s+(?:with reference|citing|quoting|from|that))"
)
_NOT_CITIES = {"UN", "EU", "NATO", "BREAKING", "UPDATE", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTO", "OPINION", "ANALYSIS", "NOTE"}


def _title_case(name: str) -> str:
    return "-".join(" ".join(w.capitalize() for w in part.split(" ")) for part in name.split("-"))


def find_dateline(paragraph: str) -> tuple[str | None, str | None]:
    """(city, outlet) from the dateline that opens ``paragraph``, if there is one."""
    for pattern in DATELINES:
        m = pattern.match(paragraph)
        if not m:
            continue
        city = m["city"].strip(" .")
        if city.upper() in _NOT_CITIES or len(city) < 3:
            continue
        groups = m.groupdict()
        outlet = groups.get("agency") or groups.get("outlet")
        if outlet and outlet.isupper():
            outlet = _title_case(outlet.lower())
        return (_title_case(city.lower()) if city.isupper() else city), (outlet.strip() if outlet else None)
    return None, None


def find_outlet_cue(text: str) -> str | None:
    m = OUTLET_CUE.search(text)
    return m["outlet"] if m else None


def looks_like_title(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= 30 or len(line) > 250:
        return False
    if re.search(r"[.,;:!]$", line):
        return False
    if find_dateline(line + " ")[0]:
        return False
    return any(w[:1].isupper() for w in words)


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


def clean(raw: RawDocument) -> Document:
    """Strip debris and find title, publication date, dateline and outlet."""
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

    kept: list[str] = []
    found_title: str | None = None
    in_related = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        reason = classify_line(stripped)
        if reason is None and in_related and _HEADLINE_LIKE.match(stripped):
            reason = "related list"
        if reason is None and found_title and stripped == found_title:
            reason = "repeated headline"
        if reason is None and found_title is None and not any(kept) and not looks_like_title(stripped) and len(stripped.split()) <= 3 and not re.search(r"[.!?]", stripped):
            reason = "navigation"
        if reason == "photo credit":
            # "Фото: Akorda 14.09.2022 18:28 851": the credit and the counter go, the timestamp stays
            stamp = _TIMESTAMP.search(stripped)
            if stamp:
                removed.append(Removed(stripped, reason))
                kept.append(stamp.group(0))
                continue
        if reason:
            removed.append(Removed(stripped, reason))
            in_related = reason == "related list" or (in_related and reason is not None)
            continue
        in_related = False
        if found_title is None and not any(kept):
            found_title = stripped if looks_like_title(stripped) else ""
        kept.append(stripped)

    body = "\n".join(kept).strip("\n")
    if not published:
        published = next((d for r in removed if r.reason in {"photo credit", "date line", "byline", "view counter"} for d in [find_full_date(r.text)] if d), None)
    if title is None and found_title:
        title = found_title

    paragraphs = [p for p in body.split("\n") if p.strip()]
    lede = [p for p in paragraphs if p != title][:2]
    dateline = None
    for paragraph in lede[:1]:
        dateline, dateline_outlet = find_dateline(paragraph)
        outlet = outlet or dateline_outlet
    if outlet is None:
        outlet = next((o for p in lede + paragraphs[:4] for o in [find_outlet_cue(p)] if o), None)

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


def _iso_or_none(value: str | None) -> str | None:
    if not value:
        return None
    return find_full_date(value)


def _from_html(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Main text and metadata of an HTML page: trafilatura, htmldate as a fallback for the date."""
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if result is None or not (result.text or "").strip():
        raise ValueError("no main text found in the HTML (truncated or not an article page)")
    date = result.date
    if not date:
        from htmldate import find_date

        date = find_date(html, extensive_search=False)
    return result.text, result.title, _iso_or_none(date), result.sitename
