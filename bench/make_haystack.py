"""Write N synthetic news articles for the scale benchmark, from a word trigram model of a news corpus.

The articles read like news (vocabulary, names, numbers, sentence shapes of the training corpus) but are not
news: each sentence is sampled word by word, and any sentence that repeats 8 consecutive words of the corpus is
thrown away and sampled again, so nothing is copied verbatim. Output: JSONL with id, title, text (one article a
line), deterministic for a given ``--seed``.

    python bench/make_haystack.py ../shared/corpora/bbc-news/bbc_fulltext_2004_2005.jsonl 100000 /tmp/hay-100k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

START, END = "<s>", "</s>"
VERBATIM_WORDS = 8
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def corpus_sentences(path: Path) -> list[list[str]]:
    """The corpus's sentences as word lists (whitespace words, punctuation attached)."""
    sentences = []
    for line in path.open(encoding="utf-8"):
        for paragraph in json.loads(line)["text"].split("\n"):
            sentences.extend(s.split() for s in _SENTENCE.split(paragraph.strip()) if len(s.split()) >= 4)
    return sentences


def train(sentences: list[list[str]]) -> tuple[dict, set]:
    """The trigram table (context → observed next words, repeated by frequency) and the corpus's 8-grams."""
    table: dict[tuple[str, str], list[str]] = defaultdict(list)
    grams: set[int] = set()
    for words in sentences:
        padded = [START, START, *words, END]
        for i in range(len(padded) - 2):
            table[(padded[i], padded[i + 1])].append(padded[i + 2])
        grams.update(hash(tuple(words[i:i + VERBATIM_WORDS])) for i in range(len(words) - VERBATIM_WORDS + 1))
    return dict(table), grams


def sample_sentence(table: dict, grams: set, rng: random.Random, tries: int = 30) -> list[str] | None:
    """One sentence of 6–45 words with no 8-word run from the corpus, or None after ``tries`` attempts."""
    for _ in range(tries):
        words, context = [], (START, START)
        while len(words) < 60:
            word = rng.choice(table[context])
            if word == END:
                break
            words.append(word)
            context = (context[1], word)
        copied = any(hash(tuple(words[i:i + VERBATIM_WORDS])) in grams for i in range(len(words) - VERBATIM_WORDS + 1))
        if 6 <= len(words) <= 45 and not copied:
            return words
    return None


def article(table: dict, grams: set, rng: random.Random) -> tuple[str, str]:
    """(title, text): 8–22 sentences in paragraphs of 1–3, and a title cut from one more sentence."""
    sentences = [s for s in (sample_sentence(table, grams, rng) for _ in range(rng.randint(8, 22))) if s]
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(" ".join(words) for words in sentences[i:i + size]))
        i += size
    title_words = (sample_sentence(table, grams, rng) or ["Untitled"])[:rng.randint(4, 9)]
    return " ".join(title_words).rstrip(".,;:!?\"'"), "\n\n".join(paragraphs)


def main() -> None:
    """Train on the corpus, write the articles."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL news corpus with a 'text' field (e.g. BBC)")
    parser.add_argument("count", type=int, help="number of articles to write")
    parser.add_argument("output", type=Path, help="JSONL file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    table, grams = train(corpus_sentences(args.corpus))
    rng = random.Random(args.seed)
    with args.output.open("w", encoding="utf-8") as stream:
        for number in range(args.count):
            title, text = article(table, grams, rng)
            stream.write(json.dumps({"id": f"synthetic-{number:06d}", "title": title, "text": text}) + "\n")


if __name__ == "__main__":
    main()
