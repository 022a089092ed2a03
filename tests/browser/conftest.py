"""A real headless Chromium (Debian's, installed by `make browser`) driven by Playwright."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    if not shutil.which("chromium"):
        pytest.fail("chromium is missing: `make browser` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def demo_site(demo_run, tmp_path_factory):
    """The dashboard site written from the demo warehouse, with a statement file per employee."""
    from dashboards.build import build_site

    _, warehouse = demo_run
    site = tmp_path_factory.mktemp("site")
    build_site(warehouse, site, per_employee_files=True)
    return site


class PageWatch:
    """Console errors and failed requests of a page, collected while it loads."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.failed: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("response", lambda r: self.failed.append(r.url) if r.status >= 400 else None)


@pytest.fixture
def open_page(browser, request):
    pages = []

    def _open(url: str):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        watch = PageWatch(page)
        page.goto(url, wait_until="load")
        pages.append(page)
        return page, watch

    yield _open
    for page in pages:
        page.close()
