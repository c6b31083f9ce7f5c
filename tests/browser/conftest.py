"""Browser tests: Playwright for Python driving Debian's Chromium against the live server."""

import os
import shutil

import pytest

CHROMIUM_CANDIDATES = [
    os.environ.get("CHROMIUM_PATH", ""),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
]


def _chromium() -> str | None:
    for path in CHROMIUM_CANDIDATES:
        if path and shutil.which(path):
            return path
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Meant to keep one browser for the browser tests on a 2-core machine. With
            # pytest 9.2, xdist no longer groups (pytest-xdist#1386): each xdist worker then
            # starts its own Chromium, which the tests allow (nothing here is shared).
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    path = _chromium()
    if path is None:
        message = (
            "No Chromium found: `apt-get install chromium` (or set CHROMIUM_PATH) "
            "to run browser tests."
        )
        if os.environ.get("CGRS_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the live server and the ORM
    # calls the tests make are ordinary synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    """Sign in through the real form."""

    def do(email: str, password: str):
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign In").click()

    return do
