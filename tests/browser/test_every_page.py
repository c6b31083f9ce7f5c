"""Every page of the role-by-URL matrix, opened in Chromium by a role that may open it:
0 axe-core violations of the WCAG 2.2 A and AA rules, and nothing scrolls sideways at 320 px,
in English and in Spanish for every role (anyone may choose Español, and a Spanish page is
longer: words that fit in English can push a phone page sideways).

The pages come from the matrix (tests/*/url_matrix.py), and the admin pages from the admin's own
registry, so a page added to the site is checked here the moment its matrix row or ModelAdmin
exists, with no list to keep in step.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.test_url_matrix import ROUTES
from tests.url_matrix import World

# axe-core's tags for WCAG 2.0/2.1/2.2 at levels A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}

ORDER = ("anonymous", "attorney", "pro_se", "expert", "clinic", "staff")
LANGUAGES = ("en", "es")


def _pages_for(principal: str):
    """Every page the matrix lets this principal open: a page can look different per role."""
    for route in ROUTES:
        if route.method == "get" and route.expect.get(principal) == 200:
            yield route


def _admin_urls() -> list[str]:
    """The admin staff use: its index, and for every registered model its list, its add form
    and the change form of one row where the test world has one."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{prefix}_change", args=[first.pk]))
    return urls


def _url(route, world: World) -> str:
    url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else None)
    return f"{url}?{route.query}" if route.query else url


def _context(browser, live_server, client: Client, language: str, width: int):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(15_000)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    cookies = {settings.LANGUAGE_COOKIE_NAME: language}
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if session is not None:
        cookies[settings.SESSION_COOKIE_NAME] = session.value
    context.add_cookies(
        [
            {"name": name, "value": value, "domain": host, "path": "/"}
            for name, value in cookies.items()
        ]
    )
    return context


# The outermost elements that reach past the right edge: where a fix goes.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  const clipped = (el) => {
    // Inside a scrolling box (a table wrapper) is fine, unless taken out of flow past it.
    if (["absolute", "fixed"].includes(getComputedStyle(el).position)) return false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  // Too wide itself, or its text runs out of it (a pill that will not wrap).
  const past = (el) => Math.max(el.getBoundingClientRect().right,
    el.getBoundingClientRect().left + el.scrollWidth) > limit + 1;
  const wide = [...document.body.querySelectorAll("*")].filter(
    (el) => past(el) && !clipped(el));
  const outermost = wide.filter((el) => !wide.includes(el.parentElement));
  return outermost.slice(0, 3).map((el) => el.outerHTML.slice(0, 120));
}"""


def _problems(page, axe: Axe, label: str) -> list[str]:
    problems = []
    page.set_viewport_size({"width": 320, "height": 900})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(
            f"{label}: scrolls sideways at 320 px by {overflow} px, "
            f"first too wide: {page.evaluate(WIDEST)}"
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        targets = [node["html"][:120] for node in violation["nodes"][:3]]
        problems.append(
            f"{label}: {violation['id']} ({len(violation['nodes'])} nodes) e.g. {targets}"
        )
    return problems


def _walk(browser, live_server, client: Client, urls: list[str], language: str) -> list[str]:
    axe = Axe()
    problems = []
    context = _context(browser, live_server, client, language, 1280)
    page = context.new_page()
    try:
        for url in urls:
            # The test client says first whether this is a page (a file download is not one).
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            page.goto(url)
            # The page really is in the language chosen (WCAG 3.1.1 starts here).
            shown = page.evaluate("() => document.documentElement.lang")
            if shown != language:
                problems.append(f"{language} {url}: <html lang={shown!r}>")
            problems += _problems(page, axe, f"{language} {url}")
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("principal", ORDER)
def test_every_page_is_accessible_and_fits_a_phone(
    principal, language, browser, live_server, users, transactional_db
):
    world = World(users=users)
    client = Client()
    if principal != "anonymous":
        client.force_login(users[principal])
    urls = [_url(route, world) for route in _pages_for(principal)]
    if principal == "staff":
        urls += _admin_urls()
    assert urls, f"no page is checked as {principal}"
    problems = _walk(browser, live_server, client, urls, language)
    assert not problems, "\n".join(problems)
