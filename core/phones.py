"""Customers' phone numbers, pseudonymised before anything is stored.

A number becomes ``<masked>#<keyed hash>``: ``+*******4567#3f9c0a1be2d47c55``. The masked
part ('+' and the last four digits) is what a person sees; the hash (HMAC-SHA-256 of the
number in E.164, under a key kept outside the warehouse) lets a call join the CRM client
with the same number, and a callback its missed call, without the number itself. Without
the key the hash cannot be turned back into the number, not even by trying every number.

Only full numbers are pseudonymised, read the way ``macros/phones.sql`` normalises them
(``+7 916 123-45-67``, ``89161234567``, ``9161234567``, ``810…``): an extension (``101``)
or a ring group stays as it is, since the directory names people by it.

The key: ``AUTOKPI_PHONE_KEY``, else the file ``AUTOKPI_PHONE_KEY_FILE`` (default
``var/phone.key``), generated there (0600) on first use. Lose it and the same number gets
a different token from then on: keep it with the backups, apart from the warehouse.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from core import settings
from core.paths import PROJECT_ROOT

KEY_ENV = "AUTOKPI_PHONE_KEY"
KEY_FILE_ENV = "AUTOKPI_PHONE_KEY_FILE"
TOKEN_SEPARATOR = "#"

_NOT_DIGIT = re.compile(r"\D")
# a number inside a longer text: a caller id ("Name" <79161234567>), a dial string
# (SIP/trunk/89161234567,60), a channel (Local/89161234567@from-internal-0001;1); never a
# date and hour of a whole line ("2026-10-01 09:01:34") nor a unique id (1790845294.249);
# a number before a file's extension is one (rec-89161234567.wav).
# Digits and a channel's id, '-' and 8 hex digits, are a channel's peer and id, never one
# number: "SIP/701-00003485" read as +70100003485 (eleven digits starting with 7 when the
# id is all digits) lost the leg its extension; of "SIP/89161234567-00003485" the number is
# the peer ("+49-30-12345678" is still a number, as the digits before the last '-' are not
# all of it)
_CHANNEL_ID = r"-[0-9A-Fa-f]{8}(?![\w.])"
_EMBEDDED = re.compile(
    r"(?<![\w.#*])(?=\+?\d)(?:"  # both begin so: other places fail at once
    rf"(?!\d{{4}}-\d\d-\d\d)(?!\+?\d+{_CHANNEL_ID})\+?\d[\d\-() ]{{8,}}\d(?!\w|\.\d)"
    rf"|\+?\d{{10,}}(?={_CHANNEL_ID}))"
)
# what every text holding such a number also holds, in the syntax of Arrow's regex engine
# (no look-arounds; digits of any script, as Python's \d reads them) ...
_MAY_EMBED = r"\p{Nd}[\p{Nd}\-() ]{8,}\p{Nd}"
# ... and every whole field that is a full number (``normalise`` wants ten digits or more)
_TEN_DIGITS = r"(?:\p{Nd}\P{Nd}*){10}"
# ... before a short peer and its channel id at its end, if it ends so: most channel names
# ("SIP/101-0000abcd", "SIP/1764-00003485") hold no such number. Match-only patterns: a
# replace with a group took Arrow 1.9 s a 3 M-row file's channels
_CHANNEL_ID_AT_END = r"-[0-9A-Fa-f]{8}(;[0-9]+)?$"
_SHORT_PEER_AND_CHANNEL_ID = rf"\p{{Nd}}{{1,9}}{_CHANNEL_ID_AT_END}"
_ENDS_IN_SHORT_PEER_AND_CHANNEL_ID = rf"(^|[^\p{{Nd}}\-() +]){_SHORT_PEER_AND_CHANNEL_ID}"
_MAY_EMBED_BEFORE_THEM = rf"(?s){_MAY_EMBED}.*[^\p{{Nd}}\-() +]{_SHORT_PEER_AND_CHANNEL_ID}"


def key_file() -> Path:
    configured = settings.get(KEY_FILE_ENV)
    return Path(configured) if configured else PROJECT_ROOT / "var" / "phone.key"


@lru_cache(maxsize=4)
def _key(env_key: str | None, path: str) -> bytes:
    if env_key:
        return env_key.encode()
    file = Path(path)
    if not file.exists():
        # written whole under another name, then linked into place: two processes (or two
        # threads of one: the call records are read in a thread of their own) starting at once
        # agree on one key, and neither reads a half-written file
        file.parent.mkdir(parents=True, exist_ok=True)
        draft = file.with_name(f".{file.name}.{os.getpid()}.{threading.get_ident()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, file)
        except FileExistsError:
            pass  # another process was first: its key it is
        finally:
            draft.unlink()
    return file.read_text().strip().encode()


def key() -> bytes:
    return _key(os.environ.get(KEY_ENV) or None, str(key_file()))


def normalise(text: str | None) -> str | None:
    """E.164 for a full number, as ``normalize_phone`` in SQL reads it; None otherwise.
    After the Russian forms, 11 to 15 digits are an international number whose '+' the
    PBX's trunk left off (``375291234567``, Belarus), and ``00`` is the prefix that stands
    for '+' outside Russia (those stayed in clear before, and found no client)."""
    if not text:
        return None
    digits = _NOT_DIGIT.sub("", text)
    if text.strip().startswith("+") and 11 <= len(digits) <= 15:
        return "+" + digits
    if digits.startswith("810") and 13 <= len(digits) <= 18:
        return "+" + digits[3:]
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10:
        return "+7" + digits
    if digits.startswith("00") and 13 <= len(digits) <= 17:
        return "+" + digits[2:]
    if 11 <= len(digits) <= 15 and digits[0] != "0":
        return "+" + digits
    return None


def mask(e164: str) -> str:
    return "+" + "*" * (len(e164) - 5) + e164[-4:]


def token(e164: str, secret: bytes | None = None) -> str:
    digest = hmac.new(secret or key(), e164.encode(), hashlib.sha256).hexdigest()[:16]
    return f"{mask(e164)}{TOKEN_SEPARATOR}{digest}"


class Tokens:
    """``token`` of each number, worked out once (a file's numbers recur in every column
    that holds them: a caller's number is its ``src``, inside its ``clid`` and dial string).
    HMAC (RFC 2104) from the key's two hashes, prepared once and copied for each number:
    half the time of ``hmac.new`` (0.64 against 1.36 µs), the same digest."""

    REMEMBERED = 500_000  # numbers kept before starting afresh: a bound on memory
    _BLOCK = 64  # SHA-256's block size in bytes

    def __init__(self, secret: bytes | None = None):
        secret = secret or key()
        if len(secret) > self._BLOCK:
            secret = hashlib.sha256(secret).digest()
        secret = secret.ljust(self._BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in secret))
        self._outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in secret))
        self.known: dict[str, str] = {}

    def __call__(self, e164: str) -> str:
        found = self.known.get(e164)
        if found is None:
            if len(self.known) > self.REMEMBERED:
                self.known.clear()
            inner = self._inner.copy()
            inner.update(e164.encode())
            outer = self._outer.copy()
            outer.update(inner.digest())
            found = self.known[e164] = f"{mask(e164)}{TOKEN_SEPARATOR}{outer.hexdigest()[:16]}"
        return found


def is_token(text: str | None) -> bool:
    return bool(text) and TOKEN_SEPARATOR in text and text.startswith("+")


def pseudonymise(value: str | None, secret: bytes | None = None, tokens: Tokens | None = None) -> str | None:
    """A whole field: its token when it is a full number, else the field unchanged."""
    if value is None or is_token(value):
        return value
    e164 = normalise(value)
    if not e164:
        return value
    return tokens(e164) if tokens else token(e164, secret)


def pseudonymise_text(
    text: str | None, secret: bytes | None = None, tokens: Tokens | None = None
) -> str | None:
    """Every full number inside a text replaced by its token; the rest of the text kept."""
    if not text:
        return text
    tokens = tokens or Tokens(secret)

    def replace(match: re.Match) -> str:
        e164 = normalise(match.group())
        return tokens(e164) if e164 else match.group()

    return _EMBEDDED.sub(replace, text)


def pseudonymise_list(text: str | None, secret: bytes | None = None) -> str | None:
    """A list of numbers as a CRM keeps them ("+7 916 …; 8 495 …"): each one's token."""
    if not text:
        return text
    secret = secret or key()
    parts = re.split(r"([;,])", text)
    return "".join(part if part in {";", ","} else pseudonymise(part.strip(), secret) for part in parts)


class ColumnPseudonyms:
    """The pseudonyms of one text column, batch after batch of one file. A file is read in
    hundreds of batches and a client's number is in many of them (40 k numbers in 3 M call
    records), so each value's pseudonym is remembered for the file instead of being worked
    out again in every batch, and each number's token for all the file's columns (``tokens``);
    a field with fewer than ten digits (an extension, a ring group) and a text holding no run
    of ten digits once a short peer and its channel id at its end are cut off (most channel
    names: "SIP/1764-00003485") are never looked at in Python. What it remembers stays in
    memory, for one file.

    A column whose values are mostly distinct in a batch (a channel's name carries its own
    id) is looked at row by row, not value by value: finding its distinct values and each
    row's among them cost more than the rows themselves (the two channel columns 0.75 of
    3.1 s a million call records, 0.34 s so). The first batch decides; either way gives the
    same pseudonyms."""

    REMEMBERED = 500_000  # values kept before starting afresh: a bound on memory
    MOSTLY_DISTINCT = 0.5  # distinct values per row in the first batch from which rows are read

    def __init__(self, embedded: bool = False, tokens: Tokens | None = None):
        self.convert = pseudonymise_text if embedded else pseudonymise
        self.embedded = embedded
        self.tokens = tokens or Tokens()
        self.known: dict[str, str | None] = {}
        self.by_row: bool | None = None  # decided by the first batch

    def __call__(self, column: pa.ChunkedArray | pa.Array) -> pa.Array:
        rows = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        if self.by_row:
            return self._by_row(rows)
        distinct = pc.unique(rows)
        if self.by_row is None:
            self.by_row = len(distinct) > self.MOSTLY_DISTINCT * max(len(rows), 1)
        candidates = self._candidates(distinct)
        changed = pa.array(self._pseudonyms(pc.filter(distinct, candidates).to_pylist()), type=pa.string())
        mapped = pc.replace_with_mask(distinct.cast(pa.string()), candidates, changed)
        return pc.take(mapped, pc.index_in(rows, value_set=distinct))

    def _by_row(self, rows: pa.Array) -> pa.Array:
        """The rows that may hold a number, each distinct one of them worked out once."""
        candidates = self._candidates(rows)
        if not pc.any(candidates).as_py():
            return rows.cast(pa.string())
        values = pc.filter(rows, candidates)
        distinct = pc.unique(values)
        changed = pa.array(self._pseudonyms(distinct.to_pylist()), type=pa.string())
        return pc.replace_with_mask(
            rows.cast(pa.string()), candidates, pc.take(changed, pc.index_in(values, value_set=distinct))
        )

    def _candidates(self, values: pa.Array) -> pa.Array:
        """Which values may hold a full number (never null)."""
        if not self.embedded:
            return pc.fill_null(pc.match_substring_regex(values, _TEN_DIGITS), False)
        candidates = pc.fill_null(pc.match_substring_regex(values, _MAY_EMBED), False)
        # the end of a text is where a channel's id can be: looked at first, as it is short
        ending = pc.utf8_slice_codeunits(pc.if_else(candidates, values, None), -12)
        ends_as_channels = pc.fill_null(pc.match_substring_regex(ending, _CHANNEL_ID_AT_END), False)
        if pc.any(ends_as_channels).as_py():
            maybe = pc.if_else(ends_as_channels, values, None)
            channel = pc.match_substring_regex(maybe, _ENDS_IN_SHORT_PEER_AND_CHANNEL_ID)
            before = pc.match_substring_regex(maybe, _MAY_EMBED_BEFORE_THEM)
            candidates = pc.and_not(candidates, pc.fill_null(pc.and_not(channel, before), False))
        return candidates

    def _pseudonyms(self, values: list) -> list:
        """Each value's pseudonym: most were seen in a batch before, and are looked up at C's
        pace (``map``) rather than one by one in a loop of Python's."""
        known = self.known
        if len(known) > self.REMEMBERED:
            known.clear()
        convert, tokens = self.convert, self.tokens
        for value in [value for value in values if value not in known]:
            known[value] = convert(value, None, tokens)
        return list(map(known.__getitem__, values))


def pseudonymise_column(column: pa.ChunkedArray | pa.Array, embedded: bool = False) -> pa.Array:
    """The same for one text column, computed once per distinct value (a number calls often)."""
    return ColumnPseudonyms(embedded)(column)
