"""A pipeline plugin for the robustness tests: misbehaves on marked documents.

"LOOP-FOREVER" loops in Python (the alarm stops it); "STUCK-IN-C" blocks the
alarm first, as C code that never returns to the interpreter would; "WORKER-DIES"
ends its process; "RAISES" raises an error.
"""

import os
import signal

from dyads.annotate.registry import component


@component("misbehave", requires=["entities"])
def misbehave(doc, parsed) -> None:
    if "LOOP-FOREVER" in doc.body:
        while True:
            pass
    if "STUCK-IN-C" in doc.body:
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
        while True:
            pass
    if "WORKER-DIES" in doc.body:
        os._exit(3)
    if "RAISES" in doc.body:
        raise ValueError("a bug in a component")
