"""tripsmith-rules: completions per second and latency, against the endpoint's own health
check in the same run, and the share of the phrasing table understood exactly.

    .venv/bin/python benchmarks/model_completion.py [--seconds 5] [--concurrency 4]

The model runs as its own process, as in the stack; the load is a first planning turn (a
request with the planner's five tools) through the real `openai` client.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import openai

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import free_ports  # noqa: E402
from tests.services.model.phrasings import PHRASINGS, REFINEMENTS  # noqa: E402
from tests.services.model.test_agent import TOOLS  # noqa: E402
from tests.services.model.expectations import REFERENCE, check, reference_of  # noqa: E402
from tripsmith.runtime.probe import HttpProbe, probe_once  # noqa: E402

REQUESTS = [text for text, _ in PHRASINGS[:40]]


def table_share() -> tuple[int, int]:
    from services.model.understanding import refine, understand

    exact = 0
    for text, expected in PHRASINGS:
        try:
            check(understand(text, reference_of(expected)), expected, text)
            exact += 1
        except AssertionError:
            pass
    for first, follow_up, expected in REFINEMENTS:
        try:
            check(refine(understand(first, REFERENCE), follow_up, REFERENCE), expected, follow_up)
            exact += 1
        except AssertionError:
            pass
    return exact, len(PHRASINGS) + len(REFINEMENTS)


async def load(call, seconds: float, concurrency: int) -> list[float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker():
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            await call(next(counter))
            latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def describe(label: str, latencies: list[float], seconds: float) -> float:
    ordered = sorted(latencies)
    rps = len(ordered) / seconds
    print(f"  {label:<22} {rps:8.1f} req/s   p50 {statistics.median(ordered) * 1000:7.2f} ms"
          f"   p99 {ordered[int(0.99 * (len(ordered) - 1))] * 1000:7.2f} ms")
    return rps


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    exact, total = table_share()
    print(f"phrasing table: {exact} of {total} understood exactly ({exact / total:.1%})")
    [port] = free_ports(1)
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "TRIPSMITH_MODEL_PORT": str(port), "TRIPSMITH_DATA_DIR": data_dir,
               "TRIPSMITH_LOG_LEVEL": "WARNING", "OTEL_SDK_DISABLED": "true"}
        server = subprocess.Popen([sys.executable, "-m", "services.model"], env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            while not await probe_once(HttpProbe(f"{base}/healthz")):
                await asyncio.sleep(0.1)
            client = openai.AsyncOpenAI(base_url=f"{base}/v1", api_key="local", max_retries=0)

            async def complete(index: int):
                text = REQUESTS[index % len(REQUESTS)]
                await client.chat.completions.create(model="tripsmith-rules", tools=TOOLS, messages=[
                    {"role": "system", "content": "Today is 2027-01-13."}, {"role": "user", "content": text}])

            await load(complete, 1.0, args.concurrency)  # warm-up: the first call loads the supplier data
            async with aiohttp.ClientSession() as session:
                async def health(index: int):
                    async with session.get(f"{base}/healthz") as response:
                        await response.read()

                health_times = await load(health, args.seconds, args.concurrency)
            completion_times = await load(complete, args.seconds, args.concurrency)
            await client.close()
            print(f"model endpoint ({args.concurrency} concurrent callers, {args.seconds:.0f} s each, {os.cpu_count()} cores):")
            health_rps = describe("GET /healthz", health_times, args.seconds)
            completion_rps = describe("chat completion", completion_times, args.seconds)
            print(f"  completion throughput = {completion_rps / health_rps:.3f} x health-check throughput")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    asyncio.run(main())
