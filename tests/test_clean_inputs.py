"""Plain text, JSONL and HTML pages get the same cleaning (own text, no gold article)."""

import json

from dyads.ingest.readers import read_sources
from dyads.annotate.pipeline import clean_one

LINES = [
    "WORLD",
    "Neighbours sign a river treaty",
    "By Amira Stone",
    "Updated 14:20, 03-Jun-2024",
    "ASTANA, June 3 (Reuters) - Two neighbouring states signed a treaty on Monday to share the water of a river.",
    "The treaty sets seasonal quotas and creates a joint commission, officials said.",
    "READ MORE: Why water is the region's oldest quarrel",
    "The commission will meet twice a year.",
    "Subscribe to our newsletter for the latest updates",
]
BODY = ("Neighbours sign a river treaty\n"
        "ASTANA, June 3 (Reuters) - Two neighbouring states signed a treaty on Monday to share the water of a river.\n"
        "The treaty sets seasonal quotas and creates a joint commission, officials said.\n"
        "The commission will meet twice a year.")


def _one(path):
    (raw,) = list(read_sources([str(path)]))
    return clean_one(raw)


def _check(doc):
    assert [line for line in doc.body.split("\n") if line] == BODY.split("\n")
    assert (doc.title, doc.dateline, doc.outlet, doc.published) == ("Neighbours sign a river treaty", "Astana", "Reuters", "2024-06-03")


def test_plain_text(tmp_path):
    (tmp_path / "a.txt").write_text("\n".join(LINES), encoding="utf-8")
    _check(_one(tmp_path / "a.txt"))


def test_jsonl_record(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "\n".join(LINES), "url": "http://example.org/a"}) + "\n", encoding="utf-8")
    _check(_one(tmp_path / "a.jsonl"))


def test_html_page_goes_through_the_same_line_model(tmp_path):
    # long enough that trafilatura keeps its own extraction (a short page sends it to its slow jusText rescue)
    more = "".join(f"<p>Engineers from both countries will survey the river banks in the {season} and report to the commission.</p>"
                   for season in ("spring", "summer", "autumn", "winter"))
    paragraphs = "".join(f"<p>{line}</p>" for line in LINES[2:-1]) + more + f"<p>{LINES[-1]}</p>"
    page = (f"<html><head><title>Neighbours sign a river treaty</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{LINES[1]}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    doc = _one(tmp_path / "a.html")
    for debris in ("By Amira Stone", "Updated 14:20", "READ MORE", "Subscribe", "Contact us"):
        assert debris not in doc.body
    assert "The commission will meet twice a year." in doc.body
    assert (doc.title, doc.dateline, doc.outlet) == ("Neighbours sign a river treaty", "Astana", "Reuters")
