"""The calls of a transcripts file written as JSON over many lines, as speech-to-text tools
write them beside JSON lines: an array of calls, a call per file (pretty printed), calls one
after another, or an object holding the list (``{"calls": […]}``). Each call is read with
the line it starts on, so a quarantined one is found in the file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ingestion.sources.file_parts import NewPart
from ingestion.sources.files import WRITE_AS_UTF8, json_line

# (line, the JSON value read, why it cannot be read or None, its text for the quarantine)
Record = tuple[int, object, str | None, str]
WRITE_AGAIN = "correct the file and send it again"


def is_json_document(path: Path) -> bool:
    """Whether the file is JSON written over lines, not a call per line: its first line is
    "[" or "{" alone, or an array (``[{"call_id": …}, …]``)."""
    with path.open("rb") as fh:
        for raw in fh:
            first = json_line(raw)
            if first:
                return first in ("{", "[") or first.startswith("[")
    return False


def documents(part: NewPart) -> Iterator[Record]:
    """The calls of JSON written over lines: an array of calls, a call per file (pretty
    printed, as whisper-style tools write one), calls one after another, or an object
    holding the list (``{"calls": […]}``). Each call's line is where it starts. JSON broken
    part way is one quarantined record from where it broke: what follows cannot be told
    apart into calls; the calls before it are read. A file that is not UTF-8 is one
    quarantined record (its first line, "[" or "{", is the same in any encoding)."""
    with part.path.open("rb") as fh:
        data = fh.read(part.stop)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:  # read on, its words would be scored with letters replaced
        line = part.first_line + data[: error.start].count(b"\n")
        yield (
            line,
            None,
            f"not UTF-8 text (byte 0x{data[error.start]:02X} in line {line}); {WRITE_AS_UTF8}",
            "",
        )
        return
    line_of = _LinesBefore(text, part.first_line)
    decoder = json.JSONDecoder()
    at, in_array = _next_value(text, 0), False
    while at < len(text):
        if text[at] in "[]" and in_array == (text[at] == "]"):  # into the array of calls, out of it
            in_array = not in_array
            at = _next_value(text, at + 1)
            continue
        try:
            value, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            broken = (
                f"not valid JSON from line {line_of(at)} on ({exc.msg}): the calls from there to the "
                f"end of the file are not read; {WRITE_AGAIN}"
            )
            yield line_of(at), None, broken, text[at:]
            return
        held = [
            (start, stop)
            for start, stop in (_members(text, at, decoder) if _holds_calls(value, in_array) else ())
            if text[start] == "["
        ]
        if len(held) == 1:  # the list it holds, read again call by call for where each starts
            for item_at, item_end in _items(text, held[0][0] + 1, decoder):
                yield line_of(item_at), json.loads(text[item_at:item_end]), None, text[item_at:item_end]
        else:
            yield line_of(at), value, None, text[at:end]
        at = _next_value(text, end)
    if in_array:
        unclosed = f"not valid JSON: the array of calls is not closed with ] at its end; {WRITE_AGAIN}"
        yield line_of(len(text)), None, unclosed, ""


def _next_value(text: str, at: int) -> int:
    """Where the next JSON value starts: past spaces and the commas between values."""
    while at < len(text) and (text[at].isspace() or text[at] == ","):
        at += 1
    return at


def _holds_calls(value, in_array: bool) -> bool:
    """An object outside an array that is no call itself and holds one list (``{"calls": […]}``)."""
    return (
        not in_array
        and isinstance(value, dict)
        and "call_id" not in value
        and sum(isinstance(v, list) for v in value.values()) == 1
    )


def _members(text: str, at: int, decoder: json.JSONDecoder) -> Iterator[tuple[int, int]]:
    """(start, end) of each member's value of an object read whole already, from its "{"."""
    at = _next_value(text, at + 1)
    while at < len(text) and text[at] != "}":
        _, at = decoder.raw_decode(text, at)  # the member's name
        at = _next_value(text, at)
        at = _next_value(text, at + 1)  # past the colon
        _, end = decoder.raw_decode(text, at)
        yield at, end
        at = _next_value(text, end)


def _items(text: str, at: int, decoder: json.JSONDecoder) -> Iterator[tuple[int, int]]:
    """(start, end) of each item of a list read whole already, from past its "["."""
    at = _next_value(text, at)
    while at < len(text) and text[at] != "]":
        _, end = decoder.raw_decode(text, at)
        yield at, end
        at = _next_value(text, end)


class _LinesBefore:
    """The line of a position in the text, counted forward (positions come in order)."""

    def __init__(self, text: str, first_line: int):
        self.text, self.line, self.at = text, first_line, 0

    def __call__(self, position: int) -> int:
        if position < self.at:
            return self.line - self.text.count("\n", position, self.at)
        self.line += self.text.count("\n", self.at, position)
        self.at = position
        return self.line
