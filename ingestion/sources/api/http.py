"""One HTTP session for every API source: retries with exponential backoff and jitter on
429, 5xx and Bitrix24's QUERY_LIMIT_EXCEEDED (honouring ``Retry-After``), a minimum gap
between requests (each API's documented rate), and error messages with secrets removed.

dlt's own retrying client waits without jitter; this is the same ``requests`` session
wrapped by ``tenacity`` (dlt's dependency) with a jittered wait, handed to dlt's
``RESTClient`` / ``rest_api`` as their session. It takes dlt's own settings for how long
to wait and how often to try (``[runtime]`` ``request_timeout``, ``request_max_attempts``,
``request_backoff_factor``, ``request_max_retry_delay``, or ``RUNTIME__REQUEST_TIMEOUT``
and so on), as dlt's client does: a session handed to ``RESTClient`` gets none of them
from dlt, and a server that stopped answering held the run forever.
"""

from __future__ import annotations

import random
import re
import threading
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests
from dlt.common.configuration.inject import with_config
from dlt.common.configuration.specs import RuntimeConfiguration
from dlt.common.typing import ConfigValue
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
)

RETRY_STATUS = {429, *range(500, 600)}
RATE_LIMIT_MARKERS = ("QUERY_LIMIT_EXCEEDED",)


class SourceError(RuntimeError):
    """A permanent failure of one source (bad token, missing permission): named, secret-free."""


class MalformedResponse(RuntimeError):
    """A page that says it is JSON and is not: named by its (secret-free) address."""


def _check_json(response: requests.Response, *args, **kwargs) -> None:
    if (
        response.ok
        and response.content
        and response.headers.get("content-type", "").startswith("application/json")
    ):
        try:
            response.json()
        except ValueError as exc:
            where = redact(response.url, [])
            raise MalformedResponse(
                f"{where}: the response is not valid JSON ({exc}); nothing from it was loaded"
            ) from None


def _should_retry(response: requests.Response) -> bool:
    if response.status_code in RETRY_STATUS:
        return True
    if response.status_code == 200 or response.status_code >= 400:
        is_json = response.headers.get("content-type", "").startswith("application/json")
        return is_json and any(marker in response.text[:300] for marker in RATE_LIMIT_MARKERS)
    return False


def _retry_after(response: requests.Response | None) -> float | None:
    value = response.headers.get("Retry-After") if response is not None else None
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _response_of(state: RetryCallState) -> requests.Response | None:
    """The response of the last attempt, whether returned or raised by a status hook."""
    if state.outcome is None:
        return None
    if state.outcome.failed:
        error = state.outcome.exception()
        return getattr(error, "response", None)
    return state.outcome.result()


def _retryable_error(error: BaseException) -> bool:
    # dlt's RESTClient raises from a response hook inside ``send``
    response = getattr(error, "response", None)
    return isinstance(error, requests.HTTPError) and response is not None and _should_retry(response)


class _Wait:
    """Retry-After when the server says; else exponential backoff with full jitter."""

    def __init__(self, base: float, cap: float):
        self.base, self.cap = base, cap

    def __call__(self, state: RetryCallState) -> float:
        told = _retry_after(_response_of(state))
        if told is not None:
            return min(told, self.cap)
        return random.uniform(0, min(self.cap, self.base * 2 ** (state.attempt_number - 1)))


@with_config(spec=RuntimeConfiguration)
def _dlt_request_settings(config: RuntimeConfiguration = ConfigValue) -> RuntimeConfiguration:
    """dlt's runtime settings (environment, config.toml), as dlt's own HTTP client reads them."""
    return config


def retrying_session(min_interval: float = 0.0) -> requests.Session:
    """A session whose ``send`` waits ``min_interval`` between requests, gives up on an
    answer after dlt's ``request_timeout`` and retries as dlt's settings say."""
    settings = _dlt_request_settings()
    session = requests.Session()
    send = session.send
    lock = threading.Lock()
    last = [0.0]

    def throttled_send(request, **kwargs):
        with lock:
            gap = min_interval - (time.monotonic() - last[0])
            if gap > 0:
                time.sleep(gap)
            last[0] = time.monotonic()
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = settings.request_timeout
        response = send(request, **kwargs)
        _check_json(response)  # a request's own hooks replace a session's, so checked here
        return response

    retrying = Retrying(
        wait=_Wait(settings.request_backoff_factor, settings.request_max_retry_delay),
        retry=retry_if_result(_should_retry)
        | retry_if_exception_type((requests.ConnectionError, requests.Timeout))
        | retry_if_exception(_retryable_error),
        stop=stop_after_attempt(settings.request_max_attempts),
        retry_error_callback=lambda state: state.outcome.result(),
        reraise=True,
    )
    session.send = retrying.wraps(throttled_send)  # type: ignore[method-assign]
    return session


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every secret (and anything after /rest/<user>/ in a webhook URL) masked."""
    # shorter values are no credentials, and masking them would garble the message
    for secret in sorted((s for s in secrets if len(s) >= 6), key=len, reverse=True):
        text = text.replace(secret, "***")
    return re.sub(r"(/rest/\d+/)[^/\s]+", r"\1***", text)


def describe_failure(source: str, error: BaseException, secrets: list[str], hint: str) -> SourceError:
    """A one-line, secret-free reason for a source that cannot go on."""
    while error.__cause__ is not None or error.__context__ is not None:
        if isinstance(error, requests.RequestException):
            break
        error = error.__cause__ or error.__context__
    url = getattr(getattr(error, "request", None), "url", None)
    address = urlsplit(url)._replace(query="", fragment="").geturl() if url else None  # no paging noise
    settings = _dlt_request_settings()
    if isinstance(error, requests.HTTPError) and error.response is not None:
        status = error.response.status_code
        reason = f"HTTP {status} {error.response.reason} from {error.response.url}"
        if status in (401, 403):
            reason += f" (the credentials were refused: {hint})"
    elif isinstance(error, requests.ConnectionError) and address:  # a ConnectTimeout too
        reason = (
            f"cannot connect to {address} ({settings.request_max_attempts} tries); check the address "
            "in .dlt/config.toml or the environment, and that this machine reaches it"
        )
    elif isinstance(error, requests.Timeout) and address:
        reason = (
            f"no answer from {address} within {settings.request_timeout:g} s, "
            f"{settings.request_max_attempts} tries; the service is slow or down: the next run tries "
            "again ([runtime] request_timeout and request_max_attempts in .dlt/config.toml set the "
            "wait and the tries)"
        )
    else:
        reason = f"{error.__class__.__name__}: {error}"
    return SourceError(redact(f"source {source} stopped: {reason}", secrets))
