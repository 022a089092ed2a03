"""The portal in headless Chromium over the demo's published snapshot, served by a real
uvicorn on 127.0.0.1: invitations, who sees whose pay, CSRF, lockout of leavers, the
rate limit and the access log."""

from __future__ import annotations

import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from core.paths import snapshot_path_for
from core.ports import free_port
from portal.commands import invite
from portal.labels import PORTAL_LABELS
from portal.store import PortalError

pytestmark = pytest.mark.browser
WORDS = PORTAL_LABELS["ru"]  # the portal opens in the site's default language
PASSWORD = "correct horse battery staple"


@dataclass
class Portal:
    url: str
    warehouse: Path
    store: object
    manager: dict  # a sales manager with statements
    colleague: dict  # a manager of the same department
    stranger: dict  # a manager of another department
    head: dict  # the head of the manager's department
    left_long_ago: dict
    left_lately: dict

    def link(self, login: str, role: str | None = None) -> str:
        token = invite(self.warehouse, login, role).rsplit("/", 1)[1]
        return f"{self.url}/invite/{token}"

    def statements(self, employee_ids=None) -> dict:
        """(month 'YYYY-MM', employee) → payout, from the snapshot the portal reads."""
        with duckdb.connect(str(snapshot_path_for(self.warehouse)), read_only=True) as con:
            rows = con.execute(
                "select strftime(month, '%Y-%m'), employee_id, payout_amount from marts.mart_bonus_monthly"
            ).fetchall()
        return {(m, e): p for m, e, p in rows if employee_ids is None or e in employee_ids}


@contextmanager
def served(app):
    """``app`` served by a real uvicorn on 127.0.0.1 (a free port) while the block runs: its URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the portal did not start"
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def portal(demo_run, tmp_path_factory):
    from portal.app import create_app

    _, demo_warehouse = demo_run
    warehouse = tmp_path_factory.mktemp("portal") / "autokpi.duckdb"
    snapshot = snapshot_path_for(warehouse)
    snapshot.parent.mkdir()
    shutil.copy(snapshot_path_for(demo_warehouse), snapshot)
    with duckdb.connect(str(snapshot)) as con:
        people = con.execute(
            "select e.employee_id, e.department_id, e.role from marts.dim_employee as e "
            "where e.employee_id in (select employee_id from marts.mart_bonus_monthly) order by e.employee_id"
        ).fetchall()
        people = [dict(zip(("employee_id", "department_id", "role"), p, strict=True)) for p in people]
        managers = [p for p in people if p["role"] != "department_head"]
        manager = managers[0]
        same = [p for p in managers if p["department_id"] == manager["department_id"] and p != manager]
        other = [p for p in managers if p["department_id"] != manager["department_id"]]
        heads = [p for p in people if p["role"] == "department_head"]
        head = next(p for p in heads if p["department_id"] == manager["department_id"])
        left_long_ago, left_lately = other[-1], other[-2]
        for person, days in ((left_long_ago, 60), (left_lately, 5)):
            con.execute(
                "update marts.dim_employee set leave_date = ? where employee_id = ?",
                [date.today() - timedelta(days=days), person["employee_id"]],
            )
    app = create_app(warehouse, secret="a test secret that is long enough")
    with served(app) as url:
        yield Portal(
            url, warehouse, app.state.store, manager, same[0], other[0], head, left_long_ago, left_lately
        )


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    yield ctx
    ctx.close()


def _set_password(page, link: str) -> None:
    page.goto(link)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_again]", PASSWORD)
    page.click("#set-password button[type=submit]")
    page.wait_for_load_state()


def _listed(page) -> set[tuple[str, str]]:
    rows = page.locator("#statements tbody tr")
    return {
        (rows.nth(i).get_attribute("data-month")[:7], rows.nth(i).get_attribute("data-employee"))
        for i in range(rows.count())
    }


def test_an_employee_signs_in_by_invitation_and_sees_only_their_own_pay(portal, context):
    me, colleague = portal.manager["employee_id"], portal.colleague["employee_id"]
    page = context.new_page()
    _set_password(page, portal.link(me))
    assert page.url == f"{portal.url}/"
    mine = portal.statements({me})
    assert _listed(page) == set(mine)

    page.locator("#statements tbody tr a").first.click()
    page.wait_for_load_state()
    month = page.url.split("/")[-2]
    shown = page.locator("#totals [data-field=payout_amount]").get_attribute("data-value")
    assert shown == str(mine[(month, me)])
    assert page.locator("main.statement").get_attribute("data-employee") == me

    for other in (colleague, portal.stranger["employee_id"], "E9999"):  # by link, and by guessing
        response = page.goto(f"{portal.url}/statements/{month}/{other}")
        assert response.status == 403
        assert page.locator("#message").inner_text() == WORDS["forbidden"].format(scope="")

    cookie = next(c for c in context.cookies() if c["name"] == "autokpi_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["expires"] > time.time()

    page.click("#sign-out")
    page.wait_for_load_state()
    assert page.goto(f"{portal.url}/statements/{month}/{me}").url == f"{portal.url}/signin"

    log = [(r["login"], r["action"], r["subject"]) for r in portal.store.access_log() if r["login"] == me]
    assert (me, "viewed list", me) in log  # the list shows payouts too
    assert (me, "viewed statement", f"{month}/{me}") in log
    assert (me, "refused: statement", f"{month}/{colleague}") in log
    assert (me, "refused: statement", f"{month}/E9999") in log
    assert log[-1][1] == "signed out"


def test_a_head_sees_their_department_and_finance_sees_everyone(portal, browser):
    head, department = portal.head["employee_id"], portal.head["department_id"]
    with duckdb.connect(str(snapshot_path_for(portal.warehouse)), read_only=True) as con:
        members = {r[0] for r in con.execute(
            "select employee_id from marts.mart_bonus_monthly where department_id = ?", [department]
        ).fetchall()}  # fmt: skip
    ctx = browser.new_context()
    page = ctx.new_page()
    _set_password(page, portal.link(head))
    assert _listed(page) == set(portal.statements(members))
    month = next(iter(portal.statements({head})))[0]
    assert page.goto(f"{portal.url}/statements/{month}/{portal.colleague['employee_id']}").status == 200
    response = page.goto(f"{portal.url}/statements/{month}/{portal.stranger['employee_id']}")
    assert response.status == 403
    assert WORDS["forbidden_scope_head"].strip() in page.locator("#message").inner_text()
    ctx.close()

    ctx = browser.new_context()
    page = ctx.new_page()
    _set_password(page, portal.link("finance.anna", "finance"))
    assert _listed(page) == set(portal.statements())
    assert page.goto(f"{portal.url}/statements/{month}/{portal.stranger['employee_id']}").status == 200
    ctx.close()


def test_finance_asks_for_a_close_that_the_next_run_performs_and_nobody_else_may(portal, browser):
    ctx = browser.new_context()
    page = ctx.new_page()
    _set_password(page, portal.link(portal.head["employee_id"]))
    assert page.locator("#periods-link").count() == 0
    assert page.goto(f"{portal.url}/periods").status == 403
    ctx.close()

    ctx = browser.new_context()
    page = ctx.new_page()
    _set_password(page, portal.link("finance.boris", "finance"))
    page.click("#periods-link")
    page.wait_for_load_state()
    row = page.locator("#months tbody tr").first
    month = row.get_attribute("data-month")
    assert row.get_attribute("data-status") == "open"
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert WORDS["outcome_waiting"] in page.locator(f"#months tr[data-month='{month}']").inner_text()
    request = page.locator("#period-requests tbody tr").first
    assert request.get_attribute("data-outcome") == "waiting"
    [made] = [r for r in portal.store.period_requests() if r["requested_by"] == "finance.boris"]
    assert (str(made["month"])[:7], made["action"], made["outcome"]) == (month, "close", None)
    ctx.close()


def test_a_form_without_its_csrf_token_is_refused(portal, context):
    page = context.new_page()
    _set_password(page, portal.link(portal.colleague["employee_id"]))
    for path, form in (("/signout", {}), ("/signin", {"login": "x", "password": "y"}),
                       ("/signout", {"csrf": "forged"})):  # fmt: skip
        response = page.request.post(f"{portal.url}{path}", form=form, max_redirects=0)
        assert response.status == 403
        assert WORDS["bad_form"] in response.text()
    assert page.goto(f"{portal.url}/").url == f"{portal.url}/"  # still signed in: nothing was done


def test_someone_who_left_is_locked_out_after_the_grace_days(portal, context):
    gone, lately = portal.left_long_ago["employee_id"], portal.left_lately["employee_id"]
    with pytest.raises(PortalError, match="days of access after leaving are over"):
        invite(portal.warehouse, gone)
    token = portal.store.invite(gone, gone, None, days=7)  # invited before they left
    page = context.new_page()
    _set_password(page, f"{portal.url}/invite/{token}")
    assert page.locator("#message").inner_text().startswith(WORDS["locked_out"].split("{")[0])
    assert page.goto(f"{portal.url}/").url == f"{portal.url}/signin"  # the session was ended
    assert "refused: left" in {r["action"] for r in portal.store.access_log() if r["login"] == gone}

    page = context.new_page()
    _set_password(page, portal.link(lately))  # left five days ago: may still read their pay
    assert _listed(page) == set(portal.statements({lately}))


def test_repeated_wrong_passwords_are_slowed_down(portal, context):
    page = context.new_page()
    page.goto(f"{portal.url}/signin")
    login = portal.stranger["employee_id"]
    for attempt in range(6):
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", f"not the password {attempt}")
        with page.expect_response(f"{portal.url}/signin") as answer:
            page.click("#signin button[type=submit]")
        expected = 401 if attempt < 5 else 429
        assert answer.value.status == expected
    assert page.locator("#error").inner_text() == WORDS["too_many"].format(minutes=15)
    actions = [r["action"] for r in portal.store.access_log() if r["login"] == login]
    assert actions == ["sign-in failed"] * 5 + ["refused: too many sign-in attempts"]


def test_invitations_from_the_command_line(portal):
    import subprocess
    import sys

    from portal.commands import demo_invitations

    def autokpi(*args):
        command = [
            sys.executable,
            "-m",
            "orchestration.cli",
            "invite",
            *args,
            "--warehouse",
            str(portal.warehouse),
        ]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    done = autokpi(portal.manager["employee_id"])
    assert done.returncode == 0 and done.stdout.startswith("http://127.0.0.1:8080/invite/")
    token = done.stdout.strip().rsplit("/", 1)[1]
    assert portal.store.invitation_login(token) == portal.manager["employee_id"]
    done = autokpi("E9999")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "autokpi: error: 'E9999' is not an employee id in the directory: invite a directory employee, "
        "or give an account of its own a portal role (--role finance or --role admin)"
    ]
    demo = demo_invitations(portal.warehouse)
    assert [(who, portal.store.account(login).portal_role) for who, login, _ in demo] == [
        ("employee", None), ("department head", None), ("finance", "finance")
    ]  # fmt: skip
    assert {portal.store.invitation_login(link.rsplit("/", 1)[1]) for _, _, link in demo} == {
        login for _, login, _ in demo
    }


def test_sign_in_with_the_company_account(portal, browser):
    """A local OpenID Connect provider (oidc-provider-mock on localhost) stands in for the
    company's: its claim names the employee; someone it knows but the directory does not,
    and someone who denies, are refused with a sentence."""
    import oidc_provider_mock
    from oidc_provider_mock import User

    from portal.app import create_app
    from portal.oidc import OidcSettings

    me = portal.manager["employee_id"]
    people = [
        User(sub="alice", claims={"preferred_username": me}),
        User(sub="mallory", claims={"preferred_username": "E9999"}),
    ]
    with oidc_provider_mock.run_server_in_thread(user_claims=people) as provider:
        issuer = f"http://localhost:{provider.server_port}"
        oidc = OidcSettings(issuer, "autokpi-portal", "a client secret", "preferred_username")
        with served(create_app(portal.warehouse, secret="another test secret", oidc=oidc)) as url:

            def company_sign_in(sub: str | None):
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"{url}/signin")
                page.click("#signin-company")
                page.wait_for_url(f"{issuer}/**")
                if sub is None:
                    page.click("button[value=deny]")
                else:
                    page.fill("input[name=sub]", sub)
                    page.click("button:text('Authorize')")
                page.wait_for_url(f"{url}/**")
                return context, page

            context, page = company_sign_in("alice")
            assert page.url == f"{url}/"
            assert _listed(page) == set(portal.statements({me}))
            context.close()

            context, page = company_sign_in("mallory")
            expected = WORDS["company_unknown"].format(claim="preferred_username", value="E9999")
            assert page.locator("#message").inner_text() == expected
            assert page.goto(f"{url}/").url == f"{url}/signin"
            context.close()

            context, page = company_sign_in(None)
            assert page.locator("#message").inner_text().startswith(WORDS["company_failed"].split("(")[0])
            context.close()
    actions = {(r["login"], r["action"]) for r in portal.store.access_log()}
    assert (me, "signed in with the company account") in actions
    assert ("E9999", "refused: company account not in the directory") in actions
