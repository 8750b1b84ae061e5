"""The trigger lexicon on the project's own PLOVER sentences (tests/data/plover_sentences.tsv, written for this
project with the labelling guide at its head): every one of the 16 types is found with its two parties in
most of its frames, and multi-word patterns match whatever the inflection and the words inserted."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from plover_recall import PUBLISHED, found, read_cases, recall_by_type  # noqa: E402

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def results(annotator):
    from dyads.ingest.clean import clean
    from dyads.model import RawDocument, content_id

    out = []
    for case in read_cases():
        doc = annotator(clean(RawDocument(source="<sentence>", id=content_id(case.text), text=case.text, published=PUBLISHED)))
        out.append((case, found(case, doc.events)))
    return out


def test_the_sentence_set_covers_all_16_types_in_several_frames():
    cases = read_cases()
    assert {c.type for c in cases} == PLOVER_TYPES
    for event_type in PLOVER_TYPES:
        assert len({c.frame for c in cases if c.type == event_type}) >= 2, event_type


def test_each_type_is_found_with_its_two_parties(results):
    by_type = recall_by_type(results)
    misses = [(c.type, c.text) for c, ok in results if not ok]
    # each type in at least three of its five or more sentences; all together nine in ten at least
    # (measured: 78 of 84; the misses are parties the entity layer does not know or attaches elsewhere)
    assert all(hit / total >= 0.6 for hit, total in by_type.values()), (by_type, misses)
    assert sum(ok for _, ok in results) / len(results) >= 0.9, misses


@pytest.mark.parametrize("text,event_type,anchor", [
    ("Latvia lodged a strong protest with Russia.", "ACCUSE", "lodged"),
    ("Latvia has lodged strong diplomatic protests with Russia.", "ACCUSE", "lodged"),
    ("The ministry handed him a note of protest.", "ACCUSE", "handed"),
    ("The ministry handed over an official note of protest.", "ACCUSE", "handed"),
    ("Washington slapped hefty new tariffs on Brazil.", "SANCTION", "slapped"),
    ("Ottawa is recalling its ambassador.", "SANCTION", "recalling"),
    ("Guatemala severed all diplomatic ties with Taiwan.", "SANCTION", "severed"),
    ("Indian troops opened fire.", "ASSAULT", "opened"),
    ("The two presidents held a telephone conversation.", "CONSULT", "held"),
    ("Egypt called on Ethiopia to halt the filling.", "REQUEST", "called"),
    ("The president paid an official visit to Peru.", "CONSULT", "paid"),
])
def test_multi_word_patterns_match_inflected_and_with_inserted_words(annotator, text, event_type, anchor):
    from dyads.annotate.pipeline import load_model
    from dyads.annotate.triggers import find_triggers

    parsed = load_model(annotator.settings.model)(text)
    triggers = {parsed[i].text: t.type for i, t in find_triggers(parsed).items()}
    assert triggers.get(anchor) == event_type, triggers
