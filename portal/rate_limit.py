"""Failed sign-ins counted per login and per client address in a sliding window: past the
limit, sign-in is refused for that login or address until old failures age out."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class SignInLimiter:
    def __init__(self, per_login: int = 5, per_client: int = 20, window_seconds: float = 900,
                 clock: Callable[[], float] = time.monotonic):  # fmt: skip
        self.limits = {"login": per_login, "client": per_client}
        self.window = window_seconds
        self.clock = clock
        self._failures: dict[tuple[str, str], deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str]) -> deque:
        failures, oldest = self._failures[key], self.clock() - self.window
        while failures and failures[0] <= oldest:
            failures.popleft()
        return failures

    def wait_seconds(self, login: str, client: str) -> float:
        """0 if an attempt may be made now, else how long until one may."""
        with self._lock:
            waits = []
            for kind, value in (("login", login), ("client", client)):
                failures = self._recent((kind, value))
                if len(failures) >= self.limits[kind]:
                    waits.append(failures[0] + self.window - self.clock())
            return max(waits, default=0.0)

    def failed(self, login: str, client: str) -> None:
        with self._lock:
            now = self.clock()
            self._failures[("login", login)].append(now)
            self._failures[("client", client)].append(now)

    def succeeded(self, login: str) -> None:
        with self._lock:
            self._failures.pop(("login", login), None)
