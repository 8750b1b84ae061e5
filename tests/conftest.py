import itertools
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.json"


@pytest.fixture(scope="session")
def annotator():
    from dyads.annotate.pipeline import Annotator
    from dyads.settings import Settings

    return Annotator(Settings())


@pytest.fixture
def annotate(annotator):
    """Annotate one string as an article published on ``published``."""
    from dyads.ingest.clean import clean
    from dyads.model import RawDocument, content_id

    def run(text: str, published: str | None = "2024-05-10"):
        return annotator(clean(RawDocument(source="<test>", id=content_id(text), text=text, published=published)))

    return run


# --- the store's backends: every test that takes `db_url` runs on SQLite and on PostgreSQL

@pytest.fixture(scope="session")
def postgres_server():
    from tests.pgserver import running_server

    with running_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_database(postgres_server):
    """One database for the tests; each test gets a schema of its own in it."""
    from tests.pgserver import create_database

    create_database(postgres_server, "tests")
    return postgres_server


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database URL on each backend the store supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'dyads.db'}"
    from tests.pgserver import create_schema

    server = request.getfixturevalue("postgres_database")
    return create_schema(server, "tests", f"test_{next(_database_numbers)}")


_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def seeded_databases(tmp_path_factory, request):
    """The seeds ingested at most once per backend in a test run, by the real `dyads ingest`."""
    from typer.testing import CliRunner

    from dyads.cli import app

    made: dict[str, str] = {}

    def seeded(backend: str) -> str:
        if backend not in made:
            if backend == "sqlite":
                url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'seeds.db'}"
            else:
                from tests.pgserver import create_database

                url = create_database(request.getfixturevalue("postgres_server"), "seeds")
            result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", url])
            assert result.exit_code == 0, result.output
            made[backend] = url
        return made[backend]

    return seeded


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded_db(request, seeded_databases):
    """A database holding the ingested seeds, on each backend; tests only read it."""
    return seeded_databases(request.param)
