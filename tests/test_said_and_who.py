"""Reported speech, statements linked across outlets, and the `quotes` and `actor` commands."""

import json

import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.ingest.clean import clean
from dyads.corpus.consolidate import Consolidator
from dyads.model import RawDocument, content_id

from tests.conftest import SEEDS

runner = CliRunner()


def test_reported_speech_is_an_indirect_quote_with_its_speaker(annotate):
    doc = annotate("Turkish President Recep Tayyip Erdogan said on Monday that Ankara would not approve Sweden's bid "
                   "before the new parliament meets.")
    indirect = [q for q in doc.quotes if q.kind == "indirect"]
    assert len(indirect) == 1
    assert indirect[0].text.startswith("Ankara would not approve Sweden's bid")
    assert doc.entity(indirect[0].speaker).name == "Recep Tayyip Erdogan"


def test_reported_speech_with_a_pronoun_speaker(annotate):
    doc = annotate("German Chancellor Olaf Scholz arrived in Kyiv on Friday. He stressed that Germany will keep "
                   "supplying air defence systems to Ukraine.")
    indirect = [q for q in doc.quotes if q.kind == "indirect"]
    assert indirect and doc.entity(indirect[0].speaker).name == "Olaf Scholz"


def test_direct_quote_is_not_reported_twice_as_indirect(annotate):
    doc = annotate("“We will never accept this decision,” the minister said. Foreign Minister Annalena Baerbock "
                   "said: “We will never accept this decision and we said that clearly to Moscow.”")
    assert all(q.kind == "direct" for q in doc.quotes)


def test_no_speaker_no_indirect_quote(annotate):
    doc = annotate("It was reported that the talks between Serbia and Kosovo had stalled again.")
    assert not [q for q in doc.quotes if q.kind == "indirect"]


def _seed_docs(annotator, *prefixes):
    docs = []
    for prefix in prefixes:
        path = next(SEEDS.glob(f"{prefix}_*.txt"))
        text = path.read_text(encoding="utf-8")
        docs.append(annotator(clean(RawDocument(source=path.name, id=content_id(text), text=text))))
    Consolidator().add_all(docs)
    return docs


def test_two_translations_of_one_statement_are_linked(annotator):
    a, b = _seed_docs(annotator, "002", "003")
    undoubtedly = next(q for q in a.quotes if q.text.startswith("Undoubtedly, under your leadership"))
    without_doubt = next(q for q in b.quotes if q.text.startswith("Without any doubt, under your leadership"))
    assert undoubtedly.statement == without_doubt.statement
    # and different statements of the same speaker stay apart
    others = {q.statement for q in b.quotes if q is not without_doubt and q.kind == "direct"}
    assert undoubtedly.statement not in others


def test_quotes_command_lists_a_speakers_statements_about_an_actor(seeded_db):
    result = runner.invoke(app, ["quotes", "Xi Jinping", "--about", "KAZ", "--db", seeded_db], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "Xi Jinping" in result.stdout and "President" in result.stdout
    linked = [line for line in result.stdout.splitlines() if "Without any doubt" in line or "Undoubtedly" in line]
    assert len(linked) == 1 and "El.kz" in linked[0]  # one statement, both outlets
    assert "Kassym-Jomart Tokayev" not in result.stdout  # only Xi's statements


def test_quotes_command_names_an_unknown_speaker(seeded_db):
    result = runner.invoke(app, ["quotes", "Nobody Known", "--db", seeded_db])
    assert result.exit_code == 1 and "Nobody Known" in result.output


def test_actor_command_shows_offices_over_time_articles_events_and_quotes(seeded_db):
    result = runner.invoke(app, ["actor", "tokayev", "--db", seeded_db], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "Kassym-Jomart Tokayev" in result.stdout
    office = next(line for line in result.stdout.splitlines() if line.startswith("│ President"))
    assert "KAZ" in office and "2022-09-14" in office and "2025-01-03" in office  # first and last seen
    assert "Articles (3)" in result.stdout and "Quotes (" in result.stdout


def test_actor_command_finds_a_name_without_its_accents(tmp_path):
    db = f"sqlite:///{tmp_path / 'd.db'}"
    text = " date 2023-05-29 ANKARA — Turkish President Recep Tayyip Erdoğan won the runoff on Sunday, officials said."
    source = tmp_path / "a.txt"
    source.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(source), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["actor", "Erdogan", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "Erdoğan" in result.stdout and "TUR" in result.stdout
    shown = json.loads(runner.invoke(app, ["show", content_id(text)[:8], "--db", db]).stdout)
    assert any(e["name"] == "Recep Tayyip Erdoğan" for e in shown["entities"])


def test_a_quote_without_content_words_does_not_break_linking(annotator):
    docs = [annotator(clean(RawDocument(source=f"s{i}", id=content_id(t), text=t))) for i, t in enumerate([
        "“Yes, we will,” Prime Minister Mark Rutte said.",
        "“We will do it again and again, for all of them,” Prime Minister Mark Rutte said.",
    ])]
    for doc in docs:
        for quote in doc.quotes:
            quote.text = "we will" if doc is docs[0] else quote.text  # nothing but stop words
    Consolidator().add_all(docs)
    assert all(q.statement for d in docs for q in d.quotes)


@pytest.mark.parametrize("text,state", [
    ("“The talks were constructive and useful,” the Kremlin press service said.", "RUS"),
    ("A statement by the Kazakh presidency read: “The sides agreed to expand trade and transport links.”", "KAZ"),
])
def test_institutions_as_speakers(annotate, text, state):
    """The institution speaks, and it stands for its state."""
    doc = annotate(text)
    speakers = [doc.entity(q.speaker) for q in doc.quotes if q.kind == "direct"]
    assert len(speakers) == 1 and speakers[0].type == "ORG" and speakers[0].country == state


def test_two_romanisations_of_one_name_are_one_person_across_articles(annotator):
    texts = [
        "Kazakh President Kassym-Jomart Tokayev met Chinese President Xi Jinping in Astana on Wednesday.",
        "President Kasym-Zhomart Tokaev said on Thursday that trade with China had grown.",
        "Ukrainian President Volodymyr Zelenskyy spoke. Later, President Volodymyr Zelensky met Kazakh President Tokaev.",
    ]
    docs = [annotator(clean(RawDocument(source=f"s{i}", id=content_id(t), text=t, published="2024-05-10"))) for i, t in enumerate(texts)]
    Consolidator().add_all(docs)
    ids = [{e.id for e in d.entities if e.type == "PERSON"} for d in docs]
    tokayev = next(e.id for e in docs[0].entities if e.name == "Kassym-Jomart Tokayev")
    assert ids[0] & ids[1] == {tokayev}
    # one id, and the article's own spelling as its name (the evidence)
    names = {e.name for e in docs[1].entities if e.type == "PERSON"}
    assert names == {"Kasym-Zhomart Tokaev"}
    # two spellings in one article: one person, with both mentions
    zelensky = [e for e in docs[2].entities if e.type == "PERSON" and "Volodymyr" in e.name]
    assert len(zelensky) == 1 and {m.text for m in zelensky[0].mentions} >= {"Volodymyr Zelenskyy", "Volodymyr Zelensky"}
    assert tokayev in {e.id for e in docs[2].entities}


def test_different_people_are_not_merged_by_spelling():
    from dyads.annotate.entities import spelling_key
    assert spelling_key("Wang Yi") != spelling_key("Wang Wenbin")
    assert spelling_key("Tokayev") == spelling_key("Tokaev")
    assert spelling_key("Nursultan Nazarbayev") == spelling_key("Nursultan Nazarbaev")
