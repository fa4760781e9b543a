"""Django's Redis cache, made optional: when Redis is down the site serves uncached.

Django's own ``RedisCache`` raises ``redis.ConnectionError`` from every cache call while Redis is
unreachable, which makes every page that touches the cache a 500. Here each call that cannot
reach Redis answers as a miss (get: the default, add: False, set and delete: nothing done), one
warning is logged per outage, and for ``RETRY_SECONDS`` after a failure Redis is not asked at
all, so an address that swallows packets costs one connect timeout per outage window, not one
per cache call.
"""

from __future__ import annotations

import logging
import time

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 5.0

# What each client call answers while Redis is away (a miss, or nothing done).
_FALLBACKS = {
    "get": lambda key, default=None, *a, **k: default,
    "add": lambda *a, **k: False,
    "set": lambda *a, **k: None,
    "touch": lambda *a, **k: False,
    "delete": lambda *a, **k: False,
    "get_many": lambda *a, **k: {},
    "has_key": lambda *a, **k: False,
    "set_many": lambda *a, **k: None,
    "delete_many": lambda *a, **k: None,
    "clear": lambda *a, **k: False,
}


class _ForgivingClient(RedisCacheClient):
    """The Redis client with each cache operation turned into a miss while Redis is away."""

    _down_until = 0.0

    def __getattribute__(self, name):
        attribute = super().__getattribute__(name)
        if name not in _FALLBACKS and name != "incr":
            return attribute
        return _guarded(self, name, attribute)


def _guarded(client: _ForgivingClient, name: str, call):
    def guarded(*args, **kwargs):
        if time.monotonic() < client._down_until:
            return _miss(name, args, kwargs)
        try:
            result = call(*args, **kwargs)
        except REDIS_ERRORS as error:
            if client._down_until == 0.0:
                logger.warning(
                    "Redis unreachable (%s: %s): serving uncached, retrying every %.0f s",
                    type(error).__name__,
                    error,
                    RETRY_SECONDS,
                )
            client._down_until = time.monotonic() + RETRY_SECONDS
            return _miss(name, args, kwargs)
        if client._down_until:
            logger.info("Redis reachable again")
            client._down_until = 0.0
        return result

    return guarded


def _miss(name: str, args, kwargs):
    if name == "incr":
        # Django's contract for a missing key; callers of incr handle it already.
        raise ValueError("Key not found (Redis unreachable)")
    return _FALLBACKS[name](*args, **kwargs)


class ForgivingRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that serves misses while Redis is down.

    The first call that reaches Redis again after an outage logs one info line.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ForgivingClient
