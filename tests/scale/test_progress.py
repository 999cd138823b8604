"""The progress helper: silent off a terminal, rate and ETA when drawn."""

from __future__ import annotations

import io

from frontlines.scale.progress import format_line, progress


def test_items_pass_through_and_quiet_when_not_a_tty() -> None:
    out = io.StringIO()
    assert list(progress(range(5), total=5, stream=out)) == [0, 1, 2, 3, 4]
    assert out.getvalue() == ""


def test_forced_draws_a_final_line() -> None:
    out = io.StringIO()
    assert sum(progress(range(10), total=10, label="extract", force=True, stream=out)) == 45
    last = out.getvalue().split("\r")[-1]
    assert last.startswith("extract: [")
    assert "10/10 100%" in last and last.endswith("\n")


def test_format_line() -> None:
    line = format_line("x", 50, 100, 10.0)
    assert "50/100" in line and "5.0/s" in line and "ETA 00:10" in line
    assert format_line("", 7, None, 2.0).startswith("7 3.5/s")
    assert "ETA --:--" in format_line("x", 0, 100, 0.0)
