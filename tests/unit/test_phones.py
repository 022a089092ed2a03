"""Customers' numbers pseudonymised before they are stored (core/phones.py)."""

from __future__ import annotations

import stat

import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core import phones

KEY = b"k" * 32


@pytest.mark.parametrize(
    "typed",
    ["+7 (916) 123-45-67", "89161234567", "79161234567", "9161234567", "8-916-123-45-67", "+79161234567"],
)
def test_every_spelling_of_a_number_gets_one_token(typed):
    assert phones.pseudonymise(typed, KEY) == phones.token("+79161234567", KEY)


def test_the_token_shows_the_tail_and_hides_the_number():
    token = phones.token("+79161234567", KEY)
    masked, digest = token.split("#")
    assert masked == "+*******4567" and len(digest) == 16
    assert "916123" not in token
    assert phones.token("+79161234567", b"another key" * 3) != token  # keyed: no lookup table


@pytest.mark.parametrize(
    "typed, e164",
    [
        ("375291234567", "+375291234567"),  # Belarus, the '+' left off by a trunk
        ("00375291234567", "+375291234567"),  # 00 for '+', as outside Russia
        ("12025550123", "+12025550123"),  # eleven digits, not a Russian 7 or 8
        ("+375 29 123-45-67", "+375291234567"),
        ("810375291234567", "+375291234567"),
    ],
)
def test_an_international_number_is_pseudonymised_however_it_is_prefixed(typed, e164):
    """Numbers without '+' or 810 stayed in clear at rest and found no CRM client."""
    assert phones.normalise(typed) == e164
    assert phones.pseudonymise(typed, KEY) == phones.token(e164, KEY)
    assert phones.pseudonymise_text(f'"Client" <{typed}>', KEY) == f'"Client" <{phones.token(e164, KEY)}>'


@pytest.mark.parametrize(
    "kept", ["101", "5101", "602", "", None, "anonymous", "12345", "0123456789012", "0049301234567890123"]
)
def test_extensions_and_words_stay_as_they_are(kept):
    assert phones.pseudonymise(kept, KEY) == kept


def test_numbers_inside_texts_are_replaced_and_the_rest_kept():
    token = phones.token("+79161234567", KEY)
    assert phones.pseudonymise_text('"ООО Ромашка" <89161234567>', KEY) == f'"ООО Ромашка" <{token}>'
    assert phones.pseudonymise_text("SIP/trunk/89161234567,60,tT", KEY) == f"SIP/trunk/{token},60,tT"
    assert phones.pseudonymise_text("SIP/101-0000016f", KEY) == "SIP/101-0000016f"
    assert phones.pseudonymise_text("1790845294.249", KEY) == "1790845294.249"  # a unique id
    assert phones.pseudonymise_text("rec-89161234567.wav", KEY) == f"rec-{token}.wav"
    line = '"","89161234567","101","from-trunk","2026-10-01 09:01:34",15'
    assert phones.pseudonymise_text(line, KEY) == f'"","{token}","101","from-trunk","2026-10-01 09:01:34",15'
    again = phones.pseudonymise_text(phones.pseudonymise_text("<89161234567>", KEY), KEY)
    assert again == f"<{token}>"  # a token is never pseudonymised twice


@pytest.mark.parametrize(
    "channel",
    [
        "SIP/701-00003485",
        "PJSIP/812-00000012",
        "SIP/12-00039925",
        "SIP/1764-00003485",
        "Local/701@from-internal-00000012;1",
    ],
)
def test_a_channel_keeps_its_extension_when_its_id_is_all_digits(channel):
    """Asterisk names a channel <peer>-<8 hex digits>: with an extension 701 and an id
    00003485 that is eleven digits starting with 7, which read as a number once, and the
    leg lost the extension it is attributed by (2-digit extensions too, at ten digits)."""
    assert phones.pseudonymise_text(channel, KEY) == channel
    line = f'"","89161234567","701","from-trunk","","{channel}","SIP/trunk-0000abcd"'
    assert f'"{channel}"' in phones.pseudonymise_text(line, KEY)


@pytest.mark.parametrize("channel_id", ["00003485", "0000abcd"])
def test_a_number_before_a_channel_id_is_replaced_whatever_the_id(channel_id, monkeypatch):
    """A trunk peer named by a number: the id used to run on into the number when all
    digits (twenty digits, no number: kept in clear)."""
    monkeypatch.setenv(phones.KEY_ENV, KEY.decode())
    token = phones.token("+79161234567", KEY)
    out = phones.pseudonymise_text(f"SIP/89161234567-{channel_id}", KEY)
    assert out == f"SIP/{token}-{channel_id}"
    column = pa.chunked_array([[f"SIP/89161234567-{channel_id}", "SIP/701-00003485"]])
    assert phones.ColumnPseudonyms(embedded=True)(column).to_pylist() == [out, "SIP/701-00003485"]


# pieces of what PBXs write in caller ids, dial strings and channels
_PIECES = st.sampled_from(
    ["SIP/", "PJSIP/", "Local/", "trunk", "-", "@from-internal", ";1", ";2", ",60,tT", '"', "<", ">", " ",
     "(", ")", "+", ".", "#", "*", "a", "f", "Ж", "٣", "7", "8", "9", "0", "701", "12", "00003485",
     "0000abcd", "12345678", "9161234567", "89161234567", "+79161234567", "+49", "2026-10-01"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@example(["+49-30-12345678", "9161234567-12345678", "(8)-12345678;1", "12 701-00003485", "-701-00003485"])
@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), min_size=1, max_size=6))
def test_a_column_gives_what_each_value_gives_alone(values):
    """The column form leaves out in Arrow what holds no number (a channel's id cut off
    first): it must never leave out a value the text form would change."""
    secret = phones.key()
    out = phones.ColumnPseudonyms(embedded=True)(pa.chunked_array([values])).to_pylist()
    assert out == [phones.pseudonymise_text(v, secret) for v in values]


@settings(max_examples=300, deadline=None)
@example(["+7 916 123 45 67", "٣" * 11, "701", "+*******4567#3f9c0a1be2d47c55", "1788253201.6617802"])
@given(st.lists(st.lists(_PIECES, max_size=6).map("".join), min_size=1, max_size=6))
def test_a_whole_field_column_gives_what_each_value_gives_alone(values):
    """A whole field with fewer than ten digits is left in Arrow, never seen by Python: it
    must be every value that ``pseudonymise`` would leave as it is, digits of any script too."""
    secret = phones.key()
    out = phones.ColumnPseudonyms()(pa.chunked_array([values])).to_pylist()
    assert out == [phones.pseudonymise(v, secret) for v in values]


@settings(max_examples=300, deadline=None)
@example(["SIP/89161234567-0000abcd", "SIP/701-00003485", None, "SIP/701-00003485"], True)
@given(
    st.lists(st.one_of(st.none(), st.lists(_PIECES, max_size=8).map("".join)), min_size=1, max_size=6),
    st.booleans(),
)
def test_a_mostly_distinct_column_read_row_by_row_gives_what_each_value_gives_alone(values, embedded):
    """Channels' names are mostly distinct in a batch (each carries its own id): from the second
    batch on they are read row by row, and must give what each value gives alone."""
    secret = phones.key()
    pseudonyms = phones.ColumnPseudonyms(embedded=embedded)
    pseudonyms(pa.chunked_array([["SIP/101-0000abc1", "SIP/102-0000abc2", "89161234567", None]]))
    assert pseudonyms.by_row
    out = pseudonyms(pa.chunked_array([values], type=pa.string())).to_pylist()
    alone = phones.pseudonymise_text if embedded else phones.pseudonymise
    assert out == [alone(v, secret) for v in values]


def test_a_column_of_recurring_values_is_read_value_by_value():
    """A caller's number recurs across a batch: each distinct one is looked at, not each row."""
    pseudonyms = phones.ColumnPseudonyms()
    numbers = pa.chunked_array([["89161234567", "84951234567"] * 50])
    out = pseudonyms(numbers).to_pylist()
    assert pseudonyms.by_row is False and len(set(out)) == 2 and out[0].startswith("+*******4567#")


@pytest.mark.parametrize("key_length", [1, 32, 63, 64, 65, 200])
def test_a_file_s_tokens_are_the_hmac_of_the_number(key_length):
    """``Tokens`` computes HMAC-SHA-256 from the key's two prepared hashes: the same token as
    the library's HMAC, whatever the key's length (RFC 2104 hashes a key longer than a block)."""
    secret = bytes(range(256))[:key_length] if key_length <= 256 else b"x" * key_length
    tokens = phones.Tokens(secret)
    for e164 in ("+79161234567", "+493012345678", "+12025550123", "+79161234567"):
        assert tokens(e164) == phones.token(e164, secret)
    assert len(tokens.known) == 3


def test_numbers_written_with_dashes_are_still_numbers():
    token = phones.token("+79161234567", KEY)
    for typed in ("8-916-123-45-67", "+7 (916) 123-45-67", "8-916-1234567"):
        assert phones.pseudonymise_text(f"<{typed}>", KEY) == f"<{token}>"
    berlin = phones.token("+493012345678", KEY)  # ends in '-' and 8 digits, as a channel's id
    assert phones.pseudonymise_text('"Hans" <+49-30-12345678>', KEY) == f'"Hans" <{berlin}>'
    assert phones.pseudonymise_text("+49-30-12345678", KEY) == berlin


def test_a_crm_list_of_numbers():
    first, second = phones.token("+79161234567", KEY), phones.token("+74951234567", KEY)
    assert phones.pseudonymise_list("+7 916 123-45-67; 8 (495) 123-45-67", KEY) == f"{first};{second}"


def test_a_column_is_converted_once_per_distinct_value(monkeypatch):
    monkeypatch.setenv(phones.KEY_ENV, "column-key-column-key")
    column = pa.chunked_array([["89161234567", "101", None], ["89161234567"]])
    out = phones.pseudonymise_column(column).to_pylist()
    token = phones.token("+79161234567", b"column-key-column-key")
    assert out == [token, "101", None, token]


def test_a_file_s_batches_work_out_each_value_once_and_give_what_each_batch_would(monkeypatch):
    """A CDR file is read in hundreds of batches: a number's pseudonym is worked out once for
    the file, and a text with no run of ten digits (a channel name) is not looked at."""
    monkeypatch.setenv(phones.KEY_ENV, "column-key-column-key")
    batches = [
        pa.chunked_array(
            [['"Ivan" <89161234567>', "SIP/101-0000abcd", None, "Local/84951234567@from-internal-1;1"]]
        ),
        pa.chunked_array([['"Ivan" <89161234567>', "SIP/102-0000abce", "2026-10-01 09:01:34"]]),
    ]
    expected = [phones.pseudonymise_column(b, embedded=True).to_pylist() for b in batches]
    seen = []

    def counted(text, secret, tokens):
        seen.append(text)
        return phones.pseudonymise_text(text, secret, tokens)

    pseudonyms = phones.ColumnPseudonyms(embedded=True)
    pseudonyms.convert = counted
    assert [pseudonyms(b).to_pylist() for b in batches] == expected
    assert expected[0][0].startswith('"Ivan" <+*******4567#') and expected[0][1] == "SIP/101-0000abcd"
    assert len(seen) == len(set(seen)) and '"Ivan" <89161234567>' in seen  # once, not once a batch
    assert not {"SIP/101-0000abcd", "SIP/102-0000abce"} & set(seen)  # never looked at


def test_the_key_is_generated_once_into_a_private_file(tmp_path, monkeypatch):
    monkeypatch.delenv(phones.KEY_ENV, raising=False)
    monkeypatch.setenv(phones.KEY_FILE_ENV, str(tmp_path / "keys" / "phone.key"))
    first = phones.key()
    assert len(first) == 64 and phones.key() == first
    assert stat.S_IMODE((tmp_path / "keys" / "phone.key").stat().st_mode) == 0o600
