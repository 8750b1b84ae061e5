"""A pool of annotating processes, started once per run, that survives stuck documents.

``multiprocessing.Pool`` and ``concurrent.futures`` cannot kill one stuck worker
without losing the whole pool (and every other worker's work in progress), so
this small pool is written by hand: each worker has its own pipe and gets short
documents in small batches (spaCy parses a batch faster than one by one), with the
next batch sent before it finishes the current one, so it never waits for the
parent. The worker answers one document at a time, in order, so the parent knows
which document each worker is on and since when. A worker that has not answered
``hard_limit`` seconds after its previous answer (its own alarm, see ``budget.py``,
fires first; this is for C code that ignores signals) or that died is killed, the
document it was on is reported as a Failure, the documents queued behind it go back
to the others, and a fresh worker takes its place. Results come back in input order,
so a run gives the same answer with 1 or N workers.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from dyads.annotate.budget import budget_for
from dyads.model import Document
from dyads.settings import Settings

# seconds a worker may take to load the model before the run is given up
STARTUP_LIMIT = 300.0
# documents sent to a worker at once (fewer near the end of a run, so that no worker idles
# while another holds the last batch); a worker holds at most two batches
WORKER_BATCH = 8
# seconds past its time budget (and half the budget again) before a silent worker is killed
GRACE = 10.0


class WorkerStartError(RuntimeError):
    pass


PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent dies


def _die_with_parent(parent_pid: int) -> None:
    """A worker ends when the run that started it ends, even by kill -9.

    Between documents a worker sees its parent's death as the end of its pipe; but a worker
    in the middle of a long document would run on, orphaned, until its own time budget. On
    Linux the kernel kills it at once (PR_SET_PDEATHSIG; no library offers this); elsewhere
    the pipe (and the budget) are the bound. (The kernel's "parent" is the thread that started
    the worker, so this is asked only for pools started by a main thread, not by a server's
    request thread that ends while the process lives on: ``parent_pid`` 0.)
    """
    if not parent_pid:
        return
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the request above took effect
        os._exit(1)


def _worker_main(settings: Settings, conn: Connection, parent_pid: int) -> None:
    from dyads.annotate.pipeline import Annotator

    _die_with_parent(parent_pid)
    try:
        annotator = Annotator(settings)
        # load the model and the components' tables (gazetteer, compiled patterns) before
        # saying ready, so that their time is not charged to the first document
        annotator.warm_up()
    except BaseException as exc:  # report why the worker cannot start; the parent stops the run
        conn.send(("error", None, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        indices = [index for index, _ in task]
        for index, result in zip(indices, annotator.annotate_batch([doc for _, doc in task])):
            conn.send(("done", index, result))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    # the documents sent and not yet answered, in the order the worker annotates them
    tasks: deque[tuple[int, Document]] = field(default_factory=deque)
    since: float = field(default_factory=time.monotonic)


class WorkerPool:
    """``workers`` annotating processes; ``map`` can be called many times (one pool per run)."""

    def __init__(self, settings: Settings, workers: int):
        self.settings = settings
        self.size = workers
        self.context = multiprocessing.get_context("spawn")
        self.budget = settings.time_budget or 0
        self.workers: list[_Worker] = []
        self.replaced = 0

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        in_main_thread = threading.current_thread() is threading.main_thread()
        process = self.context.Process(
            target=_worker_main, args=(self.settings, child, os.getpid() if in_main_thread else 0), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def map(self, docs: Iterable[Document]) -> Iterator[Any]:
        """Annotated Documents (or Failures), in the order of ``docs``."""
        from dyads.annotate.pipeline import Failure

        hard_limit = self.budget * 1.5 + GRACE if self.budget > 0 else None
        while len(self.workers) < self.size:
            self.workers.append(self._start())
        todo = deque(enumerate(docs))
        total = len(todo)
        done: dict[int, Any] = {}
        next_out = 0
        while next_out < total:
            for worker in self.workers:
                if worker.ready and todo and len(worker.tasks) <= WORKER_BATCH // 2:
                    batch = self._next_batch(todo)
                    try:
                        worker.conn.send(batch)
                    except OSError:  # it died while busy: noticed below; the batch waits for another
                        todo.extendleft(reversed(batch))
                        continue
                    if not worker.tasks:
                        worker.since = time.monotonic()
                    worker.tasks.extend(batch)
            by_conn = {w.conn: w for w in self.workers}
            for conn in wait(list(by_conn), timeout=0.5):
                worker = by_conn[conn]
                try:
                    while conn.poll():  # every answer already sent, before a death is judged below
                        kind, index, payload = conn.recv()
                        if kind == "ready":
                            worker.ready = True
                        elif kind == "error":
                            self.close()
                            raise WorkerStartError(f"an annotating worker could not start: {payload}")
                        elif worker.tasks and worker.tasks[0][0] == index:
                            done[index] = payload
                            worker.tasks.popleft()
                            worker.since = time.monotonic()
                except (EOFError, OSError):
                    continue  # it died; noticed below
            now = time.monotonic()
            for position, worker in enumerate(self.workers):
                alive = worker.process.is_alive()
                if not worker.ready and not alive:
                    self.close()
                    raise WorkerStartError(f"an annotating worker exited while starting (exit code {worker.process.exitcode})")
                if not worker.ready and now - worker.since > STARTUP_LIMIT:
                    self.close()
                    raise WorkerStartError(f"an annotating worker did not load the model in {STARTUP_LIMIT:g} s")
                if not worker.tasks:
                    if not alive:  # died between documents: nothing lost, start another
                        self._kill(worker)
                        self.workers[position] = self._start()
                    continue
                # the budget grows with the length of the documents (budget.budget_for); a batch
                # is parsed before its first document is answered, so the whole batch counts
                limit = budget_for(hard_limit, sum(len(d.body) for _, d in worker.tasks)) if hard_limit is not None else None
                overdue = limit is not None and now - worker.since > limit
                if overdue or not alive:
                    index, doc = worker.tasks.popleft()
                    todo.extendleft(reversed(worker.tasks))  # not started: another worker takes them
                    reason = (
                        f"annotation did not finish in {limit:g} s (time budget {self.settings.time_budget:g} s, "
                        "DYADS_TIME_BUDGET); its worker was stopped and replaced"
                        if overdue
                        else f"the annotating process died (exit code {worker.process.exitcode}); it was replaced"
                    )
                    done[index] = Failure(doc.source, reason)
                    self._kill(worker)
                    self.workers[position] = self._start()
                    self.replaced += 1
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1

    def _next_batch(self, todo: deque) -> list[tuple[int, Document]]:
        """The next documents for one worker: a long one alone, else up to WORKER_BATCH short
        ones, fewer when little is left so that every worker has a share of the tail."""
        from dyads.annotate.pipeline import BATCH_MAX_CHARS

        size = max(1, min(WORKER_BATCH, len(todo) // (2 * self.size)))
        batch = [todo.popleft()]
        while todo and len(batch) < size and len(batch[0][1].body) <= BATCH_MAX_CHARS and len(todo[0][1].body) <= BATCH_MAX_CHARS:
            batch.append(todo.popleft())
        return batch

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in self.workers:
            worker.process.join(2)
            self._kill(worker)
        self.workers = []
