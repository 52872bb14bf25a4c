"""The site in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``, driven by Selenium) with the network cut off.

The site is opened from disk (``file://``) and through ``cadregraph serve``: the search
finds people with or without diacritics, a person's page shows her posts and draws her
network, clicking a node opens that node's page, tables sort, the overview filters, no
script of an article runs, nothing is asked of the network, and the console stays clean.
Screenshots go to each test's tmp folder (and to ``$CADREGRAPH_SCREENSHOTS`` when set,
which is how docs/person-page.png is made).

``make test`` installs Chromium when it is missing (apt, on Debian); without it these tests
are skipped, except under CI (``$CI`` set), where that is a failure.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from site_helpers import HOSTILE_NAME, IMG, build_store, hostile_facts

from cadregraph.exports.site import write_site
from cadregraph.exports.site_paths import page_path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WAIT = 15.0  # seconds to wait for a page or a network to be ready
# run before any script of a page: a script an article smuggled in would call one of these
HOOK = """window.__xss = [];
["alert", "confirm", "prompt", "print"].forEach(function (n) {
  window[n] = function (m) { window.__xss.push(n + ":" + m); }; });"""


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests (make test installs Chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):
        _missing("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[test]')")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager: never download a driver or browser
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--no-default-browser-check", "--mute-audio",
                "--window-size=1280,1450", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
                # no network: names resolve to nothing, and what is not loopback goes to a closed port
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
    yield driver
    driver.quit()


@pytest.fixture
def clean(browser):
    """Fails the test when a page logged an error or asked for anything beyond this machine."""
    browser.get_log("browser")
    browser.get_log("performance")
    yield browser
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    assert not outside(browser), "requests beyond this machine"


def outside(driver) -> list[str]:
    """The addresses of the requests since the last call that were not local files or 127.0.0.1."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        url = message["params"]["request"]["url"]
        parts = urlparse(url)
        if parts.scheme in ("file", "data", "blob", "about", "chrome", "devtools"):
            continue
        if parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1":
            continue
        found.append(url)
    return found


def wait_for(driver, script: str, timeout: float = WAIT):
    """The value of ``script`` once it is truthy."""
    end = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script)
        if value or time.monotonic() > end:
            assert value, f"timed out waiting for: {script}"
            return value
        time.sleep(0.05)


def network_ready(driver) -> None:
    wait_for(driver, "var n = document.getElementById('network'); return n && n.getAttribute('data-ready') === '1'")


def screenshot(driver, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    driver.save_screenshot(str(path))
    extra = os.environ.get("CADREGRAPH_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(extra) / name)
    return path


_DRAWN = """
        var c = document.querySelector('#network canvas');
        if (!c || !c.width) return 0;
        var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
        for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;"""


def drawn_pixels(driver, at_least: int = 2000) -> int:
    """How many pixels of the network's canvas are painted, once ``at_least`` are (the
    network paints on the browser's next animation frame after it says it is ready)."""
    try:
        return wait_for(driver, f"var n = (function () {{ {_DRAWN} }})(); return n >= {at_least} ? n : 0")
    except AssertionError:
        return driver.execute_script(_DRAWN)


def node_on_screen(driver, node_id: str) -> dict:
    """Where node ``node_id`` is, as an offset from the middle of the network's box."""
    return driver.execute_script("""
        var id = arguments[0], net = window.cgNetwork, box = document.getElementById('network');
        var p = net.canvasToDOM(net.getPositions([id])[id]), r = box.getBoundingClientRect();
        return {x: p.x - r.width / 2, y: p.y - r.height / 2, inside: p.x > 5 && p.y > 5 && p.x < r.width - 5 &&
                p.y < r.height - 5, at: net.getNodeAt(p)};""", node_id)


def hover(driver, node_id: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    box = driver.find_element("id", "network")
    spot = node_on_screen(driver, node_id)
    ActionChains(driver).move_to_element_with_offset(box, int(spot["x"]), int(spot["y"])).perform()


def search(driver, query: str) -> list[dict]:
    box = driver.find_element("css selector", "header input.q")
    box.clear()
    box.send_keys(query)
    wait_for(driver, "var l = document.querySelector('header ol.results'); return l && !l.hidden && "
                     "l.children.length > 0")
    return driver.execute_script("""return Array.prototype.map.call(
        document.querySelectorAll('header ol.results a'),
        function (a) { return {href: a.getAttribute('href'), name: a.querySelector('.name').textContent,
                               html: a.innerHTML}; });""")


def test_search_person_page_network_and_navigation_from_disk(clean, bundled_out, tmp_path):
    driver = clean
    site = bundled_out / "site"
    driver.get((site / "index.html").as_uri())
    assert "cadregraph" in driver.title
    assert driver.find_element("css selector", 'a[href="#person"] b').text == "13"
    for query in ("dao phu thuy", "DAO PHU THUY DUONG", "Đào Phú Thuỳ", "thùy dương"):
        found = search(driver, query)
        assert found[0]["name"] == "Đào Phú Thùy Dương", (query, found[:3])
        assert found[0]["href"] == "person/dao-phu-thuy-duong.html"
    search(driver, "dao phu thuy")
    driver.find_element("css selector", "header input.q").send_keys("\n")  # Enter opens the first
    wait_for(driver, "return location.pathname.endsWith('/person/dao-phu-thuy-duong.html')")

    assert driver.find_element("css selector", "h1").text.startswith("Đào Phú Thùy Dương")
    timeline = driver.find_element("css selector", "ol.timeline").text
    assert "Bí thư Đảng ủy Khu kinh tế Hải Phòng" in timeline and "Ủy viên Thành ủy Hải Phòng" in timeline
    assert "04/11/2023 – 21/01/2024" in timeline
    network_ready(driver)
    assert drawn_pixels(driver) > 2000  # a network is drawn, not an empty canvas
    driver.execute_script("document.getElementById('network').scrollIntoView({block: 'center'})")
    # her tooltip: name, kind and posts, as text (the page's packed network unpacked)
    hover(driver, "person/dao-phu-thuy-duong")
    tip = wait_for(driver, "var t = document.querySelector('div.vis-tooltip'); "
                           "return t && getComputedStyle(t).visibility === 'visible' && t.textContent")
    assert "Đào Phú Thùy Dương" in tip and "Nhân sự (person)" in tip and "Bí thư Đảng ủy Khu kinh tế Hải Phòng" in tip
    driver.execute_script("window.scrollTo(0, 0)")
    screenshot(driver, tmp_path, "person-page.png")

    # clicking a node opens its page
    driver.execute_script("document.getElementById('network').scrollIntoView({block: 'center'})")
    nodes = driver.execute_script("return window.cgNodes.get().map(function (n) { return [n.id, n.url]; })")
    for node_id, url in nodes:
        if node_id == "person/dao-phu-thuy-duong" or not node_id.startswith("body/"):
            continue
        spot = node_on_screen(driver, node_id)
        if spot["inside"] and spot["at"] == node_id:
            break
    else:
        pytest.fail("no body node can be clicked")
    from selenium.webdriver.common.action_chains import ActionChains

    box = driver.find_element("id", "network")
    ActionChains(driver).move_to_element_with_offset(box, int(spot["x"]), int(spot["y"])).click().perform()
    wait_for(driver, f"return location.href.endsWith({json.dumps('/' + url)})")
    label = driver.execute_script("return document.querySelector('h1').firstChild.textContent")
    assert page_path(node_id) == url and label.strip()
    assert "Chức vụ và người giữ chức" in driver.page_source  # a body's page
    network_ready(driver)
    screenshot(driver, tmp_path, "body-page.png")
    assert driver.execute_script("return window.__xss") == []


def _serve(out: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "cadregraph.cli", "serve", "--out", str(out), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    m = re.search(r"(http://127\.0\.0\.1:\d+/)", proc.stdout.readline())
    if not m:
        proc.kill()
        pytest.fail("cadregraph serve did not say where it listens")
    return proc, m.group(1)


def test_served_site_sorts_filters_and_opens_articles(clean, bundled_out, tmp_path):
    driver = clean
    proc, url = _serve(bundled_out)
    try:
        driver.get(url + "index.html")
        names = ("return Array.prototype.map.call(document.querySelectorAll("
                 "'#person + table tbody tr td:first-child'), function (td) { return td.textContent; })")
        before = driver.execute_script(names)
        header = driver.find_element("css selector", "#person + table th[data-sort=text]")
        header.click()
        header.click()  # descending
        assert header.get_attribute("aria-sort") == "descending"
        after = driver.execute_script(names)
        assert sorted(after) == sorted(before) and after != before and after[0] == "Trần Văn Khuê"
        driver.find_element("css selector", "#person + table th[data-sort=date]").click()  # by first reported
        firsts = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll("
            "'#person + table tbody tr td:nth-child(3) time'), function (t) { return t.getAttribute('datetime'); })")
        assert firsts == sorted(firsts) and firsts[0] == "2019-07-10"

        driver.get(url + "overview.html")
        network_ready(driver)
        total = driver.execute_script("return window.cgNodes.length")
        assert total == 42 and drawn_pixels(driver) > 2000
        driver.execute_script("var f = document.getElementById('filters'); f.elements.from.value = '2023-01-01';"
                              "f.dispatchEvent(new Event('change'))")
        wait_for(driver, "return window.cgNodes.length < 42")
        network_ready(driver)
        ids = driver.execute_script("return window.cgNodes.getIds()")
        assert "person/dao-phu-thuy-duong" in ids and "person/le-van-thanh" not in ids  # seen 2019-2020 only
        assert "body/dang-uy-khu-kinh-te-hai-phong" in ids and "meeting/003_3d32f15392460865-1" not in ids
        driver.execute_script("var f = document.getElementById('filters'); f.elements.from.value = '';"
                              "f.dispatchEvent(new Event('change'))")
        wait_for(driver, "return window.cgNodes.length === 42")
        driver.find_element("css selector", "input[name=type][value=person]").click()
        wait_for(driver, "return window.cgNodes.length === 29")  # 42 less 13 people
        network_ready(driver)
        from selenium.webdriver.support.select import Select

        Select(driver.find_element("css selector", "select[name=body]")).select_by_visible_text(
            "Đảng ủy Khu kinh tế Hải Phòng")
        count = wait_for(driver, "return window.cgNodes.length < 29 && window.cgNodes.length")
        ids = driver.execute_script("return window.cgNodes.getIds()")
        assert "body/dang-uy-khu-kinh-te-hai-phong" in ids and "body/thanh-uy-hai-phong" in ids and count < 15
        assert not any(i.startswith("person/") for i in ids)
        screenshot(driver, tmp_path, "overview.png")

        # an article's page: its text, and a fact's link jumps to its sentence
        driver.get(url + "article/000_31a0101c8cf72da8.html")
        link = driver.find_element("css selector", "table a.src")
        anchor = link.get_attribute("href").rpartition("#")[2]
        link.click()
        wait_for(driver, f"return location.hash === '#{anchor}'")
        assert driver.execute_script(f"return document.getElementById('{anchor}').nextElementSibling.className") == "ev"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_hostile_article_runs_no_script(clean, tmp_path):
    driver = clean
    out = tmp_path / "out"
    write_site(build_store(out, [hostile_facts()]), out / "site")
    site = out / "site"
    person = next(p for p in (site / "person").iterdir() if "img" in p.name)
    checks = """return {
        xss: window.__xss,
        elements: document.querySelectorAll('img, svg, iframe, object, embed, [onerror], [onload], [onclick]').length,
        scripts: Array.prototype.filter.call(document.scripts, function (s) {
            return !(s.type === 'application/json' ||
                     /assets\\/(vis-network\\.min|site|overview-data|search-index)\\.js$/
                     .test(s.getAttribute('src') || '')); }).length };"""
    driver.get((site / "index.html").as_uri())
    found = search(driver, "nguyen img")
    assert found[0]["name"] == HOSTILE_NAME and "<img" not in found[0]["html"]  # the name, shown as text
    assert driver.execute_script(checks) == {"xss": [], "elements": 0, "scripts": 0}
    for page in [person, site / "article" / "evil01.html", *(site / "meeting").iterdir(), *(site / "body").iterdir(),
                 *(site / "directive").iterdir(), site / "overview.html"]:
        driver.get(page.as_uri())
        if driver.execute_script("return !!document.getElementById('network')"):
            network_ready(driver)
        assert driver.execute_script(checks) == {"xss": [], "elements": 0, "scripts": 0}, page
    driver.get(person.as_uri())
    network_ready(driver)
    assert IMG in driver.find_element("css selector", "h1").text  # shown as the text it is
    driver.execute_script("document.getElementById('network').scrollIntoView({block: 'center'})")
    node = driver.execute_script("return window.cgNodes.get().filter("
                                 "function (n) { return n.label.indexOf('<img') >= 0; })[0].id")
    hover(driver, node)
    tip = wait_for(driver, "var t = document.querySelector('div.vis-tooltip'); "
                           "return t && getComputedStyle(t).visibility === 'visible' && t.textContent")
    assert HOSTILE_NAME in tip
    assert driver.execute_script("return document.querySelectorAll('div.vis-tooltip *:not(div.tip)').length") == 0
    assert driver.execute_script(checks) == {"xss": [], "elements": 0, "scripts": 0}
    screenshot(driver, tmp_path, "hostile-person.png")


def test_the_browser_reaches_nothing_beyond_this_machine(browser):
    """The tests' browser is cut off, and a request beyond this machine would be seen."""
    browser.get_log("performance")
    try:
        browser.get("http://example.org/")
    except Exception:  # noqa: BLE001  (a page that cannot load may also time out or raise)
        pass
    assert "Example Domain" not in browser.page_source  # the real page never came
    asked = outside(browser)
    assert asked and all(urlparse(u).hostname == "example.org" for u in asked)
    browser.get_log("browser")
