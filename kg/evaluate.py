"""Measure extraction against hand-written gold files: precision, recall, F1 per relation.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.catalogue import Catalogue, load_catalogue
from kg.errors import GoldError
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
_PREFIX = {"org": "company/", "person": "person/"}


@dataclass
class Score:
    """Counts for one relation, with the facts missed and the facts extracted in excess."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

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
        return str(int(name))
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
        GoldError: the file is missing, not JSON, or lacks ``article``.
    """
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: not a JSON gold file ({exc})") from exc
    if not isinstance(gold, dict) or "article" not in gold:
        raise GoldError(f'{path}: gold file has no "article" field')
    return gold


def evaluate(gold_files: Iterable[Path], *, catalogue: Catalogue | None = None) -> dict[str, Score]:
    """Score the extractor on gold files, micro-averaged over all of them.

    Returns:
        A `Score` per relation name (``signed``, ``attended``, ``affiliatedWith``,
        ``statedSignatoryCount``).

    Raises:
        KGError: a gold file or its article cannot be read.
    """
    catalogue = catalogue or load_catalogue()
    scores = {name: Score() for name in RELATIONS}
    for path in gold_files:
        gold = read_gold(path)
        article = read_article(path.parent / gold["article"])
        extraction = extract_facts(article, catalogue=catalogue)
        names = {e.key: e.label for e in extraction.entities}
        for relation, score in scores.items():
            want, got = gold_facts(gold, relation, catalogue), extracted_facts(extraction, relation)
            score.tp += len(want & got)
            score.fp += len(got - want)
            score.fn += len(want - got)
            label = path.stem
            score.misses += [f"{label}: {_show(p, names, catalogue)}" for p in sorted(want - got)]
            score.extras += [f"{label}: {_show(p, names, catalogue)}" for p in sorted(got - want)]
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
    """Scores as an aligned table, then the misses and extras of each relation."""
    lines = [f"{'relation':22} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>5} {'fp':>4} {'fn':>4}"]
    for name, score in scores.items():
        lines.append(f"{name:22} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f} "
                     f"{score.tp:5d} {score.fp:4d} {score.fn:4d}")
    if details:
        for name, score in scores.items():
            lines += [f"miss  {name}: {item}" for item in score.misses]
            lines += [f"extra {name}: {item}" for item in score.extras]
    return "\n".join(lines)
