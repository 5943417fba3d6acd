"""Extraction speed and memory, measured against bare spaCy on the same text.

    python benchmarks/extraction.py [--scales 10 100]

Prints, for a corpus built from the fixture articles repeated N times: words per second for bare `nlp.pipe`
with the same model, words per second for full extraction (rules, records, JSON), their ratio, peak memory of a
process streaming the corpus, and the speed-up of `--jobs 2` and of `nlp.pipe(n_process=2)` over one process.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"


FIGURE = re.compile(r"\d[\d,]*\.\d+|\d{1,3}(?:,\d{3})+|\d{3,}")


def corpus(scale: int) -> list[str]:
    """The fixture articles `scale` times over. Each copy's figures differ in their last digit (years kept), so
    that no cache keyed by text sees a figure twice, as in a real corpus of different articles."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    return [_shift_figures(text, copy) for copy in range(scale) for text in texts]


def _shift_figures(text: str, copy: int) -> str:
    from extractor.normalize.numbers import is_year

    def shift(match: re.Match) -> str:
        figure = match.group()
        if copy == 0 or is_year(figure):
            return figure
        return figure[:-1] + str((int(figure[-1]) + copy) % 10)

    return FIGURE.sub(shift, text)


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


WARM_UP = 20  # articles run before timing: every fixture once, so one-time loads are not timed
ROUNDS = 3  # bare and full runs alternate, and each keeps its best round: the machine's noise hits both alike


def bare_rate(texts: list[str]) -> float:
    nlp = _bare_model()
    list(nlp.pipe(texts[:WARM_UP]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return words(texts) / (time.perf_counter() - start)


_BARE = []


def _bare_model():
    from extractor.model import load_model

    if not _BARE:
        _BARE.append(load_model())
    return _BARE[0]


def full_rate(texts: list[str], n_process: int = 1) -> float:
    from extractor import extract_batch

    list(extract_batch(texts[:WARM_UP]))  # warm up: builds the pipeline, loads quantulum3's unit table
    start = time.perf_counter()
    for facts in extract_batch(texts, batch_size=32, n_process=n_process):
        facts.model_dump_json()
    return words(texts) / (time.perf_counter() - start)


def best_rates(texts: list[str]) -> tuple[float, float]:
    bare, full = 0.0, 0.0
    for _ in range(ROUNDS):
        bare = max(bare, bare_rate(texts))
        full = max(full, full_rate(texts))
    return bare, full


def peak_memory_mb(scale: int) -> float:
    """Peak RSS of a fresh process that streams the corpus through extraction and JSON."""
    code = (
        "import resource, sys; sys.path.insert(0, %r)\n"
        "from benchmarks.extraction import corpus\nfrom extractor import extract_batch\n"
        "for f in extract_batch(corpus(%d)): f.model_dump_json()\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)" % (str(ROOT), scale)
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def batch_seconds(folder: Path, jobs: int) -> float:
    from extractor.batch import BatchOptions, run_batch

    out = Path(tempfile.mkdtemp()) / "out"
    start = time.perf_counter()
    run_batch([folder], str(out), BatchOptions(jobs=jobs))
    seconds = time.perf_counter() - start
    shutil.rmtree(out.parent)
    return seconds


def one_sentence_seconds(figures: int) -> float:
    """One sentence packed with figures: what the cut of over-long runs keeps linear (issue 15)."""
    from extractor import extract

    text = "Exports rose " + ", ".join(f"{i % 97 + 1}% to ${i} billion" for i in range(figures // 2)) + "."
    start = time.perf_counter()
    extract(text, published="2025-06-01")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[10, 100])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    results = {}
    for scale in args.scales:
        texts = corpus(scale)
        bare, full = best_rates(texts)
        results[scale] = {"articles": len(texts), "words": words(texts), "bare_words_per_s": round(bare),
                          "full_words_per_s": round(full), "ratio": round(full / bare, 3),
                          "peak_mb": round(peak_memory_mb(scale), 1)}
        print(f"x{scale}: {len(texts)} articles, {words(texts):,} words | bare nlp.pipe {bare:,.0f} words/s "
              f"({1000 / bare * 1000:.0f} ms per 1,000 words) | full extraction {full:,.0f} words/s "
              f"({1000 / full * 1000:.0f} ms per 1,000 words) | ratio {full / bare:.2f} | peak memory "
              f"{results[scale]['peak_mb']} MB", flush=True)
    if len(args.scales) > 1:
        small, large = results[args.scales[0]]["peak_mb"], results[args.scales[-1]]["peak_mb"]
        print(f"peak memory x{args.scales[-1]} / x{args.scales[0]}: {large / small:.2f}")

    scale = args.scales[0]
    folder = Path(tempfile.mkdtemp()) / "in"
    for n in range(scale):
        shutil.copytree(ARTICLES, folder / f"copy{n}")
    one, two = batch_seconds(folder, 1), batch_seconds(folder, 2)
    texts = corpus(scale)
    pipe_one, pipe_two = full_rate(texts, 1), full_rate(texts, 2)
    print(f"batch x{scale}: --jobs 1 {one:.1f}s, --jobs 2 {two:.1f}s, speed-up {one / two:.2f}x | "
          f"nlp.pipe n_process=2 speed-up {pipe_two / pipe_one:.2f}x", flush=True)
    shutil.rmtree(folder.parent)
    results["jobs"] = {"jobs1_s": round(one, 2), "jobs2_s": round(two, 2), "speedup": round(one / two, 2),
                       "n_process2_speedup": round(pipe_two / pipe_one, 2)}
    packed = {n: round(one_sentence_seconds(n), 2) for n in (1000, 2000, 5000)}
    print("one sentence of N figures: " + ", ".join(f"{n:,} in {t:.1f}s" for n, t in packed.items()), flush=True)
    results["one_sentence_seconds"] = packed
    print(json.dumps(results))


if __name__ == "__main__":
    main()
