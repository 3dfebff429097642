"""Bound failed-auth auditing: per client and minute, the first few denials are recorded in
full and the rest are only counted, then written as one summary row when the minute is over."""

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

OVERFLOW = "*"  # the shared bucket once `max_clients` clients are being tracked


@dataclass(slots=True)
class _Minute:
    minute: int
    count: int = 0


@dataclass(frozen=True, slots=True)
class Suppressed:
    """How many denials of one client in one minute were counted but not recorded."""

    client: str
    minute: datetime
    count: int


class DenialLimiter:
    """Decide which denials to record; memory is bounded by `max_clients`."""

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self.per_minute = per_minute
        self.max_clients = max_clients
        self.clients: dict[str, _Minute] = {}
        self.lock = threading.Lock()

    def admit(self, client: str, now: float) -> tuple[bool, list[Suppressed]]:
        """Count one denial; return whether to record it, and the summaries now due."""
        minute = int(now // 60)
        with self.lock:
            due = self._sweep(minute)
            if client not in self.clients and len(self.clients) >= self.max_clients:
                client = OVERFLOW
            entry = self.clients.get(client)
            if entry is None:
                entry = self.clients[client] = _Minute(minute)
            entry.count += 1
            return entry.count <= self.per_minute, due

    def flush(self) -> list[Suppressed]:
        """Return every pending summary (at shutdown)."""
        with self.lock:
            return self._sweep(None)

    def _sweep(self, minute: int | None) -> list[Suppressed]:
        # Entries are kept in the order their minute began, so old ones are at the front.
        due = []
        while self.clients:
            client, entry = next(iter(self.clients.items()))
            if minute is not None and entry.minute >= minute:
                break
            del self.clients[client]
            if entry.count > self.per_minute:
                at = datetime.fromtimestamp(entry.minute * 60, UTC)
                due.append(Suppressed(client, at, entry.count - self.per_minute))
        return due
