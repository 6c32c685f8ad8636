"""The review site (issue 14): built from the model, every provision anchored by its citation,
every change-list entry linking to its provision, deterministic; `secdocs site` for a release
file and a modification folder; and, in a real browser (headless Chromium), the change links,
the search box, the filters and the views."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from browser_helpers import chromium, needs_browser, not_blank
from secdocs.cli import main
from secdocs.model import Change, Document, Kind, Provision, Run
from secdocs.release import build_release
from secdocs.render.label import ProvisionChange
from secdocs.render.site import Site, SiteDocument, anchor, build_site, document_rows

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "releases" / "2021-10-04-adhoc.toml"
SECOND = ROOT / "releases" / "2021-11-04-illustrative.toml"
MP134A = ROOT / "modifications" / "MP134A"


@pytest.fixture(scope="module")
def second_site(tmp_path_factory) -> Path:
    """The second shipped release (MP901 and MP902 on SEC v47.0): two modifications to filter."""
    out = tmp_path_factory.mktemp("site2")
    result = CliRunner().invoke(main, ["site", str(SECOND), "-o", str(out / "site")])
    assert result.exit_code == 0, result.output
    assert "review site" in result.output
    return out / "site"


@pytest.fixture(scope="module")
def default_outputs() -> dict[str, bytes]:
    return build_release(DEFAULT, None, progress=False, jobs=1).outputs


def test_anchor_is_the_citation():
    assert anchor("L1.16A") == "L1.16A"
    assert anchor("4.9.1(G)") == "4.9.1(G)"
    assert anchor('A1.1:"SoLR Event"') == "A1.1:SoLR_Event"


def test_rows_mark_insertions_and_deletions_with_their_modification():
    ins, dele = Change("ins", "MP1", "2021-01-01T00:00:00Z"), Change("del", "MP2", "2021-01-01T00:00:00Z")
    doc = Document(id="Section X", provisions=[Provision(Kind.PART, "X1", heading=[Run("PART")], children=[
        Provision(Kind.CLAUSE, "X1.1", text=[Run("keep "), Run("old", change=dele), Run("new", change=ins)]),
        Provision(Kind.CLAUSE, "X1.2", text=[Run("unchanged <text> & more")])])])
    rows = {r.anchor: r for r in document_rows(doc)}
    assert set(rows) == {"X1", "X1.1", "X1.2"}
    r = rows["X1.1"]
    assert r.changed and r.mods == ["MP1", "MP2"]
    assert '<del data-mod="MP2">old</del>' in r.inline and '<ins data-mod="MP1">new</ins>' in r.inline
    assert "old" in r.old and "new" not in r.old and "new" in r.new and "old" not in r.new
    assert not rows["X1.2"].changed and "&lt;text&gt; &amp; more" in rows["X1.2"].inline


def test_every_change_links_to_an_anchored_provision(default_outputs):
    index = default_outputs["site/index.html"].decode("utf-8")
    links = re.findall(r'class="change-link" href="([^"]+)"', index)
    assert len(links) == 44  # one per changed provision of the release notes
    for link in links:
        page, _, frag = html.unescape(link).partition("#")
        body = default_outputs[f"site/{page}"].decode("utf-8")
        assert f'id="{html.escape(frag)}"' in body, link
    section_l = default_outputs["site/doc/section-l.html"].decode("utf-8")
    assert 'id="L1.16A"' in section_l and 'href="#L1.16A"' in section_l
    assert "Redline: Section L v18.0 \u2192 v19.0, changes made by MP134A" in section_l
    # reader-facing citations, never internal addresses, in what the page shows
    assert "the cross-heading &#39;SoLR Certificate Arrangements&#39; in L1" in section_l
    assert ">L1/cross-heading[" not in section_l
    # the files of the release, linked from the index
    assert 'href="../redline/section-L-v19.0-redline.docx"' in index


def test_the_site_is_built_from_the_model(default_outputs):
    """(Byte-identical rebuilds of the whole release, site included: test_release_build.)"""
    site = {k: v for k, v in default_outputs.items() if k.startswith("site/")}
    assert {"site/index.html", "site/search-index.js", "site/site.css", "site/site.js"} <= set(site)
    assert len([k for k in site if k.startswith("site/doc/")]) == 6
    search = site["site/search-index.js"].decode("utf-8")
    assert search.startswith("window.SECDOCS_SEARCH = [") and "Supplier of Last Resort" in search
    for page in (k for k in site if k.endswith(".html")):
        text = site[page].decode("utf-8")
        assert "http://" not in text and "https://" not in text  # opens from the file system, offline


def test_site_of_a_modification_folder(tmp_path):
    result = CliRunner().invoke(main, ["site", str(MP134A), "-o", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    index = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert "MP134A — Use of SMKI Certificates relating to a SoLR event (legal text v2.1)" in index
    assert "illustrative" in index
    assert sorted(p.name for p in (tmp_path / "s" / "doc").iterdir()) == [
        "appendix-b.html", "appendix-q.html", "appendix-s.html", "section-a.html", "section-l.html", "section-m.html"]


def test_site_bad_input_is_one_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "release.toml"
    bad.write_text("[release\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["site", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert result.output.count("secdocs: error:") == 1 and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_build_site_with_no_changes_is_an_index_only():
    doc = Document(id="Section X", provisions=[Provision(Kind.CLAUSE, "X1.1", text=[Run("text")])])
    files = build_site(Site("t", "n", [SiteDocument("Section X", "T", "1.0", "1.0", doc,
                                                    [ProvisionChange("X9.9", "amended")])], []))
    page = files["doc/section-x.html"].decode("utf-8")
    assert 'id="X1.1"' in page and "X9.9" in page and 'href="#X9.9"' not in page  # no link to nowhere


# ---------------------------------------------------------------------------------------------
# in a real browser


@pytest.fixture(scope="module")
def browser():
    driver, close = chromium()
    yield driver
    close()


def _visible_rows(driver) -> list:
    return [tr for tr in driver.find_elements("css selector", "#changes tbody tr") if tr.is_displayed()]


@needs_browser
def test_browser_index_filters_and_change_links(browser, second_site, tmp_path):
    from selenium.webdriver.support.ui import Select

    index = (second_site / "index.html").read_text(encoding="utf-8")
    assert ".docx" not in index  # written alone: no links to files that are not beside it
    browser.get((second_site / "index.html").as_uri())
    assert "SEC v48.0" in browser.title
    everything = _visible_rows(browser)
    assert len(everything) > 3
    Select(browser.find_element("id", "filter-mod")).select_by_value("MP901")
    only = _visible_rows(browser)
    assert 0 < len(only) < len(everything)
    assert all("MP901" in tr.get_attribute("data-mods").split() for tr in only)
    assert browser.find_element("id", "filter-count").text == f"{len(only)} changes" or len(only) == 1
    Select(browser.find_element("id", "filter-mod")).select_by_value("")
    Select(browser.find_element("id", "filter-doc")).select_by_value("Section M")
    in_m = _visible_rows(browser)
    assert in_m and all(tr.get_attribute("data-doc") == "Section M" for tr in in_m)
    Select(browser.find_element("id", "filter-doc")).select_by_value("")

    link = browser.find_element("css selector", "#changes tbody tr a.change-link")
    href = link.get_attribute("href")
    link.click()
    assert browser.current_url == href and "#" in href
    target = browser.execute_script("var t = document.querySelector(':target'); return t && t.id;")
    assert target == href.split("#", 1)[1].replace("%20", " ")
    assert browser.find_element("id", target).is_displayed()
    png = browser.get_screenshot_as_png()
    (tmp_path / "change.png").write_bytes(png)
    colours, inked = not_blank(png)
    assert colours > 20 and inked > 0.05, (colours, inked)


@needs_browser
def test_browser_search_and_views(browser, second_site):
    browser.get((second_site / "doc" / "section-l.html").as_uri())
    box = browser.find_element("id", "search")
    box.send_keys("Supplier of Last Resort")
    hits = browser.find_elements("css selector", "#search-results li a")
    assert hits and "provision" in browser.find_element("id", "search-count").text
    first = hits[0].get_attribute("href")
    hits[0].click()
    assert browser.current_url == first
    frag = first.split("#", 1)[1]
    assert browser.find_element("id", frag).text  # the provision the search found

    browser.get((second_site / "doc" / "section-l.html").as_uri())
    inline = browser.find_elements("css selector", ".prov.changed .inline")
    assert inline and inline[0].is_displayed()
    browser.find_element("id", "view-sbs").click()
    assert "view-sbs" in browser.find_element("tag name", "body").get_attribute("class")
    assert not inline[0].is_displayed()
    sides = browser.find_elements("css selector", ".prov.changed .sbs .new")
    assert sides and sides[0].is_displayed()
    colours, inked = not_blank(browser.get_screenshot_as_png())
    assert colours > 20 and inked > 0.05, (colours, inked)
    browser.find_element("id", "view-inline").click()
    assert inline[0].is_displayed()


def test_page_names_are_the_document_file_stems_in_lower_case():
    from secdocs.render.site import slug
    from secdocs.workspace import document_slug

    assert slug("Section L") == "section-l" and slug("Appendix AB") == "appendix-ab"
    assert slug("Appendix A.1") == document_slug("Appendix A.1").lower() == "appendix-a.1"  # one slug
    assert slug("") == "document"
