"""Score story grouping and reconciled counts against incidents with several articles each
(../shared/eval/gva: 521 local news articles about 200 shooting incidents of the Gun Violence
Archive, killed and injured per incident).

Stories: the incidents within the stories are scored. B-cubed precision, recall and F1 (each article's story against its incident; an article
of another incident in its story counts against it, even one of the other part) and the adjusted
Rand index. Counts: for each incident, the found incident holding most of its articles is reported on as
the report would (:func:`crisisdesk.analysis.picture.picture_of`), and its reconciled answer to
"killed" and to "injured" (no answer: 0) is compared with the incident's: exact accuracy and mean
absolute error.

Tuning and checking parts: the incidents are split by the one written-down rule of
:mod:`crisisdesk.eval.splits` (the first byte of the SHA-256 of the incident id, even → tuning;
tests/data/splits/gva.tsv), an article going with its incident. Errors are looked at on the tuning
part only; a change that helps tuning but not checking is dropped.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from crisisdesk.eval.splits import PARTS, part_of  # the one written-down split rule

if TYPE_CHECKING:
    from crisisdesk.analysis.stories import Story
    from crisisdesk.model import Extraction


@dataclass(frozen=True)
class Incident:
    id: str
    killed: int
    injured: int
    articles: tuple[str, ...]

    @property
    def part(self) -> str:
        return part_of(self.id)


def read_incidents(gold: Path) -> list[Incident]:
    """``gold``: a folder with incidents.csv (incident, num_killed, num_injured, articles)."""
    with open(Path(gold) / "incidents.csv", newline="", encoding="utf-8") as handle:
        return [
            Incident(row["incident"], int(row["num_killed"]), int(row["num_injured"]), tuple(row["articles"].split()))
            for row in csv.DictReader(handle)
        ]


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str], items: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over ``items``; ``predicted`` and ``gold``: item → cluster.
    Precision looks at the whole predicted cluster (items outside ``items`` included)."""
    if not items:
        return math.nan, math.nan, math.nan
    members: dict[str, list[str]] = {}
    for item, cluster in predicted.items():
        members.setdefault(cluster, []).append(item)
    gold_members: dict[str, set[str]] = {}
    for item, cluster in gold.items():
        gold_members.setdefault(cluster, set()).add(item)
    precision = recall = 0.0
    for item in items:
        mine = members[predicted[item]]
        truth = gold_members[gold[item]]
        both = sum(1 for other in mine if other in truth)
        precision += both / len(mine)
        recall += both / len(truth)
    precision, recall = precision / len(items), recall / len(items)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def adjusted_rand(predicted: Mapping[str, str], gold: Mapping[str, str], items: Sequence[str]) -> float:
    """Hubert and Arabie's adjusted Rand index of the two partitions restricted to ``items``."""

    if not items:
        return math.nan

    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    table = Counter((predicted[i], gold[i]) for i in items)
    rows = Counter(predicted[i] for i in items)
    columns = Counter(gold[i] for i in items)
    index = sum(pairs(n) for n in table.values())
    row_sum, column_sum = sum(pairs(n) for n in rows.values()), sum(pairs(n) for n in columns.values())
    expected = row_sum * column_sum / pairs(len(items)) if len(items) > 1 else 0.0
    maximum = (row_sum + column_sum) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


@dataclass
class PartScores:
    incidents: int
    articles: int
    stories: int  # found incidents holding an article of this part
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    adjusted_rand: float
    killed_accuracy: float
    killed_mae: float
    injured_accuracy: float
    injured_mae: float
    zero_baseline_killed: float  # answering 0 everywhere
    zero_baseline_injured: float
    errors: list[dict] = field(default_factory=list)  # per incident, wrong counts (tuning part only)


@dataclass
class StoryScores:
    articles: int
    stories: int  # found incidents
    parts: dict[str, PartScores]

    def as_dict(self) -> dict:
        return asdict(self)


def reconciled_counts(extractions: Sequence[Extraction], story: Story) -> dict[str, float]:
    """The report's answer for "killed" and "injured" in ``story`` (0 when it has none): the
    reconciled answer most reports give, counting people (all of them, else the group counted).
    Every figure is reconciled, as on request (``every_fact``): shootings are crime news, many of
    whose figures are rightly kept out of a crisis report's headlines; what is scored here is the
    reconciliation, not the relevance."""
    from crisisdesk.analysis.picture import picture_of
    from crisisdesk.analysis.reconcile import is_bound

    picture = picture_of(extractions, stories=[story], every_fact=True)
    answers = {}
    for question in ("killed", "injured"):
        found = [r for r in picture.reconciled if r.question == question and r.unit == "people"]
        # All the people counted, else the one group counted ("four Marines were killed"); a
        # count before one person named without a number (at least one of the victims).
        found.sort(key=lambda r: (r.group is not None, is_bound(r.best), -r.sources))
        answers[question] = found[0].best.figure.quantity if found else 0.0
    return answers


def score_stories(
    extractions: Sequence[Extraction],
    stories: Sequence[Story],
    incidents: Sequence[Incident],
    counts_of: Callable[[Sequence[Extraction], Story], dict[str, float]] = reconciled_counts,
) -> StoryScores:
    by_id = {x.article.id: x for x in extractions}
    # The incidents within the stories are what is scored (a story is a crisis of one or more).
    groups = {f"{s.id}/{n}": (s, group) for s in stories for n, group in enumerate(s.incidents or (s.articles,))}
    predicted = {a: key for key, (_, group) in groups.items() for a in group}
    gold = {a: i.id for i in incidents for a in i.articles if a in by_id}
    answers: dict[str, dict[str, float]] = {}
    parts = {}
    for part in PARTS:
        chosen = [i for i in incidents if i.part == part]
        items = [a for i in chosen for a in i.articles if a in predicted]
        p, r, f1 = bcubed(predicted, gold, items)
        killed, injured, errors = [], [], []
        for incident in chosen:
            held = Counter(predicted[a] for a in incident.articles if a in predicted)
            if not held:
                answer = {"killed": 0.0, "injured": 0.0}
            else:
                story_id = min(held, key=lambda s: (-held[s], s))
                if story_id not in answers:
                    story, group = groups[story_id]
                    answers[story_id] = counts_of([by_id[a] for a in group], story)
                answer = answers[story_id]
            killed.append((answer["killed"], incident.killed))
            injured.append((answer["injured"], incident.injured))
            if part == "tuning" and (answer["killed"] != incident.killed or answer["injured"] != incident.injured):
                errors.append(
                    {"incident": incident.id, "gold": [incident.killed, incident.injured], "found": [answer["killed"], answer["injured"]]}
                )
        parts[part] = PartScores(
            incidents=len(chosen),
            articles=len(items),
            stories=len({predicted[a] for a in items}),
            bcubed_precision=p,
            bcubed_recall=r,
            bcubed_f1=f1,
            adjusted_rand=adjusted_rand(predicted, gold, items),
            killed_accuracy=_accuracy(killed),
            killed_mae=_mae(killed),
            injured_accuracy=_accuracy(injured),
            injured_mae=_mae(injured),
            zero_baseline_killed=_accuracy([(0, g) for _, g in killed]),
            zero_baseline_injured=_accuracy([(0, g) for _, g in injured]),
            errors=errors,
        )
    return StoryScores(len(predicted), len(groups), parts)


def _accuracy(pairs: Sequence[tuple[float, float]]) -> float:
    return sum(1 for found, gold in pairs if found == gold) / len(pairs) if pairs else math.nan


def _mae(pairs: Sequence[tuple[float, float]]) -> float:
    return sum(abs(found - gold) for found, gold in pairs) / len(pairs) if pairs else math.nan


def evaluate_stories(gold: Path, db: str | None = None) -> StoryScores:
    """Extract the gold articles into the store ``db`` (a temporary one when None; a store that
    already holds them is read as it is, so iterating on the analysis does not re-extract), group
    them into stories and score them."""
    import tempfile

    from crisisdesk.analysis.stories import stories_of_store
    from crisisdesk.api import ingest
    from crisisdesk.store import Store, resolve_db_url

    incidents = read_incidents(gold)
    with tempfile.TemporaryDirectory() as scratch:
        url = resolve_db_url(db or str(Path(scratch) / "stories.sqlite"))
        store = Store(url)
        wanted = {a for i in incidents for a in i.articles}
        extractions = [x for x in store.extractions() if x.article.id in wanted]
        if len(extractions) < len(wanted):
            ingest([str(Path(gold) / "articles.jsonl")], db=url)
            extractions = [x for x in store.extractions() if x.article.id in wanted]
        stories = stories_of_store(store, extractions)
        return score_stories(extractions, stories, incidents)


def scores_json(scores: StoryScores) -> str:
    return json.dumps(scores.as_dict(), indent=2)
