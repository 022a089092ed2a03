"""A source that cannot go on says so in one sentence a person can act on, without secrets."""

from __future__ import annotations

import pytest
import requests

from ingestion.sources.api.http import describe_failure

WEBHOOK = "https://portal.example/rest/1/hook-secret-55aa/voximplant.statistic.get"
PAGE = f"{WEBHOOK}?start=50&FILTER[>CALL_START_DATE]=2026-11-01"


def _raised_through_dlt(error: BaseException) -> BaseException:
    """``error`` as dlt hands it on: the cause of a step's failure."""
    try:
        try:
            raise error
        except requests.RequestException as inner:
            raise RuntimeError("Pipeline execution failed at stage extract") from inner
    except RuntimeError as outer:
        return outer


def _request() -> requests.PreparedRequest:
    return requests.Request("GET", PAGE).prepare()


def test_no_answer_in_time_names_the_address_the_wait_and_what_to_do(monkeypatch):
    monkeypatch.setenv("RUNTIME__REQUEST_TIMEOUT", "45")
    monkeypatch.setenv("RUNTIME__REQUEST_MAX_ATTEMPTS", "3")
    timeout = requests.ReadTimeout("HTTPSConnectionPool(...): Read timed out.", request=_request())
    message = str(describe_failure("bitrix24_telephony", _raised_through_dlt(timeout), [], "hint"))
    assert message == (
        "source bitrix24_telephony stopped: no answer from https://portal.example/rest/1/***/"
        "voximplant.statistic.get within 45 s, 3 tries; the service is slow or down: the next "
        "run tries again ([runtime] request_timeout and request_max_attempts in .dlt/config.toml "
        "set the wait and the tries)"
    )


@pytest.mark.parametrize(
    "error",
    [
        requests.ConnectionError("Max retries exceeded (NewConnectionError)", request=_request()),
        requests.ConnectTimeout("Connection to portal.example timed out", request=_request()),
    ],
)
def test_no_connection_names_the_address_and_what_to_check(error, monkeypatch):
    monkeypatch.setenv("RUNTIME__REQUEST_MAX_ATTEMPTS", "4")
    message = str(describe_failure("bitrix24_telephony", _raised_through_dlt(error), [], "hint"))
    assert message == (
        "source bitrix24_telephony stopped: cannot connect to https://portal.example/rest/1/***/"
        "voximplant.statistic.get (4 tries); check the address in .dlt/config.toml or the "
        "environment, and that this machine reaches it"
    )


def test_a_refused_token_still_says_so():
    response = requests.Response()
    response.status_code, response.reason, response.url = 401, "Unauthorized", WEBHOOK
    refused = requests.HTTPError("401", response=response)
    message = str(describe_failure("bitrix24_telephony", _raised_through_dlt(refused), [], "a new webhook"))
    assert message == (
        "source bitrix24_telephony stopped: HTTP 401 Unauthorized from "
        "https://portal.example/rest/1/***/voximplant.statistic.get (the credentials were refused: "
        "a new webhook)"
    )
