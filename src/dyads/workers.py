"""A pool of annotating processes, started once per run, that survives stuck documents.

``multiprocessing.Pool`` and ``concurrent.futures`` cannot kill one stuck worker
without losing the whole pool (and every other worker's work in progress), so
this small pool is written by hand: each worker has its own pipe and gets one
document at a time; the parent knows which document each worker holds and
since when. A worker that has not answered ``hard_limit`` seconds after it got
its document (its own alarm, see ``budget.py``, fires first; this is for C code
that ignores signals) or that died is killed, its document is reported as a
Failure, and a fresh worker takes its place. Results come back in input order,
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

from .budget import budget_for
from .model import Document
from .settings import Settings

# seconds a worker may take to load the model before the run is given up
STARTUP_LIMIT = 300.0
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
    from .pipeline import Annotator

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
        index, doc = task
        conn.send(("done", index, annotator.annotate_one(doc)))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    task: tuple[int, Document] | None = None
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
        from .pipeline import Failure

        hard_limit = self.budget * 1.5 + GRACE if self.budget > 0 else None
        while len(self.workers) < self.size:
            self.workers.append(self._start())
        todo = deque(enumerate(docs))
        total = len(todo)
        done: dict[int, Any] = {}
        next_out = 0
        while next_out < total:
            for worker in self.workers:
                if worker.ready and worker.task is None and todo:
                    worker.task = todo.popleft()
                    worker.since = time.monotonic()
                    worker.conn.send(worker.task)
            by_conn = {w.conn: w for w in self.workers}
            for conn in wait(list(by_conn), timeout=0.5):
                worker = by_conn[conn]
                try:
                    kind, index, payload = conn.recv()
                except (EOFError, OSError):
                    continue  # it died; noticed below
                if kind == "ready":
                    worker.ready = True
                elif kind == "error":
                    self.close()
                    raise WorkerStartError(f"an annotating worker could not start: {payload}")
                elif worker.task is not None and worker.task[0] == index:
                    done[index] = payload
                    worker.task = None
            now = time.monotonic()
            for position, worker in enumerate(self.workers):
                alive = worker.process.is_alive()
                if not worker.ready and not alive:
                    self.close()
                    raise WorkerStartError(f"an annotating worker exited while starting (exit code {worker.process.exitcode})")
                if not worker.ready and now - worker.since > STARTUP_LIMIT:
                    self.close()
                    raise WorkerStartError(f"an annotating worker did not load the model in {STARTUP_LIMIT:g} s")
                if worker.task is None:
                    if not alive:  # died between documents: nothing lost, start another
                        self._kill(worker)
                        self.workers[position] = self._start()
                    continue
                # the budget grows with the length of the document (budget.budget_for)
                limit = budget_for(hard_limit, len(worker.task[1].body)) if hard_limit is not None else None
                overdue = limit is not None and now - worker.since > limit
                if overdue or not alive:
                    index, doc = worker.task
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
