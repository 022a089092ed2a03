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


def test_a_crm_user_is_one_employees():
    from quality.directory_rules import shared_crm_users

    rows = [
        {
            "employee_id": "E1",
            "crm_user_id": "U1",
            "_source_file": "directory/employees.csv",
            "_source_line": 2,
        },
        {
            "employee_id": "E2",
            "crm_user_id": " U1 ",
            "_source_file": "directory/employees.csv",
            "_source_line": 5,
        },
        {
            "employee_id": "E3",
            "crm_user_id": "",
            "_source_file": "directory/employees.csv",
            "_source_line": 6,
        },
        {
            "employee_id": "E4",
            "crm_user_id": None,
            "_source_file": "directory/employees.csv",
            "_source_line": 7,
        },
    ]
    assert shared_crm_users(rows) == [
        "directory/employees.csv lines 2 and 5: E1 and E2 both have crm_user_id U1, so each would be "
        "credited with every deal of that CRM user; a CRM user is one employee's: give each their own, "
        "or leave it empty for one who left"
    ]
    assert shared_crm_users(rows[2:]) == []  # no CRM user is no one's
