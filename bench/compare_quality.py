"""Quality of ``unspun compare`` on the dev corpora: verdicts, direction and false positives.

    python bench/compare_quality.py ../shared/corpora            # every section
    python bench/compare_quality.py ../shared/corpora --only mixset --others 100
    python bench/compare_quality.py ../shared/corpora --fit-direction   # refit the direction weights (MixSet + Clough)
    python bench/compare_quality.py ../shared/corpora --only mixset --fit-retold   # refit the retelling weights
    python bench/compare_quality.py ../shared/corpora --set align_threshold=0.53   # sensitivity to one option

Sections:
- mixset: each MixSet dev rewrite vs its own original (random A/B order) → recall of ``derived``, direction
  accuracy per operation; vs the full BBC article its original opens (the rewrite retells an excerpt of it,
  as a farm that rewrites a long article's first paragraphs does) → the same per operation; vs ``--others``
  other originals → false-positive ``derived`` rate; vs its 3 hard negatives (same-topic BBC articles) →
  verdict distribution.
- clough: Clough & Stevenson answers vs their Wikipedia source (random A/B order) → confusion of verdicts against
  cut/light/heavy/non, and how often the source is named the original (students' rewrites, where an LLM's
  habits do not hold: they use plainer words than their source).
- semeval: SemEval-2022 sample, en-en rows → verdict per human similarity score (1 = very similar story).
- excerpts: the opening 30/50/70% of the first 40 BBC articles (cut mid-word, as a "read more" copy is) vs the
  article, both orders, no dates → how often the article is found to be the original.
Nothing here is tuned per corpus at run time; the script only measures.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from unspun import CompareConfig, compare
from unspun.embed import default_embedder
from unspun.errors import ConfigError
from unspun.kernels.calibration import format_table, reliability_table
from unspun.model import REUSE_VERDICTS, VERDICTS
from unspun.stages.judge.direction import WEIGHTS
from unspun.stages.judge.retold import RETOLD_WEIGHTS, details_in_order


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _compare_ordered(original: str, rewrite: str, swap: bool, config: CompareConfig):
    """Compare with the original as A (or as B when ``swap``); return (comparison, true source side)."""
    if swap:
        return compare(rewrite, original, config=config), "b"
    return compare(original, rewrite, config=config), "a"


def _other_texts(root: Path, pairs: list[dict], pair: dict, count: int, rng: random.Random) -> list[str]:
    """``count`` texts that are not the pair's source: the other MixSet originals, then random BBC articles
    other than the source article and its marked duplicates."""
    originals = {p["mixset_id"]: p["original"] for p in pairs if p["mixset_id"] != pair["mixset_id"]}
    texts = [originals[key] for key in sorted(originals)][:count]
    bbc = bbc_articles(root)
    source = bbc[pair["bbc_id"]].get("exact_dup_of") or pair["bbc_id"]
    pool = sorted(key for key, record in bbc.items() if (record.get("exact_dup_of") or key) != source)
    return texts + [bbc[key]["text"] for key in rng.sample(pool, max(0, count - len(texts)))]


_BBC: dict[str, dict] = {}


def article_text(root: Path, bbc_id: str) -> str:
    """The full BBC article as a crawl carries it: title, blank line, text."""
    record = bbc_articles(root)[bbc_id]
    return f"{record['title']}\n\n{record['text']}"


def bbc_articles(root: Path) -> dict[str, dict]:
    """The BBC articles by id, read once."""
    if not _BBC:
        _BBC.update((r["id"], r) for r in read_jsonl(root / "bbc-news" / "bbc_fulltext_2004_2005.jsonl"))
    return _BBC


def mixset_section(root: Path, others: int, config: CompareConfig, rng: random.Random) -> dict:
    """Recall, direction accuracy, false positives and hard negatives on MixSet dev."""
    pairs = read_jsonl(root / "mixset-news-dev" / "pairs.jsonl")
    by_op: dict[str, Counter] = defaultdict(Counter)
    by_op_article: dict[str, Counter] = defaultdict(Counter)
    features, retold, shipped = [], [], []
    fp_derived = fp_partial = fp_total = 0
    for pair in pairs:
        swap = rng.random() < 0.5
        result, truth = _compare_ordered(pair["original"], pair["rewrite"], swap, config)
        count_comparison(by_op[pair["operation"]], result, truth)
        shipped.append((result.direction.confidence, result.source == truth))
        features.append((_direction_features(result), 1 if truth == "a" else 0, pair["mixset_id"],
                         "MixSet own original"))
        retold.append((*_retold_features(result, config), 1, pair["mixset_id"]))
        article, truth = _compare_ordered(article_text(root, pair["bbc_id"]), pair["rewrite"], swap, config)
        count_comparison(by_op_article[pair["operation"]], article, truth)
        features.append((_direction_features(article), 1 if truth == "a" else 0, pair["mixset_id"],
                         "MixSet full article"))
        retold.append((*_retold_features(article, config), 1, pair["mixset_id"]))
        for other in _other_texts(root, pairs, pair, others, rng):
            verdict = compare(other, pair["rewrite"], config=config).verdict
            fp_derived += verdict == "derived"
            fp_partial += verdict == "partially_derived"
            fp_total += 1
    hard: Counter = Counter()
    for negative in read_jsonl(root / "mixset-news-dev" / "hard_negatives.jsonl"):
        result = compare(negative["negative_text"], negative["rewrite"], config=config)
        hard[result.verdict] += 1
        retold.append((*_retold_features(result, config), 0, negative["mixset_id"]))
    return {"by_op": by_op, "by_op_article": by_op_article, "fp": (fp_derived, fp_partial, fp_total), "hard": hard,
            "features": features,
            "retold": retold, "shipped": shipped}


def count_comparison(stats: Counter, result, truth: str) -> None:
    """Add one comparison to a per-operation row: pairs, ``derived``, any reuse verdict, right direction."""
    stats["n"] += 1
    stats["derived"] += result.verdict == "derived"
    stats["reuse"] += result.verdict in REUSE_VERDICTS
    stats["direction_ok"] += result.source == truth


def _retold_features(result, config: CompareConfig) -> tuple[list[float], bool]:
    """The retelling signals of a comparison, re-measured from its documents (for fitting), and whether its
    details pass the gates the fitted score is not asked about (enough of them in order, most of the shared)."""
    from unspun.stages.candidates import find_candidates, prepare_document
    from unspun.stages.judge.retold import retold_evidence

    embedder = default_embedder()
    a, b = prepare_document(result.a, embedder), prepare_document(result.b, embedder)
    evidence = retold_evidence(a, b, find_candidates(a, b, config), config)
    signals = {"details": evidence.details, "path": evidence.path_share, "path_mean": evidence.path_mean}
    return [signals[name] for name in RETOLD_WEIGHTS], details_in_order(evidence, config)


def _direction_features(result) -> list[float]:
    """The direction signals of a comparison, re-measured from its report (for fitting)."""
    from unspun.stages.candidates import view_sentences
    from unspun.stages.judge.direction import direction_evidence, style_tokens

    furniture = (any(p.side == "a" for p in result.boilerplate), any(p.side == "b" for p in result.boilerplate))
    body = tuple(al for al in result.alignments if result.a.sentences[al.a_sentences[0]].role == "body")
    a_tokens = style_tokens(view_sentences(result.a), body, "a", result.coverage)
    b_tokens = style_tokens(view_sentences(result.b), body, "b", result.coverage)
    evidence = direction_evidence(result.coverage, body, tokens=(a_tokens, b_tokens), furniture=furniture,
                                  texts=(result.a.text, result.b.text))
    return [getattr(evidence, name) for name in WEIGHTS]


def _row(name: str, stats: Counter, *, reuse: bool = False) -> None:
    """One line of a MixSet table (with the share called derived or partially_derived when ``reuse``)."""
    line = f"{name:28s} {stats['n']:4d} {stats['derived'] / stats['n']:8.1%} {stats['direction_ok'] / stats['n']:10.1%}"
    print(line + (f" {stats['reuse'] / stats['n']:7.1%}" if reuse else ""))


def _print_table(title: str, by_op: dict[str, Counter], *, reuse: bool = False) -> None:
    """One MixSet table: a row per operation, then all of them."""
    print(f"\n## {title}")
    print(f"{'operation':28s} {'n':>4s} {'derived':>8s} {'direction':>10s}" + (f" {'reuse':>7s}" if reuse else ""))
    total = Counter()
    for op in sorted(by_op):
        total.update(by_op[op])
        _row(op, by_op[op], reuse=reuse)
    _row("all", total, reuse=reuse)


def print_mixset(section: dict) -> None:
    """Print the MixSet tables."""
    _print_table("MixSet dev: rewrite vs its own original (random A/B order)", section["by_op"])
    _print_table("MixSet dev: rewrite vs the full BBC article its original opens (random A/B order)",
                 section["by_op_article"], reuse=True)
    derived, partial, n = section["fp"]
    if n:
        print(f"\nrewrite vs texts that are not its source (other MixSet originals, then random BBC articles): "
              f"{n} pairs, derived {derived} ({derived / n:.2%}), partially_derived {partial} ({partial / n:.2%})")
    hard = section["hard"]
    n_hard = sum(hard.values())
    print(f"rewrite vs its hard negatives (same topic, not its source): {n_hard} pairs: "
          + ", ".join(f"{v} {hard[v]} ({hard[v] / n_hard:.1%})" for v in VERDICTS))
    confidences, outcomes = zip(*section["shipped"], strict=True)
    print("\ndirection confidence as shipped (in-sample: the weights were fitted on these pairs):")
    print(format_table(reliability_table(confidences, outcomes, bins=5, low=0.5)))


CLOUGH_DERIVED = ("cut", "light", "heavy")
"""The Clough & Stevenson labels of answers written from the source (``non`` answers were not)."""


def clough_section(root: Path, config: CompareConfig, rng: random.Random) -> dict:
    """Confusion of verdicts against the corpus's cut/light/heavy/non labels; for the answers written from the
    source (cut/light/heavy), direction accuracy per label and the direction signals (for fitting, grouped by
    task: the answers to one task share their source)."""
    folder = root / "clough-stevenson"
    texts = folder / "corpus-20090418"
    confusion: dict[str, Counter] = defaultdict(Counter)
    direction: dict[str, Counter] = defaultdict(Counter)
    features = []
    with (folder / "file_information.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            source = (texts / f"orig_task{row['Task']}.txt").read_text(encoding="utf-8", errors="replace")
            answer = (texts / row["File"]).read_text(encoding="utf-8", errors="replace")
            label = row["Category"]
            result, truth = _compare_ordered(source, answer, rng.random() < 0.5, config)
            confusion[label][result.verdict] += 1
            if label in CLOUGH_DERIVED:
                direction[label]["n"] += 1
                direction[label]["right"] += result.source == truth
                features.append((_direction_features(result), 1 if truth == "a" else 0, f"clough task {row['Task']}",
                                 f"Clough {label}"))
    return {"confusion": confusion, "direction": direction, "features": features}


def print_clough_direction(direction: dict[str, Counter]) -> None:
    """How often the Wikipedia source is named the original, per label."""
    print("source named the original: " + ", ".join(
        f"{label} {direction[label]['right']}/{direction[label]['n']}" for label in CLOUGH_DERIVED))


def print_confusion(title: str, confusion: dict[str, Counter], order: list[str]) -> None:
    """Rows: gold label; columns: verdicts."""
    print(f"\n## {title}")
    print(f"{'gold':10s} " + " ".join(f"{v:>18s}" for v in VERDICTS))
    for label in order:
        row = confusion[label]
        n = sum(row.values()) or 1
        print(f"{label:10s} " + " ".join(f"{row[v]:>8d} ({row[v] / n:6.1%})" for v in VERDICTS))


def semeval_english_rows(root: Path) -> Iterator[dict]:
    """The SemEval-2022 sample rows whose two texts are both English and not empty."""
    csv.field_size_limit(sys.maxsize)
    with (root / "semeval2022-sample-dev" / "training_set.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["lang1"] == "en" and row["lang2"] == "en" and row["text1"].strip() and row["text2"].strip():
                yield row


def semeval_section(root: Path, config: CompareConfig) -> dict:
    """Verdicts on English pairs, by the human 'Overall' similarity score (1 very similar … 4 dissimilar)."""
    confusion: dict[str, Counter] = defaultdict(Counter)
    for row in semeval_english_rows(root):
        bucket = str(round(float(row["Overall"])))
        confusion[bucket][compare(row["text1"], row["text2"], config=config).verdict] += 1
    return confusion


EXCERPT_ARTICLES = 40
EXCERPT_SHARES = (0.3, 0.5, 0.7)


def excerpts_section(root: Path, config: CompareConfig) -> tuple[int, int]:
    """(comparisons whose source is the full article, comparisons) for verbatim excerpts of BBC articles."""
    right = total = 0
    for record in list(bbc_articles(root).values())[:EXCERPT_ARTICLES]:
        article = f"{record['title']}\n\n{record['text']}"
        for share in EXCERPT_SHARES:
            excerpt = article[:int(len(article) * share)]
            right += compare(article, excerpt, config=config).source == "a"
            right += compare(excerpt, article, config=config).source == "b"
            total += 2
    return right, total


def fit_direction(features: list, epochs: int = 3000) -> None:
    """Logistic regression of 'A is the original' on the direction signals, over each MixSet rewrite against its
    own original and against the full article (where the rewrite covers only the article's opening, so
    containment varies as it does for a farm that trims), and each Clough & Stevenson answer written from its
    source (students' rewrites: an LLM's habits, like longer words, do not hold there); leave-one-group-out
    accuracy (a MixSet original, or a Clough task) per kind of pair."""
    x = np.array([f for f, _, _, _ in features], dtype=float)
    y = np.array([label for _, label, _, _ in features], dtype=float)
    groups = np.array([g for _, _, g, _ in features])
    kinds = np.array([kind for _, _, _, kind in features])
    scores = np.zeros(len(y))
    for group in np.unique(groups):
        train = groups != group
        scores[~train] = x[~train] @ _logistic(x[train], y[train], epochs)
    correct = (scores > 0) == (y == 1)
    print(f"\n## direction fit: leave-one-group-out accuracy {correct.mean():.1%} (n={len(y)}); "
          + ", ".join(f"{kind} {correct[kinds == kind].mean():.1%}" for kind in sorted(set(kinds))))
    confidence = 1 / (1 + np.exp(-np.abs(scores)))
    print("direction confidence, leave-one-group-out:")
    print(format_table(reliability_table(confidence.tolist(), correct.tolist(), bins=5, low=0.5)))
    print("weights on all data:", dict(zip(WEIGHTS, np.round(_logistic(x, y, epochs), 3), strict=True)))


def fit_retold(features: list, epochs: int = 5000) -> None:
    """Logistic regression (with intercept) of 'B retells A' on the retelling signals, MixSet own pairs against
    hard negatives; leave-one-original-out predictions at log-odds 0."""
    x = np.array([[*f, 1.0] for f, _, _, _ in features], dtype=float)
    gated = np.array([gate for _, gate, _, _ in features], dtype=bool)
    y = np.array([label for _, _, label, _ in features], dtype=float)
    groups = np.array([group for _, _, _, group in features])
    predicted = np.zeros(len(y))
    for group in np.unique(groups):
        held = groups == group
        predicted[held] = x[held] @ _logistic(x[~held], y[~held], epochs)
    positives, negatives = predicted[y == 1], predicted[y == 0]
    retold_own, retold_hard = int((positives >= 0).sum()), int((negatives >= 0).sum())
    called = (predicted >= 0) & gated
    print(f"\n## retelling fit, leave-one-original-out: source pairs (own original, full article) retold "
          f"{retold_own}/{len(positives)}, "
          f"hard negatives retold {retold_hard}/{len(negatives)}; with the detail gates (retelling as called): "
          f"{int(called[y == 1].sum())}/{len(positives)} and {int(called[y == 0].sum())}/{len(negatives)}")
    probability = 1 / (1 + np.exp(-predicted))
    print("retelling probability, leave-one-original-out (came true = is the rewrite's own original):")
    print(format_table(reliability_table(probability.tolist(), (y == 1).tolist(), bins=5)))
    weights = np.round(_logistic(x, y, epochs), 2)
    print("weights on all data:", dict(zip([*RETOLD_WEIGHTS, "bias"], weights, strict=True)))


def _logistic(x: np.ndarray, y: np.ndarray, epochs: int) -> np.ndarray:
    """Plain L2-regularised logistic regression without intercept (the direction signals are antisymmetric in
    A/B; for the retelling fit, a constant column serves as intercept)."""
    weights = np.zeros(x.shape[1])
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-(x @ weights)))
        weights -= 0.5 * (x.T @ (p - y) / len(y) + 0.01 * weights)
    return weights


def _option(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` as (name, value), the value read as JSON (a number, true/false) or else kept as text."""
    name, _, value = text.partition("=")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, help="the shared corpora folder (../shared/corpora)")
    parser.add_argument("--only", choices=["mixset", "clough", "semeval", "excerpts"], action="append")
    parser.add_argument("--others", type=int, default=100,
                        help="texts that are not the source, per rewrite, for false positives")
    parser.add_argument("--fit-direction", action="store_true")
    parser.add_argument("--fit-retold", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="run with a compare option changed (repeatable), e.g. --set align_threshold=0.53")
    args = parser.parse_args()
    sections = args.only or ["mixset", "clough", "semeval", "excerpts"]
    try:
        config = CompareConfig().with_options(**dict(_option(text) for text in args.set))
    except ConfigError as error:
        parser.error(str(error))
    default_embedder()
    started = time.perf_counter()
    direction_features = []
    if "mixset" in sections:
        mixset = mixset_section(args.corpora, args.others, config, random.Random(args.seed))
        print_mixset(mixset)
        direction_features += mixset["features"]
        if args.fit_retold:
            fit_retold(mixset["retold"])
    if "clough" in sections:
        clough = clough_section(args.corpora, config, random.Random(args.seed))
        print_confusion("Clough & Stevenson: gold category vs verdict", clough["confusion"],
                        ["cut", "light", "heavy", "non"])
        print_clough_direction(clough["direction"])
        direction_features += clough["features"]
    if args.fit_direction:
        fit_direction(direction_features)
    if "semeval" in sections:
        print_confusion("SemEval-2022 sample, en-en: human Overall score (1 = very similar) vs verdict",
                        semeval_section(args.corpora, config), ["1", "2", "3", "4"])
    if "excerpts" in sections:
        right, total = excerpts_section(args.corpora, config)
        print(f"\n## verbatim excerpts vs their article, no dates: article found to be the original {right}/{total}")
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
