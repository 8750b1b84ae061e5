"""A time budget for annotating one document.

Why a SIGALRM timer and not a thread or a subprocess per document: the hangs an
input can provoke are Python loops and regular expressions (CPython's ``re``
checks for signals while it backtracks), and an alarm interrupts both in the
annotating process itself, at no cost per document and without pickling the
document to another process. A thread cannot stop another thread, and a
subprocess per document would reload the spaCy model. The process pool
(``workers.py``) adds a second, hard limit on top: a worker that does not answer
shortly after its alarm (stuck in C code) is killed and replaced.

Signals only reach the main thread; annotating from another thread (a web
server's worker thread) runs without the soft limit, which the pool still
enforces from the outside.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class BudgetExceeded(BaseException):
    """Annotation ran past its time budget.

    A BaseException, like KeyboardInterrupt, so that an ``except Exception`` inside
    a component or a library cannot swallow it and carry on.
    """

    def __init__(self, seconds: float):
        super().__init__(f"annotation ran past its time budget of {seconds:g} s")
        self.seconds = seconds


# the budget is for an article of up to this many characters; a longer one gets as many budgets
# as it has such parts, because honest work grows with the length of the text (a 1 MB article
# is not stuck when it takes ten times a 100 KB one)
BUDGET_CHARS = 100_000

# after the budget is spent, the alarm is raised again this often until the body has stopped
ALARM_REPEAT_SECONDS = 1.0


def budget_for(seconds: float | None, chars: int) -> float | None:
    """The time budget of one document of ``chars`` characters (None or 0: no limit)."""
    if not seconds or seconds <= 0:
        return seconds
    return seconds * max(1.0, chars / BUDGET_CHARS)


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise BudgetExceeded in the body if it runs longer than ``seconds`` (None or 0: no limit).

    An alarm already set by the caller (pytest-timeout uses one) is kept: if it is
    due first, it fires as it would have; after the body it is re-armed with the
    time it had left.
    """
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return

    def on_alarm(signum, frame):  # noqa: ARG001
        raise BudgetExceeded(seconds)

    started = time.monotonic()
    outer_handler = signal.getsignal(signal.SIGALRM)
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_delay and outer_delay <= seconds:
        yield  # the caller's deadline comes first; let it act
        return
    signal.signal(signal.SIGALRM, on_alarm)
    # the alarm repeats every second after it is due: a first one that lands in a garbage
    # collector callback or a __del__ is printed as "Exception ignored" and swallowed by
    # Python, and the work would then run on unbudgeted; the next one stops it
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_delay:
            left = outer_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)
