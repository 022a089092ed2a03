"""The portal's web app (FastAPI, server-side templates): sign-in, invitations, and each
person's statements, read from the published snapshot.

Security, as a pay portal needs it:
- sessions in signed cookies (itsdangerous via Starlette) that are HttpOnly, SameSite=strict,
  Secure behind https, and expire (``AUTOKPI_PORTAL_SESSION_HOURS``);
- a CSRF token in the session and in every form; a POST without the right one is refused;
- failed sign-ins rate-limited per login and per address;
- who may see whose pay decided in ``portal/access.py`` on every request, from the snapshot's
  directory (a departure counts at once); a refusal does not tell whether the page exists;
- every view of pay, every sign-in and every refusal written to the append-only access log;
- pages not cached, not framed, and no referrer sent (invitation links carry a token).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from authlib.integrations.starlette_client import OAuthError
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import SessionMiddleware

from call_quality.checklist import ITEMS
from core import settings
from dashboards.build import STATIC, names_of, statement_groups
from dashboards.i18n import LABELS, LANGUAGES, Formatter
from portal.access import Viewer, locked_out, may_answer, may_close, may_view, viewer_for
from portal.labels import PORTAL_LABELS
from portal.oidc import OidcSettings, company_client
from portal.rate_limit import SignInLimiter
from portal.snapshot import open_reader
from portal.store import PortalError, open_store

SESSION_COOKIE = "autokpi_session"
HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'",
}


class SecurityHeaders:
    """HEADERS on every response (plain ASGI: Starlette's BaseHTTPMiddleware costs a task per request)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _environment() -> Environment:
    return Environment(
        loader=ChoiceLoader([PackageLoader("portal", "templates"), PackageLoader("dashboards", "templates")]),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _parse_month(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return None


def create_app(
    warehouse: Path,
    *,
    secret: str | None = None,
    today: Callable[[], date] = date.today,
    limiter: SignInLimiter | None = None,
    oidc: OidcSettings | None = None,
) -> FastAPI:
    """The portal over ``warehouse``'s published snapshot and its own database."""
    snapshot = open_reader(warehouse)
    store = open_store(warehouse)
    limiter = limiter or SignInLimiter(store)
    grace_days = settings.get("AUTOKPI_PORTAL_LEAVER_GRACE_DAYS")
    default_lang = settings.get("AUTOKPI_SITE_LANG")
    env = _environment()
    css = (STATIC / "site.css").read_text(encoding="utf-8")
    oidc = oidc or OidcSettings.from_env()
    company = company_client(oidc) if oidc else None

    app = FastAPI(title="autokpi portal", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret or settings.get("AUTOKPI_PORTAL_SECRET") or secrets.token_urlsafe(32),
        session_cookie=SESSION_COOKIE,
        max_age=int(settings.get("AUTOKPI_PORTAL_SESSION_HOURS") * 3600),
        same_site="lax",  # strict would drop the cookie on the way back from the company's provider
        https_only=settings.get("AUTOKPI_PORTAL_URL").startswith("https://"),
    )
    app.state.store, app.state.snapshot = store, snapshot

    app.add_middleware(SecurityHeaders)
    rendered: dict = {}  # (id of a snapshot's statement data, lang) → (that data, its page)

    def lang_of(request: Request) -> str:
        asked = request.query_params.get("lang") or request.session.get("lang")
        lang = asked if asked in LANGUAGES else default_lang
        request.session["lang"] = lang
        return lang

    def csrf_token(request: Request) -> str:
        if "csrf" not in request.session:
            request.session["csrf"] = secrets.token_urlsafe(32)
        return request.session["csrf"]

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        lang = lang_of(request)
        html = env.get_template(template).render(
            P=PORTAL_LABELS[lang], L=LABELS[lang], fmt=Formatter(lang), lang=lang, css=css,
            csrf=csrf_token(request), viewer=context.pop("viewer", None), company=company is not None,
            **context,
        )  # fmt: skip
        return HTMLResponse(html, status_code=status)

    def message(
        request: Request, status: int, key: str, viewer: Viewer | None = None, **values
    ) -> HTMLResponse:
        text = PORTAL_LABELS[lang_of(request)][key].format(**values)
        return page(request, "message.html", status, text=text, viewer=viewer)

    async def form_with_csrf(request: Request) -> dict | None:
        """The posted form, or None when its CSRF token is missing or wrong."""
        form = dict(await request.form())
        sent, expected = str(form.get("csrf", "")), request.session.get("csrf", "")
        if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
            return None
        return form

    def client_of(request: Request) -> str:
        return request.client.host if request.client else ""

    def start_session(request: Request, login: str) -> None:
        """A new session for ``login``: nothing of the signed-out session carries over but the language."""
        lang = request.session.get("lang")
        request.session.clear()
        request.session.update({"login": login, "csrf": secrets.token_urlsafe(32), "lang": lang})

    def signed_in(request: Request) -> Viewer | Response:
        """The viewer of this session, or the response that says why there is none."""
        login = request.session.get("login")
        account = store.account(login) if login else None
        if account is None:
            return RedirectResponse("/signin", status_code=303)
        person = snapshot.person(account.employee_id) if account.employee_id else None
        if account.portal_role is None and person is None:
            request.session.clear()
            store.log(login, "refused: not in the directory", client=client_of(request))
            return RedirectResponse("/signin", status_code=303)
        if person and account.portal_role is None and locked_out(person["leave_date"], grace_days, today()):
            request.session.pop("login", None)
            store.log(login, "refused: left", str(person["leave_date"]), client_of(request))
            return message(request, 403, "locked_out", days=grace_days, leave_date=person["leave_date"])
        return viewer_for(account.login, account.portal_role, person)

    @app.get("/signin", response_class=HTMLResponse)
    def signin_form(request: Request):
        return page(request, "signin.html")

    @app.post("/signin")
    async def signin(request: Request):
        form = await form_with_csrf(request)
        if form is None:
            return message(request, 403, "bad_form")
        login, password, client = (
            str(form.get("login", "")).strip(),
            str(form.get("password", "")),
            client_of(request),
        )
        wait = limiter.wait_seconds(login, client)
        if wait > 0:
            store.log(login, "refused: too many sign-in attempts", client=client)
            return page(request, "signin.html", 429, error=PORTAL_LABELS[lang_of(request)]["too_many"].format(
                minutes=int(wait // 60) + 1))  # fmt: skip
        account = store.check_password(login, password)
        person = account and account.employee_id and snapshot.person(account.employee_id)
        if (
            account
            and person
            and account.portal_role is None
            and locked_out(person["leave_date"], grace_days, today())
        ):
            store.log(login, "refused: left", str(person["leave_date"]), client)
            return message(request, 403, "locked_out", days=grace_days, leave_date=person["leave_date"])
        if account is None:  # logged: the limiter counts the log's failures
            store.log(login or None, "sign-in failed", client=client)
            error = PORTAL_LABELS[lang_of(request)]["bad_sign_in"]
            return page(request, "signin.html", 401, error=error, login=login)
        start_session(request, account.login)
        store.log(account.login, "signed in", client=client)
        return RedirectResponse("/", status_code=303)

    @app.get("/signin/company")
    async def company_signin(request: Request):
        if company is None:
            return message(request, 404, "not_found")
        return await company.authorize_redirect(request, str(request.url_for("company_callback")))

    @app.get("/signin/company/callback", name="company_callback")
    async def company_callback(request: Request):
        if company is None:
            return message(request, 404, "not_found")
        client = client_of(request)
        try:
            token = await company.authorize_access_token(request)
        except OAuthError as error:
            store.log(None, "company sign-in failed", error.error or "", client)
            return message(request, 401, "company_failed", reason=error.description or error.error)
        claims = token.get("userinfo") or {}
        login = str(claims.get(oidc.login_claim) or "").strip()
        account = store.account(login) if login else None
        person = snapshot.person(login) if login and account is None else None
        if account is None and person is None:
            store.log(login or None, "refused: company account not in the directory", client=client)
            return message(request, 403, "company_unknown", claim=oidc.login_claim, value=login or "-")
        if account is None:
            store.ensure_account(login, person["employee_id"])
        start_session(request, login)
        store.log(login, "signed in with the company account", client=client)
        return RedirectResponse("/", status_code=303)  # a leaver is stopped there, as on every page

    @app.post("/signout")
    async def signout(request: Request):
        form = await form_with_csrf(request)
        if form is None:
            return message(request, 403, "bad_form")
        store.log(request.session.get("login"), "signed out", client=client_of(request))
        request.session.clear()
        return RedirectResponse("/signin", status_code=303)

    @app.get("/invite/{token}", response_class=HTMLResponse)
    def invitation_form(request: Request, token: str):
        if store.invitation_login(token) is None:
            return message(request, 410, "invitation_gone")
        return page(request, "invite.html", token=token)

    @app.post("/invite/{token}")
    async def invitation(request: Request, token: str):
        form = await form_with_csrf(request)
        if form is None:
            return message(request, 403, "bad_form")
        password = str(form.get("password", ""))
        if password != str(form.get("password_again", "")):
            error = PORTAL_LABELS[lang_of(request)]["passwords_differ"]
            return page(request, "invite.html", 400, token=token, error=error)
        try:
            login = store.redeem(token, password)
        except PortalError as error:
            return page(request, "invite.html", 400, token=token, error=str(error))
        start_session(request, login)
        store.log(login, "invitation used; signed in", client=client_of(request))
        return RedirectResponse("/", status_code=303)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request):
        viewer = signed_in(request)
        if isinstance(viewer, Response):
            return viewer
        rows = [r for r in snapshot.statements() if may_view(viewer, r["employee_id"], r["department_id"])]
        people = sorted({r["employee_id"] for r in rows})
        whose = ",".join(people) if len(people) <= 20 else f"{len(people)} people"
        store.log(viewer.login, "viewed list", whose, client_of(request))
        return page(request, "index.html", viewer=viewer, rows=rows)

    @app.get("/statements/{month}/{employee_id}", response_class=HTMLResponse)
    async def statement(request: Request, month: str, employee_id: str):
        viewer = signed_in(request)
        if isinstance(viewer, Response):
            return viewer
        subject = f"{month}/{employee_id}"
        person = snapshot.person(employee_id)
        if not may_view(viewer, employee_id, person and person["department_id"]):
            store.log(viewer.login, "refused: statement", subject, client_of(request))
            scope = "forbidden_scope_head" if viewer.role == "department_head" else None
            head_scope = PORTAL_LABELS[lang_of(request)][scope] if scope else ""
            return message(request, 403, "forbidden", viewer, scope=head_scope)
        first_day = _parse_month(month)
        data = snapshot.statement(first_day, employee_id) if first_day else None
        if data is None:
            return message(request, 404, "not_found", viewer)
        store.log(viewer.login, "viewed statement", subject, client_of(request))
        return statement_page(request, viewer, data, employee_id, first_day)

    def statement_html(data, lang: str) -> str:
        """The statement itself, rendered once per snapshot and language (it never changes)."""
        key = (id(data), lang)
        cached = rendered.get(key)
        if cached is None or cached[0] is not data:
            if len(rendered) > 10_000:
                rendered.clear()
            html = env.get_template("portal_statement.html").render(
                L=LABELS[lang], fmt=Formatter(lang), lang=lang, css=css, group=statement_groups(data)[0],
                data=data, names=names_of(data), items=ITEMS, other=next(x for x in LANGUAGES if x != lang),
            )  # fmt: skip
            cached = rendered[key] = (data, html)
        return cached[1]

    def statement_page(request, viewer, data, employee_id, first_day, status=200, error=None) -> HTMLResponse:
        lang = lang_of(request)
        context = {"P": PORTAL_LABELS[lang], "L": LABELS[lang], "lang": lang, "csrf": csrf_token(request),
                   "viewer": viewer, "company": company is not None}  # fmt: skip
        nav = env.get_template("portal_nav.html").render(context)
        after = env.get_template("statement_disputes.html").render(
            context, disputes=with_ages(store.disputes(employee_id, first_day)), error=error,
            may_dispute=viewer.employee_id == employee_id, month_key=f"{first_day:%Y-%m}",
            group=statement_groups(data)[0],
        )  # fmt: skip
        html = (
            statement_html(data, lang)
            .replace("<!--autokpi:nav-->", nav)
            .replace("<!--autokpi:after-->", after)
        )
        return HTMLResponse(html, status_code=status)

    def with_ages(disputes: list[dict]) -> list[dict]:
        """Each dispute with its status and its age in days (until answered, or until today)."""
        for d in disputes:
            opened = date.fromisoformat(str(d["opened_at"])[:10])
            until = date.fromisoformat(str(d["answered_at"])[:10]) if d["answered_at"] else today()
            d["status"] = d["decision"] or "open"
            d["age_days"] = (until - opened).days
        return disputes

    async def signed_in_form(request: Request) -> tuple[Viewer, dict] | Response:
        """The viewer and their posted form, or the response that refuses them."""
        viewer = signed_in(request)
        if isinstance(viewer, Response):
            return viewer
        form = await form_with_csrf(request)
        return (viewer, form) if form is not None else message(request, 403, "bad_form", viewer)

    @app.post("/disputes")
    async def open_dispute(request: Request):
        posted = await signed_in_form(request)
        if isinstance(posted, Response):
            return posted
        viewer, form = posted
        employee_id, month = str(form.get("employee_id", "")), str(form.get("month", ""))
        if viewer.employee_id != employee_id:
            store.log(viewer.login, "refused: dispute", f"{month}/{employee_id}", client_of(request))
            return message(request, 403, "dispute_not_yours", viewer)
        first_day = _parse_month(month)
        data = snapshot.statement(first_day, employee_id) if first_day else None
        kpi_code = str(form.get("kpi_code", ""))
        if data is None or kpi_code not in {k["kpi_code"] for k in data.statements}:
            return message(request, 404, "not_found", viewer)
        try:
            dispute_id = store.open_dispute(
                viewer.login, employee_id, first_day, kpi_code, str(form.get("fact_id", "")),
                str(form.get("comment", "")),
            )  # fmt: skip
        except PortalError as error:
            return statement_page(request, viewer, data, employee_id, first_day, 400, str(error))
        store.log(
            viewer.login,
            "opened dispute",
            f"{dispute_id}: {month}/{employee_id}/{kpi_code}",
            client_of(request),
        )
        return RedirectResponse(f"/statements/{month}/{employee_id}", status_code=303)

    def queue_page(request, viewer, status=200, error=None) -> HTMLResponse:
        departments = {p["employee_id"]: p["department_id"] for p in snapshot.people()}
        rows = []
        for d in with_ages(store.disputes()):
            department = departments.get(d["employee_id"])
            if may_view(viewer, d["employee_id"], department):
                answerable = d["decision"] is None and may_answer(viewer, d["employee_id"], department)
                rows.append({**d, "may_answer": answerable})
        store.log(viewer.login, "viewed disputes", f"{len(rows)} disputes", client_of(request))
        return page(
            request, "disputes.html", status, viewer=viewer, rows=rows, error=error, quality_items=ITEMS
        )

    @app.get("/disputes", response_class=HTMLResponse)
    def disputes(request: Request):
        viewer = signed_in(request)
        if isinstance(viewer, Response):
            return viewer
        return queue_page(request, viewer)

    @app.post("/disputes/{dispute_id}/answer")
    async def answer(request: Request, dispute_id: int):
        posted = await signed_in_form(request)
        if isinstance(posted, Response):
            return posted
        viewer, form = posted
        dispute = store.dispute(dispute_id)
        person = dispute and snapshot.person(dispute["employee_id"])
        if dispute is None or not may_answer(
            viewer, dispute["employee_id"], person and person["department_id"]
        ):
            store.log(viewer.login, "refused: answer", str(dispute_id), client_of(request))
            return message(request, 403, "answer_not_yours", viewer)
        kind = str(form.get("correction_kind", "")) or None
        to_employee = str(form.get("to_employee_id", "")).strip() or None
        quality_item = str(form.get("quality_item", "")).strip() or None
        try:
            if kind == "move_deal_line" and to_employee and snapshot.person(to_employee) is None:
                raise PortalError(f"{to_employee} is not an employee id in the directory")
            fact = dispute["fact_id"]
            if (
                kind == "exclude_missed_call"
                and fact
                and not snapshot.is_missed_call_of(fact, dispute["employee_id"])
            ):
                raise PortalError(
                    f"{fact} is not a missed call of {dispute['employee_id']}: only a missed call "
                    "that rang them can be taken off; reject the dispute or answer without a correction"
                )
            store.answer_dispute(
                dispute_id,
                viewer.login,
                str(form.get("decision", "")),
                str(form.get("reason", "")),
                kind,
                to_employee,
                quality_item,
            )
        except PortalError as error:
            return queue_page(request, viewer, 400, str(error))
        store.log(
            viewer.login, "answered dispute", f"{dispute_id}: {form.get('decision')}", client_of(request)
        )
        return RedirectResponse("/disputes", status_code=303)

    def periods_page(request, viewer, status=200, error=None) -> HTMLResponse:
        requests = list(reversed(store.period_requests()))  # newest first
        waiting = {str(r["month"])[:7]: r["request_id"] for r in requests if r["outcome"] is None}
        store.log(viewer.login, "viewed periods", f"{len(requests)} requests", client_of(request))
        return page(
            request, "periods.html", status, viewer=viewer, months=snapshot.months(), requests=requests,
            waiting=waiting, error=error,
        )  # fmt: skip

    @app.get("/periods", response_class=HTMLResponse)
    def periods(request: Request):
        viewer = signed_in(request)
        if isinstance(viewer, Response):
            return viewer
        if not may_close(viewer):
            store.log(viewer.login, "refused: periods", client=client_of(request))
            return message(request, 403, "periods_finance_only", viewer)
        return periods_page(request, viewer)

    @app.post("/periods")
    async def request_period(request: Request):
        posted = await signed_in_form(request)
        if isinstance(posted, Response):
            return posted
        viewer, form = posted
        month, action = str(form.get("month", "")), str(form.get("action", ""))
        if not may_close(viewer):
            store.log(viewer.login, "refused: period request", f"{action} {month}", client_of(request))
            return message(request, 403, "periods_finance_only", viewer)
        first_day = _parse_month(month)
        if first_day is None or first_day not in {m["month"] for m in snapshot.months()}:
            return message(request, 404, "not_found", viewer)
        try:
            number = store.request_period(viewer.login, first_day, action, str(form.get("reason", "")))
        except PortalError as error:
            return periods_page(request, viewer, 400, str(error))
        store.log(viewer.login, "asked to " + action, f"{number}: {month}", client_of(request))
        return RedirectResponse("/periods", status_code=303)

    @app.exception_handler(404)
    async def not_found(request: Request, _exc):
        return message(request, 404, "not_found")

    return app


def app_from_env() -> FastAPI:
    """The portal over ``AUTOKPI_WAREHOUSE``, for uvicorn's ``--factory`` (several workers
    share sessions only with ``AUTOKPI_PORTAL_SECRET`` set)."""
    from core.paths import warehouse_from_env

    return create_app(warehouse_from_env())
