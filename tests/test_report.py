"""The review page: built from the fixtures, opened in a real headless Chromium (Debian's, driven by Playwright)."""

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

from extractor import extract_batch, reconcile
from extractor.report import render_report, word_diff
from extractor.report.highlight import Mark, highlight

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = {"text": "BERLIN - Germany's exports rose 9.9% in September, the statistics office said. "
                   "<script>document.title='owned'</script> Imports fell 1.1%.",
           "source": "Hostile Blog", "published": "2025-11-07"}


@pytest.fixture(scope="module")
def facts(nlp):
    texts = sorted((FIXTURES / "articles").glob("*.txt"))
    items = [{"text": p.read_text(encoding="utf-8"), **json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))}
             for p in texts]
    return list(extract_batch([*items, HOSTILE]))


@pytest.fixture(scope="module")
def page_file(facts, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_report(facts, reconcile(facts)), encoding="utf-8")
    return path


def test_marks_nest_and_escape_and_a_crossing_mark_is_left_out():
    html, skipped = highlight("a <b> c d", [Mark(0, 5, "claim", "c", "t"), Mark(2, 5, "figure", "f", "t"),
                                             Mark(4, 9, "quote", "q", "t")])
    assert str(html) == ('<mark class="claim" id="c" title="t">a <mark class="figure" id="f" title="t">&lt;b&gt;'
                         '</mark></mark> c d')
    assert [m.id for m in skipped] == ["q"]


def test_word_diff_marks_what_changed():
    assert str(word_diff("demand is firm", "demand stays firm")) == "demand <del>is</del> <ins>stays</ins> firm"


def test_the_same_inputs_in_any_order_give_the_same_page(facts):
    pages = {render_report(order, reconcile(order)) for order in (facts, facts[::-1])}
    assert len(pages) == 1


def test_claim_reviews_are_schema_org_records(facts, page_file):
    html = page_file.read_text(encoding="utf-8")
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    reviews = json.loads(block.replace("<\\/", "</"))
    assert reviews and all(r["@type"] == "ClaimReview" and r["@context"] == "https://schema.org" for r in reviews)
    conflict = next(r for r in reviews if r["reviewRating"]["alternateName"] == "conflict")
    assert conflict["reviewRating"]["ratingValue"] == 1 and len(conflict["itemReviewed"]["appearance"]) >= 2


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (CI installs Debian's chromium)")
def test_the_page_in_a_real_browser(facts, page_file):
    sync_api = pytest.importorskip("playwright.sync_api")
    errors = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        requests = []
        page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
        page.goto(Path(page_file).as_uri())
        assert errors == [] and requests == []
        # the planted conflict comes first
        first = page.locator("section.group").first
        assert "conflict" in first.get_attribute("class")
        assert "conflict" in first.inner_text().lower()
        # a marked claim holds exactly its evidence
        article, claim = next((f, c) for f in facts for c in f.claims)
        mark = page.locator(f"mark#claim-{article.article.id}-{claim.id}")
        assert mark.inner_text() == claim.evidence.text
        # an article's markup is shown as text, never run
        assert page.title() == "newsfacts review"
        assert "<script>document.title='owned'</script>" in page.locator("article").last.inner_text() or \
            "<script>document.title='owned'</script>" in page.inner_text("body")
        browser.close()


def test_only_web_addresses_become_links(facts):
    hostile = facts[-1].model_copy(update={"article": facts[-1].article.model_copy(update={"url": "javascript:alert(1)"})})
    html = render_report([hostile], reconcile([hostile]))
    assert "javascript:" not in html
