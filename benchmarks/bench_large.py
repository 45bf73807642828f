"""Benchmark: `kg build` of one very large article (1, 4, 16 MB), time and memory.

    python benchmarks/bench_large.py [--sizes 1 4 16] [--languages en ko] [--one-line]
                                     [--distinct]

Each article is made of the body paragraphs of the test articles of one language
(tests/data/dev, heldout and unseen), repeated until it reaches the size, under one
headline; with ``--one-line`` its line breaks are spaces (a page that lost them). The
same paragraphs said again are analysed by Kiwi, and read for what their words alone
tell, once (`kg.extract.text.Shape`); with ``--distinct`` each repetition doubles a
different set of its paragraphs' spaces, so that no paragraph of more than a dozen words is
said twice (a long page of new text, the same words). Each
size runs ``kg build FILE --out DIR --quiet`` as a user runs it, in a fresh process:
wall seconds, the processor seconds of the whole process tree (which a busy machine
does not inflate), and the largest total PSS of the tree, sampled every 250 ms (a page
the forked validation shares with the main process counts once).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import _pss_kib, _tree

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
HEADLINES = {
    "en": "AI Seoul Summit: companies sign the pledge",
    "ko": "AI 서울 정상회의…기업들 서약 동참",
}


def make_article(
    language: str, megabytes: float, path: Path, *, one_line: bool = False, distinct: bool = False
) -> int:
    """Write an article of about `megabytes` MB in `language`; returns its size in bytes.
    With `distinct`, each repetition's paragraphs have their own spacing (see `_widened`)."""
    from kg.loader import read_article

    bodies = []
    for folder in ("dev", "heldout", "unseen"):
        for source in sorted((DATA / folder).glob("*.txt")):
            article = read_article(source)
            if article.language == language:
                bodies.append([span.text for span in article.body])
    parts, size, index = [HEADLINES[language]], 0, 0
    while size < megabytes * 1_000_000:
        paragraphs = bodies[index % len(bodies)]
        if distinct:
            paragraphs = [_widened(paragraph, index) for paragraph in paragraphs]
        body = "\n\n".join(paragraphs)
        parts.append(body)
        size += len(body.encode()) + 2
        index += 1
    text = "\n\n".join(parts) + "\n"
    if one_line:
        text = " ".join(text.split()) + "\n"
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size


def _widened(paragraph: str, number: int) -> str:
    """The paragraph with its n-th space doubled for each bit n set in `number`: a different
    paragraph for each number (up to two to the power of its spaces), with the same words."""
    words = paragraph.split(" ")
    gaps = [" " * (1 + (number >> n & 1)) for n in range(len(words) - 1)]
    return "".join(word + gap for word, gap in zip(words, [*gaps, ""], strict=True))


def run_build(article: Path, out: Path) -> tuple[int, float, float, float]:
    """`kg build` of one article: exit code, wall s, CPU s of the tree, peak total PSS MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(["kg", "build", str(article), "--out", str(out), "--quiet"])
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_pss_kib(pid) for pid in _tree(process.pid)))
        time.sleep(0.25)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return process.returncode, wall, cpu, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16], metavar="MB")
    parser.add_argument("--languages", nargs="+", default=["en", "ko"], choices=sorted(HEADLINES))
    parser.add_argument("--one-line", action="store_true", help="no line breaks in the article")
    parser.add_argument(
        "--distinct", action="store_true", help="no paragraph said twice in the article"
    )
    args = parser.parse_args()
    print(f"cores {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
    print("| language | MB | bytes | exit | wall s | CPU s | peak PSS MiB | graph.html MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for language in args.languages:
        for megabytes in args.sizes:
            work = Path(tempfile.mkdtemp(prefix="kg-large-"))
            try:
                article = work / f"large_{language}.txt"
                size = make_article(
                    language, megabytes, article, one_line=args.one_line, distinct=args.distinct
                )
                code, wall, cpu, peak = run_build(article, work / "out")
                page = work / "out" / "graph.html"
                page_mib = page.stat().st_size / 2**20 if page.exists() else 0.0
                print(
                    f"| {language} | {megabytes:g} | {size:,} | {code} | {wall:.1f} | {cpu:.1f} "
                    f"| {peak:.0f} | {page_mib:.1f} |",
                    flush=True,
                )
            finally:
                shutil.rmtree(work)


if __name__ == "__main__":
    main()
