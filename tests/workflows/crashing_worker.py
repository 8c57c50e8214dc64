"""A planner worker that dies in the middle of the booking saga, for the crash tests of
tests/workflows/test_itinerary_workflow.py: `python -m tests.workflows.crashing_worker`.

It runs the real worker (`workflows.worker.build_worker` over `PlannerActivities`), configured
like `python -m workflows` from the `TRIPSMITH_*` and `OPENAI_BASE_URL` variables, plus one
test-only activity interceptor: right after the Nth saga activity (`hold_offer`,
`confirm_hold`, `undo_hold`) has run, N from TRIPSMITH_TEST_CRASH_AFTER, the process sends
itself SIGKILL. The supplier has done the work; Temporal never hears of it, and retries the
step on another worker once its start-to-close timeout has passed.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import Any

import temporalio.client
import temporalio.worker
from temporalio import activity
from temporalio.client import Client

from tripsmith.runtime.config import load
from workflows.activities import PlannerActivities
from workflows.config import ModelEndpoint, WorkerConfig
from workflows.worker import build_worker

SAGA_ACTIVITIES = frozenset({"hold_offer", "confirm_hold", "undo_hold"})
CRASH_AFTER = "TRIPSMITH_TEST_CRASH_AFTER"


class _CrashAfterActivity(temporalio.worker.ActivityInboundInterceptor):
    def __init__(self, next: temporalio.worker.ActivityInboundInterceptor, crash: CrashAfter) -> None:
        super().__init__(next)
        self._crash = crash

    async def execute_activity(self, input: temporalio.worker.ExecuteActivityInput) -> Any:
        result = await self.next.execute_activity(input)
        if activity.info().activity_type in SAGA_ACTIVITIES:
            self._crash.done += 1
            print(f"saga step {self._crash.done}: {activity.info().activity_type} ran", flush=True)
            if self._crash.done == self._crash.after:
                os.kill(os.getpid(), signal.SIGKILL)
        return result


class CrashAfter(temporalio.client.Interceptor, temporalio.worker.Interceptor):
    """Kills the process after the `after`th saga activity. A client interceptor as well, so
    that the worker that `build_worker` makes from the client picks it up unchanged."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.done = 0

    def intercept_activity(
        self, next: temporalio.worker.ActivityInboundInterceptor
    ) -> temporalio.worker.ActivityInboundInterceptor:
        return _CrashAfterActivity(next, self)


async def main() -> None:
    config = load(WorkerConfig)
    client = await Client.connect(config.temporal_target(), namespace=config.temporal_namespace,
                                  interceptors=[CrashAfter(int(os.environ[CRASH_AFTER]))])
    activities = PlannerActivities(config, ModelEndpoint())
    async with build_worker(client, config, activities):
        print(f"polling {config.task_queue}", flush=True)
        await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
