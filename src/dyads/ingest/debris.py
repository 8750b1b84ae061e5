"""The debris model: which lines of a scraped page are not the article (produces: Removed).

The idea is jusText's and boilerpipe's, for plain text: every line is judged by
its shape — length, sentence punctuation, share of function words and of
capitalised words, link and markup remnants, digits — and then by its context:
its position before the article (head), after it (tail) or between paragraphs,
what it stands next to (a caption beside a credit, a comment above a vote
counter, a list under a "Related" label) and whether it repeats a line above.
The vocabulary of page furniture (widget labels, credit words, reader prompts)
is data (data/debris_cues.json); no rule names an outlet.

Written by hand because no library classifies lines of already-extracted text:
jusText needs the HTML block structure and drops short lines that news prose
needs (one-sentence paragraphs, datelines, subheadings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from dyads.ingest.boilerplate import plain as _plain
from dyads.ingest.dates import is_date_line

# --- data ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cues:
    label_words: frozenset[str]
    related_words: frozenset[str]
    credit_words: frozenset[str]
    caption_markers: tuple[str, ...]
    prompt_verbs: frozenset[str]
    prompt_nouns: frozenset[str]
    rights_words: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = json.loads(resources.files("dyads.data").joinpath("debris_cues.json").read_text(encoding="utf-8"))
    return Cues(
        label_words=frozenset(data["label_words"]),
        related_words=frozenset(data["related_words"]),
        credit_words=frozenset(data["credit_words"]),
        caption_markers=tuple(data["caption_markers"]),
        prompt_verbs=frozenset(data["prompt_verbs"]),
        prompt_nouns=frozenset(data["prompt_nouns"]),
        rights_words=frozenset(data["rights_words"]),
    )


@lru_cache(maxsize=1)
def _agency_table() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(written form in lower case -> canonical name, credit-only forms as written, the same in lower case)."""
    names: dict[str, str] = {}
    credit_only: set[str] = set()
    text = resources.files("dyads.data").joinpath("agencies.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, variants, ambiguous = (line.split("\t") + ["", ""])[:3]
        for name in [canonical, *variants.split("|"), *ambiguous.split("|")]:
            if name.strip():
                names[name.strip().lower()] = canonical.strip()
        credit_only.update(name.strip() for name in ambiguous.split("|") if name.strip())
    return names, frozenset(credit_only), frozenset(name.lower() for name in credit_only)


def agency_names() -> dict[str, str]:
    """Every written form of a news agency (lower case) -> its canonical name (data/agencies.tsv)."""
    return _agency_table()[0]


def agency_in_credit(name: str) -> str | None:
    """The canonical agency for ``name`` found in a credit position ("(MAP)", "— PL", "Trend reports"):
    a form that is also an ordinary word or initials counts only with its exact case."""
    names, credit_only, credit_only_lower = _agency_table()
    name = name.strip()
    if name.lower() not in names:
        return None
    if name.lower() in credit_only_lower and name not in credit_only:
        return None
    return names[name.lower()]


def agency_on_its_own(name: str) -> str | None:
    """The canonical agency for ``name`` standing alone (a bare line): never a form that is also a word."""
    names, _credit_only, credit_only_lower = _agency_table()
    name = name.strip()
    if name.lower() in credit_only_lower:
        return None
    return names.get(name.lower())


# --- features of one line -------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*", re.U)
SENTENCE_END = re.compile(r"[.!?…;:][\"'”’»)\]]*$|[\"”’»]$")


@dataclass(frozen=True)
class Shape:
    """What the debris model looks at in one stripped line."""

    text: str
    words: tuple[str, ...]  # words of letters
    stop_share: float      # function words / words
    cap_share: float       # capitalised words / words
    ends_sentence: bool
    numbers: int = 0       # tokens of digits ("2006", "4.6", "$28")

    @property
    def n(self) -> int:
        return len(self.words) + self.numbers

    @property
    def is_prose(self) -> bool:
        """A line of running text: a sentence with a verb-like lower-case word, or a long cut-off paragraph."""
        if self.n >= 30 and self.stop_share >= 0.15:
            return True  # a long paragraph cut off by the scraper
        lower = sum(w[:1].islower() for w in self.words)
        if self.text.endswith(":"):
            return self.n >= 3 and self.stop_share >= 0.2 and lower >= 1
        if self.n == 3 and self.text.endswith(".") and self.text[:1].isupper() and lower >= 1:
            return True  # "Testimony continues today."
        return self.n >= 4 and self.ends_sentence and lower >= 1 and (self.stop_share >= 0.05 or lower >= 2)


def is_stop(word: str) -> bool:
    """A function word; "US" or "IT" in capitals is a name, not "us" or "it"."""
    return word.lower() in STOP_WORDS and not (word.isupper() and len(word) > 1)


@lru_cache(maxsize=16)  # one line's shape is asked for many times while it is classified (17 on a long line)
def shape(line: str) -> Shape:
    words = tuple(w.strip(".'’-") for w in _WORD.findall(line))
    words = tuple(w for w in words if w)
    n = len(words) or 1
    stops = sum(is_stop(w) for w in words)
    caps = sum(w[:1].isupper() for w in words)
    numbers = len(re.findall(r"(?<![\w.,])[$€£¥₸₽]?\d[\d.,:/%]*(?![\w])", line))
    return Shape(line, words, stops / n, caps / n, bool(SENTENCE_END.search(line)), numbers)


# --- debris recognised from the line alone ------------------------------------------------

_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:nbsp|amp|quot|lt|gt);")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_VOTES = re.compile(r"^[+\-−]?\d+\s*\(\s*[+\-−]?\d+\s*/\s*[+\-−]?\d+\s*\)$")
_CURRENCY_CODE = re.compile(r"^(?:[A-Z]{3}(?:/[A-Z]{3})?)$")
_BYLINE = re.compile(r"^(?:by|from|written by|author|authors|posted by|reporting by|edited by|text by|story by)\s*:?\s+(?P<name>\S.{0,80})$", re.I)
_SOCIAL = re.compile(r"^(?:(?:share|share this(?: article| story)?|tweet|print|e-?mail|whatsapp|facebook|twitter|x|telegram|vk|vkontakte|linkedin|reddit|pinterest|copy link|ok)\b[:!\s|,·•]*)+$", re.I)
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b|all rights reserved)", re.I)
_PIPES = re.compile(r"\s[|»›>•·]\s")
_BULLET = re.compile(r"^[•·▪◦●\-–*]\s*")
_VIEW_COUNTER = re.compile(r"^\d[\d\s,.]*[KkMm]?\s*(?:views?|reads?|comments?|shares?|likes?|просмотр\w*|комментари\w*)$", re.I)
_CREDIT_STAMP = re.compile(r"^(?:photo|фото|foto|image|source|источник)\s*:\s*\S.{0,60}?\s(?P<stamp>\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}(?:\s+\d{1,2}:\d{2})?)(?:\s+\d+)?$", re.I)
# a wire story's end mark, with the editor's initials: "... countries. (end) mt", "- END -", "/ENDS"
_SIGN_OFF = re.compile(r"\s+(?:\((?:end|ends)\)|-+\s*end\s*-+|/ends?)(?:\s+[a-z]{1,4}(?:/[a-z]{1,4})?)?\s*$", re.I)
# the text of a link at the end of a teaser paragraph: "... into conflict. read more"
_TRAILING_LINK = re.compile(r"(?<=[.!?\"”’])\s+(?:read more|read the full (?:story|article)|continue reading|see more|more\.\.\.|click here)\s*[.»›>…]*$", re.I)
_WEATHER = re.compile(r"^(?:[A-Z][a-z]+\s*)?[+\-−]?\d{1,2}\s*°\s*[CF]?(?:\s*[A-Z][a-z]+)?$")


def _only_label_words(s: Shape, vocabulary: frozenset[str]) -> bool:
    """Every content word is page furniture ("Most Read", "Font size", "3 min read")."""
    content = [w.lower() for w in s.words if w.lower() not in STOP_WORDS]
    return bool(content) and all(w in vocabulary for w in content)


def credit_fragment(text: str) -> bool:
    """A photo or agency credit on its own: "(Reuters Archive)", "Image: Reuters/Lisa Marie David",
    "Maxim Shipenkov/PAP/EPA", "Anadolu via Getty Images", "[Photo/Xinhua]"."""
    text = text.strip(" |-–—")
    if not text or len(text) > 90:
        return False
    c = cues()
    inner = text
    bracketed = re.fullmatch(r"[(\[](.+)[)\]]", text)
    if bracketed:
        inner = bracketed.group(1)
    words = [w.lower() for w in re.findall(r"[^\W\d_][\w'’.\-]*", inner)]
    if not words or len(words) > 9:
        return False
    if re.match(r"^(?:photo(?:graph)?s?|images?|pictures?|pic|credits?|photo credit|image source|source|illustration|courtesy|фото|источник)\s*(?:by)?\s*[:：/©]", inner, re.I):
        return True
    if bracketed and (any(w in c.credit_words for w in words) or agency_in_credit(inner)):
        return True
    if bracketed and len(words) <= 4 and not re.search(r"\d", inner) and inner[:1].isupper() and "/" in inner:
        return True
    via = re.fullmatch(r"(?P<who>.{1,40}?)\s+via\s+(?P<whence>.{1,30})", inner)
    if via and all(w[:1].isupper() for w in via["who"].split() + via["whence"].split()) and len(words) <= 7:
        return True  # "Anadolu via Getty Images", "Handout via Reuters"
    # "Maxim Shipenkov/PAP/EPA", "EFE/EPA/JUSTIN LANE", "/ Reuters"
    parts = [p.strip() for p in inner.split("/")]
    if len(parts) >= 2 and all(p == "" or re.fullmatch(r"[^\W\d_][\w.'’\- ]{0,40}", p) for p in parts):
        names = [p for p in parts if p]
        if names and any(agency_in_credit(p) or p.lower() in c.credit_words or p.isupper() for p in names):
            return all(not any(w.lower() in STOP_WORDS for w in p.split()) or p.isupper() for p in names)
    return False


def trailing_credit(line: str) -> tuple[int, str] | None:
    """(start, credit) when a caption line ends with a credit ("... on Tuesday. Image: Reuters/Lisa Marie David")."""
    candidates = []
    m = re.search(r"\s*(?:[|]\s*)?(?:[(\[][^()\[\]]{1,80}[)\]])\s*$", line)
    if m:
        candidates.append(m.start())
    m = re.search(r"(?:^|[.\s])\s*(?:\|\s*)?((?:photo(?:graph)?s?|images?|pictures?|credits?|photo credit|image source|courtesy)\s*(?:by)?\s*[:：/].{1,80})$", line, re.I)
    if m:
        candidates.append(m.start(1))
    m = re.search(r"(?:^|[.,]\s+|\s/\s*|\s)([^\s/][^/]{0,40}(?:/[^/]{1,40}){1,3})$", line)
    if m:
        candidates.append(m.start(1))
    m = re.search(r"\s(/\s*[A-Z][\w]+(?: [A-Z][\w]+)?)$", line)
    if m:
        candidates.append(m.start(1))
    m = re.search(r"(?:^|[.]\s+)([A-Z][^.]{0,50}\bvia\s+(?:Getty Images|AP|Reuters|AFP|EPA)[^.]{0,20})$", line)
    if m:
        candidates.append(m.start(1))
    m = re.search(r"(?:^|[.]\s+)((?:file|archive) (?:photo|image|picture)[^.]{0,40}\.?)$", line, re.I)
    if m:
        candidates.append(m.start(1))
    for start in sorted(candidates):
        credit = line[start:].strip()
        if credit_fragment(credit) or re.match(r"(?:file|archive) (?:photo|image|picture)", credit, re.I):
            return start, credit
    return None


def strip_inline_markup(line: str) -> tuple[str, list[str]]:
    """A paragraph of prose with HTML tags left in it: the prose, and the tags taken out."""
    tags = _MARKUP.findall(line)
    if not tags:
        return line, []
    plain = re.sub(r"\s{2,}", " ", _MARKUP.sub("", line)).strip()
    if not shape(plain).is_prose:
        return line, []
    return plain, tags


_SIGNATURE = re.compile(r"(?:^|(?<=[.!?\"”’])\s*)(?:[—–]+|-{1,2})\s*(?P<a>[A-Z][\w.&\- ]{1,30}?(?:\s*/\s*[A-Z][\w.&\- ]{1,30}?)*)\s*$|(?:^|(?<=[.!?\"”’])\s*)\((?P<b>[A-Z][\w.&\- /]{1,30})\)\s*$")


def agency_signature(line: str) -> tuple[int, str] | None:
    """(start, agency) of a wire agency's signature ending a line: "— AFP", "--Reuters/AP", "(Xinhua)"."""
    m = _SIGNATURE.search(line)
    if not m:
        return None
    names = [p.strip() for p in (m["a"] or m["b"]).split("/")]
    if not all(agency_in_credit(p) for p in names):
        return None
    return m.start(), agency_in_credit(names[0])


def has_caption_marker(line: str) -> bool:
    return any(marker in line for marker in cues().caption_markers)


def line_reason(line: str) -> str | None:
    """The debris kind of one stripped line judged alone, or None."""
    s = shape(line)
    c = cues()
    if _MARKUP.search(line) and (s.n <= 12 or len(_MARKUP.findall(line)) >= 2):
        return "markup"
    if _URL.fullmatch(line) or (_URL.search(line) and s.n <= 4 and not s.ends_sentence):
        return "raw link"
    if _VOTES.match(line):
        return "vote counter"
    letters = re.sub(r"[^A-Za-zА-Яа-я]", "", line)
    if len(letters) <= 1 or (s.n <= 3 and all(_CURRENCY_CODE.match(w) for w in s.words) and re.search(r"\d", line)):
        return "numbers"
    if _VIEW_COUNTER.match(line):
        return "view counter"
    if _WEATHER.match(line):
        return "weather"
    if is_date_line(line):
        return "date line"
    if credit_fragment(line):
        return "photo credit"
    if s.n <= 14 and not line.endswith(".") or s.n <= 8:
        bare = _BULLET.sub("", line)
        m = _BYLINE.match(bare)
        if m and (_looks_like_byline_name(m["name"]) or _byline_with_stamp(m["name"])):
            return "byline"
    if _SOCIAL.match(line) and s.n <= 12:
        return "share widget"
    if _COPYRIGHT.match(line) and s.n <= 30:
        return "copyright"
    if s.n <= 30 and _COOKIE.search(line) and re.search(r"\b(?:use|accept|consent|policy|settings|agree)\b", line, re.I):
        return "cookie notice"
    lowered = [w.lower() for w in s.words]
    reported = _REPORTED_SPEECH.search(line)
    if s.n <= 20 and sum(w in c.rights_words for w in lowered) >= 2 and _LEGAL.search(line) and not reported:
        return "copyright"  # "All rights reserved by the publisher", "Copyright reserved"
    unquoted = not re.search(r"[\"“”«»]", line) and not reported
    # a prompt speaks to the reader: "you", "our", "now", "free", "the latest", or is very short
    addressed = _ADDRESSED.search(line) or s.n <= 8
    if lowered and s.n <= 16 and lowered[0] in c.prompt_verbs and _names_a_prompt_noun(lowered[1:]) and unquoted and addressed:
        return "reader prompt"  # an imperative to the reader: "Register now for free unlimited access"
    if s.n <= 25 and addressed and unquoted and re.search(r"\bsubscri(?:be|ption)\b|\bnewsletter\b|\bsign up\b|\bfollow us\b", line, re.I):
        return "reader prompt"
    related = re.match(r"^(?:read more|see also|also read|read also|related(?: news| articles| stories| story| posts| readings)?|more on (?:this|the) topic|recommended|you may also like|most read)\b\s*(?P<sep>[:\-–—|»›]?)", line, re.I)
    if related and s.n <= 25 and (related["sep"] or s.stop_share <= 0.5):
        return "related list"
    if re.match(r"^(?:tags?|keywords?|topics?|filed under)\s*:", line, re.I) and s.n <= 30:
        return "tags"
    if _PIPES.search(line) and s.n <= 12 and not s.ends_sentence:
        return "navigation"
    if s.n <= 6 and not re.search(r"[.!?][\"'”’»)]*$", line) and _only_label_words(s, c.label_words):
        return "page label"
    return None


def _names_a_prompt_noun(words: list[str]) -> bool:
    """ "access", "newsletter"; also glued to the next widget's text ("SubscriptionGift")."""
    nouns = cues().prompt_nouns
    return any(w in nouns or any(len(noun) >= 6 and w.startswith(noun) for noun in nouns) for w in words)


def _byline_with_stamp(rest: str) -> bool:
    """A byline's name followed by its date stamp, even glued to it by the scraper:
    "by Staff Reporter 12 June 2021, updated at 10:15", "by KTV312 June 2021 Last updated at 10:15"."""
    m = re.match(r"(?P<name>\D+?)\s*(?P<stamp>\d.*)$", rest)
    return bool(m) and _looks_like_byline_name(m["name"]) and is_date_line(m["stamp"])


def _looks_like_byline_name(name: str) -> bool:
    name = re.split(r"\s+[•|·]\s+|\s{2,}", name)[0].strip(" ,")
    words = name.replace(",", " ").split()
    if not 1 <= len(words) <= 6:
        return False
    return all(w[:1].isupper() or w.lower() in {"and", "in", "de", "van", "von", "al", "bin", "der", "da", "staff", "agencies"} or "." in w for w in words)


def is_comment_block_start(lines: list[str], i: int) -> bool:
    """A reader comment: a line followed by a vote counter."""
    return i + 1 < len(lines) and bool(_VOTES.match(lines[i + 1]))


# --- the model: lines in their page -------------------------------------------------------------


@dataclass
class Verdict:
    """The decision on one line: kept (reason None), removed with a reason, or kept shortened."""

    line: str
    reason: str | None = None
    kept_part: str | None = None   # what survives when only a prefix was debris
    removed_part: str | None = None


def opens_with_dateline(line: str) -> bool:
    from dyads.ingest.metadata import find_dateline  # metadata builds on this module's shapes

    return find_dateline(line)[0] is not None


def headline_shaped(line: str, short_title_case: bool = True) -> bool:
    """A headline: a short line without a final full stop, not a label, not a list item.
    ``short_title_case=False`` rejects short lines with no lower-case content word, which
    may as well be names ("Regional Executive Committee") as headlines ("Talks Resume In Geneva")."""
    s = shape(line)
    if not 3 <= s.n <= 18 or len(line) > 160:
        return False
    if re.search(r"\.[\s\"'”’»]*$", line) and not re.search(r"\b(?:[A-Z]\.){1,3}$|\b(?:Jr|Sr|St|Co|Inc|Ltd)\.$", line):
        return False
    if line.endswith((",", ";", ":")) or _BULLET.match(line) and not line[:1].isalnum():
        return False
    if line.isupper() and s.n <= 5 and not short_title_case:
        return False
    lowercase_content = [w for w in s.words if w[:1].islower() and w.lower() not in STOP_WORDS]
    if not lowercase_content and s.n < 6 and not short_title_case and not any(is_stop(w) for w in s.words):
        return False
    # Title Case headlines capitalise their content words, and often their function words too
    return s.stop_share <= (0.6 if title_case(s) else 0.45) and s.cap_share > 0


def title_case(s: Shape) -> bool:
    content = [w for w in s.words if not is_stop(w)]
    return bool(content) and sum(w[:1].isupper() for w in content) / len(content) >= 0.9


def _title_case_headline(line: str) -> bool:
    """ "- Inside the Fierce Battle Over America's Oldest Synagogue": a link to another article."""
    if not _BULLET.match(line):
        return False
    bare = _BULLET.sub("", line)
    s = shape(bare)
    return headline_shaped(bare) and s.n >= 4 and title_case(s)


_LEGAL = re.compile(r"\b(?:reserved|copyright)\b", re.I)
_ADDRESSED = re.compile(r"\b(?:you|your|our|us|now|free|today|here|below|latest|up-to-date|informed|tuned|daily|weekly)\b", re.I)
_FILE_MARK = re.compile(r"^\(FILE\)|^FILE PHOTO\b|^FILE\s*[-–—:]\s|\(file photo\)", re.I)
_REPORTED_SPEECH = re.compile(r"^[\"“«]|\b(?:said|says|told|added|stated|wrote)\b")


def _closing_sentence(line: str) -> bool:
    """A two-word sentence that closes an article: a function word as its subject and a
    lower-case word after it ("They agreed.", "None survived."), unlike a link or a credit
    ("Read more.", "Click here.", "Photo: Reuters")."""
    s = shape(line)
    return (len(s.words) == 2 and s.numbers == 0 and line.endswith((".", "!", "?")) and line[:1].isupper()
            and is_stop(s.words[0]) and s.words[1][:1].islower() and not is_stop(s.words[1]))


def _prose_fragment(line: str) -> bool:
    """The start of a sentence cut off by the scraper: "Iran's oil minister assured his Turkme"."""
    s = shape(line)
    lower = sum(w[:1].islower() for w in s.words)
    return s.n >= 5 and s.stop_share >= 0.2 and lower >= 2 and not title_case(s) and not line.endswith(":")


MENU_RUN = 6  # consecutive short lines that make a menu


def menu_lines(lines: Sequence[str]) -> frozenset[int]:
    """Indices of the lines in a menu or widget at the page head (an accessibility panel,
    a section menu): a run of at least MENU_RUN consecutive lines of three words or fewer
    that are not sentences, before the first paragraph of prose. Found by shape, not by the
    menu's words, so it holds whatever the widget's labels say."""
    first_prose = next((i for i, line in enumerate(lines) if shape(line).is_prose), len(lines))
    found: set[int] = set()
    run: list[int] = []
    for i in list(range(first_prose)) + [first_prose]:
        if i < first_prose and shape(lines[i]).n <= 3 and not shape(lines[i]).ends_sentence:
            run.append(i)
            continue
        if len(run) >= MENU_RUN:
            found.update(run)
        run = []
    return frozenset(found)


def classify_lines(lines: list[str], title: str | None = None, boilerplate: frozenset[str] = frozenset()) -> list[Verdict]:
    """The verdict on every stripped, non-empty line of one page, in order; ``boilerplate``:
    lines the page's site repeats on many pages (``boilerplate.SiteRepeats``)."""
    verdicts = [Verdict(line, "site boilerplate" if boilerplate and _plain(line) in boilerplate and line != title
                        else line_reason(line)) for line in lines]
    n = len(lines)
    for i in menu_lines(lines):
        if not verdicts[i].reason and lines[i] != title:
            verdicts[i].reason = "menu"
    for v in verdicts:
        signoff = _SIGN_OFF.search(v.line) or _TRAILING_LINK.search(v.line)
        if signoff and not v.reason and shape(v.line[: signoff.start()]).is_prose:
            reason = "sign-off" if _SIGN_OFF.search(v.line) else "link text"
            v.reason, v.kept_part, v.removed_part = reason, v.line[: signoff.start()].rstrip(), signoff.group(0).strip()
            continue
        stamp = _CREDIT_STAMP.match(v.line)
        if stamp:
            # "Фото: Akorda 14.09.2022 18:28 851": the credit and the counter go, the date stamp stays
            v.reason, v.kept_part, v.removed_part = "photo credit", stamp["stamp"], v.line

    # the agency's signature at the end of the article: "... next week. — AFP", "(Reuters)" alone
    for i in reversed(range(n)):
        v = verdicts[i]
        signature = agency_signature(v.line)
        if signature and (v.reason in {None, "photo credit"}):
            start, _agency = signature
            if start == 0:
                v.reason = "agency credit"
            elif shape(v.line[:start]).is_prose:
                v.reason, v.kept_part, v.removed_part = "agency credit", v.line[:start].rstrip(), v.line[start:].strip()
            break
        if not v.reason and (shape(v.line).is_prose or _prose_fragment(v.line)):
            break

    # photo captions: a line that ends with a credit, or carries a position mark ("(L)",
    # "from left") above the article, or a "(FILE)" mark anywhere
    first_paragraph = next((i for i, v in enumerate(verdicts) if not v.reason and shape(v.line).is_prose
                            and not has_caption_marker(v.line) and not trailing_credit(v.line)), n)
    for i, v in enumerate(verdicts):
        if v.reason:
            continue
        credit = trailing_credit(v.line)
        if credit and not _REPORTED_SPEECH.search(v.line[: credit[0]]):
            v.reason = "photo caption"
            continue
        if opens_with_dateline(v.line):
            continue
        mid = re.search(r"\s[(\[][^()\[\]]{1,60}[)\]]\s+[-–—]\s+", v.line)
        if mid and credit_fragment(mid.group(0).strip(" -–—")) and shape(v.line[mid.end():]).is_prose:
            v.kept_part, v.removed_part, v.reason = v.line[mid.end():], v.line[: mid.end()].strip(), "photo caption"
            continue
        positional = has_caption_marker(v.line) and i < first_paragraph
        if (positional or _FILE_MARK.search(v.line)) and not _REPORTED_SPEECH.search(v.line) and shape(v.line).n <= 60:
            v.reason = "photo caption"
    # the line just above a caption in the page head is its alternative text
    prose = [not v.reason and shape(v.line).is_prose for v in verdicts]
    first_prose = next((i for i, p in enumerate(prose) if p), n)
    for i in range(min(first_prose, n - 1)):
        if not verdicts[i].reason and verdicts[i + 1].reason in {"photo caption", "photo credit"} and headline_shaped(lines[i]) and lines[i] != title:
            verdicts[i].reason = "photo caption"

    # reader comments: from the first line that has a vote counter under it to the end
    for i in range(n):
        if is_comment_block_start(lines, i) and i > n // 3:
            for v in verdicts[i:]:
                v.reason = v.reason or "reader comment"
            break

    # repeated lines: the second copy of a headline, a caption, a teaser
    seen: set[str] = set()
    for v in verdicts:
        key = _plain(v.line)
        if key in seen and len(key.split()) >= 3 and not shape(v.line).is_prose:
            v.reason = v.reason or "repeated line"
        seen.add(key)

    labels = [i for i, v in enumerate(verdicts) if v.reason == "related list" or (v.reason == "page label" and _only_label_words(shape(v.line), cues().related_words))]

    # a run of Title Case headlines among the paragraphs: links to other articles
    run: list[int] = []
    for i in list(range(n)) + [n]:
        if i < n and not verdicts[i].reason and _title_case_headline(lines[i]):
            run.append(i)
            continue
        if len(run) >= 2 or (len(run) == 1 and run[0] > 0 and verdicts[run[0] - 1].reason in {"related list", "page label"}):
            for j in run:
                verdicts[j].reason = "related list"
        run = []

    # "Related" lists: the headlines under a related label, and everything after it
    # when the page ends within a couple of paragraphs
    for i in labels:
        rest = range(i + 1, n)
        later_prose = [j for j in rest if not verdicts[j].reason and shape(lines[j]).is_prose]
        if len(later_prose) <= 1 and shape(lines[i]).n <= 5:
            for j in rest:
                if verdicts[j].reason in {None, "date line"}:
                    verdicts[j].reason = "related list"
            break
        for j in rest:
            if verdicts[j].reason == "date line":
                verdicts[j].reason = "related list"  # the date of a listed story, not of this one
                continue
            if verdicts[j].reason:
                continue
            if headline_shaped(lines[j]) or _BULLET.match(lines[j]) and not shape(lines[j]).is_prose:
                verdicts[j].reason = "related list"
            else:
                break

    # head and tail: before the first and after the last paragraph of prose, only
    # the headline and text that reads like prose (a standfirst) stay
    prose = [not v.reason and shape(v.line).is_prose for v in verdicts]
    if not any(prose):
        return verdicts  # no paragraph of prose: no head or tail to tell apart
    first_prose = next((i for i, p in enumerate(prose) if p), n)
    # the page may end in the middle of a paragraph: a cut-off sentence is prose too
    last_prose = max((i for i, v in enumerate(verdicts) if not v.reason and (prose[i] or _prose_fragment(v.line))), default=-1)
    for i in range(first_prose):
        v = verdicts[i]
        if v.reason or v.line == title:
            continue
        s = shape(v.line)
        if i > 0 and lines[i - 1] == title and s.n >= 5 and not has_caption_marker(v.line) \
                and _plain(v.line) not in _plain(title):
            continue  # the deck under the headline
        if s.n >= 8 and s.stop_share >= 0.3 and not headline_shaped(v.line):
            continue  # a standfirst
        if s.n >= 10 and s.stop_share >= 0.2 and not v.line.isupper():
            continue
        v.reason = "dateline line" if opens_with_dateline(v.line) else "page header"
    in_list = False
    for i in range(last_prose + 1, n):
        v = verdicts[i]
        if v.reason:
            in_list = False
            continue
        if v.line.endswith(":") and shape(v.line).n <= 8:
            in_list = True  # "Did not practice:" over a list the article ends with
            continue
        if in_list and shape(v.line).n <= 12:
            continue
        if i == last_prose + 1 and _closing_sentence(v.line):
            continue  # "They agreed." ending the last paragraph's thought
        previous = verdicts[i - 1]
        if not previous.reason and (previous.line.endswith((":", ";", ",")) or _BULLET.match(previous.line)) and (
                _BULLET.match(v.line) or v.line[:1].islower() or v.line.endswith((";", "."))):
            continue  # the end of a list the last paragraph opened
        v.reason = "page footer"
    return verdicts
