"""Real news articles through the whole pipeline: no input may raise, and no component may fail on one.

Reads PolNeAR's train and dev splits (924 US political news articles) and the trade pages from ../shared/bench;
skipped when it is absent.
"""

import json

import pytest

from extractor import extract_batch
from tests.conftest import ROOT

BENCH = ROOT.parent / "shared" / "bench"
TRAIN = BENCH / "quotes" / "polnear_train.jsonl"
DEV = BENCH / "quotes" / "polnear_dev.jsonl"
TRADE_PAGES = BENCH / "trade" / "pages"


@pytest.mark.slow
def test_every_real_article_extracts_without_an_exception_or_a_failed_component():
    if not TRAIN.is_file():
        pytest.skip("../shared/bench is not beside this checkout")
    texts = [json.loads(line)["text"] for split in (TRAIN, DEV) for line in split.read_text(encoding="utf-8").split("\n")
             if line.strip()]
    texts += [page.read_text(encoding="utf-8") for page in sorted(TRADE_PAGES.glob("*/*.txt"))]
    failed = []
    count = 0
    for facts in extract_batch(texts):
        count += 1
        failed.extend(w.message for w in facts.warnings if w.code.endswith("_failed"))
    assert count == len(texts)
    assert not failed, failed[:5]
