import json

from dyads.ingest.readers import SourceError, read_sources
from dyads.model import RawDocument


def _read(*paths, **kw):
    return list(read_sources([str(p) for p in paths], **kw))


def test_text_file_and_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Kazakhstan and China signed a deal.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Second article text here.", encoding="utf-8")
    items = _read(tmp_path)
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    assert items[0].text.startswith("Kazakhstan")


def test_html_page_is_read_as_html(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>T</title></head><body><p>Body text of the article.</p></body></html>")
    (item,) = _read(page)
    assert item.html is not None and item.text is None


def test_jsonl_good_and_malformed_lines(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text(
        json.dumps({"text": "First article.", "url": "http://x/1", "published": "2024-01-02", "outlet": "Trend"}) + "\n"
        + "{not json\n"
        + json.dumps({"title": "no text"}) + "\n"
        + json.dumps({"html": "<p>Second</p>"}) + "\n",
        encoding="utf-8",
    )
    items = _read(dump)
    assert isinstance(items[0], RawDocument) and items[0].outlet == "Trend" and items[0].published == "2024-01-02"
    assert isinstance(items[1], SourceError) and items[1].source.endswith("d.jsonl:2") and "malformed JSON" in items[1].reason
    assert isinstance(items[2], SourceError) and "no 'text' or 'html'" in items[2].reason
    assert isinstance(items[3], RawDocument) and items[3].html == "<p>Second</p>"


def test_rss_feed_entries_become_articles(tmp_path):
    feed = tmp_path / "f.rss"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Astana Times</title>
        <item><title>Leaders meet</title><link>http://example.org/1</link>
        <pubDate>Wed, 14 Sep 2022 10:00:00 GMT</pubDate><description>&lt;p&gt;Tokayev met Xi Jinping in Astana.&lt;/p&gt;</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    (item,) = _read(feed)
    assert item.text == "Tokayev met Xi Jinping in Astana."
    assert item.published == "2022-09-14" and item.outlet == "Astana Times" and item.source == "http://example.org/1"


def test_bad_inputs_are_named_and_skipped(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02" * 10)
    (tmp_path / "big.txt").write_bytes(b"a" * 2000)
    (tmp_path / "ok.txt").write_text("A real article.")
    items = _read(tmp_path, tmp_path / "missing.txt", max_bytes=1000)
    errors = {type(i).__name__ + ":" + i.source.split("/")[-1]: i for i in items}
    assert "empty" in errors["SourceError:empty.txt"].reason
    assert "binary" in errors["SourceError:binary.txt"].reason
    assert "limit" in errors["SourceError:big.txt"].reason
    assert "no such file" in errors["SourceError:missing.txt"].reason
    assert "RawDocument:ok.txt" in errors


def test_other_encodings_are_decoded(tmp_path):
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Президент Казахстана встретился с председателем КНР в Астане.".encode("cp1251"))
    (item,) = _read(path)
    assert "Казахстана" in item.text
