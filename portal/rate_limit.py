"""Failed sign-ins counted per login and per client address in a sliding window: past the
limit, sign-in is refused for that login or address until old failures age out.

The failures are read from the portal's access log, where every sign-in is recorded
anyway: the count holds across the portal's worker processes and its restarts, which a
count kept in one process's memory did not (each worker allowed its own five). A
successful sign-in ends the login's count."""

from __future__ import annotations

from datetime import timedelta

from portal.store import Store


class SignInLimiter:
    def __init__(self, store: Store, per_login: int = 5, per_client: int = 20, window_seconds: float = 900):
        self.store = store
        self.limits = {"login": per_login, "client": per_client}
        self.window = timedelta(seconds=window_seconds)

    def wait_seconds(self, login: str, client: str) -> float:
        """0 if an attempt may be made now, else how long until one may."""
        now = self.store.now()
        failures = self.store.sign_in_failures(login, client, since=now - self.window)
        waits = []
        for kind, times in failures.items():
            limit = self.limits[kind]
            if len(times) >= limit:  # until enough of them age out to leave one attempt
                waits.append((times[len(times) - limit] + self.window - now).total_seconds())
        return max(waits, default=0.0)
