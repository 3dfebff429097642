"""Keep a hung or unreachable PostgreSQL from holding requests: a deadline on every wait for the
server, and a breaker that answers at once while a background probe waits for it to return."""

import logging
import threading
import time
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

log = logging.getLogger("provnotes")
PROBE_INTERVAL = 0.25


class Breaker:
    """Open after a connect failure or a missed deadline; closed again by a successful probe."""

    def __init__(self) -> None:
        self.is_open = False
        self.lock = threading.Lock()
        self.params: tuple[Any, dict[str, Any]] = ((), {})

    def trip(self, why: str) -> None:
        """Open the breaker and start probing the server in the background (once)."""
        with self.lock:
            if self.is_open:
                return
            self.is_open = True
        log.warning("database unavailable (%s); answering 503 until it returns", why)
        threading.Thread(target=self._probe_until_back, name="db-probe", daemon=True).start()

    def check(self) -> None:
        """Refuse a new connection at once while the database is known to be down."""
        if self.is_open:
            raise psycopg.OperationalError("the database is unreachable; retrying in background")

    def _probe_until_back(self) -> None:
        cargs, cparams = self.params
        while True:
            try:
                psycopg.connect(*cargs, **cparams).close()
            except psycopg.Error:
                time.sleep(PROBE_INTERVAL)
                continue
            self.is_open = False
            log.warning("database reachable again")
            return


class DeadlineConnection(psycopg.Connection[Any]):
    """A psycopg connection that gives up (and breaks itself) when the server does not answer
    within `deadline` seconds, instead of blocking its thread for as long as the server hangs."""

    deadline: float | None = None
    breaker: Breaker | None = None

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        """Consume a protocol generator, bounded by the connection's deadline."""
        try:
            return super().wait(gen, interval, timeout if timeout is not None else self.deadline)
        except pg_errors._WaitTimeout as exc:
            self.pgconn.finish()  # mid-protocol: the connection cannot be reused
            if self.breaker is not None:
                self.breaker.trip(f"no answer within {self.deadline} s")
            raise psycopg.OperationalError(
                f"the database did not answer within {self.deadline} s"
            ) from exc


def guard(engine: Engine, deadline: float) -> Breaker:
    """Make the engine connect through DeadlineConnection behind a breaker; return the breaker."""
    breaker = Breaker()

    def do_connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        breaker.params = (cargs, cparams)
        breaker.check()
        try:
            connection = DeadlineConnection.connect(*cargs, **cparams)
        except psycopg.OperationalError as exc:
            breaker.trip(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            raise
        connection.deadline = deadline
        connection.breaker = breaker
        return connection

    def checkin(dbapi_connection: Any, _record: Any) -> None:
        if isinstance(dbapi_connection, DeadlineConnection):
            dbapi_connection.deadline = deadline  # a bulk request may have lifted it

    event.listen(engine, "do_connect", do_connect)
    event.listen(engine, "checkin", checkin)
    return breaker


def lift_deadline(session: Session, seconds: float) -> None:
    """Give this session's transaction longer to run (bulk imports and exports): the client
    deadline and the server's statement timeout, until the connection goes back to the pool."""
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    if isinstance(raw, DeadlineConnection):
        raw.deadline = seconds
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
