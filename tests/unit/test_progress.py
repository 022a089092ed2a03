"""A long step's work is said now and then under the step's line, not only at its end."""

from __future__ import annotations

import logging
import re

from core import progress
from core.progress import Progress
from orchestration.run_log import _ProgressHandler


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_work_is_said_at_most_every_interval_with_its_total_and_pace(caplog):
    clock = Clock()
    work = Progress("scoring calls", total=933_132, every=15, clock=clock)
    with caplog.at_level(logging.INFO, logger=progress.LOGGER):
        clock.now += 10
        work.advance(20_000)  # 10 s in: too soon to say
        clock.now += 10
        work.advance(28_000)  # 20 s in
        clock.now += 5
        work.advance(2_000)  # 5 s after the last line: too soon again
    assert [r.getMessage() for r in caplog.records] == ["scoring calls: 48,000 of 933,132 (2,400 a second)"]


def test_without_a_total_the_count_alone_is_said():
    clock = Clock()
    clock.now += 4
    work = Progress("reading", clock=clock)
    work.done = 1_500
    assert work.line(clock.now + 3) == "reading: 1,500 (500 a second)"


def test_the_command_line_prints_it_under_the_step(capsys):
    shown = logging.getLogger("autokpi.progress")
    before = shown.handlers, shown.propagate, shown.level
    shown.handlers, shown.propagate = [_ProgressHandler()], False
    shown.setLevel(logging.DEBUG)
    try:
        Progress("scoring calls", total=10, every=0).advance(4)
    finally:
        shown.handlers, shown.propagate = before[0], before[1]
        shown.setLevel(before[2])
    printed = capsys.readouterr().err
    # the run's elapsed time, then the line, indented as a built asset's
    assert re.fullmatch(r" *\d+\.\ds    scoring calls: 4 of 10( \([\d,]+ a second\))?\n", printed), printed
