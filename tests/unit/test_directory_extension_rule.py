"""An extension in the directory that is not digits never matches a call: named, with the fix."""

from core.phones import token
from quality.directory_rules import extensions_are_numbers


def _problems(extensions: str) -> list[str]:
    row = {"employee_id": "E1", "extensions": extensions}
    row.update(_source_file="directory/employees.csv", _source_line=2)
    return extensions_are_numbers([row])


def test_digits_the_usual_separators_and_a_full_number_pass():
    assert _problems("101") == _problems("101;5101") == _problems(" 101 , 5101 ") == []
    # an employee's own mobile, pseudonymised on load as every number is
    assert _problems(f"101;{token('+79161234567', b'k')}") == []


def test_a_cyrillic_letter_for_a_digit_is_named_with_the_digit_it_looks_like():
    (problem,) = _problems("101;1З4")  # Cyrillic Зэ for 3
    assert problem.startswith("directory/employees.csv line 2: E1's extension '1З4' is not a number")
    assert problem.endswith("its 'З' is a Cyrillic letter, not a digit: write 134?")


def test_several_look_alike_letters_are_named_together():
    (problem,) = _problems("lO5")
    assert problem.endswith("its 'lO' are letters, not digits: write 105?")


def test_two_extensions_run_together_are_told_apart():
    (problem,) = _problems("101/5101")
    assert problem.endswith("separate extensions with ';' (101;5101)")


def test_anything_else_asks_for_the_number_the_phone_system_uses():
    (problem,) = _problems("anna")
    assert "'anna' is not a number" in problem and problem.endswith("as the phone system numbers it")
