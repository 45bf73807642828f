"""Measure extraction against hand-written gold files: precision, recall, F1 per relation,
in all and per language of the article (``ko``, ``en``).

A gold file is JSON, one per article, names in English (or as written for people
without a known English name)::

    {"article": "file.txt",
     "signed": [{"org": "Naver", "pledge": "Seoul AI Business Pledge"}],
     "attended": [{"person": "Andrew Ng", "event": "AI Global Forum"}],
     "affiliation": [{"person": "Jason Kwon", "org": "OpenAI", "title": "Chief Strategy Officer"}],
     "stated_counts": [{"pledge": "Seoul AI Business Pledge", "count": 14}]}

The article path is relative to the gold file. A gold name is resolved the way the
extractor names things: through the catalogue, else to the key a new name gets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.catalogue import Catalogue, load_catalogue
from kg.errors import ArticleError, ExtractionError, GoldError
from kg.extract import extract_facts
from kg.extract.reader import person_slug
from kg.loader import read_article
from kg.model import Extraction, Relation

RELATIONS = {
    "signed": (Relation.SIGNED, ("org", "pledge")),
    "attended": (Relation.ATTENDED, ("person", "event")),
    "affiliatedWith": (Relation.AFFILIATED_WITH, ("person", "org")),
    "statedSignatoryCount": (Relation.STATED_SIGNATORY_COUNT, ("pledge", "count")),
}
_GOLD_KEYS = {
    "signed": "signed",
    "attended": "attended",
    "affiliatedWith": "affiliation",
    "statedSignatoryCount": "stated_counts",
}
# Where the extractor keys an entity the catalogue lacks, so a gold row naming one matches.
_PREFIX = {"org": "company/", "person": "person/", "pledge": "pledge/", "event": "event/"}


@dataclass
class Score:
    """Counts for one relation, with the facts missed and the facts extracted in excess."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    languages: dict[str, Score] = field(default_factory=dict, repr=False)
    """The same counts for the articles of each language (``ko``, ``en``), by its code."""

    def add(self, want: set[tuple[str, str]], got: set[tuple[str, str]]) -> None:
        """Count one article's gold facts (`want`) against its extracted facts (`got`)."""
        self.tp += len(want & got)
        self.fp += len(got - want)
        self.fn += len(want - got)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was extracted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when the gold is empty."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _resolve(catalogue: Catalogue, role: str, name: Any) -> str:
    if role == "count":
        return str(name)
    key = catalogue.lookup(str(name))
    return key if key is not None else _PREFIX.get(role, "unknown/") + person_slug(str(name))


def gold_facts(gold: dict[str, Any], relation: str, catalogue: Catalogue) -> set[tuple[str, str]]:
    """The gold's facts of one relation, as pairs of keys."""
    _, roles = RELATIONS[relation]
    return {
        (_resolve(catalogue, roles[0], row[roles[0]]), _resolve(catalogue, roles[1], row[roles[1]]))
        for row in gold.get(_GOLD_KEYS[relation], [])
    }


def extracted_facts(extraction: Extraction, relation: str) -> set[tuple[str, str]]:
    """The extraction's facts of one relation, as pairs of keys."""
    wanted, _ = RELATIONS[relation]
    return {(f.subject, str(f.object)) for f in extraction.facts if f.relation is wanted}


def read_gold(path: Path) -> dict[str, Any]:
    """Read and check one gold file.

    Raises:
        GoldError: the file is missing, not JSON, or not in the gold format (no ``article``,
            a list that is not one, an item without a name its relation needs, a count
            that is not a whole number); the message names the file and the place.
    """
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except IsADirectoryError:
        raise GoldError(f"{path}: is a folder, not a gold file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: not a JSON gold file ({exc})") from exc
    problem = _gold_problem(gold)
    if problem:
        raise GoldError(f"{path}: {problem}")
    return gold  # type: ignore[no-any-return]


def _gold_problem(gold: object) -> str | None:
    """What makes a parsed gold file unusable, in a few words, or ``None``."""
    if not isinstance(gold, dict):
        return f"a gold file is a JSON object, not {_kind(gold)}"
    if "article" not in gold:
        return 'gold file has no "article" field'
    if not isinstance(gold["article"], str) or not gold["article"].strip():
        return f'"article" must be the file name of the article, not {_kind(gold["article"])}'
    for relation, key in _GOLD_KEYS.items():
        rows = gold.get(key, [])
        if not isinstance(rows, list):
            return f'"{key}" must be a list of objects, not {_kind(rows)}'
        for number, row in enumerate(rows):
            where = f"{key}[{number}]"
            if not isinstance(row, dict):
                return f"{where} must be an object, not {_kind(row)}"
            for role in RELATIONS[relation][1]:
                if role not in row:
                    return f'{where} has no "{role}"'
                value = row[role]
                if role == "count":
                    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                        return f'{where}: "count" must be a whole number, not {_kind(value)}'
                elif not isinstance(value, str) or not value.strip():
                    return f'{where}: "{role}" must be a name, not {_kind(value)}'
            if not isinstance(row.get("title", ""), str | None):
                return f'{where}: "title" must be text, not {_kind(row["title"])}'
    return None


def _kind(value: object) -> str:
    """A JSON value as a message shows it: its type and, when short, the value."""
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    shown = json.dumps(value, ensure_ascii=False)
    name = names.get(type(value), type(value).__name__)
    return f"{name} ({shown})" if len(shown) <= 40 else name


class Scores(dict[str, Score]):
    """A `Score` per relation name, and the articles that could not be read or extracted."""

    failures: list[tuple[str, str]]
    """(gold file, the one-line error) for each article that failed; its gold facts count
    as misses, so a failure lowers recall instead of hiding the rest of the set."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.failures = []


Progress = Callable[[int, int, str], None]


def evaluate(gold_files: Iterable[Path], *, catalogue: Catalogue | None = None,
             progress: Progress | None = None) -> Scores:
    """Score the extractor on gold files, micro-averaged over all of them.

    Args:
        gold_files: the gold files (see `gold_paths`).
        catalogue: the known entities; the bundled one by default.
        progress: called after each file with (done, total, file name).

    Returns:
        A `Score` per relation name (``signed``, ``attended``, ``affiliatedWith``,
        ``statedSignatoryCount``), each with its `Score.languages`: the counts for the
        articles in each language, as `kg.loader` detects it. An article that cannot be read
        or yields nothing is named in `Scores.failures` and its gold facts are all misses
        (under the language ``unread`` when the text itself could not be read).

    Raises:
        GoldError: a gold file cannot be read or is not in the gold format.
    """
    catalogue = catalogue or load_catalogue()
    scores = Scores({name: Score() for name in RELATIONS})
    paths = list(gold_files)
    for done, path in enumerate(paths, 1):
        gold = read_gold(path)
        language, extraction = "unread", None
        try:
            article = read_article(path.parent / gold["article"])
            language = article.language
            extraction = extract_facts(article, catalogue=catalogue)
        except (ArticleError, ExtractionError) as exc:
            scores.failures.append((path.name, str(exc)))
        names = {e.key: e.label for e in extraction.entities} if extraction else {}
        for relation, score in scores.items():
            want = gold_facts(gold, relation, catalogue)
            got = extracted_facts(extraction, relation) if extraction else set()
            score.add(want, got)
            score.languages.setdefault(language, Score()).add(want, got)
            label = path.stem
            score.misses += [f"{label}: {_show(p, names, catalogue)}" for p in sorted(want - got)]
            score.extras += [f"{label}: {_show(p, names, catalogue)}" for p in sorted(got - want)]
        if progress is not None:
            progress(done, len(paths), path.name)
    return scores


def _show(pair: tuple[str, str], names: dict[str, str], catalogue: Catalogue) -> str:
    def one(key: str) -> str:
        if key in names:
            return names[key]
        entity = catalogue.entities.get(key)
        return entity.label if entity else key

    return f"{one(pair[0])} → {one(pair[1])}"


def gold_paths(folder: str | Path) -> list[Path]:
    """The gold files (``*.json``) of a folder, sorted.

    Raises:
        GoldError: the folder does not exist or holds no gold file.
    """
    path = Path(folder)
    if not path.is_dir():
        raise GoldError(f"{path}: no such folder of gold files")
    found = sorted(path.glob("*.json"))
    if not found:
        raise GoldError(f"{path}: folder has no gold files (*.json)")
    return found


def format_scores(scores: dict[str, Score], *, details: bool = True) -> str:
    """Scores as an aligned table, then the misses and extras of each relation.

    Each relation has a row per language of the articles (``ko``, then ``en``) and a row
    ``all`` for the whole set.

    >>> score = Score(tp=3, fp=1, languages={"en": Score(tp=1, fp=1), "ko": Score(tp=2)})
    >>> print(format_scores({"signed": score}))
    relation               lang  precision  recall     F1    tp   fp   fn
    signed                 ko        1.000   1.000  1.000     2    0    0
    signed                 en        0.500   1.000  0.667     1    1    0
    signed                 all       0.750   1.000  0.857     3    1    0
    """
    lines = [f"{'relation':22} {'lang':4} {'precision':>10} {'recall':>7} {'F1':>6} "
             f"{'tp':>5} {'fp':>4} {'fn':>4}"]
    for name, score in scores.items():
        ordered = sorted(score.languages, key=lambda code: (_LANGUAGE_ORDER.get(code, 2), code))
        rows = [(code, score.languages[code]) for code in ordered] + [("all", score)]
        lines += [f"{name:22} {code:4} {row.precision:10.3f} {row.recall:7.3f} {row.f1:6.3f} "
                  f"{row.tp:5d} {row.fp:4d} {row.fn:4d}" for code, row in rows]
    failures = getattr(scores, "failures", [])
    lines += [f"failed {name}: {error}" for name, error in failures]
    if details:
        for name, score in scores.items():
            lines += [f"miss  {name}: {item}" for item in score.misses]
            lines += [f"extra {name}: {item}" for item in score.extras]
    return "\n".join(lines)


_LANGUAGE_ORDER = {"ko": 0, "en": 1}
