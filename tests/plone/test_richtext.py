"""Plone's stored HTML to Wagtail's rich-text database format (plone.richtext, pure Python)."""

from plone.mapping import site_issuer, title_citation
from plone.reading import parse_date
from plone.richtext import convert, link_target

PAGE_UID = "a" * 32
FILE_UID = "b" * 32
IMAGE_UID = "c" * 32
TARGETS = {PAGE_UID: ("page", 7), FILE_UID: ("document", 8), IMAGE_UID: ("image", 9)}
PATHS = {"/van-ban/cong-van-1": ("page", 11)}


def resolve(uid, path):
    return TARGETS.get(uid) if uid else PATHS.get(path)


def test_every_resolveuid_form_becomes_an_internal_link():
    """Plone 6 TinyMCE, Plone 4/5 relative, download and ${portal_url} forms all resolve."""
    html = (
        f'<p><a href="/resolveuid/{PAGE_UID}" data-linktype="internal" data-val="{PAGE_UID}">a</a>'
        f'<a href="resolveuid/{PAGE_UID}">b</a>'
        f'<a class="internal-link" href="../resolveuid/{PAGE_UID}" target="_self">c</a>'
        f'<a href="/resolveuid/{FILE_UID}/@@download/file">d</a>'
        f'<a href="http://nohost/Plone/resolveuid/{PAGE_UID}">e</a></p>'
    )
    result = convert(html, resolve)
    assert "resolveuid" not in result.html
    assert result.html.count('linktype="page"') == 4
    assert '<a id="8" linktype="document">d</a>' in result.html
    assert result.resolved == 5


def test_inline_image_becomes_an_embed_and_styles_are_dropped():
    html = (
        '<p style="text-align: justify;">x<img class="image-richtext image-inline" '
        f'src="/resolveuid/{IMAGE_UID}/@@images/image/large" alt="Sơ đồ" data-val="{IMAGE_UID}"/>'
        "</p>"
    )
    result = convert(html, resolve)
    assert result.html == '<p>x<embed alt="Sơ đồ" embedtype="image" format="fullwidth" id="9"/></p>'


def test_same_site_absolute_links_resolve_by_path_and_others_stay():
    html = (
        '<a href="https://www.so.gov.vn/van-ban/cong-van-1">x</a>'
        '<a href="https://www.so.gov.vn/van-ban/cong-van-1/view">y</a>'
        '<a href="https://example.org/a" target="_blank" rel="noopener">z</a>'
        '<a href="mailto:a@b.vn">m</a><a href="#muc-2">n</a>'
    )
    result = convert(html, resolve, site_domains={"www.so.gov.vn"})
    assert result.html.count('<a id="11" linktype="page">') == 2
    assert '<a href="https://example.org/a">z</a>' in result.html
    assert '<a href="mailto:a@b.vn">m</a>' in result.html
    assert '<a href="#muc-2">n</a>' in result.html


def test_a_uid_that_points_nowhere_keeps_the_text_or_waits_for_the_second_pass():
    html = f'<p>Xem <a href="/resolveuid/{"d" * 32}">văn bản</a>.</p>'
    dropped = convert(html, resolve)
    assert dropped.html == "<p>Xem văn bản.</p>"
    assert dropped.dropped == [f"/resolveuid/{'d' * 32}"]
    kept = convert(html, resolve, keep_unresolved=True)
    assert kept.pending == ["d" * 32]
    assert "resolveuid" in kept.html


def test_tables_headings_with_ids_kept_scripts_dropped():
    html = (
        '<h1>T</h1><h3 id="danh-sach">D</h3><table class="plain"><thead><tr><th>a</th></tr>'
        "</thead><tbody><tr><td>1</td></tr></tbody></table><script>alert(1)</script>"
        "<span>s</span>"
    )
    result = convert(html, resolve)
    assert result.html == (
        '<h2>T</h2><h3 id="danh-sach">D</h3><table><thead><tr><th>a</th></tr></thead>'
        "<tbody><tr><td>1</td></tr></tbody></table>s"
    )


def test_link_target_reads_view_suffixes():
    assert link_target("/a/b/@@download/file", set()) == (None, "/a/b", "/@@download/file")
    assert link_target("https://other.vn/a", {"so.gov.vn"}) == (None, None, "")


def test_dates_are_utc_aware():
    assert parse_date("2024-01-15T17:00:00+00:00").isoformat() == "2024-01-15T17:00:00+00:00"
    assert parse_date(None) is None
    assert parse_date("2499-12-31T00:00:00+00:00") is None


def test_a_title_that_opens_with_a_citation_reads_as_a_directive():
    citation = title_citation("Công văn số 12/ABC-VP ngày 3/5/2022 về việc báo cáo")
    assert (citation.doc_type, citation.number, citation.date) == (
        "Công văn",
        "12/ABC-VP",
        "2022-05-03",
    )
    assert title_citation("Giới thiệu chung về Sở") is None
    assert title_citation("Tin về Công văn số 12/ABC-VP ngày 3/5/2022") is None


def test_the_site_body_issues_numbers_bearing_its_initials():
    assert site_issuer("7/QĐ-SNV", "Sở Nội vụ tỉnh Bắc Giang") == "Sở Nội vụ tỉnh Bắc Giang"
    assert site_issuer("7/QĐ-UBND", "Sở Nội vụ tỉnh Bắc Giang") is None
