"""The Spark engine: per-document annotation on a Spark cluster (``--engine spark``).

Annotation is a pure function of one document (``pipeline.Annotator``), so it is
a ``mapPartitions`` over the cleaned documents: each executor's Python worker
loads the spaCy model once and annotates whole partitions with ``nlp.pipe``.
The results come back to the driver in input order, where the cross-document
steps (people merged across articles, stories, event keys, statements) run
exactly as with the local engine. Same documents, same settings: same output.

    dyads process corpus/ --engine spark --master local[2]
    dyads ingest dump.jsonl --engine spark --master spark://head:7077

Needs the extra ``dyads[spark]`` (PySpark; Java 17) on the driver and on every
executor (the same dyads and spaCy model package), see the README.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial

from dyads.model import Document
from dyads.annotate.pipeline import Annotator, Failure
from dyads.settings import Settings

# documents per partition: enough for nlp.pipe's batching, small enough to spread
DOCS_PER_PARTITION = 16
# partitions handed to Spark per job (times the cluster's parallelism)
PARTITIONS_PER_CORE = 4


class SparkNotInstalled(RuntimeError):
    pass


def spark_session(master: str | None = None):
    """The running SparkSession, or a new one (on ``master`` when given)."""
    try:
        from pyspark.sql import SparkSession
    except ModuleNotFoundError as exc:
        raise SparkNotInstalled("--engine spark needs PySpark: pip install 'dyads[spark]' (and Java 17)") from exc
    builder = SparkSession.builder.appName("dyads")
    if master:
        builder = builder.master(master)
    # no master and started by spark-submit (which set up the gateway): use what spark-submit configured
    on_one_machine = master.startswith("local") if master else "PYSPARK_GATEWAY_PORT" not in os.environ
    if on_one_machine:
        # one machine: executors run this very Python (and so find dyads and the model), the
        # driver listens on loopback only, no web UI; a short-lived JVM starts faster with C1 only
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # read by the SparkContext, not a conf
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkAnnotator:
    """``Annotator``'s interface, with ``pipe`` run as a Spark job over partitions of documents."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.local = Annotator(settings)  # checks the pipeline now, before any document is read
        self._session = None

    @property
    def session(self):
        if self._session is None:
            self._session = spark_session(self.settings.master)
        return self._session

    @property
    def window(self) -> int:
        """How many documents one Spark job should get: several partitions per core."""
        return self.session.sparkContext.defaultParallelism * PARTITIONS_PER_CORE * DOCS_PER_PARTITION

    def __call__(self, doc: Document) -> Document:
        return self.local(doc)

    def pipe(self, docs: Iterable[Document], workers: int | None = None) -> Iterator[Document | Failure]:
        """A Document or a Failure for each of ``docs``, in input order, annotated on the executors.

        ``workers`` is ignored: the cluster's cores are Spark's business.
        """
        docs = list(docs)
        if not docs:
            return
        context = self.session.sparkContext
        slices = max(min(len(docs), context.defaultParallelism), -(-len(docs) // DOCS_PER_PARTITION))
        rdd = context.parallelize(docs, slices)
        yield from rdd.mapPartitions(partial(annotate_partition, self.settings)).collect()

    def close(self) -> None:
        """The Spark session stays up for the rest of the process (starting one takes a while)."""

    def __enter__(self) -> "SparkAnnotator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_executor_annotators: dict[Settings, Annotator] = {}


def annotate_partition(settings: Settings, docs: Iterable[Document]) -> Iterator[Document | Failure]:
    """Run on an executor: annotate one partition; the model is loaded once per Python worker."""
    annotator = _executor_annotators.get(settings)
    if annotator is None:
        annotator = _executor_annotators[settings] = Annotator(settings)
    yield from annotator.pipe(list(docs), workers=1)  # the executor is the worker: no pool inside it
