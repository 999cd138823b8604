"""``PipelineProcess``: the server's extraction in a worker process, replaced if it dies."""

from __future__ import annotations

import datetime as dt
import os
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest

from frontlines.scale.local import PipelineProcess
from frontlines.sources import read_text

TEXT = "Taliban fighters captured the western city of Herat on Thursday, officials said."


def worker_pids(runner: PipelineProcess) -> list[int]:
    pool = runner._pool
    assert pool is not None
    return list(pool._processes)  # type: ignore[attr-defined]


def test_pipeline_process_runs_elsewhere_and_recovers_from_a_killed_worker() -> None:
    runner = PipelineProcess()
    try:
        runner.warm()
        [pid] = worker_pids(runner)
        assert pid != os.getpid()
        article = read_text(TEXT, id="p1", published=dt.date(2021, 8, 13))
        result = runner.run(article)
        assert [e.place.name for e in result.events if e.place] == ["Herat"]
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):
            runner.run(article)
        again = runner.run(article)  # a fresh worker
        assert again.events == result.events
        assert worker_pids(runner) != [pid]
    finally:
        runner.close()
