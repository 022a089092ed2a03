"""A call-quality scoring process that dies (the system kills it for memory, most often) is
said in one sentence that says what to do, not as Python's "process pool is broken"."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

from core.errors import UserFacingError, is_user_facing
from ingestion.sources.call_scores import WORKERS_ENV, scored


def test_a_scoring_process_that_dies_is_one_sentence_that_says_what_to_do():
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        dying = pool.submit(os._exit, 9)  # as a process the system kills ends: no result, no error
        with pytest.raises(UserFacingError) as raised:
            scored(dying)
    said = str(raised.value)
    assert f"{WORKERS_ENV}=1" in said and "memory" in said and "\n" not in said
    assert raised.value.__cause__ is None and raised.value.__suppress_context__  # the sentence alone
    assert is_user_facing(type(raised.value).__name__)


def test_a_scored_batch_is_returned_as_it_is():
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        assert scored(pool.submit(abs, -3)) == 3
