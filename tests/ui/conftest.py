"""Browser tests: the app served on 127.0.0.1 in a thread, driven by Debian's Chromium.

Without /usr/bin/chromium (or the playwright package) every test here is skipped, with the
reason said once; ``.ci/run`` installs Chromium so CI always runs them. Playwright's own
browser download is never used.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "test-artifacts"


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"browser tests skipped: {CHROMIUM} is missing (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "browser tests skipped: the playwright package is not installed (.[test])"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(skip)


def pytest_report_header(config):
    return _missing()


@pytest.fixture(scope="session")
def server(app):
    """The app on a free port of 127.0.0.1, on the test database."""
    served = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{served.server_port}"
    served.shutdown()
    thread.join()
    served.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A browser page that remembers every URL it asked for and every script error."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message) -> None:
        # Failed loads are judged by _response, which knows the URL.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response) -> None:
        # Browsers ask for /favicon.ico on pages that name none (the API's manifest).
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.errors.append(f"{response.status} {response.url}")

    def go(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def log_in(self, username: str, password: str):
        self.go("/login")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_load_state()
        return self.page

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests
                if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]  # fmt: skip


@pytest.fixture
def visit(browser, server, world):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Visit(page, server)
    context.close()
