"""A store for the workspace tests: the seed articles plus one hostile article, built once per test run.

The hostile article carries markup in every field a page shows (title, outlet,
body, address). Cleaning takes well-formed tags out of the body (they are kept,
with their reason, as removed debris, which pages also show); a malformed one
such as ``"><svg/onload=...>`` stays in the body. A page that prints any of it
unescaped fails the tests.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path

from tests.conftest import SEEDS

HOSTILE = {
    "title": 'Kazakhstan and China sign a deal <script>alert("title")</script><img src=x onerror=alert(1)>',
    "outlet": '<svg onload=alert("outlet")>Evil Wire</svg>',
    "url": 'javascript:alert("url")',
    "published": "2024-06-03",
    "text": (
        "ASTANA — Kazakhstan and China signed an agreement on water sharing on Monday "
        '<script>alert("body")</script>, the ministry said in a statement.\n\n'
        "President Kassym-Jomart Tokayev met Chinese President Xi Jinping in Astana on June 3 to discuss the deal "
        '"><svg/onload=alert("body2")> and <img src=x onerror=alert("body3")> transit through the Caspian.\n\n'
        '"We will deepen our cooperation," Tokayev said after the talks.'
    ),
}


@functools.cache
def workspace_db() -> str:
    """The SQLAlchemy URL of a store holding the seeds and the hostile article (built on first call)."""
    from dyads.app import App

    folder = Path(tempfile.mkdtemp(prefix="dyads-workspace-"))
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'workspace.db'}"
    report = App.open(url).ingest([str(SEEDS), str(hostile)])
    assert report.ingested == 6 and not report.failures, report
    return url
