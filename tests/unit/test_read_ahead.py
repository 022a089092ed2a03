"""Reading a file's next batches in a thread while the last ones are written: the batches
come in order, an error comes where it was raised, and stopping early stops the reading."""

from __future__ import annotations

import threading

import pytest

from ingestion.sources.read_ahead import read_ahead


def test_items_come_in_their_order_and_nothing_is_read_before_the_first_is_asked_for():
    started = threading.Event()

    def items():
        started.set()
        yield from range(100)

    ahead = read_ahead(items(), depth=3)
    assert not started.wait(0.2)
    assert list(ahead) == list(range(100))


def test_an_error_is_raised_after_the_items_read_before_it():
    def items():
        yield 1
        yield 2
        raise ValueError("line 3: not a call record")

    got = []
    with pytest.raises(ValueError, match="line 3"):
        for item in read_ahead(items()):
            got.append(item)
    assert got == [1, 2]


def test_stopping_early_stops_the_thread_and_closes_the_items():
    closed = threading.Event()
    produced = []

    def items():
        try:
            for n in range(10_000):
                produced.append(n)
                yield n
        finally:
            closed.set()

    ahead = read_ahead(items(), depth=2)
    assert next(ahead) == 0
    ahead.close()
    assert closed.wait(5)
    assert len(produced) < 10  # at most a few ahead of the one item taken
    assert not [t for t in threading.enumerate() if t.name == "read-ahead"]
