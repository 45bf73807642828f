"""`kg eval`: scores per language of the article as well as in all, and one line (naming the
file and the place) for a gold file that is not in the gold format."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.errors import GoldError
from kg.evaluate import RELATIONS, Score, evaluate, format_scores, gold_paths, read_gold

from .conftest import DEV


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          check=False, timeout=300)


# --- per language --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def by_language() -> dict[str, list[Path]]:
    files = gold_paths(DEV)
    return {"ko": [p for p in files if "_kr_" in p.name][:3],
            "en": [p for p in files if "_en_" in p.name][:3]}


@pytest.fixture(scope="module")
def mixed(by_language: dict[str, list[Path]]) -> dict[str, Score]:
    return evaluate(by_language["ko"] + by_language["en"])


def test_each_relation_has_the_scores_of_each_language(mixed: dict[str, Score]) -> None:
    for score in mixed.values():
        assert set(score.languages) == {"ko", "en"}
        for count in ("tp", "fp", "fn"):
            assert sum(getattr(part, count) for part in score.languages.values()) == \
                getattr(score, count)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_language_row_is_what_its_articles_alone_score(
        language: str, mixed: dict[str, Score], by_language: dict[str, list[Path]]) -> None:
    alone = evaluate(by_language[language])
    for relation, score in mixed.items():
        part = score.languages[language]
        assert (part.tp, part.fp, part.fn) == (alone[relation].tp, alone[relation].fp,
                                               alone[relation].fn)
        assert set(alone[relation].languages) == {language}


def test_table_has_ko_en_and_all_rows_per_relation(mixed: dict[str, Score]) -> None:
    table = format_scores(mixed, details=False).splitlines()
    assert table[0].split()[:2] == ["relation", "lang"]
    assert [line.split()[:2] for line in table[1:]] == [
        [relation, code] for relation in RELATIONS for code in ("ko", "en", "all")]
    signed = mixed["signed"]
    assert table[3].split()[2:] == [f"{signed.precision:.3f}", f"{signed.recall:.3f}",
                                    f"{signed.f1:.3f}", str(signed.tp), str(signed.fp),
                                    str(signed.fn)]


def test_a_score_without_languages_prints_its_total_only() -> None:
    table = format_scores({"signed": Score(tp=2, fn=1)}, details=False).splitlines()
    assert [line.split()[:2] for line in table[1:]] == [["signed", "all"]]


def test_kg_eval_summary_prints_language_rows(tmp_path: Path,
                                              by_language: dict[str, list[Path]]) -> None:
    for gold in (by_language["ko"][0], by_language["en"][0]):
        shutil.copy(gold, tmp_path)
        shutil.copy(gold.parent / read_gold(gold)["article"], tmp_path)
    done = run("eval", str(tmp_path), "--summary")
    assert done.returncode == 0, done.stderr
    rows = [line.split()[:2] for line in done.stdout.splitlines()[1:]]
    assert rows[:3] == [["signed", "ko"], ["signed", "en"], ["signed", "all"]]
    assert len(rows) == 3 * len(RELATIONS)


# --- gold files with wrong types --------------------------------------------------------------

GOOD: dict[str, Any] = {
    "article": "a.txt",
    "signed": [{"org": "Naver", "pledge": "Seoul AI Business Pledge"}],
    "attended": [{"person": "Andrew Ng", "event": "AI Global Forum"}],
    "affiliation": [{"person": "Jason Kwon", "org": "OpenAI", "title": "Chief Strategy Officer"}],
    "stated_counts": [{"pledge": "Seoul AI Business Pledge", "count": 14}],
}
MISSING = object()
BAD: dict[str, tuple[dict[str, Any], str]] = {
    "article-a-number": ({"article": 5}, '"article"'),
    "article-missing": ({"article": MISSING}, '"article"'),
    "signed-a-string": ({"signed": "Naver"}, '"signed"'),
    "signed-item-a-string": ({"signed": ["Naver"]}, "signed[0]"),
    "item-missing-org": ({"signed": [{"pledge": "Seoul AI Business Pledge"}]}, 'signed[0] has no "org"'),
    "item-missing-event": ({"attended": [{"person": "Andrew Ng"}]}, 'attended[0] has no "event"'),
    "count-as-text": ({"stated_counts": [{"pledge": "Seoul AI Business Pledge", "count": "14"}]},
                      "stated_counts[0]"),
    "count-true": ({"stated_counts": [{"pledge": "P", "count": True}]}, "stated_counts[0]"),
    "name-a-number": ({"affiliation": [{"person": 7, "org": "OpenAI"}]}, "affiliation[0]"),
    "title-a-list": ({"affiliation": [{"person": "A", "org": "OpenAI", "title": []}]},
                     "affiliation[0]"),
    "not-an-object": ({"@whole": [1, 2]}, "JSON object"),
}


def write_gold(folder: Path, case: str) -> Path:
    change, _ = BAD[case]
    if "@whole" in change:
        gold = change["@whole"]
    else:
        gold = {key: value for key, value in {**GOOD, **change}.items() if value is not MISSING}
    path = folder / f"{case}.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_gold_with_a_wrong_type_is_one_line_naming_file_and_place(case: str,
                                                                  tmp_path: Path) -> None:
    path = write_gold(tmp_path, case)
    with pytest.raises(GoldError) as error:
        read_gold(path)
    message = str(error.value)
    assert "\n" not in message and message.startswith(str(path))
    assert BAD[case][1] in message


def test_good_gold_is_read(tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert read_gold(path) == GOOD
    # a relation the article has nothing of may be left out
    path.write_text(json.dumps({k: v for k, v in GOOD.items() if k != "attended"}),
                    encoding="utf-8")
    assert read_gold(path)["article"] == "a.txt"


def test_every_gold_file_of_the_project_is_read() -> None:
    for folder in ("dev", "heldout", "unseen", "blind"):
        for path in gold_paths(DEV.parent / folder):
            read_gold(path)


@pytest.mark.parametrize("case", ["article-a-number", "signed-a-string", "item-missing-org",
                                  "count-as-text"])
def test_kg_eval_on_a_wrong_gold_is_one_line_and_exit_1(case: str, tmp_path: Path) -> None:
    path = write_gold(tmp_path, case)
    (tmp_path / "a.txt").write_text("AI Seoul Summit", encoding="utf-8")
    done = run("eval", str(tmp_path), "--summary")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and path.name in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


# --- an article that fails does not stop the evaluation -------------------------------------

def test_an_article_that_fails_is_named_counted_as_misses_and_the_rest_is_scored(
        tmp_path: Path, by_language: dict[str, list[Path]]) -> None:
    good = by_language["en"][0]
    shutil.copy(good, tmp_path / good.name)
    shutil.copy(good.with_name(json.loads(good.read_text(encoding="utf-8"))["article"]),
                tmp_path)
    (tmp_path / "zz_recipe.txt").write_text("Boil the noodles for three minutes. Add an egg.\n",
                                           encoding="utf-8")
    (tmp_path / "zz_recipe.json").write_text(json.dumps({
        "article": "zz_recipe.txt",
        "signed": [{"org": "Naver", "pledge": "Seoul AI Business Pledge"}]}), encoding="utf-8")
    alone = evaluate([good])
    both = evaluate(gold_paths(tmp_path))
    assert [name for name, _ in both.failures] == ["zz_recipe.json"]
    assert both["signed"].tp == alone["signed"].tp
    assert both["signed"].fn == alone["signed"].fn + 1

    result = run("eval", str(tmp_path), "--summary")
    assert result.returncode == 3
    assert "signed" in result.stdout and "all" in result.stdout
    assert result.stderr.count("\n") == 1 and "zz_recipe" in result.stderr
