"""A text progress bar for management commands (stderr), without any dependency.

On a terminal it redraws one line (at most ten times a second); elsewhere (a log file, CI)
it prints a line at every 10 % so logs stay short.
"""
import sys
import time


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class ProgressBar:
    """``bar.update(done, total)`` as work advances, ``bar.close()`` at the end."""

    WIDTH = 30

    def __init__(self, label: str = "", *, stream=None, unit: str = "baris"):
        self.label = label
        self.unit = unit
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_decile = -1
        self._line = ""
        self._start_done: int | None = None

    def update(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if self._start_done is None:
            self._start_done = done  # a resumed job: the rate counts this run's rows only
            self.started = now
        fraction = min(1.0, done / total) if total else 0.0
        if self.tty:
            if now - self._last_draw < 0.1 and done != total:
                return
            self._last_draw = now
        else:
            decile = int(fraction * 10)
            if decile == self._last_decile and done != total:
                return
            self._last_decile = decile
        elapsed = max(now - self.started, 1e-6)
        rate = (done - self._start_done) / elapsed
        filled = int(fraction * self.WIDTH)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        left = ""
        if total and rate > 0 and done < total:
            left = f" · sisa {_duration((total - done) / rate)}"
        of_total = f"/{_thousands(total)}" if total else ""
        self._line = (f"{self.label} [{bar}] {int(fraction * 100):3d}% "
                      f"{_thousands(done)}{of_total} {self.unit} · {_thousands(int(rate))}/dtk{left}")
        if self.tty:
            self.stream.write("\r" + self._line + "\033[K")
        else:
            self.stream.write(self._line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self._line:
            self.stream.write("\n")
            self.stream.flush()
