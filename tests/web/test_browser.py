"""End to end in headless Chromium: paste two texts, read the report, click a sentence, try an XSS payload.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them with apt); skipped, saying so,
only when they are absent. Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from unspun import compare
from unspun.stages.report import render_html
from unspun.web import ServerConfig, create_app

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="headless browser tests need Debian's chromium and chromium-driver "
                                       "(apt-get install -y chromium chromium-driver)")
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--window-size=1440,900")


@pytest.fixture(scope="module")
def server_url():
    """A real uvicorn server on a free loopback port, in a background thread, for the module's tests."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(ServerConfig()), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start within 30 s"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven through chromedriver, with the browser console captured."""
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def _submit(browser, url: str, text_a: str, text_b: str) -> None:
    """Open the form, paste both texts (set by script: typing 1 kB takes seconds), press Compare."""
    browser.get(url + "/")
    for name, text in (("text_a", text_a), ("text_b", text_b)):
        browser.execute_script("arguments[0].value = arguments[1];", browser.find_element("name", name), text)
    browser.find_element("id", "compare").click()
    browser.find_element("css selector", "#pane-b .al")  # waits (implicitly) for the report


def _classes(element) -> set[str]:
    return set((element.get_attribute("class") or "").split())


def _severe_console_errors(browser) -> list[dict]:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def _in_view(browser, element) -> bool:
    """True when ``element`` is inside its scrolling pane's visible box."""
    return browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(), p = arguments[0].closest('.doc').getBoundingClientRect();"
        "return r.top >= p.top - 1 && r.bottom <= p.bottom + 1;", element)


def test_click_highlights_partner_and_scrolls_to_it(browser, server_url, texts):
    filler_b = "\n".join(f"Unrelated filler line number {i} about weather." for i in range(80))
    long_a = "\n".join(f"Another filler line number {i} about sport results." for i in range(80)) + "\n\n"
    long_b = texts["rewrite"] + "\n\n" + filler_b
    _submit(browser, server_url, long_a + texts["original"], long_b)
    assert "Derived" in browser.find_element("css selector", ".verdict").text
    source = browser.find_elements("css selector", "#pane-b .al")[-1]
    number = source.get_attribute("data-al")
    partners = browser.find_elements("css selector", f'#pane-a .al[data-al="{number}"]')
    assert partners and not _in_view(browser, partners[0])  # the partner starts below the fold
    source.click()
    time.sleep(1.0)  # smooth scrolling
    assert all("sel" in _classes(partner) for partner in partners)
    assert "sel" in _classes(source)
    assert _in_view(browser, partners[0])
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report-click.png"))
    assert not _severe_console_errors(browser)


def test_hover_highlights_partner(browser, server_url, texts):
    from selenium.webdriver.common.action_chains import ActionChains

    _submit(browser, server_url, texts["original"], texts["rewrite"])
    source = browser.find_element("css selector", "#pane-a .al")
    ActionChains(browser).move_to_element(source).perform()
    partner = browser.find_element("css selector", f'#pane-b .al[data-al="{source.get_attribute("data-al")}"]')
    assert "hl" in _classes(partner)


def test_fact_link_jumps_to_the_changed_fact(browser, server_url, texts):
    _submit(browser, server_url, texts["original"], texts["rewrite"])
    link = browser.find_element("css selector", "a.jump")
    target = browser.find_element("id", link.get_attribute("href").split("#")[1])
    link.click()
    assert "flash" in _classes(target) and "fact" in _classes(target)


def test_xss_payload_stays_inert(browser, server_url, texts):
    _submit(browser, server_url, texts["xss_original"], texts["xss_rewrite"])
    time.sleep(0.5)
    assert browser.title.startswith("unspun") and "pwned" not in browser.title
    assert browser.find_elements("css selector", ".doc img, .doc script, .doc a") == []
    pane = browser.find_element("id", "pane-a").text
    assert '<script>alert("xss")</script>' in pane and "<img src=x onerror=" in pane
    assert 'href="javascript:' in pane
    browser.find_element("xpath", "//*[@id='pane-a']//*[contains(text(), 'opening party')]").click()
    assert browser.title.startswith("unspun")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report-xss.png"))
    alerts = browser.execute_script("return typeof window.alert")  # still reachable: nothing hijacked the page
    assert alerts == "function"


def test_standalone_file_works_without_a_server(browser, tmp_path, texts):
    path = tmp_path / "report.html"
    path.write_text(render_html(compare(texts["original"], texts["rewrite"])), encoding="utf-8")
    browser.get(path.as_uri())
    source = browser.find_element("css selector", "#pane-b .al")
    source.click()
    partner = browser.find_element("css selector", f'#pane-a .al[data-al="{source.get_attribute("data-al")}"]')
    assert "sel" in _classes(partner)  # the inline script ran: the CSP hash matches
    assert not _severe_console_errors(browser)
