"""The HTML report in a real browser: headless Chromium, driven over the DevTools protocol on a pipe.

Checks what a reader sees: the highlights render and link to their rows (CSS ``:target``, no
JavaScript), no script from an article runs, nothing overflows at phone (390 px) or desktop
(1280 px) width, and the print version becomes a PDF. Screenshots and the PDF are kept under
``test-artifacts/``. Without Chromium (Debian package ``chromium``) the tests are skipped with
that reason, never passed.

No dependency: ``--remote-debugging-pipe`` speaks JSON messages ended by NUL on file
descriptors 3 (commands in) and 4 (replies out).
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import time
from pathlib import Path

import pytest

from verifier.report import render
from verifier.schemas import Report

fcntl = pytest.importorskip("fcntl", reason="the DevTools pipe needs POSIX file descriptors")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "reports" / "sample-report.json"
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless Chromium, one page, commands over the DevTools pipe."""

    def __init__(self, binary: str, profile: Path):
        cmd_read, self._write = os.pipe()
        self._read, res_write = os.pipe()
        # move the child's ends above 10 so dup2 onto 3 and 4 cannot clobber them
        high_cmd = fcntl.fcntl(cmd_read, fcntl.F_DUPFD, 10)
        high_res = fcntl.fcntl(res_write, fcntl.F_DUPFD, 10)
        os.close(cmd_read)
        os.close(res_write)

        def wire() -> None:
            os.dup2(high_cmd, 3)
            os.dup2(high_res, 4)

        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            preexec_fn=wire, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(high_cmd)
        os.close(high_res)
        self._buffer = b""
        self._id = 0
        target = self.send("Target.createTarget", {"url": "about:blank"})
        self.session = self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})["sessionId"]
        self.page("Page.enable")

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply.get("result", {})
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"chromium did not answer {method} within {timeout} s")
            ready, _, _ = select.select([self._read], [], [], left)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk

    def page(self, method: str, params: dict | None = None) -> dict:
        return self.send(method, params, session=self.session)

    def evaluate(self, expression: str):  # noqa: ANN201
        result = self.page("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def open(self, url: str, width: int, height: int) -> None:
        self.page("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        self.page("Page.navigate", {"url": url})
        deadline = time.monotonic() + 30
        while self.evaluate("document.readyState") != "complete" or self.evaluate("location.href") != url:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            time.sleep(0.05)

    def screenshot(self, path: Path, full_page: bool = False) -> bytes:
        params = {"format": "png", "captureBeyondViewport": full_page}
        data = base64.b64decode(self.page("Page.captureScreenshot", params)["data"])
        path.write_bytes(data)
        return data

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        os.close(self._write)
        os.close(self._read)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the browser test of the HTML report needs it")
    ARTIFACTS.mkdir(exist_ok=True)
    b = Browser(binary, tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


def write_report(report: Report, path: Path) -> str:
    path.write_text(render(report, "html"), encoding="utf-8")
    return path.resolve().as_uri()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


OVERFLOW = """JSON.stringify((() => {
  const vw = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.right > vw + 1;
  }).map(e => e.tagName + '.' + e.className).slice(0, 5);
  return {vw, scroll: document.documentElement.scrollWidth, wide};
})())"""


def test_the_harness_sees_scripts_that_do_run(browser, tmp_path):
    page = tmp_path / "control.html"
    page.write_text("<title>before</title><script>document.title = 'ran'</script>", encoding="utf-8")
    browser.open(page.as_uri(), 800, 600)
    assert browser.evaluate("document.title") == "ran"  # so a 'no script ran' check below means something


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_layout_and_highlights_at_phone_and_desktop_width(browser, tmp_path, width, height):
    report = Report.from_json(SAMPLE.read_text(encoding="utf-8"))
    url = write_report(report, tmp_path / "report.html")
    browser.open(url, width, height)
    layout = json.loads(browser.evaluate(OVERFLOW))
    assert layout["vw"] == width
    assert layout["scroll"] <= width and layout["wide"] == [], layout  # nothing sticks out sideways
    visible = browser.evaluate(
        "[...document.querySelectorAll('article a.hl')].filter(e => e.getBoundingClientRect().width > 0)"
        ".map(e => e.getAttribute('href'))"
    )
    assert {f"#claim-{c.id}" for c in report.claims} <= set(visible)
    colours = browser.evaluate(
        "Object.fromEntries(['supported','contradicted','unverifiable','no_data'].map(v => "
        "[v, getComputedStyle(document.querySelector('article a.hl.v-' + v)).backgroundColor]))"
    )
    assert len(set(colours.values())) == 4, colours  # each verdict its own colour
    shot = browser.screenshot(ARTIFACTS / f"report-{width}x{height}.png")
    assert png_size(shot) == (width, height) and len(shot) > 20_000
    full = browser.screenshot(ARTIFACTS / f"report-{width}-full.png", full_page=True)
    assert png_size(full)[0] == width and png_size(full)[1] > height


def test_a_real_audit_of_the_bundled_example_at_phone_width(browser, tmp_path, example_article, example_snapshot):
    from verifier.pipeline import verify

    report = verify(example_article, extractor="rules", market=str(example_snapshot))
    url = write_report(report, tmp_path / "example.html")
    browser.open(url, 390, 844)
    layout = json.loads(browser.evaluate(OVERFLOW))
    assert layout["scroll"] <= 390 and layout["wide"] == [], layout
    assert browser.evaluate("document.querySelectorAll('article a.hl').length") >= len(report.claims)
    assert browser.evaluate("document.querySelectorAll('svg.chart').length") == sum(1 for c in report.claims if c.series)
    browser.screenshot(ARTIFACTS / "example-390-full.png", full_page=True)


def test_selecting_a_highlight_lights_up_its_row_without_javascript(browser, tmp_path):
    report = Report.from_json(SAMPLE.read_text(encoding="utf-8"))
    url = write_report(report, tmp_path / "report.html")
    browser.open(url, 1280, 900)
    assert browser.evaluate("document.scripts.length") == 0
    plain = browser.evaluate("getComputedStyle(document.querySelector('#claim-c2 td.verdict')).backgroundColor")
    browser.evaluate("document.querySelector('article a.hl[href=\"#claim-c2\"]').click()")
    assert browser.evaluate("location.hash") == "#claim-c2"
    time.sleep(1.4)  # the highlight flash settles
    lit = browser.evaluate("getComputedStyle(document.querySelector('#claim-c2 td.verdict')).backgroundColor")
    assert lit != plain and lit == "rgb(255, 248, 214)"
    assert browser.evaluate("document.querySelector('#claim-c2').getBoundingClientRect().top") < 900  # scrolled to
    browser.screenshot(ARTIFACTS / "report-selected-claim.png")


def test_article_scripts_and_markup_do_not_run(browser, tmp_path):
    text = (
        "<script>document.title='pwned'; window.pwned = 1</script>\n"
        "Read \"><img src=x onerror=\"window.pwned=2\"> and <a href=\"javascript:window.pwned=3\">this</a>.\n"
        "<iframe src=\"https://example.com\"></iframe> Shares closed at $10.50."
    )
    start = text.index("closed at $10.50")
    report = Report.model_validate({
        "document": {"source": "evil.txt", "sha256": "0" * 64, "text": text, "title": "<script>window.pwned=4</script>"},
        "claims": [{"id": "c1", "quote": "closed at $10.50", "start": start, "end": start + 16, "verdict": "contradicted",
                    "reason": "<img src=x onerror=window.pwned=5>", "fields": {"kind": "stock_price", "price": 10.5}}],
        "flags": [{"quote": "<script>", "technique": "urgency", "start": 0, "end": 8}],
        "summary": {"claims": 1, "contradicted": 1, "flags": 1},
        "run": {"extractor": "rules", "market_data": "none", "version": "0.1.0", "notes": ["<b onclick=x>note</b>"]},
    })
    url = write_report(report, tmp_path / "evil.html")
    browser.open(url, 1280, 900)
    time.sleep(0.3)
    state = browser.evaluate(
        "JSON.stringify({title: document.title, pwned: window.pwned === undefined ? null : window.pwned, "
        "scripts: document.scripts.length, imgs: document.images.length, "
        "iframes: document.querySelectorAll('iframe').length, handlers: document.querySelectorAll('[onerror],[onclick]').length, "
        "js: [...document.links].filter(a => a.protocol === 'javascript:').length, "
        "article: document.querySelector('article').innerText})"
    )
    state = json.loads(state)
    assert state["title"] == "Audit: <script>window.pwned=4</script>"
    assert state["pwned"] is None
    assert (state["scripts"], state["imgs"], state["iframes"], state["handlers"], state["js"]) == (0, 0, 0, 0, 0)
    assert state["article"].startswith("<script>")  # shown as text, its flag marker follows
    assert "document.title='pwned'; window.pwned = 1</script>" in state["article"]
    assert '"><img src=x onerror="window.pwned=2">' in state["article"]
    browser.screenshot(ARTIFACTS / "report-hostile.png")


def test_print_version_becomes_a_pdf(browser, tmp_path):
    report = Report.from_json(SAMPLE.read_text(encoding="utf-8"))
    url = write_report(report, tmp_path / "report.html")
    browser.open(url, 1280, 900)
    browser.page("Emulation.setEmulatedMedia", {"media": "print"})
    assert browser.evaluate("getComputedStyle(document.querySelector('.hint')).display") == "none"
    assert browser.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor") == "rgb(255, 255, 255)"
    browser.page("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(browser.page("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})["data"])
    (ARTIFACTS / "report.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
