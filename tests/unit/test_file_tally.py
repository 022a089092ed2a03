"""A file's lines and digest worked out beside its reading (ingestion/sources/files.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingestion.sources.files import FileTally, content_digest, count_lines


@settings(max_examples=60, deadline=None)
@given(
    st.binary(max_size=3000).map(lambda b: b.replace(b"\r", b"\n")),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=1),
)
def test_a_tally_counts_and_hashes_as_reading_the_part_again_would(tmp_path_factory, body, a, b):
    path = tmp_path_factory.mktemp("tally") / "Master.csv"
    path.write_bytes(body)
    start, stop = sorted((int(a * len(body)), int(b * len(body))))
    tally = FileTally(path, start, stop, digest=False)
    assert tally.lines() == count_lines(path, start, stop)
    whole = FileTally(path, 0, stop, digest=True)
    assert (whole.lines(), whole.sha256()) == (count_lines(path, 0, stop), content_digest(path, stop))


def test_a_tally_s_error_is_raised_where_a_figure_is_asked_for(tmp_path):
    tally = FileTally(tmp_path / "gone.csv", 0, 10)
    with pytest.raises(FileNotFoundError):
        tally.lines()


def test_a_tally_stopped_early_leaves_no_thread(tmp_path):
    path = tmp_path / "Master.csv"
    path.write_bytes(b"a,b\n" * 5_000_000)  # 20 MB: read in three pieces
    tally = FileTally(path, 0, path.stat().st_size, digest=True)
    tally.close()
    assert not tally._thread.is_alive()
