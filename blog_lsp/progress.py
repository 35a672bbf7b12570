"""A progress bar on a terminal, for a `blog-lsp check` that takes a while."""

from __future__ import annotations

import time
from typing import TextIO

# A run shorter than this shows no bar at all; a bar is redrawn at most this often.
SHOW_AFTER = 1.0
REDRAW_EVERY = 0.1
WIDTH = 30


class ProgressBar:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self._drawn = 0.0

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < SHOW_AFTER or now - self._drawn < REDRAW_EVERY or not total:
            return
        self._drawn = now
        filled = WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{' ' * (WIDTH - filled)}] {done:,}/{total:,} notes")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:  # wipe the bar: the summary goes where it was
            self.stream.write("\r" + " " * (WIDTH + 30) + "\r")
            self.stream.flush()
