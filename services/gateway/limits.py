"""Per-tenant rate limits and concurrency quotas, the same for every gateway replica.

- `await limits.admit(tenant)` takes one token from the tenant's bucket, which refills at
  `rate_per_second` and holds at most `burst`. An empty bucket raises ResourceExhausted
  (RATE_LIMITED) whose `retry_after_seconds` is the time until the next token.
- `async with limits.slot(tenant):` holds one of the tenant's `max_concurrent` in-flight
  calls for the duration of the block, and frees it however the block ends. When every slot is
  taken it raises ResourceExhausted.

Backends: `MemoryLimits` counts inside one process (the embedded stack's single gateway).
`RedisLimits` keeps the state in Redis, so N replicas share one budget per tenant: the bucket
is refilled and drawn by one Lua script on the Redis server's clock (replicas' clocks never
matter), and slots are leases in a sorted set that each holder renews while its call runs, so
the slots of a replica that crashed free themselves after `lease_seconds`.
`limits_from(url, ...)` picks the backend: no URL, memory; `redis://`, `rediss://` or
`unix://`, Redis.

When Redis cannot be reached, RedisLimits fails open: calls are admitted, one warning is
logged per outage, and Redis is tried again after a second. The limiter protects the planner
from a noisy tenant; an outage of the limiter must not become an outage of the planner.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from tripsmith.core.errors import ResourceExhausted

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "tripsmith:limits"
#: A full slot frees when some call of the tenant ends, which nobody can predict.
SLOT_RETRY_AFTER_SECONDS = 1.0


class Limits(ABC):
    """A tenant's request rate and in-flight calls, bounded; see the module docstring."""

    def __init__(self, rate_per_second: float, burst: int, max_concurrent: int) -> None:
        if rate_per_second <= 0 or burst < 1 or max_concurrent < 1:
            raise ValueError("limits need rate_per_second > 0, burst >= 1 and max_concurrent >= 1")
        self.rate_per_second = float(rate_per_second)
        self.burst = int(burst)
        self.max_concurrent = int(max_concurrent)

    async def admit(self, tenant: str) -> None:
        """Takes a token of `tenant`, or raises ResourceExhausted."""
        retry_after = await self._take_token(tenant)
        if retry_after is not None:
            raise ResourceExhausted(
                f"tenant {tenant} exceeded {self.rate_per_second:g} requests per second",
                retry_after_seconds=retry_after,
                metadata={"tenant": tenant, "limit": "requests_per_second", "value": f"{self.rate_per_second:g}"},
            )

    @asynccontextmanager
    async def slot(self, tenant: str) -> AsyncIterator[None]:
        """Holds one in-flight slot of `tenant` for the block, or raises ResourceExhausted."""
        lease = await self._acquire(tenant)
        if lease is None:
            raise ResourceExhausted(
                f"tenant {tenant} exceeded {self.max_concurrent} concurrent calls",
                retry_after_seconds=SLOT_RETRY_AFTER_SECONDS,
                metadata={"tenant": tenant, "limit": "concurrent_calls", "value": str(self.max_concurrent)},
            )
        try:
            yield
        finally:
            await self._release(tenant, lease)

    @abstractmethod
    async def close(self) -> None:
        """Releases what the backend holds (connections)."""

    @abstractmethod
    async def _take_token(self, tenant: str) -> float | None:
        """None when a token was taken, else the seconds until the next one."""

    @abstractmethod
    async def _acquire(self, tenant: str) -> object | None:
        """A lease on a slot, or None when all are taken."""

    @abstractmethod
    async def _release(self, tenant: str, lease: object) -> None:
        """Frees a lease from `_acquire`."""


class MemoryLimits(Limits):
    """Limits of one process. Each method runs without awaiting, so it is atomic on its event loop."""

    def __init__(
        self, rate_per_second: float, burst: int, max_concurrent: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(rate_per_second, burst, max_concurrent)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # tenant -> (tokens, when counted)
        self._in_flight: Counter[str] = Counter()

    async def _take_token(self, tenant: str) -> float | None:
        now = self._clock()
        tokens, then = self._buckets.get(tenant, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate_per_second)
        if tokens < 1:
            self._buckets[tenant] = (tokens, now)
            return (1 - tokens) / self.rate_per_second
        self._buckets[tenant] = (tokens - 1, now)
        return None

    async def _acquire(self, tenant: str) -> object | None:
        if self._in_flight[tenant] >= self.max_concurrent:
            return None
        self._in_flight[tenant] += 1
        return tenant

    async def _release(self, tenant: str, lease: object) -> None:
        self._in_flight[tenant] -= 1
        if not self._in_flight[tenant]:
            del self._in_flight[tenant]

    async def close(self) -> None:
        """Nothing to release."""


# KEYS[1]: the bucket (a hash). ARGV: rate per second, burst.
# Returns {1, "0"} when a token was taken, else {0, seconds until the next token}; numbers go
# back as strings because Redis truncates Lua numbers to integers.
_TAKE_TOKEN = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1000000
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'time')
local tokens, since = tonumber(state[1]) or burst, tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - since) * rate)
local taken, wait = 0, (1 - tokens) / rate
if tokens >= 1 then
  tokens, taken, wait = tokens - 1, 1, 0
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'time', string.format('%.6f', now))
-- A bucket left alone that long is full again, which is what a missing key means.
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {taken, string.format('%.6f', wait)}
"""

# KEYS[1]: the leases (a sorted set, member -> expiry). ARGV: max concurrent, lease seconds, member.
_ACQUIRE = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.6f', now))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], string.format('%.6f', now + tonumber(ARGV[2])), ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) * 1000))
return 1
"""

# KEYS[1]: the leases. ARGV: lease seconds, member. XX: a lease that expired stays expired, since
# its slot may have been given to someone else.
_RENEW = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1000000
local renewed = redis.call('ZADD', KEYS[1], 'XX', 'CH', string.format('%.6f', now + tonumber(ARGV[1])), ARGV[2])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1]) * 1000))
return renewed
"""

#: How long RedisLimits stops asking Redis after a failure, so an outage costs no latency.
_OUTAGE_BACKOFF_SECONDS = 1.0
#: Marks a slot granted while Redis was unreachable: nothing to release.
_UNTRACKED = object()


class RedisLimits(Limits):
    """Limits shared through Redis by every replica that uses the same URL and prefix.

    Keys are `{prefix}:{<tenant>}:rate` and `{prefix}:{<tenant>}:slots`; the braces are a Redis
    Cluster hash tag, so a tenant's keys live on one shard. Both expire when idle.
    """

    def __init__(
        self,
        url: str,
        rate_per_second: float,
        burst: int,
        max_concurrent: int,
        *,
        prefix: str = DEFAULT_PREFIX,
        lease_seconds: float = 30.0,
    ) -> None:
        super().__init__(rate_per_second, burst, max_concurrent)
        if lease_seconds <= 0:
            raise ValueError("lease_seconds must be positive")
        self.prefix = prefix
        self.lease_seconds = float(lease_seconds)
        # Short timeouts: every RPC waits on these calls, and failing open needs to fail fast.
        self._redis = aioredis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._take_script = self._redis.register_script(_TAKE_TOKEN)
        self._acquire_script = self._redis.register_script(_ACQUIRE)
        self._renew_script = self._redis.register_script(_RENEW)
        self._skip_until = 0.0
        self._in_outage = False

    def _key(self, tenant: str, kind: str) -> str:
        return f"{self.prefix}:{{{tenant}}}:{kind}"

    async def _run(self, script, key: str, *args: object):
        """The script's result, or None (fail open) when Redis is unreachable."""
        if time.monotonic() < self._skip_until:
            return None
        try:
            result = await script(keys=[key], args=list(args))
        except (RedisError, OSError) as error:
            self._skip_until = time.monotonic() + _OUTAGE_BACKOFF_SECONDS
            if not self._in_outage:
                self._in_outage = True
                logger.warning("rate limiter unavailable, admitting every call until it is back: %s", error)
            return None
        if self._in_outage:
            self._in_outage = False
            logger.info("rate limiter reachable again, limits apply")
        return result

    async def _take_token(self, tenant: str) -> float | None:
        result = await self._run(self._take_script, self._key(tenant, "rate"), self.rate_per_second, self.burst)
        if result is None or int(result[0]):
            return None
        return float(result[1])

    async def _acquire(self, tenant: str) -> object | None:
        key, member = self._key(tenant, "slots"), secrets.token_hex(8)
        result = await self._run(self._acquire_script, key, self.max_concurrent, self.lease_seconds, member)
        if result is None:
            return _UNTRACKED
        if not int(result):
            return None
        return member, asyncio.create_task(self._keep_renewing(key, member))

    async def _keep_renewing(self, key: str, member: str) -> None:
        # Renewing three times per lease lets two renewals fail before a live call loses its slot.
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            await self._run(self._renew_script, key, self.lease_seconds, member)

    async def _release(self, tenant: str, lease: object) -> None:
        if lease is _UNTRACKED:
            return
        member, renewal = lease
        # Not awaited: awaiting here could swallow a cancellation of the caller. A renewal that
        # is already on its way uses XX, so it cannot bring the lease back after the ZREM.
        renewal.cancel()
        try:
            await self._redis.zrem(self._key(tenant, "slots"), member)
        except (RedisError, OSError) as error:
            logger.debug("could not release a slot of tenant %s, it will expire: %s", tenant, error)

    async def close(self) -> None:
        await self._redis.aclose()


def limits_from(
    url: str,
    rate_per_second: float,
    burst: int,
    max_concurrent: int,
    *,
    prefix: str = DEFAULT_PREFIX,
    lease_seconds: float = 30.0,
) -> Limits:
    """MemoryLimits for an empty URL, RedisLimits for a Redis URL; connects on first use."""
    if not url:
        return MemoryLimits(rate_per_second, burst, max_concurrent)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisLimits(
            url, rate_per_second, burst, max_concurrent, prefix=prefix, lease_seconds=lease_seconds
        )
    # The URL may hold a password: name only its scheme.
    raise ValueError(f"unsupported limits URL scheme {url.split(':', 1)[0]!r}: use redis://, rediss:// or unix://")
