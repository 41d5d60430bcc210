"""A Redis cache that degrades instead of failing.

The cache holds derived data only (architecture.md), so when Redis cannot be reached every page can still be
answered, only slower: reads are misses, writes are dropped, `incr` behaves as for a missing key. The outage
is logged once when it starts and once when it ends. After a failure Redis is left alone for
`RETRY_SECONDS`, so an outage does not cost a connection timeout on every cache call."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("kompass.cache")

T = TypeVar("T")
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5.0


class _Outage:
    """Shared by every cache object of the process (Django makes one per thread)."""

    lock = threading.Lock()
    down_since: float | None = None
    retry_at = 0.0


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, answering without Redis while it is unreachable (see the module docstring)."""

    def _guard(self, operation: Callable[[], T], fallback: T) -> T:
        if _Outage.down_since is not None and time.monotonic() < _Outage.retry_at:
            return fallback
        try:
            result = operation()
        except OUTAGE_ERRORS as exc:
            self._went_down(exc)
            return fallback
        if _Outage.down_since is not None:
            self._came_back()
        return result

    @staticmethod
    def _went_down(exc: BaseException) -> None:
        with _Outage.lock:
            first = _Outage.down_since is None
            if first:
                _Outage.down_since = time.monotonic()
            _Outage.retry_at = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error("Cachen (Redis) går inte att nå; kompass svarar utan cache tills den är tillbaka: %s", exc)

    @staticmethod
    def _came_back() -> None:
        with _Outage.lock:
            since, _Outage.down_since = _Outage.down_since, None
        if since is not None:
            logger.warning("Cachen (Redis) nås igen efter %.0f sekunder.", time.monotonic() - since)

    def is_reachable(self) -> bool:
        """Ask Redis directly (for the health check), whatever the outage state says."""
        try:
            self._cache.get_client().ping()
        except OUTAGE_ERRORS as exc:
            self._went_down(exc)
            return False
        if _Outage.down_since is not None:
            self._came_back()
        return True

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._guard(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._guard(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._guard(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._guard(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._guard(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        missing = object()
        result = self._guard(lambda: super(ResilientRedisCache, self).incr(key, delta, version), missing)
        if result is missing:
            raise ValueError("Key not found (the cache is unreachable).")  # as Django's caches say it
        return result  # type: ignore[return-value]

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._guard(lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._guard(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._guard(lambda: super(ResilientRedisCache, self).clear(), None)
