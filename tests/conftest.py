from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.json"


@pytest.fixture(scope="session")
def annotator():
    from dyads.pipeline import Annotator
    from dyads.settings import Settings

    return Annotator(Settings())


@pytest.fixture
def annotate(annotator):
    """Annotate one string as an article published on ``published``."""
    from dyads.clean import clean
    from dyads.model import RawDocument, content_id

    def run(text: str, published: str | None = "2024-05-10"):
        return annotator(clean(RawDocument(source="<test>", id=content_id(text), text=text, published=published)))

    return run
