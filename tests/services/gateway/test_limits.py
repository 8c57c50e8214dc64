"""Per-tenant rate limits and concurrency quotas, in memory and on the local Redis.

The Redis tests need the Redis at TRIPSMITH_TEST_REDIS_URL (default 127.0.0.1:6379) and fail,
rather than skip, without it. Each test works under its own random key prefix and deletes it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
import redis.asyncio as aioredis

from services.gateway.limits import Limits, MemoryLimits, RedisLimits, limits_from
from tests.conftest import ROOT, free_ports
from tripsmith.core.errors import ResourceExhausted

REDIS_URL = os.environ.get("TRIPSMITH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
#: So slow that no token comes back while a test runs.
NO_REFILL = 0.001


@pytest.fixture
def redis_prefix():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        client.close()
        pytest.fail(
            f"the Redis tests need a Redis server at {REDIS_URL} and it is not reachable ({error}); "
            "start redis-server or set TRIPSMITH_TEST_REDIS_URL",
            pytrace=False,
        )
    prefix = f"test:limits:{uuid.uuid4().hex}"
    yield prefix
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(params=["memory", "redis"])
async def make_limits(request):
    """Builds limits of the backend under test; Redis ones are "replicas" sharing one prefix."""
    prefix = request.getfixturevalue("redis_prefix") if request.param == "redis" else None
    made: list[Limits] = []

    def make(rate_per_second: float, burst: int, max_concurrent: int = 10, **options) -> Limits:
        if prefix is None:
            limits = MemoryLimits(rate_per_second, burst, max_concurrent)
        else:
            limits = RedisLimits(REDIS_URL, rate_per_second, burst, max_concurrent, prefix=prefix, **options)
        made.append(limits)
        return limits

    yield make
    for limits in made:
        await limits.close()


@pytest.fixture
async def replicas(redis_prefix):
    made: list[RedisLimits] = []

    def make(rate_per_second: float, burst: int, max_concurrent: int = 10, **options) -> RedisLimits:
        limits = RedisLimits(REDIS_URL, rate_per_second, burst, max_concurrent, prefix=redis_prefix, **options)
        made.append(limits)
        return limits

    yield make
    for limits in made:
        await limits.close()


async def admitted(limits: Limits, tenant: str) -> bool:
    try:
        await limits.admit(tenant)
    except ResourceExhausted:
        return False
    return True


async def test_burst_then_resource_exhausted(make_limits):
    limits = make_limits(NO_REFILL, burst=3)
    for _ in range(3):
        await limits.admit("acme")
    with pytest.raises(ResourceExhausted) as error:
        await limits.admit("acme")
    assert error.value.code == "RESOURCE_EXHAUSTED" and error.value.reason == "RATE_LIMITED"
    assert error.value.message == "tenant acme exceeded 0.001 requests per second"
    assert error.value.retry_after_seconds > 0
    assert error.value.metadata["limit"] == "requests_per_second"
    # Tenants have separate buckets.
    await limits.admit("globex")


async def test_tokens_refill_at_the_rate(make_limits):
    rate = 4.0
    limits = make_limits(rate, burst=1)
    await limits.admit("acme")
    with pytest.raises(ResourceExhausted) as error:
        await limits.admit("acme")
    assert 0 < error.value.retry_after_seconds <= 1 / rate
    await asyncio.sleep(1.2 / rate)
    await limits.admit("acme")


async def test_waiting_retry_after_is_enough(make_limits):
    limits = make_limits(2.0, burst=2)
    while await admitted(limits, "acme"):
        pass
    with pytest.raises(ResourceExhausted) as error:
        await limits.admit("acme")
    await asyncio.sleep(error.value.retry_after_seconds * 1.1)
    await limits.admit("acme")


async def test_slots_are_released_on_exit_and_on_exception(make_limits):
    limits = make_limits(100, burst=100, max_concurrent=2)
    async with limits.slot("acme"), limits.slot("acme"):
        with pytest.raises(ResourceExhausted) as error:
            async with limits.slot("acme"):
                pass
        assert error.value.message == "tenant acme exceeded 2 concurrent calls"
        assert error.value.retry_after_seconds > 0
        async with limits.slot("globex"):
            pass
    for _ in range(3):
        with pytest.raises(RuntimeError):
            async with limits.slot("acme"), limits.slot("acme"):
                raise RuntimeError("the call failed")
    async with limits.slot("acme"), limits.slot("acme"):
        pass


async def test_a_cancelled_call_releases_its_slot(make_limits):
    limits = make_limits(100, burst=100, max_concurrent=1)
    entered = asyncio.Event()

    async def call():
        async with limits.slot("acme"):
            entered.set()
            await asyncio.sleep(60)

    task = asyncio.create_task(call())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with limits.slot("acme"):
        pass


def test_settings_are_checked():
    for rate, burst, concurrent in [(0, 1, 1), (1, 0, 1), (1, 1, 0), (-1, 1, 1)]:
        with pytest.raises(ValueError):
            MemoryLimits(rate, burst, concurrent)


async def test_factory_picks_the_backend():
    memory = limits_from("", 1, 1, 1)
    assert isinstance(memory, MemoryLimits)
    shared = limits_from(REDIS_URL, 1, 1, 1)
    assert isinstance(shared, RedisLimits)
    await shared.close()
    with pytest.raises(ValueError) as error:
        limits_from("http://user:hunter2@example.com", 1, 1, 1)
    assert "hunter2" not in str(error.value)


async def test_replicas_share_one_bucket(replicas):
    burst = 5
    first, second = replicas(NO_REFILL, burst), replicas(NO_REFILL, burst)
    results = await asyncio.gather(*(admitted(limits, "acme") for limits in [first, second] * 10))
    assert sum(results) == burst


async def test_replicas_share_the_concurrency_quota(replicas):
    first, second = replicas(100, 100, max_concurrent=2), replicas(100, 100, max_concurrent=2)
    async with first.slot("acme"), second.slot("acme"):
        for limits in (first, second):
            with pytest.raises(ResourceExhausted):
                async with limits.slot("acme"):
                    pass
    async with first.slot("acme"), first.slot("acme"):
        pass


async def test_keys_are_namespaced_and_expire(replicas, redis_prefix):
    limits = replicas(1, 10, max_concurrent=3, lease_seconds=5)
    await limits.admit("acme")
    client = aioredis.from_url(REDIS_URL)
    try:
        async with limits.slot("acme"):
            keys = sorted([key.decode() async for key in client.scan_iter(match=f"{redis_prefix}:*")])
            assert keys == [f"{redis_prefix}:{{acme}}:rate", f"{redis_prefix}:{{acme}}:slots"]
            for key in keys:
                assert 0 < await client.pttl(key) <= 11_000
    finally:
        await client.aclose()


_HOLDER = """
import asyncio, sys
from services.gateway.limits import RedisLimits

async def main():
    limits = RedisLimits(sys.argv[1], 100, 100, 1, prefix=sys.argv[2], lease_seconds=float(sys.argv[3]))
    async with limits.slot("acme"):
        print("held", flush=True)
        await asyncio.sleep(600)

asyncio.run(main())
"""


async def test_a_crashed_replica_frees_its_slot_when_the_lease_expires(replicas, redis_prefix):
    lease = 1.5
    survivor = replicas(100, 100, max_concurrent=1, lease_seconds=lease)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, REDIS_URL, redis_prefix, str(lease)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        line = await asyncio.to_thread(holder.stdout.readline)
        assert line.strip() == "held", "the holder process did not get its slot"
        # Renewals keep a live holder's slot well beyond one lease.
        await asyncio.sleep(2 * lease)
        with pytest.raises(ResourceExhausted):
            async with survivor.slot("acme"):
                pass
        holder.kill()
        holder.wait()
        deadline = time.monotonic() + lease + 15
        while True:
            try:
                async with survivor.slot("acme"):
                    break
            except ResourceExhausted:
                assert time.monotonic() < deadline, "the crashed holder's slot never expired"
                await asyncio.sleep(0.1)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


async def test_unreachable_redis_fails_open_with_one_warning(caplog):
    (port,) = free_ports(1)
    limits = RedisLimits(f"redis://127.0.0.1:{port}/0", NO_REFILL, 1, max_concurrent=1)
    try:
        with caplog.at_level(logging.WARNING, logger="services.gateway.limits"):
            for _ in range(5):
                await limits.admit("acme")
            async with limits.slot("acme"), limits.slot("acme"):
                pass
        warnings = [r for r in caplog.records if r.name == "services.gateway.limits" and r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "unavailable" in warnings[0].getMessage()
    finally:
        await limits.close()
