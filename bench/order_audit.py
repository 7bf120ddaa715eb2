"""Does ``compare`` depend on which text is A? Every dev comparison run both ways round, what differs counted.

    python bench/order_audit.py ../shared/corpora
    python bench/order_audit.py ../shared/corpora --show
    python bench/order_audit.py ../shared/corpora --repeats 900

``compare(b, a)`` must be ``compare(a, b)`` seen from the other side: the same verdict, coverage, alignments (with
their word diffs and changed facts), passages, retelling evidence and direction confidence, and the other text
named as the original. Ties broken by argument order anywhere in the pipeline show up here. The comparisons are
every MixSet dev rewrite against its original and against its 3 hard negatives, and every SemEval-2022 en-en
pair. An exact direction tie (no evidence either way, confidence 0.5) names A both times and is counted apart.

``--repeats N`` audits N pairs of texts drawn at random (seeded) from a few invented sentences, repeats allowed:
verbatim repeats score exactly alike, which is where ties are broken.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from compare_quality import read_jsonl, semeval_english_rows  # bench/ is on the path

from unspun import compare
from unspun.embed import default_embedder
from unspun.model import Comparison

_MIRRORED = {"insert": "delete", "delete": "insert", "merge": "split", "split": "merge"}


def dev_pairs(root: Path) -> Iterator[tuple[str, str, str]]:
    """(name, text A, text B) of every comparison audited."""
    for pair in read_jsonl(root / "mixset-news-dev" / "pairs.jsonl"):
        yield f"mixset {pair['mixset_id']} {pair['operation']}", pair["original"], pair["rewrite"]
    for negative in read_jsonl(root / "mixset-news-dev" / "hard_negatives.jsonl"):
        yield (f"hard negative {negative['mixset_id']} {negative['operation']} {negative['negative_id']}",
               negative["negative_text"], negative["rewrite"])
    for row in semeval_english_rows(root):
        yield f"semeval {row['pair_id']}", row["text1"], row["text2"]


_INVENTED = ("The council approved the new tram line on Monday.", "Work will start in March and cost £40 million.",
             "Residents said the route would cut journeys by 20 minutes.",
             "The mayor, Jo Bloggs, called it a turning point.",
             "Critics warned that shops on the high street would suffer.", "The line is due to open in 2027.",
             "Shares in the builder rose 3% after the vote.", "A spokesman declined to comment on the delays.")


def repeated_pairs(count: int, seed: int) -> Iterator[tuple[str, str, str]]:
    """``count`` (name, text A, text B) of 2–8 sentences each, drawn from :data:`_INVENTED` with repeats."""
    rng = random.Random(seed)
    for number in range(count):
        texts = [" ".join(rng.choice(_INVENTED) for _ in range(rng.randint(2, 8))) for _ in range(2)]
        yield f"repeats {number}", texts[0], texts[1]


def told_from(comparison: Comparison, first: str) -> dict[str, object]:
    """What the comparison says, part by part, told with its text ``first`` ("a" or "b") first: the comparison
    of the same texts the other way round, told from "b", must say the same."""
    def pair(a_side, b_side):
        return (a_side, b_side) if first == "a" else (b_side, a_side)

    def name(word: str) -> str:
        return word if first == "a" else _MIRRORED.get(word, word)

    cover = comparison.coverage
    source = comparison.source if first == "a" else {"a": "b", "b": "a"}.get(comparison.source or "")
    return {
        "verdict": comparison.verdict,
        "coverage": pair(round(cover.a_in_b, 9), round(cover.b_in_a, 9)),
        "alignments": sorted((*pair(al.a_sentences, al.b_sentences), name(al.kind), round(al.score, 9))
                             for al in comparison.alignments),
        "word diffs": sorted(tuple((name(e.op), *pair(e.a_span, e.b_span)) for e in al.diff)
                             for al in comparison.alignments),
        "changed facts": sorted((f.kind, *pair(str(f.a_text), str(f.b_text)))
                                for al in comparison.alignments for f in al.changed_facts),
        "passages": sorted((*pair(p.a_span, p.b_span), p.kind) for p in comparison.passages),
        "retelling": (round(comparison.retold.probability, 9), comparison.retold.sentences_in_order),
        "direction confidence": round(comparison.direction.confidence, 9),
        "original": "tie" if source and comparison.direction.confidence == 0.5 else source,
    }


def audit(pairs: Iterator[tuple[str, str, str]], show: bool) -> tuple[Counter, int, int]:
    """(differing comparisons per part, comparisons, exact direction ties) over (name, text A, text B); every
    part of :func:`told_from` is counted, in its order, 0 when it never differs."""
    differing: Counter = Counter()
    total = ties = 0
    for name, text_a, text_b in pairs:
        forward, backward = told_from(compare(text_a, text_b), "a"), told_from(compare(text_b, text_a), "b")
        total += 1
        ties += forward["original"] == "tie"
        differing.update(dict.fromkeys(forward, 0))
        parts = [part for part in forward if forward[part] != backward[part]]
        differing.update(parts)
        if show and parts:
            print(f"  {name}: {', '.join(parts)}")
    return differing, total, ties


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, help="the shared corpora folder (../shared/corpora)")
    parser.add_argument("--show", action="store_true", help="print each comparison that differs")
    parser.add_argument("--repeats", type=int, default=0, metavar="N",
                        help="audit N random texts of repeated invented sentences instead of the dev corpora")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    default_embedder()
    started = time.perf_counter()
    pairs = repeated_pairs(args.repeats, args.seed) if args.repeats else dev_pairs(args.corpora)
    differing, total, ties = audit(pairs, args.show)
    print(f"{total} comparisons run both ways round; differing when the texts are swapped:")
    for part, count in differing.items():
        print(f"  {part:22s}{count:5d}")
    print(f"exact direction ties (confidence 0.5, A named both times): {ties}")
    print(f"(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
