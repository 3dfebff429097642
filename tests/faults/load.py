"""A bounded loopback load generator that records every request's route, status and time."""

import threading
import time
from dataclasses import dataclass, field

import httpx


@dataclass(frozen=True, slots=True)
class Sample:
    at: float  # seconds since the load started
    route: str
    status: int  # 0 when the request failed at the transport level
    seconds: float
    retry_after: bool


@dataclass
class Load:
    """Threads that hit each route in a closed loop until stopped."""

    base: str
    routes: dict[str, int]  # path -> number of threads
    headers: dict[str, str] = field(default_factory=dict)
    samples: list[Sample] = field(default_factory=list)
    # the first answer of each status other than 200 and 503, by status: what an assertion
    # about statuses shows, so that a surprise says which route answered it and why
    unexpected: dict[int, str] = field(default_factory=dict)
    started: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def __enter__(self) -> "Load":
        self.started = time.monotonic()
        for route, count in self.routes.items():
            for _ in range(count):
                thread = threading.Thread(target=self._run, args=(route,), daemon=True)
                thread.start()
                self._threads.append(thread)
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def now(self) -> float:
        return time.monotonic() - self.started

    def _run(self, route: str) -> None:
        with httpx.Client(base_url=self.base, headers=self.headers, timeout=30) as client:
            while not self._stop.is_set():
                begin = time.monotonic()
                try:
                    response = client.get(route)
                    status, retry = response.status_code, "retry-after" in response.headers
                    if status not in (200, 503) and status not in self.unexpected:
                        self.unexpected[status] = f"{route}: {response.text[:300]}"
                except httpx.TransportError:
                    status, retry = 0, False
                end = time.monotonic()
                self.samples.append(Sample(begin - self.started, route, status, end - begin, retry))
                time.sleep(0.005)  # a steady load, not a CPU race on a two-core machine

    def window(self, route: str, start: float, end: float) -> list[Sample]:
        """The samples of one route that started in [start, end)."""
        return [s for s in self.samples if s.route == route and start <= s.at < end]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of some values, 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
