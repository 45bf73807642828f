"""Inputs that must not blow up time or memory, nor hang or silence a build.

Large articles (work that grows with the article's length, never its square), the size
limit, named pipes among the inputs, encodings, and workers that die.
"""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Literal

from kg import loader
from kg.build import Background, build_graph
from kg.errors import ArticleError, KGError
from kg.extract import extract_facts, text
from kg.extract.reader import MAX_EVIDENCE
from kg.extract.text import MAX_SENTENCE
from kg.graph import to_triples
from kg.loader import MAX_SIZE, MAX_TITLE, parse_article, read_article
from kg.model import Relation, Span

DATA = Path(__file__).parent / "data"
EN_ARTICLE = DATA / "dev" / "08_en_wire_partial.txt"
KO_ARTICLE = DATA / "dev" / "01_kr_wire_full_list.txt"


def _repeated(path: Path, times: int) -> bytes:
    """The article's headline over its body paragraphs said `times` times."""
    article = read_article(path)
    body = "\n\n".join(span.text for span in article.body)
    return "\n\n".join([str(article.title)] + [body] * times).encode() + b"\n"


def _count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Count calls of ``owner.name`` (a one-item list, reset by the caller)."""
    calls = [0]
    original: Callable[..., object] = getattr(owner, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120
    )


# --- time grows with the length, not its square -------------------------------------------


def test_evidence_comparisons_grow_linearly_with_a_repeated_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each repetition states the same facts again: their evidence lists grow, and looking
    # a sentence up in them must not scan them (that made 4 MB take minutes).
    compared = _count_calls(monkeypatch, Span, "__eq__")
    counts = []
    for times in (10, 20):
        compared[0] = 0
        extraction = extract_facts(parse_article(_repeated(EN_ARTICLE, times), source="x.txt"))
        counts.append(compared[0])
    signed = [f for f in extraction.facts if f.relation is Relation.SIGNED]
    assert signed and all(len(f.evidence) == MAX_EVIDENCE for f in signed)
    assert counts[1] <= 2.5 * max(counts[0], 1), counts


def test_a_fact_stated_in_every_repetition_keeps_its_first_statements() -> None:
    # 30 times the same page: the same facts as 3 times, each with at most MAX_EVIDENCE
    # sentences (the first ones), and the same quotations, not one evidence node and one
    # quotation per repetition in the graph
    few, many = (
        extract_facts(parse_article(_repeated(KO_ARTICLE, times), source="ko.txt"))
        for times in (3, 30)
    )
    assert {(f.relation, f.subject, f.object) for f in many.facts} == {
        (f.relation, f.subject, f.object) for f in few.facts
    }
    assert max(len(f.evidence) for f in many.facts) == MAX_EVIDENCE
    # the same words quoted again are the same quotation
    assert few.quotations and [(q.speaker, q.text) for q in many.quotations] == [
        (q.speaker, q.text) for q in few.quotations
    ]
    for fact in many.facts:
        starts = [span.start for span in fact.evidence]
        assert starts == sorted(starts)
        key = (fact.relation, fact.subject, fact.object)
        first = next(f for f in few.facts if (f.relation, f.subject, f.object) == key)
        assert fact.evidence[0] == first.evidence[0]


def test_reading_a_hard_wrapped_page_without_full_stops_is_linear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a page wrapped every 50 characters with no full stop: one sentence over all its lines
    sizes = []
    seen = [0]
    original = loader._continues

    def measured(previous: str, line: str) -> bool:
        seen[0] += len(previous)
        return original(previous, line)

    monkeypatch.setattr(loader, "_continues", measured)
    for lines in (2000, 4000):
        seen[0] = 0
        body = "\n".join(
            f"officials from firm number {i} met with many others" for i in range(lines)
        )
        article = parse_article(f"Seoul summit news\n\n{body}\n".encode())
        sizes.append(seen[0])
        assert article.body[-1].text.endswith(f"number {lines - 1} met with many others")
    assert sizes[1] <= 2.5 * sizes[0], sizes


def _unpunctuated(clauses: int) -> str:
    filler = " and ".join(f"officials from firm number {i} met" for i in range(clauses))
    return (
        "Seoul summit news\n\nBy Jane Doe\n\nSamsung Electronics signed the Seoul AI Business "
        f'Pledge and committed to {filler} while Naver said "{filler}" at the AI Seoul Summit\n'
    )


def test_a_page_without_punctuation_is_read_in_short_pieces() -> None:
    # 160 KB in one "sentence": rules compare clauses and names within a sentence, so a
    # sentence that long took minutes; it is read in pieces, each a valid span of the text
    article = parse_article(_unpunctuated(2000).encode(), source="long.txt")
    pieces = list(text.split_sentences(article))
    assert max(len(p.text) for p in pieces) <= MAX_SENTENCE
    assert all(article.text[p.start : p.end] == p.text for p in pieces)
    extraction = extract_facts(article)
    assert any(
        f.relation is Relation.SIGNED and f.subject == "company/samsung-electronics"
        for f in extraction.facts
    )
    literals = [o for _, _, o in to_triples(article, extraction) if isinstance(o, Literal)]
    assert max(len(o) for o in literals) <= MAX_SENTENCE


def test_a_long_korean_sentence_keeps_its_morphemes_in_order() -> None:
    filler = " 그리고 ".join(f"{i}번 기업 관계자들이 모였고" for i in range(400))
    page = f"AI 서울 정상회의 소식\n\n삼성전자와 네이버가 '서울 AI 기업 서약'에 서명했고 {filler}\n"
    article = parse_article(page.encode(), source="long_ko.txt")
    pieces = list(text.split_sentences(article))
    assert len(pieces) > 1 and max(len(p.text) for p in pieces) <= MAX_SENTENCE
    for piece in pieces:
        assert piece.tokens and all(piece.start <= t.start < piece.end for t in piece.tokens)
    signed = {f.subject for f in extract_facts(article).facts if f.relation is Relation.SIGNED}
    assert {"company/samsung-electronics", "company/naver"} <= signed


def test_a_long_korean_article_is_analysed_a_batch_at_a_time(kiwi_calls: list[int]) -> None:
    # the morphemes of a whole 16 MB article took more than a gigabyte: the first
    # sentences are read before Kiwi has analysed the rest (in batches of 16 here)
    analysed = kiwi_calls
    # every paragraph different (each round numbered), as in a page of new text: Kiwi
    # analyses each distinct paragraph once, so repeats alone would fit in one batch
    rounds = [f"{line} ({number}회)" if line.strip() else line
              for number in range(8)
              for line in _repeated(KO_ARTICLE, 1).decode().split("\n")[2:]]
    page = _repeated(KO_ARTICLE, 1).decode().split("\n")[0] + "\n\n" + "\n".join(rounds)
    article = parse_article(page.encode(), source="ko.txt")
    sentences = text.split_sentences(article)
    first = next(iter(sentences))
    assert first.tokens and sum(analysed) <= 16 < len(article.body)
    rest = list(sentences)
    assert sum(analysed) == len({span.text for span in article.body}) > 16
    assert rest[-1].paragraph == len(article.body) - 1


def test_a_page_on_one_line_keeps_a_short_headline() -> None:
    page = " ".join(_repeated(EN_ARTICLE, 30).decode().split())
    article = parse_article(page.encode(), source="one_line.txt")
    assert article.title is not None and 20 < len(article.title) <= MAX_TITLE


# --- the size limit -------------------------------------------------------------------------


def test_an_article_over_the_size_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(_repeated(EN_ARTICLE, 40))
    with pytest.raises(ArticleError) as caught:
        read_article(path, max_size=50_000)
    message = str(caught.value)
    assert "\n" not in message and "too large" in message and "--max-size" in message
    assert read_article(path, max_size=None).title  # no limit
    assert read_article(path).title  # the default limit is generous


def test_the_default_limit_is_twenty_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(MAX_SIZE + 1)  # sparse: nothing is written
    with pytest.raises(ArticleError, match=r"too large.*20 MB"):
        read_article(path)
    with pytest.raises(ArticleError, match="too large"):
        parse_article(b"x" * 11, max_size=10)


def test_kg_build_max_size_skips_a_larger_article_and_zero_lifts_the_limit(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(EN_ARTICLE.read_bytes())
    (folder / "big.txt").write_bytes(_repeated(EN_ARTICLE, 40))
    limited = _kg("build", str(folder), "--out", str(tmp_path / "out"), "-q", "--max-size", "0.05")
    assert limited.returncode == 3
    assert limited.stderr.count("\n") == 1 and "big.txt: too large" in limited.stderr
    unlimited = _kg("build", str(folder), "--out", str(tmp_path / "out"), "-q", "--max-size", "0")
    assert unlimited.returncode == 0, unlimited.stderr
    assert f"default: {MAX_SIZE / 1e6:g}," in " ".join(_kg("build", "--help").stdout.split())


# --- files that are not regular files --------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_a_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(EN_ARTICLE.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    result = _kg("build", str(folder), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pipe.txt" in lines[0] and "named pipe" in lines[0]
    assert (tmp_path / "out" / "kg.ttl").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_given_by_name_is_one_line_of_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = _kg("build", str(tmp_path / "pipe.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "named pipe" in result.stderr


# --- encodings ------------------------------------------------------------------------------


def test_utf8_articles_still_decode_under_another_encoding(tmp_path: Path) -> None:
    korean = KO_ARTICLE.read_text(encoding="utf-8")
    (tmp_path / "a_cp949.txt").write_bytes(korean.encode("cp949"))
    (tmp_path / "b_utf8.txt").write_bytes(korean.encode("utf-8"))
    build = build_graph([tmp_path], encoding="cp949", check=False)
    assert not build.failures
    assert [a.text for a in build.articles] == [korean, korean]


@pytest.mark.parametrize(
    ("mark", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(
    tmp_path: Path, mark: bytes, codec: str
) -> None:
    english = EN_ARTICLE.read_text(encoding="utf-8")
    path = tmp_path / "wide.txt"
    path.write_bytes(mark + english.encode(codec))
    assert read_article(path).text == english
    assert read_article(path, encoding="cp949").text == english


def test_nul_bytes_without_a_byte_order_mark_are_still_binary() -> None:
    data = EN_ARTICLE.read_text(encoding="utf-8").encode("utf-16-le")  # no mark
    with pytest.raises(ArticleError, match="binary"):
        parse_article(data)
    with pytest.raises(ArticleError, match="binary"):
        parse_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, encoding="latin-1")
    assert parse_article(data, encoding="utf-16-le").title  # named, it is read


# --- processes that die ---------------------------------------------------------------------


def _die(index: int) -> object:
    os.kill(os.getpid(), signal.SIGKILL)
    return None


def test_a_killed_worker_is_named_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):
        (tmp_path / f"{number}.txt").write_bytes(_repeated(EN_ARTICLE, number + 1))
    monkeypatch.setattr("kg.build._extract_forked", _die)
    with pytest.raises(KGError, match=r"worker process was killed.*out of memory"):
        build_graph([tmp_path], workers=2, check=False)


def _raise_memory_error() -> None:
    raise MemoryError


def test_a_process_out_of_memory_or_killed_says_so() -> None:
    with pytest.raises(KGError, match="out of memory") as caught:
        Background(_raise_memory_error, "validation").result()
    assert str(caught.value).strip().endswith("out of memory")
    killed = Background(lambda: os.kill(os.getpid(), signal.SIGKILL), "validation")
    with pytest.raises(KGError, match="validation was killed by SIGKILL"):
        killed.result()


def test_an_article_that_runs_out_of_memory_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_bytes(EN_ARTICLE.read_bytes())
    (tmp_path / "b.txt").write_bytes(_repeated(EN_ARTICLE, 2))
    real = extract_facts

    def greedy(article: loader.Article, **kwargs: object) -> object:
        if article.source.endswith("b.txt"):
            raise MemoryError
        return real(article)

    monkeypatch.setattr("kg.build.extract_facts", greedy)
    build = build_graph([tmp_path], workers=1, check=False)
    assert [Path(a.source).name for a in build.articles] == ["a.txt"]
    assert [(Path(name).name, str(error)) for name, error in build.failures] == [
        ("b.txt", f"{tmp_path / 'b.txt'}: out of memory while reading it")
    ]
