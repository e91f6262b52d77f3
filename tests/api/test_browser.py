"""A real browser (Debian's chromium, headless, driven by Playwright) against ``vanban serve``
on a loopback port: search, filter, open a document, see its targets, download the CSV.
Slow: the server loads the embedding model on the first search."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.devserver import background_server

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

playwright_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(indexed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # a private copy: the server may write (WAL files, uploads) and other tests read the original
    data = tmp_path_factory.mktemp("served") / "data"
    shutil.copytree(indexed_dir, data)
    env = {**os.environ, "VANBAN_DATA_DIR": str(data)}
    with (data.parent / "server.log").open("wb") as log, \
            background_server(env, timeout_s=90, output=log) as (url, _proc):
        yield url


def test_search_filter_open_document_and_targets(server: str, tmp_path: Path) -> None:
    dialogs: list[str] = []
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(accept_downloads=True)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.set_default_timeout(60_000)

        page.goto(server + "/")
        page.fill("input[name=q]", "chuyen doi so")  # no accents
        page.press("input[name=q]", "Enter")
        page.wait_for_selector("li.result")
        titles = page.locator("li.result a.title").all_inner_texts()
        assert {"3120/QĐ-UBND", "77/QĐ-UBND"} <= set(titles)
        assert page.locator("li.result mark").count() > 0

        page.fill("input[name=province]", "Hà Tĩnh")
        page.click("form.search button[type=submit]")
        page.wait_for_url("**province=**")
        assert "year_from" not in page.url  # empty fields left out of the URL
        assert page.locator("li.result a.title").all_inner_texts() == ["77/QĐ-UBND"]

        page.click("li.result a.title")
        page.wait_for_selector("article.doc")
        assert "77/QĐ-UBND" in page.inner_text("h1")
        assert page.locator("#hit").count() == 1
        targets = page.inner_text("aside.extracted table.targets")
        assert "tỷ lệ dịch vụ công trực tuyến toàn trình" in targets and "90%" in targets
        assert '<script>alert("xss")</script>' in page.inner_text("section.text")  # shown as text
        assert page.locator("section.text script, section.text img").count() == 0

        page.click("header.top >> text=Chỉ tiêu")
        page.wait_for_selector("table.targets")
        assert page.locator("svg.chart rect").count() >= 2
        rows = page.inner_text("table.targets tbody")
        assert "3120/QĐ-UBND" in rows and "77/QĐ-UBND" in rows
        with page.expect_download() as dl:
            page.click("text=Tải CSV")
        saved = tmp_path / "targets.csv"
        dl.value.save_as(saved)
        assert saved.read_bytes().startswith(b"\xef\xbb\xbfindicator,")
        browser.close()
    assert dialogs == []  # no script from a document ever ran
