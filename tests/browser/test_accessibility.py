"""axe-core's WCAG 2.2 AA audit of each page type, in Debian's Chromium.

axe-core comes from the npm registry (`npm install --prefix .cache/node axe-core@4.14.1`, which
.ci/run does); where it or Chromium is absent the audit skips and says so.
"""

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from procedures.vocabulary import OnlineLevel
from syndication.eli import permanent_path
from tests import paths
from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.factories import (
    catalogue,
    make_agency,
    make_directive,
    make_news,
    make_procedure,
    make_site,
)

AXE = Path(
    os.environ.get(
        "AXE_JS",
        paths.ROOT / ".cache/node/node_modules/axe-core/axe.min.js",
    )
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not shutil.which(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM}"
    ),
    pytest.mark.skipif(
        not AXE.is_file(),
        reason=f"axe-core is not at {AXE} (npm install --prefix .cache/node axe-core@4.14.1)",
    ),
]


@pytest.fixture
def urls(transactional_db, settings, tmp_path):
    home = make_site()
    issuer = make_agency()
    cited = make_directive(number="5436/UBND-VP", issuer=issuer, signer_name="Trần Văn Tuấn")
    directive = make_directive(
        number="3009/UBND-VP",
        issuer=issuer,
        body="<p>Thực hiện Công văn số 5436/UBND-VP.</p>",
        references=[{"doc_type": "Công văn", "number": "5436/UBND-VP"}],
        tasks=[{"agency": issuer, "text": "Báo cáo", "due_on": date(2022, 6, 1)}],
    )
    news = make_news(title="Tin kiểm tra", target=cited, lead="Tóm tắt.")
    # A second document with the cited one's number: its permanent address offers a choice.
    make_directive(number="5436/UBND-VP", issuer=issuer, subject="V/v văn bản trùng số")
    index = catalogue(home)
    procedure = make_procedure(
        index, "1.000001", title="Cấp giấy phép thử nghiệm", online_level=OnlineLevel.FULL
    )
    return [
        "/",
        "/van-ban/",
        "/van-ban/?year=2024",
        directive.url,
        cited.url,
        "/tin-tuc/",
        news.url,
        "/tim-kiem/?q=thu+tuc",
        index.url,
        index.url + "?online_now=1",
        procedure.url,
        permanent_path(cited),
        *open_data_and_alert_urls(settings, tmp_path),
    ]


def open_data_and_alert_urls(settings, tmp_path) -> list[str]:
    """The "Dữ liệu mở" page with a published export, and the alert pages a subscriber sees."""
    from alerts import tokens
    from alerts.models import Subscriber, Subscription
    from opendata.export import export

    settings.PORTAL_OPEN_DATA_DIR = tmp_path / "open-data"
    export(settings.PORTAL_OPEN_DATA_DIR)
    subscriber = Subscriber.objects.create(address="a@example.vn", address_digest="x" * 64)
    subscription = Subscription.objects.create(
        subscriber=subscriber, kind="procedures", topic="", label="Thay đổi thủ tục hành chính"
    )
    return [
        "/du-lieu-mo/",
        "/nhan-thu-bao/?alert=directives&doc_type=ke-hoach",
        f"/nhan-thu-bao/xac-nhan/{tokens.make(tokens.CONFIRM, subscription.pk)}/",
        f"/nhan-thu-bao/huy/{tokens.make(tokens.UNSUBSCRIBE, subscription.pk)}/",
        f"/nhan-thu-bao/quan-ly/{tokens.make(tokens.MANAGE, subscriber.pk)}/",
    ]


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 720}, {"width": 390, "height": 844}],
    ids=["wide", "phone"],
)
def test_pages_have_no_axe_violations(urls, live_server, viewport):
    """Every page type passes axe-core's WCAG 2.2 AA rules with no violation, on a wide screen
    and on a phone (with the folded filters opened, so their controls are audited too)."""
    from playwright.sync_api import sync_playwright

    script = AXE.read_text(encoding="utf-8")
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # bypass_csp: axe-core is injected as an inline script, which the site's policy blocks.
        page = browser.new_page(locale="vi-VN", bypass_csp=True, viewport=viewport)
        for url in urls:
            page.goto(live_server.url + url)
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            page.add_script_tag(content=script)
            result = page.evaluate(
                "() => axe.run(document, {runOnly: {type: 'tag', values: "
                "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
            )
            violations = [f"{v['id']}: {v['help']}" for v in result["violations"]]
            if violations:
                found[url] = violations
        browser.close()
    assert found == {}
