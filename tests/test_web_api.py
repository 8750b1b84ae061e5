"""The workspace's API and pages, through the real FastAPI application on a stored corpus.

The store holds the seed articles and one hostile article whose title, outlet,
body and address carry markup (tests/workspace_store.py).
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from tests.workspace_store import HOSTILE, workspace_db


@pytest.fixture(scope="module")
def client():
    from dyads.app import App
    from dyads.web.server import create_app

    return TestClient(create_app(App.open(workspace_db(), create=False)))


def _items(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


# --- events, timeline -------------------------------------------------------------------


def test_dyad_events_involve_both_sides_in_date_order(client):
    page = _items(client, "/api/events?dyad=KAZ-CHN&limit=1000")
    assert page["total"] == len(page["items"]) > 3
    for event in page["items"]:
        assert {"KAZ", "CHN"} <= set(event["actors"])
        for source in event["sources"]:  # every event keeps its evidence
            assert source["text"] and source["evidence"][0] < source["evidence"][1]
    placed = [e["placed_on"] for e in page["items"] if e["placed_on"]]
    assert placed == sorted(placed)


def test_pages_of_events_add_up_to_the_whole(client):
    whole = _items(client, "/api/events?limit=1000")
    seen = []
    offset = 0
    while offset is not None:
        page = _items(client, f"/api/events?limit=4&offset={offset}")
        assert page["total"] == whole["total"]
        seen += [e["id"] for e in page["items"]]
        offset = page["next_offset"]
    assert seen == [e["id"] for e in whole["items"]]


def test_event_filters_narrow_the_answer(client):
    every = _items(client, "/api/events?limit=1000")["items"]
    kind = every[0]["type"]
    typed = _items(client, f"/api/events?type={kind}&limit=1000")["items"]
    assert typed and all(e["type"] == kind for e in typed)
    assert len(typed) == sum(e["type"] == kind for e in every)
    dated = _items(client, "/api/events?from=2024&to=2024-12&limit=1000")["items"]
    assert dated and all("2024" <= e["placed_on"] <= "2024-12-31" for e in dated)
    story = every[0]["story"]
    assert all(e["story"] == story for e in _items(client, f"/api/events?story={story}&limit=1000")["items"])
    assert _items(client, "/api/events?status=negated&type=ASSAULT&actor=ZZZ")["total"] == 0


def test_bad_filters_are_refused_with_the_reason(client):
    assert client.get("/api/events?from=last-week").status_code == 422
    assert client.get("/api/events?limit=0").status_code == 422
    response = client.get("/api/timeline?actors=KAZ,CHN,RUS")
    assert response.status_code == 422 and "two" in response.text


def test_timeline_of_a_dyad_and_one_event(client):
    timeline = _items(client, "/api/timeline?actors=CHN,KAZ")
    assert timeline["total"] == _items(client, "/api/events?actor=KAZ&actor=CHN")["total"]
    first = timeline["items"][0]
    again = _items(client, f"/api/events/{first['id']}")
    assert again["sources"] == first["sources"]
    assert client.get("/api/events/no-such-event").status_code == 404


# --- actors, quotes, stories, documents -----------------------------------------------------


def test_actors_by_part_of_a_name_whatever_the_case(client):
    found = _items(client, "/api/actors?q=TOKAYEV")["items"]
    assert [a["name"] for a in found] == ["Kassym-Jomart Tokayev"]
    profile = _items(client, f"/api/actors/{found[0]['id']}")
    assert any("President" in role["title"] for role in profile["roles"])
    assert profile["articles"] and profile["quotes"]
    assert all(found[0]["id"] in e["actor_people"] + e["recipient_people"] for e in profile["events"])
    assert client.get("/api/actors/person/nobody-at-all").status_code == 404


def test_quotes_of_one_speaker(client):
    said = _items(client, "/api/quotes?speaker=Xi Jinping&limit=1000")
    assert said["total"] > 0
    assert all(q["speaker_name"] == "Xi Jinping" for q in said["items"])
    assert all(q["sources"] for q in said["items"])
    assert _items(client, "/api/quotes?speaker=Nobody Atall")["total"] == 0


def test_story_lists_its_articles_outlets_and_events(client):
    stories = _items(client, "/api/stories")["items"]
    biggest = max(stories, key=lambda s: s["articles"])
    assert biggest["articles"] == 2  # two seed articles report one meeting
    story = _items(client, f"/api/stories/{biggest['id']}")
    assert len(story["articles"]) == 2
    assert all(e["story"] == biggest["id"] for e in story["events"])
    assert any(e["num_articles"] == 2 for e in story["events"])  # told twice, counted once
    for listed in stories:  # every story has its page, whether its articles have titles or not
        assert client.get(f"/stories/{listed['id']}").status_code == 200, listed


def test_documents_list_and_one_document(client):
    listed = _items(client, "/api/documents")
    assert listed["total"] == 6 and all("body" not in d for d in listed["items"])
    one = _items(client, f"/api/documents/{listed['items'][0]['id']}")
    assert one["body"] and "removed" in one
    assert client.get("/api/documents/ffffffffffffffff").status_code == 404


def test_search_finds_words_in_bodies_and_people_by_name(client):
    found = _items(client, "/api/search?q=Nurtleu")
    assert found["total"] == 2  # the two seed articles that name him
    assert "Nurtleu" in found["items"][0]["matches"]
    assert any(a["name"] == "Murat Nurtleu" for a in found["actors"])
    assert _items(client, "/api/search?q=zzzyxw")["total"] == 0
    assert _items(client, "/api/search?q=%22%29%28*")["total"] == 0  # FTS syntax in a query is just text


def test_export_is_every_event_once(client):
    response = client.get("/api/export?format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == _items(client, "/api/events?limit=1000")["total"]
    lines = client.get("/api/export?format=plover-json&actors=KAZ,CHN").text.splitlines()
    assert all({"KAZ", "CHN"} <= set(json.loads(line)["actor"] + json.loads(line)["recipient"]) for line in lines)
    assert client.get("/api/export?format=xls").status_code == 422


def test_graph_counts_who_acts_with_whom(client):
    graph = _items(client, "/api/graph")
    pairs = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert ("KAZ", "CHN") in pairs and pairs[("KAZ", "CHN")]["tone"] > 0  # their relations are cooperative
    people = _items(client, "/api/graph?kind=person")
    assert all(e["source"].startswith("person/") for e in people["edges"])


def test_openapi_and_offline_docs(client):
    spec = _items(client, "/openapi.json")
    for path in ("/api/events", "/api/timeline", "/api/actors", "/api/actors/{entity_id}", "/api/quotes", "/api/stories",
                 "/api/stories/{story_id}", "/api/documents", "/api/documents/{doc_id}", "/api/search", "/api/export"):
        assert path in spec["paths"], path
    docs = client.get("/docs").text
    assert "http" not in docs  # every asset from this server
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css", "/static/docs.js"):
        assert asset in docs and client.get(asset).status_code == 200


def test_the_server_cannot_write(client):
    from sqlalchemy import text

    with pytest.raises(Exception, match="readonly|read-only|query_only"):
        with client.app.state.dyads.store.engine.begin() as conn:
            conn.execute(text("DELETE FROM documents"))


# --- pages: every one renders, none carries the hostile article's markup --------------------


class Markup(HTMLParser):
    """Every tag and attribute of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_inert(html: str, where: str) -> None:
    parser = Markup()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on")], f"{where}: event handler on <{tag}>"
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), f"{where}: a script that is not ours"
        for name in ("href", "src", "action", "xlink:href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value or value.startswith(("/", "#", "http://", "https://", "?")), f"{where}: {name}={value!r}"
        assert tag not in {"iframe", "object", "embed", "img"}, f"{where}: <{tag}>"
    # the hostile strings themselves appear only escaped
    for raw in (HOSTILE["title"], HOSTILE["outlet"], "<script>alert(", "<img src=x", "<svg/onload"):
        assert raw not in html, f"{where}: {raw!r} unescaped"


def hostile_pages(client) -> list[str]:
    hostile = next(d for d in _items(client, "/api/documents")["items"] if d["url"] == HOSTILE["url"])
    events = _items(client, f"/api/events?document={hostile['id']}")["items"]
    assert events, "the hostile article should state events"
    e = events[0]
    start, end = e["sources"][0]["evidence"]
    person = _items(client, "/api/actors?q=tokayev")["items"][0]["id"]
    return [
        "/", "/timeline", "/timeline?actors=KAZ,CHN", "/graph", "/graph?kind=person", "/stories", "/actors", "/actors?q=evil",
        f"/actors/{person}", f"/events/{e['id']}", f"/documents/{hostile['id']}", f"/documents/{hostile['id']}?start={start}&end={end}",
        f"/stories/{hostile['story']}", "/search?q=script+alert", "/search?q=Evil+Wire", "/search?q=%3Cscript%3E",
        "/actors/%3Cscript%3E", "/events/%3Cimg%20src=x%20onerror=alert(1)%3E", "/docs",
    ]


def test_no_page_carries_injected_markup(client):
    for path in hostile_pages(client):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert response.headers["content-type"].startswith("text/html"), path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        assert_inert(response.text, path)


def test_hostile_article_is_shown_as_text(client):
    hostile = next(d for d in _items(client, "/api/documents")["items"] if d["url"] == HOSTILE["url"])
    page = client.get(f"/documents/{hostile['id']}").text
    assert "&lt;svg/onload=alert(" in page  # the body's markup, shown, not run
    assert "&lt;script&gt;" in page  # the tags cleaning removed, listed as debris
    assert 'href="javascript' not in page.lower()
    assert "Evil Wire" in page


def test_evidence_is_highlighted_in_its_article(client):
    event = _items(client, "/api/events?limit=1")["items"][0]
    source = event["sources"][0]
    start, end = source["evidence"]
    page = client.get(f"/documents/{source['doc_id']}?start={start}&end={end}").text
    parser = Markup()
    parser.feed(page)
    assert ("mark", {"id": "evidence", "tabindex": "-1"}) in parser.tags
    marked = page.split('<mark id="evidence" tabindex="-1">', 1)[1].split("</mark>", 1)[0]
    assert marked.replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&") == source["text"]
    outside = client.get(f"/documents/{source['doc_id']}?start=5&end=999999").text  # a span outside the body marks nothing
    assert '<mark id="evidence"' not in outside


def test_unknown_ids_are_404_pages(client):
    for path in ("/documents/nope", "/events/nope", "/stories/nope", "/actors/person/nobody"):
        response = client.get(path)
        assert response.status_code == 404 and "No " in response.text
