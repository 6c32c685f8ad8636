"""Progress of a batch build on stderr: a bar on a terminal, quiet lines otherwise.

On a terminal one line is redrawn (``[#####.....] 12/40 Section L``); when stderr is a file or
a pipe (CI logs) each finished step is one plain line, so logs stay readable and diffable.
Nothing here goes to stdout, and nothing here affects what a build writes.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Counts finished steps out of ``total`` and shows them on ``stream`` (stderr)."""

    def __init__(self, total: int, label: str = "", stream: TextIO | None = None,
                 enabled: bool = True, width: int = 30):
        self.total = max(total, 0)
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.width = width
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self._drawn = False

    def step(self, what: str) -> None:
        """One step finished."""
        self.done += 1
        if not self.enabled:
            return
        if self.tty:
            filled = self.width * self.done // self.total if self.total else self.width
            bar = "#" * filled + "." * (self.width - filled)
            line = f"{self.label} [{bar}] {self.done}/{self.total} {what}"
            self.stream.write("\r" + line[:120].ljust(120))
            self._drawn = True
        else:
            self.stream.write(f"{self.label} {self.done}/{self.total} {what}\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        """A line of its own (a phase starting, a warning), not counted."""
        if not self.enabled:
            return
        self.close()
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * 120 + "\r")
            self.stream.flush()
            self._drawn = False
