"""The legal-status page in a real browser (Debian's chromium via Playwright) on a chain of small
fixture decisions, seen on 2024-09-15 (``VANBAN_TODAY``):

- 100/QĐ-UBND replaced by 200/QĐ-UBND (in effect from 2024-05-01) → expired;
- 200/QĐ-UBND amended by 300, repealed in part (khoản 2 Điều 3) by 400, guided by 600 and
  reported by a news page → partly expired;
- 500/QĐ-UBND in effect from 2099 → not yet in force;
- 1203/QĐ-UBND, repealed by 400, is not stored → a stub.
Slow: the server embeds the fixtures and loads the embedding model for the text search.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.devserver import background_server
from api.service import Service
from core.settings import Settings

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
FIX = Path(__file__).resolve().parents[1] / "fixtures" / "status"
TODAY = "2024-09-15"

playwright_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("status") / "data"
    summary = Service(Settings(data_dir=data)).ingest_paths([FIX])
    assert summary.count("failed") == 0, summary.outcomes
    env = {**os.environ, "VANBAN_DATA_DIR": str(data), "VANBAN_TODAY": TODAY}
    with (data.parent / "server.log").open("wb") as log, \
            background_server(env, timeout_s=90, output=log) as (url, _proc):
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator:  # type: ignore[type-arg]
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        p = browser.new_page()
        p.set_default_timeout(60_000)
        yield p
        browser.close()


def lookup(page, server: str, number: str) -> None:  # type: ignore[no-untyped-def]
    """Type a number into the search box, as a user would."""
    page.goto(server + "/")
    page.fill("input[name=q]", number)
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state()


def headings(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out = {}
    for h in page.locator("h2.incoming").all():
        rel = h.get_attribute("data-relation")
        out[h.inner_text()] = page.locator(f"ul.incoming[data-relation={rel}] > li > a").all_inner_texts()
    return out


def test_replaced_document(page, server: str) -> None:  # type: ignore[no-untyped-def]
    lookup(page, server, "100/qd-ubnd")  # an exact number jumps to its document
    assert "/doc/" in page.url
    badge = page.locator("#status .status")
    assert badge.get_attribute("data-state") == "expired"
    assert badge.inner_text() == "Hết hiệu lực toàn bộ từ 01/05/2024"
    assert page.locator("#status .status-by a").all_inner_texts() == ["200/QĐ-UBND"]
    assert headings(page)["Bị thay thế bởi"] == ["200/QĐ-UBND"]
    steps = page.locator("#timeline li").all_inner_texts()
    assert steps[0].startswith("10/01/2023 Ban hành") and steps[-1] == "01/05/2024 Bị thay thế 200/QĐ-UBND"


def test_amended_and_partly_repealed_document(page, server: str) -> None:  # type: ignore[no-untyped-def]
    lookup(page, server, "200/QĐ-UBND")
    assert page.locator("#status .status").inner_text() == "Hết hiệu lực một phần từ 01/08/2024"
    assert page.locator("#status .status-by").inner_text() == "theo 400/QĐ-UBND (khoản 2 Điều 3)"
    got = headings(page)
    assert got["Được sửa đổi, bổ sung bởi"] == ["300/QĐ-UBND"]
    assert got["Bị bãi bỏ bởi"] == ["400/QĐ-UBND"]
    assert got["Được hướng dẫn bởi"] == ["600/HD-STNMT"]
    assert len(got["Tin bài đưa tin"]) == 1
    assert list(got)[:4] == ["Được sửa đổi, bổ sung bởi", "Bị bãi bỏ bởi", "Được hướng dẫn bởi",
                             "Tin bài đưa tin"]
    # original, in effect, amendment, then the partial repeal
    assert page.locator("#timeline li").all_inner_texts() == [
        "15/03/2024 Ban hành", "01/05/2024 Có hiệu lực", "10/06/2024 Sửa đổi, bổ sung 300/QĐ-UBND",
        "01/08/2024 Bị bãi bỏ khoản 2 Điều 3 400/QĐ-UBND"]
    # the news page has no status badge of its own
    page.locator("ul.incoming[data-relation=reported] a").first.click()
    page.wait_for_load_state()
    assert page.locator("#status").count() == 0


def test_not_yet_in_force(page, server: str) -> None:  # type: ignore[no-untyped-def]
    lookup(page, server, "500/QĐ-UBND")
    badge = page.locator("#status .status")
    assert (badge.get_attribute("data-state"), badge.inner_text()) == ("not_yet_in_force",
                                                                      "Chưa có hiệu lực từ 01/01/2099")


def test_number_not_stored_shows_stub_and_nearest(page, server: str) -> None:  # type: ignore[no-untyped-def]
    lookup(page, server, "1203/QĐ-UBND")
    box = page.locator("#lookup")
    assert "Không tìm thấy" in box.inner_text()
    assert page.locator("#lookup .stub .status").get_attribute("data-state") == "expired"
    assert page.locator("#lookup a.nearest").count() >= 1
    page.locator("#lookup .stub a").first.click()
    page.wait_for_load_state()
    assert page.locator("#not-stored").count() == 1
    assert "UBND tỉnh Hà Tĩnh" in page.locator("#stub").inner_text()


def test_status_filter_and_badges_in_results(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.select_option("select[name=status]", "expired")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**status=expired**")
    assert page.locator("ul.latest > li > a").all_inner_texts() == ["100/QĐ-UBND"]
    page.goto(server + "/")
    page.fill("input[name=q]", "quy che co so du lieu dat dai")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("li.result")
    states = {}
    for li in page.locator("li.result").all():
        badge = li.locator(".head .status")
        state = badge.get_attribute("data-state") if badge.count() else None
        states[li.locator("a.title").inner_text()] = state
    assert states["100/QĐ-UBND"] == "expired"
    assert states["200/QĐ-UBND"] == "partly_expired"
