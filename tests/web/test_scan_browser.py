"""The scan pages in headless Chromium: open a family, click a tree edge, land on that pair's report; and the
standalone scan report's own script (site filter, network) runs under its CSP.

Skipped, saying so, where Debian's ``chromium`` and ``chromium-driver`` are absent (as ``test_browser.py``).
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from unspun.stages.report.scan_html import write_scan_report
from unspun.web import ServerConfig, create_app
from unspun.web.scan import load_scan

from ..report.test_scan_html import BIG, HOSTILE_ID, REWRITE, make_scan
from .test_browser import ARTIFACTS, CHROMIUM, DRIVER, browser  # noqa: F401 (the browser fixture)
from .test_scan_api import build_index, write_scan

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="headless browser tests need Debian's chromium and chromium-driver "
                                       "(apt-get install -y chromium chromium-driver)")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    """A real server over the hand-made scan and a small index of three of its members."""
    import uvicorn

    index = build_index(tmp_path_factory.mktemp("index"))
    scan = load_scan(write_scan(tmp_path_factory.mktemp("scan")))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(ServerConfig(), index, scan=scan), log_level="warning"))
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
    index.close()


def _severe(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_family_edge_opens_the_pair_report(browser, server_url):  # noqa: F811
    browser.get(f"{server_url}/families")
    browser.find_element("link text", BIG).click()
    assert browser.find_element("css selector", "ul.tree").is_displayed()
    edge = browser.find_element("xpath", f"//li[div/span[@class='doc' and text()='{HOSTILE_ID}']]//a[@class='pair']")
    edge.click()
    verdict = browser.find_element("css selector", ".verdict")  # waits (implicitly) for the report
    assert verdict.text and browser.title.startswith("unspun")
    assert REWRITE in browser.find_element("css selector", "#pane-a").find_element("xpath", "..").text
    assert browser.find_elements("css selector", "#pane-b .al")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "scan-pair.png"))
    assert not _severe(browser)


def test_standalone_scan_report_filters_by_site(browser, tmp_path):  # noqa: F811
    write_scan_report(tmp_path, make_scan())
    browser.get((tmp_path / "report.html").as_uri())
    families = browser.find_elements("css selector", "article.family")
    assert len(families) == 2 and all(family.is_displayed() for family in families)
    browser.find_element("css selector", 'svg.net g.site[data-site="1"]').click()  # the copycat site
    assert [family.is_displayed() for family in families] == [True, False]  # the script ran: the CSP hash matches
    assert "focus" in browser.find_element("css selector", "svg.net").get_attribute("class")
    assert "1 of 2 families shown" in browser.find_element("id", "family-count").text
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "scan-report.png"))
    assert not _severe(browser)
