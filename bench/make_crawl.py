"""Build a planted crawl for benchmarking ``unspun scan``: BBC News as the original site, MixSet LLM rewrites
republished on invented content-farm sites, rewrites of those rewrites, wire updates and the seed pair, with the
true provenance of every planted copy in ``truth.json``.

Contents of ``OUT_DIR/crawl.jsonl`` (one document a line: id, title, text, date, url, site):

- every BBC article (2004–2005) as an original on ``bbc.co.uk``, its exact duplicates and follow-ups as they are;
- the 150 MixSet dev rewrites, each republished on one of six farm sites (one rewrite of each story per site) a
  few days after its BBC source, under a lightly altered title and the site's own footer; a few carry a leaked
  chatbot phrase ("Certainly! Here is the rewritten article:");
- second-generation copies of some GPT-4/Llama ``rewrite`` rewrites on another farm site, made from the farm
  text by light automatic edits (one sentence dropped, two swapped, a few synonyms);
- wire updates: BBC articles republished on ``wirefeed.example`` with two new paragraphs of synthetic sentences
  (the trigram model of ``make_haystack.py``, so nothing new is copied from a real article);
- the seed pair: the original on ``apa-wire.example``, the content-site rewrite on a farm site;
- with ``--extra``, unrelated synthetic articles from ``make_haystack.py`` spread over 50 sites, for scale runs.

``truth.json`` lists each planted copy (id, parent, story, kind, operation), the stories (root id → members,
root first), the farm sites and their footers, the leaked-phrase copies and BBC's exact duplicates. The corpora
are read at run time and nothing of them is stored here; the output is deterministic for a given ``--seed``.

    python bench/make_crawl.py ../shared/corpora /tmp/crawl --seed 1
    python bench/make_crawl.py ../shared/corpora /tmp/crawl-100k --extra /tmp/hay-100k.jsonl --extra-limit 100000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

ORIGINAL_SITE = "bbc.co.uk"
WIRE_SITE = "wirefeed.example"
SEED_SITE = "apa-wire.example"
SEED_ORIGINAL, SEED_REWRITE = "000_8f352e26d93bee8b.txt", "001_7598ea162cfcceb7.txt"
SEED_DATES = (date(2024, 2, 7), date(2024, 2, 9))
FIRST_DAY, BBC_DAYS = date(2004, 1, 1), 731  # 2004-01-01 .. 2005-12-31
REWRITES_OF_REWRITES, UPDATES, LEAKS, HAY_SITES = 20, 10, 8, 50

FARM_FOOTERS: dict[str, tuple[str, ...]] = {
    "dailynewsroundup.example": (
        "DailyNewsRoundup brings you the stories that matter, every morning before breakfast.",
        "Tips and corrections can be sent to our editors at desk@dailynewsroundup.example.",
    ),
    "trendingwire.example": (
        "Follow TrendingWire for the latest updates on business and politics.",
        "TrendingWire is an independent digital publication covering world news.",
        "Copyright TrendingWire Media Ltd.",
    ),
    "newsbeatnow.example": (
        "NewsBeatNow gathers reporting from trusted sources around the clock.",
        "Stories on NewsBeatNow may be updated as events develop.",
    ),
    "theglobalpulse.example": (
        "The Global Pulse: independent voices on the news that shapes our world.",
        "Like us on Facebook and never miss a headline.",
        "Opinions expressed by Global Pulse contributors are their own.",
    ),
    "briefingdesk.example": (
        "BriefingDesk summaries are prepared by our editorial team from public sources.",
        "Got a story we missed? Write to newsroom@briefingdesk.example.",
    ),
    "headlinehub.example": (
        "HeadlineHub is your daily digest of headlines from London, New York and beyond.",
        "Sign up for HeadlineHub alerts on your phone.",
        "HeadlineHub is part of the Hub Media Network.",
    ),
}
FARM_SITES = tuple(sorted(FARM_FOOTERS))
TITLE_STYLES = ("{}", "Report: {}", "{} - what we know", "Breaking: {}", "{}: the key facts", "Explained: {}",
                "{} (latest)", "Watch: {}")
LEAD_INS = ("Certainly! Here is the rewritten article:",
            "As an AI language model, I cannot browse the internet, but here is the article:",
            "Sure, here's a rewritten version of the news article:")
SIGN_OFFS = ("I hope this rewritten version meets your needs.",
             "Let me know if you would like any further changes to the article.")
SYNONYMS = {"said": "stated", "says": "states", "stated": "said", "also": "additionally", "additionally": "also",
            "big": "large", "many": "numerous", "however": "nevertheless", "help": "assist", "buy": "purchase",
            "people": "individuals", "expected": "anticipated", "recent": "latest", "major": "key",
            "important": "crucial", "significant": "considerable", "firm": "company", "company": "firm",
            "shows": "reveals", "revealed": "disclosed", "announced": "unveiled", "reportedly": "allegedly",
            "currently": "presently", "approximately": "roughly", "suggests": "indicates", "while": "whilst",
            "although": "though", "during": "throughout", "potential": "possible", "several": "various",
            "but": "yet", "after": "following", "because": "as", "began": "started", "started": "began",
            "won": "secured", "claimed": "asserted", "film": "movie", "movie": "film", "team": "side", "top": "leading"}
SYNONYMS_PER_COPY = 4

_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’]))\s+(?=[A-Z\"'“‘])")
_WORD = re.compile(r"[A-Za-z]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Crawl:
    """The documents built so far (by id), the planted provenance, and each site's last article number."""

    docs: dict[str, dict[str, str]] = field(default_factory=dict)
    planted: list[dict[str, Any]] = field(default_factory=list)
    story: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    leaked: list[str] = field(default_factory=list)

    def next_id(self, site: str) -> str:
        """A new ``<site>/<n>`` id, numbered per site."""
        self.numbers[site] = self.numbers.get(site, 0) + 1
        return f"{site}/{self.numbers[site]}"

    def plant(self, doc: dict[str, str], parent: str, kind: str, operation: str | None = None) -> None:
        """Add ``doc`` as a planted copy of ``parent``; its story is the parent's story (a root is its own)."""
        self.docs[doc["id"]] = doc
        self.story[doc["id"]] = self.story.get(parent, parent)
        self.planted.append({"id": doc["id"], "parent": parent, "story": self.story[doc["id"]], "kind": kind,
                             "operation": operation})


def keyed_rng(seed: int, key: str) -> random.Random:
    """A generator seeded by the run's seed and ``key``, so one document's draws do not depend on the others."""
    return random.Random(f"{seed}/{key}")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSONL file, streamed."""
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)


def slug(text: str) -> str:
    """A URL slug of the first eight words of ``text``."""
    return "-".join(_NOT_SLUG.sub(" ", text.lower()).split()[:8]) or "article"


def record(doc_id: str, site: str, title: str, text: str, day: date, *, url: str | None = None) -> dict[str, str]:
    """One crawl document; the URL defaults to ``https://<site>/<year>/<month>/<slug of title>``."""
    url = url or f"https://{site}/{day.year}/{day.month:02d}/{slug(title or text)}"
    return {"id": doc_id, "title": title, "text": text, "date": day.isoformat(), "url": url, "site": site}


def day_of(doc: dict[str, str]) -> date:
    """The document's date."""
    return date.fromisoformat(doc["date"])


def add_bbc(crawl: Crawl, path: Path, seed: int) -> tuple[list[list[str]], set[str]]:
    """Every BBC article as an original on ``bbc.co.uk``; returns the exact duplicates ([id, dup_of] in crawl ids)
    and the BBC ids involved in one (either side)."""
    duplicates, involved = [], set()
    for row in read_jsonl(path):
        day = FIRST_DAY + timedelta(days=keyed_rng(seed, row["id"]).randrange(BBC_DAYS))
        url = f"https://www.bbc.co.uk/news/{row['id'].removesuffix('.txt')}"
        doc_id, text = f"bbc/{row['id']}", f"{row['title']}\n\n{row['text']}"
        crawl.docs[doc_id] = record(doc_id, ORIGINAL_SITE, row["title"], text, day, url=url)
        if row.get("exact_dup_of"):
            duplicates.append([doc_id, f"bbc/{row['exact_dup_of']}"])
            involved.update((row["id"], row["exact_dup_of"]))
    return duplicates, involved


def farm_title(title: str, rng: random.Random, avoid: str | None = None) -> str:
    """``title`` lightly altered (a prefix or suffix, or as is), never equal to ``avoid``."""
    options = [style.format(title) for style in TITLE_STYLES if style.format(title) != avoid]
    return rng.choice(options)


def farm_text(site: str, title: str, body: str, leak: str | None = None) -> str:
    """Title, body and the site's footer, with a leaked chatbot phrase before or after the body if given."""
    lead = [leak] if leak in LEAD_INS else []
    tail = [leak] if leak in SIGN_OFFS else []
    return "\n\n".join([title, *lead, body, *tail, "\n".join(FARM_FOOTERS[site])])


def assign_sites(pairs: list[dict[str, Any]], rng: random.Random) -> list[str]:
    """A farm site per MixSet pair (pairs sorted by story): each story's rewrites go to sites in a shuffled order,
    so every site republishes one rewrite of each story."""
    sites, order, previous = [], [], None
    for pair in pairs:
        if pair["bbc_id"] != previous or not order:
            order, previous = rng.sample(FARM_SITES, len(FARM_SITES)), pair["bbc_id"]
        sites.append(order.pop())
    return sites


def add_rewrites(crawl: Crawl, pairs: list[dict[str, Any]], seed: int, rng: random.Random) -> dict[str, str]:
    """The MixSet rewrites on farm sites, a few with a leaked chatbot phrase; returns farm id → rewrite body."""
    leaks = set(rng.sample(range(len(pairs)), LEAKS))
    bodies = {}
    for number, (pair, site) in enumerate(zip(pairs, assign_sites(pairs, rng), strict=True)):
        pair_rng = keyed_rng(seed, f"mixset/{pair['mixset_id']}/{pair['operation']}")
        parent = crawl.docs[f"bbc/{pair['bbc_id']}"]
        day = day_of(parent) + timedelta(days=pair_rng.randint(1, 14))
        title = farm_title(parent["title"], pair_rng)
        leak = pair_rng.choice(LEAD_INS + SIGN_OFFS) if number in leaks else None
        body = pair["rewrite"].strip()
        doc = record(crawl.next_id(site), site, title, farm_text(site, title, body, leak), day)
        crawl.plant(doc, parent["id"], "rewrite", pair["operation"])
        if leak:
            crawl.leaked.append(doc["id"])
        if pair["operation"].endswith("_rewrite"):
            bodies[doc["id"]] = body
    return bodies


def synonym(word: str, chosen: set[str]) -> str:
    """The synonym-table replacement of ``word`` if its lower case is ``chosen``, keeping an initial capital."""
    if word.lower() not in chosen:
        return word
    replacement = SYNONYMS[word.lower()]
    return replacement.capitalize() if word[0].isupper() else replacement


def light_edit(text: str, rng: random.Random) -> str:
    """``text`` with one sentence (not the first) dropped, two adjacent sentences swapped, and up to
    ``SYNONYMS_PER_COPY`` of the table's words that it uses replaced throughout."""
    sentences = [s for paragraph in text.split("\n") for s in _SENTENCE.split(paragraph.strip()) if s]
    if len(sentences) >= 3:
        del sentences[rng.randrange(1, len(sentences))]
    if len(sentences) >= 2:
        i = rng.randrange(1, len(sentences) - 1) if len(sentences) >= 3 else 0
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    edited = " ".join(sentences)
    present = sorted({word.lower() for word in _WORD.findall(edited)} & SYNONYMS.keys())
    chosen = set(rng.sample(present, min(SYNONYMS_PER_COPY, len(present))))
    return _WORD.sub(lambda match: synonym(match.group(), chosen), edited)


def add_rewrites_of_rewrites(crawl: Crawl, bodies: dict[str, str], seed: int, rng: random.Random) -> None:
    """Second-generation copies of some farm rewrites, on another farm site, made from the farm text."""
    for parent_id in sorted(rng.sample(sorted(bodies), REWRITES_OF_REWRITES)):
        parent, copy_rng = crawl.docs[parent_id], keyed_rng(seed, f"second/{parent_id}")
        site = copy_rng.choice([s for s in FARM_SITES if s != parent["site"]])
        bbc_title = crawl.docs[crawl.story[parent_id]]["title"]
        title = farm_title(bbc_title, copy_rng, avoid=parent["title"])
        day = day_of(parent) + timedelta(days=copy_rng.randint(1, 7))
        text = farm_text(site, title, light_edit(bodies[parent_id], copy_rng))
        crawl.plant(record(crawl.next_id(site), site, title, text, day), parent_id, "rewrite_of_rewrite")


def haystack() -> ModuleType:
    """``bench/make_haystack.py``, imported from this script's folder."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import make_haystack

    return make_haystack


def synthetic_paragraphs(model: tuple[dict, set], rng: random.Random, count: int = 2) -> list[str]:
    """``count`` paragraphs of 2–3 trigram-sampled sentences (none repeating 8 words of the corpus)."""
    sample = haystack().sample_sentence
    paragraphs = []
    for _ in range(count):
        sentences = [s for s in (sample(*model, rng) for _ in range(rng.randint(2, 3))) if s]
        paragraphs.append(" ".join(" ".join(words) for words in sentences))
    return paragraphs


def add_updates(crawl: Crawl, bbc: Path, excluded: set[str], seed: int, rng: random.Random) -> None:
    """Wire updates: BBC articles (outside ``excluded``) on ``wirefeed.example`` with two synthetic paragraphs."""
    candidates = sorted(i for i, d in crawl.docs.items() if d["site"] == ORIGINAL_SITE and i not in excluded)
    module = haystack()
    model = module.train(module.corpus_sentences(bbc))
    for parent_id in sorted(rng.sample(candidates, UPDATES)):
        parent, update_rng = crawl.docs[parent_id], keyed_rng(seed, f"update/{parent_id}")
        day = day_of(parent) + timedelta(days=update_rng.randint(0, 2))
        text = "\n\n".join([parent["text"], *synthetic_paragraphs(model, update_rng)])
        doc = record(crawl.next_id(WIRE_SITE), WIRE_SITE, parent["title"], text, day)
        crawl.plant(doc, parent_id, "update")


def add_seeds(crawl: Crawl, folder: Path, rng: random.Random) -> None:
    """The seed pair: the original on ``apa-wire.example``, its content-site rewrite on a farm site, as they are."""
    original_text = (folder / SEED_ORIGINAL).read_text(encoding="utf-8")
    rewrite_text = (folder / SEED_REWRITE).read_text(encoding="utf-8")
    original_id = f"seed/{SEED_ORIGINAL.removesuffix('.txt')}"
    crawl.docs[original_id] = record(original_id, SEED_SITE, original_text.split("\n")[0].strip(), original_text,
                                     SEED_DATES[0])
    site = rng.choice(FARM_SITES)
    doc = record(crawl.next_id(site), site, rewrite_text.split("\n")[0].strip(), rewrite_text, SEED_DATES[1])
    crawl.plant(doc, original_id, "seed_rewrite")


def write_extras(stream: TextIO, path: Path, limit: int | None, seed: int) -> int:
    """Append unrelated synthetic articles (``make_haystack.py`` output) on 50 invented sites; returns how many."""
    count = 0
    for row in islice(read_jsonl(path), limit):
        rng = keyed_rng(seed, f"hay/{row['id']}")
        site = f"site-{rng.randrange(HAY_SITES):02d}.example"
        day = FIRST_DAY + timedelta(days=rng.randrange(BBC_DAYS))
        doc = record(f"hay/{row['id']}", site, row["title"], f"{row['title']}\n\n{row['text']}", day)
        stream.write(json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def truth(crawl: Crawl, duplicates: list[list[str]], extra: int) -> dict[str, Any]:
    """The ground truth: planted copies, stories (root first), sites, leaks, BBC duplicates and counts."""
    stories: dict[str, list[str]] = {}
    for row in sorted(crawl.planted, key=lambda r: r["id"]):
        stories.setdefault(row["story"], [row["story"]]).append(row["id"])
    counts = {kind: sum(1 for r in crawl.planted if r["kind"] == kind)
              for kind in ("rewrite", "rewrite_of_rewrite", "update", "seed_rewrite")}
    counts |= {"bbc": sum(1 for d in crawl.docs.values() if d["site"] == ORIGINAL_SITE), "extra": extra,
               "bbc_exact_duplicates": len(duplicates), "leaked_chatbot": len(crawl.leaked),
               "planted": len(crawl.planted), "stories": len(stories), "documents": len(crawl.docs) + extra}
    return {"planted": sorted(crawl.planted, key=lambda r: r["id"]), "stories": stories,
            "original_site": ORIGINAL_SITE, "farm_sites": list(FARM_SITES), "wire_site": WIRE_SITE,
            "farm_footers": {site: list(lines) for site, lines in FARM_FOOTERS.items()},
            "leaked_chatbot": sorted(crawl.leaked), "bbc_exact_duplicates": duplicates, "counts": counts}


def build(corpora: Path, seed: int) -> tuple[Crawl, list[list[str]]]:
    """Every planted part of the crawl, in a fixed order from one seeded generator."""
    rng, crawl = random.Random(seed), Crawl()
    bbc = corpora / "bbc-news" / "bbc_fulltext_2004_2005.jsonl"
    duplicates, involved = add_bbc(crawl, bbc, seed)
    pairs = sorted(read_jsonl(corpora / "mixset-news-dev" / "pairs.jsonl"),
                   key=lambda p: (p["bbc_id"], p["operation"], p["mixset_id"]))
    bodies = add_rewrites(crawl, pairs, seed, rng)
    add_rewrites_of_rewrites(crawl, bodies, seed, rng)
    excluded = {f"bbc/{i}" for i in involved | {p["bbc_id"] for p in pairs}}
    add_updates(crawl, bbc, excluded, seed, rng)
    add_seeds(crawl, corpora / "seeds", rng)
    return crawl, duplicates


def main() -> None:
    """Build the crawl, write ``crawl.jsonl`` (by date, then the extras) and ``truth.json``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", type=Path, help="the shared corpora folder (bbc-news, mixset-news-dev, seeds)")
    parser.add_argument("output", type=Path, help="folder to write crawl.jsonl and truth.json into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extra", type=Path, help="make_haystack.py JSONL of unrelated articles to append")
    parser.add_argument("--extra-limit", type=int, help="append at most this many extra articles (default: all)")
    args = parser.parse_args()
    crawl, duplicates = build(args.corpora, args.seed)
    args.output.mkdir(parents=True, exist_ok=True)
    extra = 0
    with (args.output / "crawl.jsonl").open("w", encoding="utf-8") as stream:
        for doc in sorted(crawl.docs.values(), key=lambda d: (d["date"], d["id"])):
            stream.write(json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n")
        if args.extra:
            extra = write_extras(stream, args.extra, args.extra_limit, args.seed)
    result = truth(crawl, duplicates, extra)
    (args.output / "truth.json").write_text(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                                            encoding="utf-8")
    print("crawl: " + ", ".join(f"{value} {key}" for key, value in result["counts"].items()) + f" → {args.output}")


if __name__ == "__main__":
    main()
