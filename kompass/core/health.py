"""The health check behind `/halsa/`: is the database there, the shared cache, the background worker.

The worker (`kompass worker`) writes the time of its latest beat, as seconds since the epoch, to the cache
under WORKER_HEARTBEAT_KEY; no beat at all reads as "okänd", one older than WORKER_HEARTBEAT_MAX_AGE as
"fel". Only the database decides the answer's status code: without the cache kompass still answers (slower),
and the worker runs apart from the web servers."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import caches
from django.db import DatabaseError, connection

from kompass.core.cache import ResilientRedisCache

WORKER_HEARTBEAT_KEY = "kompass:worker:heartbeat"
WORKER_HEARTBEAT_MAX_AGE = 300

OK = "ok"
FAIL = "fel"
UNKNOWN = "okänd"


@dataclass(frozen=True)
class Health:
    database: str
    cache: str
    worker: str

    @property
    def ok(self) -> bool:
        return self.database == OK

    def details(self) -> dict[str, str]:
        status = OK if self.ok else FAIL
        return {"status": status, "database": self.database, "cache": self.cache, "worker": self.worker}


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return FAIL
    return OK


def cache_status() -> str:
    """ "ok", "fel", or "lokal" for the per-process cache of a single machine (nothing to reach)."""
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        return OK if backend.is_reachable() else FAIL
    return "lokal"


def worker_status(*, now: float | None = None) -> str:
    beat = caches["default"].get(WORKER_HEARTBEAT_KEY)
    if beat is None:
        return UNKNOWN
    try:
        age = (now if now is not None else time.time()) - float(beat)
    except (TypeError, ValueError):
        return UNKNOWN
    return OK if age <= WORKER_HEARTBEAT_MAX_AGE else FAIL


def check() -> Health:
    """Reads the database, pings the cache, reads the worker's heartbeat. No side effects beyond logging a
    cache outage once (kompass.core.cache)."""
    return Health(database=database_status(), cache=cache_status(), worker=worker_status())
