"""Customers' numbers pseudonymised before they are stored (core/phones.py)."""

from __future__ import annotations

import stat

import pyarrow as pa
import pytest

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


@pytest.mark.parametrize("kept", ["101", "5101", "602", "", None, "anonymous", "12345"])
def test_extensions_and_words_stay_as_they_are(kept):
    assert phones.pseudonymise(kept, KEY) == kept


def test_numbers_inside_texts_are_replaced_and_the_rest_kept():
    token = phones.token("+79161234567", KEY)
    assert phones.pseudonymise_text('"ООО Ромашка" <89161234567>', KEY) == f'"ООО Ромашка" <{token}>'
    assert phones.pseudonymise_text("SIP/trunk/89161234567,60,tT", KEY) == f"SIP/trunk/{token},60,tT"
    assert phones.pseudonymise_text("SIP/101-0000016f", KEY) == "SIP/101-0000016f"
    assert phones.pseudonymise_text("1790845294.249", KEY) == "1790845294.249"  # a unique id
    line = '"","89161234567","101","from-trunk","2026-10-01 09:01:34",15'
    assert phones.pseudonymise_text(line, KEY) == f'"","{token}","101","from-trunk","2026-10-01 09:01:34",15'
    again = phones.pseudonymise_text(phones.pseudonymise_text("<89161234567>", KEY), KEY)
    assert again == f"<{token}>"  # a token is never pseudonymised twice


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

    def counted(text, secret):
        seen.append(text)
        return phones.pseudonymise_text(text, secret)

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
