"""A hostile article at the terminal, and settings a person gets wrong.

The article carries rich markup (an unbalanced ``[/]``, a ``[link=...]``),
ANSI escape sequences (set the window title, clear the screen, an OSC 8
hyperlink, an 8-bit CSI), a bell, a right-to-left override, spreadsheet
formula prefixes and script tags, in its title, body, url and outlet. Every
command that prints article text must print it as text.
"""

import csv
import io
import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from dyads import cli
from dyads.cli import app
from dyads.ingest.readers import MAX_DOCUMENT_BYTES, size_in_words
from dyads.terminal import csv_cell, safe, shorten, visible

runner = CliRunner()

TITLE = "[/]Tokayev [link=http://evil.example]click here[/link] \x1b]0;pwned\x07\x1b[2J <script>alert(1)</script> :warning:"
BODY = (
    "ASTANA, May 10. Kazakhstan and China [bold]signed[/] an agreement on trade on Tuesday, officials said [/].\n\n"
    "=HYPERLINK(\"http://evil.example\",\"x\") Kazakh President Kassym-Jomart Tokayev met Chinese President Xi Jinping "
    "in Astana on Wednesday [link=http://evil.example]to talk[/link] \x1b[31mabout trade\x1b[0m.\n\n"
    "“We will never accept [/] pressure \x1b]8;;http://evil.example\x07from anyone\x1b]8;;\x07, and our friendship "
    "is strong,” Tokayev said <script>alert('x')</script>.\n\n"
    "+China accused Kazakhstan of blocking the border crossing at Khorgos on Thursday.\n\n"
    "Both countries are members of the Shanghai Cooperation Organisation.\n\n"
    "@Kazakhstan's foreign minister Murat Nurtleu visited Beijing on Friday \x9b31m\u202eevil\u202c.\n"
)
URL = "=HYPERLINK(\"http://evil.example\")[/]\x1b[2J"
OUTLET = "@SUM(1+1)[bold]"
# what must never reach a terminal raw: ESC, BEL, the 8-bit CSI, the right-to-left override
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    dump = folder / "hostile.jsonl"
    record = {"title": TITLE, "text": BODY, "published": "2024-05-10", "url": URL, "outlet": OUTLET}
    dump.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = f"sqlite:///{folder / 'hostile.db'}"
    result = runner.invoke(app, ["ingest", str(dump), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _no_raw_controls(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, f"{char!r} reached the terminal"


def test_timeline_prints_markup_as_text(hostile_db):
    result = runner.invoke(app, ["timeline", "KAZ", "CHN", "--db", hostile_db])
    assert result.exit_code == 0, result.output
    _no_raw_controls(result.output)
    assert "=HYPERLINK(" in result.output and OUTLET in result.output  # evidence and source, as written
    assert "+China accused Kazakhstan" in result.output


def test_actor_prints_hostile_title_and_quote_as_text(hostile_db):
    result = runner.invoke(app, ["actor", "Tokayev", "--db", hostile_db])
    assert result.exit_code == 0, result.output
    _no_raw_controls(result.output)
    assert "[/]Tokayev [link=http://evil.example]click here[/link]" in result.output  # not a link, not a crash
    assert "␛]0;pwned␇␛[2J" in result.output  # the escape sequences shown, not obeyed
    assert "We will never accept [/] pressure ␛]8;;http://evil.example␇from anyone" in result.output


def test_summary_and_quotes_print_hostile_text(hostile_db):
    summary = runner.invoke(app, ["summary", "--db", hostile_db])
    assert summary.exit_code == 0, summary.output
    _no_raw_controls(summary.output)
    assert "[/]Tokayev" in summary.output and OUTLET in summary.output
    quotes = runner.invoke(app, ["quotes", "--db", hostile_db])
    assert quotes.exit_code == 0, quotes.output
    _no_raw_controls(quotes.output)
    assert "We will never accept [/] pressure" in quotes.output and "1 statements" in quotes.output


def test_show_keeps_the_data_but_no_raw_controls(hostile_db):
    doc_id = json.loads(runner.invoke(app, ["export", "--db", hostile_db]).stdout.splitlines()[0])["sources"][0]["doc_id"]
    result = runner.invoke(app, ["show", doc_id[:8], "--db", hostile_db])
    assert result.exit_code == 0, result.output
    _no_raw_controls(result.stdout)
    data = json.loads(result.stdout)
    assert data["title"] == TITLE and "\x9b31m\u202eevil" in data["body"]  # a JSON reader gets the text back intact


def test_csv_export_has_no_formula_cells(hostile_db, tmp_path):
    target = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(target), "--db", hostile_db])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    _no_raw_controls(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        for value in row.values():
            if value.lstrip("-").replace(".", "", 1).isdigit():
                continue  # a number (a negative score) is left as it is
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value
    evidence = {row["Evidence"] for row in rows}
    assert any(e.startswith("'=HYPERLINK(") for e in evidence) and any(e.startswith("'+China accused") for e in evidence)
    assert all(row["SourceURL"].startswith("'=HYPERLINK(") for row in rows)
    assert any(row["PloverScore"].startswith("-") for row in rows)  # a negative score stays a number
    stdout = runner.invoke(app, ["export", "-f", "csv", "--db", hostile_db])
    _no_raw_controls(stdout.stdout)


def test_csv_cell_rule():
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell("\tx") == "'\tx"
    assert csv_cell("-2 killed") == "'-2 killed" and csv_cell("Astana") == "Astana"
    assert csv_cell(-3.5) == -3.5 and csv_cell(2) == 2


def test_hostile_file_name_in_a_skip_message_stays_one_line(tmp_path):
    bad = tmp_path / ("[bold]bad [link=evil.example]x \x1b[2J" + "very long name " * 8 + ".jsonl")
    bad.write_text("{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and "[bold]bad [link=evil.example]x ␛[2J" in skipped[0] and "malformed JSON" in skipped[0]


def test_timeline_keeps_its_sources_on_80_columns(hostile_db, monkeypatch):
    monkeypatch.setattr(cli, "out", Console(width=80, emoji=False))
    result = runner.invoke(app, ["timeline", "KAZ", "CHN", "--db", hostile_db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    table = lines[: next(i for i, line in enumerate(lines) if line.startswith("└")) + 1]
    assert all(len(line) <= 80 and line[-1] in "┓┃┩│┘" for line in table)  # nothing cut off on the right
    assert "sources" in lines[1] and "evidence" in lines[1]
    assert "@SUM(1+1)" in result.stdout
    assert "~?" in result.stdout and "neither is known" in result.stdout  # the legend explains the markers


# --- names, codes and dates --------------------------------------------------------


def test_timeline_resolves_names_and_refuses_unknown_ones(hostile_db):
    by_code = runner.invoke(app, ["timeline", "KAZ", "--db", hostile_db])
    by_name = runner.invoke(app, ["timeline", "kazakhstan", "--db", hostile_db])
    assert by_name.exit_code == 0 and by_name.stdout == by_code.stdout and "events of KAZ" in by_name.stdout
    unknown = runner.invoke(app, ["timeline", "XXX", "--db", hostile_db])
    assert unknown.exit_code == 2 and "'XXX' is neither an actor code nor the name" in unknown.stderr
    nothing = runner.invoke(app, ["timeline", "FRA", "--db", hostile_db])
    assert nothing.exit_code == 0 and "0 events of FRA" in nothing.stdout and "events are stored for CHN, KAZ" in nothing.stderr
    three = runner.invoke(app, ["timeline", "KAZ", "CHN", "RUS", "--db", hostile_db])
    assert three.exit_code == 2 and "one actor or two" in three.stderr


@pytest.mark.parametrize("date", ["2024-13-40", "2024-02-30", "24-05", "May 2024"])
def test_impossible_dates_are_refused(hostile_db, date):
    result = runner.invoke(app, ["timeline", "KAZ", "--from", date, "--db", hostile_db])
    assert result.exit_code == 2 and "is not a date" in result.output


@pytest.mark.parametrize("query", ["Kassym Jomart Tokayev", "Tokaev", "kassym-zhomart tokayev", "TOKAYEV"])
def test_actor_finds_a_person_by_any_spelling(hostile_db, query):
    result = runner.invoke(app, ["actor", query, "--db", hostile_db])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Kassym-Jomart Tokayev")


@pytest.mark.parametrize("query", ["SCO", "sco", "Shanghai Cooperation Organization"])
def test_actor_finds_an_organisation_by_acronym(hostile_db, query):
    result = runner.invoke(app, ["actor", query, "--db", hostile_db])
    assert result.exit_code == 0, result.output
    assert "org/SCO" in result.stdout.splitlines()[0]


@pytest.mark.parametrize("doc_id", ["%", "_", "", "%_%"])
def test_show_takes_no_wildcards(hostile_db, doc_id):
    result = runner.invoke(app, ["show", doc_id, "--db", hostile_db])
    assert result.exit_code == 1 and "no single document" in result.stderr and result.stdout == ""


# --- settings ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def not_a_database(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad") / "notes.db"
    path.write_text("these are my notes, not a database\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("args, env, message", [
    (["summary", "--db", "/nonexistent/dir/x.db"], {}, "no database at /nonexistent/dir/x.db; `dyads ingest` creates one"),
    (["ingest", "-", "--db", "/nonexistent/dir/x.db"], {}, "the folder /nonexistent/dir does not exist"),
    (["process", "-"], {"DYADS_MODEL": "bogus"}, "DYADS_MODEL is 'bogus': no spaCy model package of that name is installed"),
    (["process", "-", "--model", "bogus"], {}, "--model is 'bogus'"),
    (["process", "-", "--model", "json"], {}, "--model is 'json': no spaCy model package"),  # a package, not a model
    (["process", "-"], {"DYADS_PIPELINE": "entities,bogus"}, "DYADS_PIPELINE is 'entities,bogus': no pipeline component named 'bogus'; expected"),
    (["ingest", "-", "--db", "sqlite:///:memory:"], {"DYADS_WORKERS": "abc"}, "DYADS_WORKERS is 'abc': expected a whole number of processes, 1 or more"),
    (["process", "-", "--max-bytes", "-5"], {}, "--max-bytes is -5: expected a whole number of bytes, 1 or more"),
    (["summary"], {"DYADS_MAX_BYTES": "5MB", "DYADS_DB": "x.db"}, "DYADS_MAX_BYTES is '5MB'"),
])
def test_bad_settings_say_what_is_expected(args, env, message):
    result = runner.invoke(app, args, env=env, input="")
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())
    assert isinstance(result.exception, SystemExit)  # a message, not an uncaught exception


def test_a_file_that_is_not_a_database(not_a_database):
    result = runner.invoke(app, ["summary", "--db", str(not_a_database)])
    assert result.exit_code == 2 and "file is not a database" in result.stderr


def test_reading_never_creates_a_database(tmp_path):
    for command in (["summary"], ["timeline", "KAZ"], ["actor", "Tokayev"], ["quotes"], ["show", "abc"], ["export"]):
        result = runner.invoke(app, [*command, "--db", str(tmp_path / "dyads.db")])
        assert result.exit_code == 2 and "no database at" in result.stderr, command
    assert not (tmp_path / "dyads.db").exists()


@pytest.mark.parametrize("content, message", [("{}", "is not a gold annotation"), ("not json", "is not JSON (line 1")])
def test_eval_on_a_file_that_is_not_gold(tmp_path, content, message):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 2 and message in result.stderr


def test_debug_shows_the_traceback(not_a_database):
    result = runner.invoke(app, ["--debug", "summary", "--db", str(not_a_database)])
    assert result.exit_code != 0 and type(result.exception).__name__ == "CannotOpen"


def test_size_limit_is_stated_the_same_in_help_and_message(tmp_path):
    help_text = " ".join(runner.invoke(app, ["process", "--help"]).output.split())
    assert f"or {size_in_words(MAX_DOCUMENT_BYTES)} = 5_000_000" in help_text.replace("│ │ ", "")
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000, encoding="utf-8")
    result = runner.invoke(app, ["process", str(big), "--max-bytes", "1000000"])
    assert result.exit_code == 1 and "file is 1.5 MB, over the 1 MB limit" in result.stderr


def test_eval_details_lists_events_found_with_another_date():
    from dyads.evaluate import score

    gold = {"documents": [{"file": "a.txt", "events": [{"type": ["CONSULT"], "actors": ["KAZ", "CHN"], "date": "2024-05-01", "note": "a visit"}]}]}
    system = {"a.txt": {"body": "Kazakhstan's minister visited China.", "entities": [], "quotes": [], "times": [],
                        "events": [{"type": "CONSULT", "actors": ["KAZ", "CHN"], "date": "2024-05-02", "evidence": [0, 10]}]}}
    report = score(gold, system)
    assert report["events"]["strict"]["recall"] == 0.0
    assert any("dated 2024-05-02, gold 2024-05-01 (a visit)" in miss for miss in report["misses"])


# --- the escaping function itself -------------------------------------------------------


def test_safe_escapes_markup_and_shows_controls():
    console = Console(width=200, record=True, emoji=False)
    console.print(safe("[/] [link=http://x]y[/link] [bold]z[/] \x1b[2J\x07 :warning: \u202e"))
    text = console.export_text()
    assert text.strip() == "[/] [link=http://x]y[/link] [bold]z[/] ␛[2J␇ :warning: \ufffd"
    assert visible("a\x1bb\x9bc") == "a␛b\ufffdc" and len(visible("\x00\x1f\x7f")) == 3  # offsets stay right


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("Kazakhstan and China signed an agreement", 25) == "Kazakhstan and China…"
    assert shorten("short", 25) == "short"
    assert shorten("Supercalifragilisticexpialidocious", 10) == "Supercali…"


def test_process_streams_each_chunk_before_reading_the_rest(tmp_path):
    """The first chunk is printed before the next article is cleaned or annotated (only a
    cheap first reading pass, for the lines a site repeats, looks at all files first)."""
    from dyads.annotate.pipeline import stream
    from dyads.settings import Settings

    for number in (1, 2):
        (tmp_path / f"{number}.txt").write_text(f"Kazakhstan and China signed agreement number {number} on Tuesday.", encoding="utf-8")
    cleaned = []
    docs = stream([str(tmp_path)], Settings(), on_read=lambda doc: cleaned.append(doc.source), chunk_size=1)
    first = next(docs)
    assert "number 1" in first.body and [p.rsplit("/", 1)[-1] for p in cleaned] == ["1.txt"]
    assert "number 2" in next(docs).body
