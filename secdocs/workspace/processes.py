"""Worker processes that die with their parent, and a one-line error when one is killed.

A release build runs its documents in a process pool. If the build is killed (SIGKILL,
SIGTERM, a closed terminal), its workers must not live on: each worker asks the kernel to kill
it when its parent dies (Linux ``PR_SET_PDEATHSIG``) and, where that is not available, a thread
watches the parent's pid. A worker that dies (out of memory, killed) breaks the pool; the
build then stops with :class:`WorkerDied`, one line naming the document, not a traceback.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from typing import TYPE_CHECKING

from ..errors import SecdocsError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


class WorkerDied(SecdocsError):
    """A worker process ended without a result (killed, or out of memory)."""


def _die_with(parent: int) -> None:
    """Worker initializer: end this process when ``parent`` ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        armed = False
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    if not armed:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def worker_pool(workers: int) -> "ProcessPoolExecutor":
    """A process pool whose workers die with this process."""
    from concurrent.futures import ProcessPoolExecutor  # start-up: it imports multiprocessing, only when used

    return ProcessPoolExecutor(max_workers=workers, initializer=_die_with, initargs=(os.getpid(),))
