"""The indicator page in a real browser (Debian's chromium, headless, Playwright) against
``vanban serve``: pick an indicator, see targets against achievements by province over the
years, follow a point of the chart to its sentence in its document. Slow (a server process)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from apisupport import HATINH_NEWS, NGHEAN, require_samples

from api.devserver import background_server
from api.service import Service
from core.settings import Settings

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "indicators"

playwright_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_samples()
    data = tmp_path_factory.mktemp("indicator-page") / "data"
    service = Service(Settings(data_dir=data))
    for path in (NGHEAN, HATINH_NEWS, *sorted(FIXTURES.glob("*.txt"))):
        service.ingest_file(path, source=path.name, index=False)  # the page reads the store only
    env = {**os.environ, "VANBAN_DATA_DIR": str(data)}
    with (data.parent / "server.log").open("wb") as log, \
            background_server(env, timeout_s=90, output=log) as (url, _proc):
        yield url


def test_pick_indicator_chart_table_and_follow_a_point(server: str) -> None:
    errors: list[str] = []
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page()
        # a failed load is reported below by URL (the browser asks for /favicon.ico on its own)
        page.on("console", lambda m: errors.append(m.text)
                if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_default_timeout(60_000)

        page.goto(server + "/")
        page.click("header.top >> text=Chỉ số")
        page.wait_for_selector("select[name=indicator]")
        labels = page.locator("select[name=indicator] option").all_inner_texts()
        assert any(label.startswith("Tỷ trọng kinh tế số trong GRDP") for label in labels)

        # picking an indicator shows it at once (no button press)
        page.select_option("select[name=indicator]", "kinh-te-so-ty-trong-grdp")
        page.wait_for_url("**indicator=kinh-te-so-ty-trong-grdp**")
        assert page.locator("svg.indicator-chart a.point").count() == 5
        assert page.locator("svg.indicator-chart a.point[data-kind=achievement]").count() == 2
        legend = page.inner_text("figure.chart")
        assert "Nghệ An" in legend and "Hà Tĩnh" in legend
        table = page.inner_text("#indicator-table tbody")
        assert "thực hiện" in table and "chỉ tiêu" in table and "18/10/2022" in table  # dd/mm/yyyy
        assert "2022-10-18" not in table

        # a point opens its document with the sentence highlighted
        page.locator("svg.indicator-chart a.point[data-kind=achievement]").first.click()
        page.wait_for_selector("article.doc")
        assert "/doc/" in page.url and page.url.endswith("#hit")
        assert "GRDP" in page.inner_text("#hit")
        browser.close()
    assert errors == []  # no CSP violation, no script error
