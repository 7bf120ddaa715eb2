"""How far a reader can trust the changed facts of a compare report: false reports on rewrites that change no
fact, and reversals found when one is planted.

    python bench/fact_checks.py ../shared/corpora
    python bench/fact_checks.py ../shared/corpora --show polarity

- **Rewrites that keep their facts**: every MixSet dev rewrite against its own original (LLM rewrites and
  polishes, told to keep the meaning). Each changed fact reported, by kind; a number dropped or a name replaced
  may be real (rewrites do trim), a trend or a denial reversed almost never is. ``--show KIND`` prints the aligned
  sentences behind each report of that kind, to read them.
- **Planted reversals**: BBC sentences with one trend or outcome word swapped for its opposite ("rose" for
  "fell", "won" for "lost"; "up"/"down" left out, since most are particles such as "picked up"), and BBC sentences
  with one denial removed ("not", "never", "n't"): the share in which a polarity or a negation change is found,
  with those next to a figure apart. The sentences are drawn at random (seeded) from the corpus.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from pathlib import Path

from compare_quality import read_jsonl  # bench/ is on the path

from unspun import compare
from unspun.kernels.facts import negation_change
from unspun.kernels.polarity import polarity_change
from unspun.kernels.tokens import tokenize

_OPPOSITES = {"rose": "fell", "rise": "fall", "rises": "falls", "increased": "decreased", "increase": "decrease",
              "gained": "lost", "won": "lost", "win": "lose", "approved": "rejected", "higher": "lower",
              "jumped": "slumped", "climbed": "dropped", "raised": "cut", "grew": "shrank"}
_OPPOSITES |= {after: before for before, after in _OPPOSITES.items() if after not in _OPPOSITES}
_SWAPPABLE = re.compile(r"\b(" + "|".join(sorted(_OPPOSITES, key=len, reverse=True)) + r")\b(?!['’])")
_NEAR_FIGURE = r"\b{word}\b\W+(?:\w+\W+){{0,2}}\d|\d\S*\W+(?:\w+\W+)?{word}\b"
_DENIAL = re.compile(r"\s*\b(?:not|never)\b|n't\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def rewrite_reports(root: Path, show: str | None) -> Counter:
    """Changed facts reported on every MixSet dev rewrite against its own original, by kind."""
    kinds: Counter = Counter()
    for pair in read_jsonl(root / "mixset-news-dev" / "pairs.jsonl"):
        result = compare(pair["original"], pair["rewrite"])
        for alignment in result.alignments:
            for change in alignment.changed_facts:
                kinds[change.kind] += 1
                if change.kind == show:
                    print(f"mixset {pair['mixset_id']} {pair['operation']}: {change.a_text} -> {change.b_text}")
                    print("   original:", " ".join(pair["original"][s:e] for s, e in alignment.a_spans))
                    print("   rewrite: ", " ".join(pair["rewrite"][s:e] for s, e in alignment.b_spans))
    return kinds


def corpus_sentences(root: Path) -> list[str]:
    """Every sentence of the BBC corpus (split at sentence-final punctuation: enough to plant a word in)."""
    return [sentence for article in read_jsonl(root / "bbc-news" / "bbc_fulltext_2004_2005.jsonl")
            for sentence in _SENTENCE_END.split(article["text"])]


def planted_reversals(sentences: list[str], count: int, rng: random.Random) -> tuple[int, int, int, int]:
    """(found, planted, found next to a figure, planted next to a figure) for swapped trend words."""
    chosen = rng.sample([s for s in sentences if _SWAPPABLE.search(s)], count)
    found = near = found_near = 0
    for sentence in chosen:
        word = _SWAPPABLE.search(sentence).group(1)
        flipped = _SWAPPABLE.sub(lambda match: _OPPOSITES[match.group(1)], sentence, count=1)
        hit = polarity_change(tokenize(sentence), tokenize(flipped)) is not None
        by_figure = re.search(_NEAR_FIGURE.format(word=word), sentence) is not None
        found, near, found_near = found + hit, near + by_figure, found_near + (hit and by_figure)
    return found, count, found_near, near


def removed_denials(sentences: list[str], count: int, rng: random.Random) -> tuple[int, int]:
    """(found, planted) for sentences with one denial removed."""
    chosen = rng.sample([s for s in sentences if _DENIAL.search(s)], count)
    found = sum(negation_change(tokenize(s), tokenize(_DENIAL.sub("", s, count=1))) is not None for s in chosen)
    return found, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", type=Path, help="the shared corpora folder")
    parser.add_argument("--show", metavar="KIND", help="print the aligned sentences behind each report of KIND")
    parser.add_argument("--count", type=int, default=2000, help="planted sentences of each kind (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    kinds = rewrite_reports(args.corpora, args.show)
    print("changed facts reported on the 150 MixSet dev rewrites against their own originals:")
    for kind, number in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {kind:<11} {number:>4}")
    rng = random.Random(args.seed)
    sentences = corpus_sentences(args.corpora)
    found, planted, found_near, near = planted_reversals(sentences, args.count, rng)
    print(f"trend or outcome word swapped for its opposite: found {found}/{planted} ({found / planted:.1%}); "
          f"next to a figure {found_near}/{near} ({found_near / max(near, 1):.1%})")
    found, planted = removed_denials(sentences, args.count, rng)
    print(f"denial removed: found {found}/{planted} ({found / planted:.1%})")
    print(f"(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
