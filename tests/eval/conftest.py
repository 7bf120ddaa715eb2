"""A tiny PAN-format corpus written from the project's own hand-written fixtures (never from PAN's files).

- ``02-no-obfuscation``: two pairs. A suspicious text made of an unrelated article, two paragraphs copied from
  the lake story, and another unrelated article; and a suspicious text that embeds the tram story's near copy
  (a few words edited) between unrelated articles. The true cases are where the copies sit.
- ``01-no-plagiarism``: one pair of texts about different things, no case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _case(susp: str, source_name: str, this: tuple[int, int], source: tuple[int, int]) -> str:
    return (f'<feature name="plagiarism" this_offset="{this[0]}" this_length="{this[1] - this[0]}" '
            f'source_reference="{source_name}" source_offset="{source[0]}" source_length="{source[1] - source[0]}"/>')


def _document(susp: str, features: list[str]) -> str:
    return f'<document reference="{susp}">\n' + "\n".join(features) + "\n</document>\n"


def _embed(text: str, before: str, after: str) -> tuple[str, tuple[int, int]]:
    """``before``, ``text`` and ``after`` as paragraphs of one document, and where ``text`` sits in it."""
    start = len(before) + 2
    return f"{before}\n\n{text}\n\n{after}", (start, start + len(text))


@pytest.fixture
def pan_corpus(tmp_path: Path) -> dict:
    """Write the corpus under ``tmp_path/corpus``; return its path and the true cases by pair."""
    root = tmp_path / "corpus"
    for folder in ("susp", "src", "01-no-plagiarism", "02-no-obfuscation"):
        (root / folder).mkdir(parents=True)
    lake, tram = _read("lake_bloom/original.txt"), _read("tram_line/original.txt")
    cycling, library = _read("unrelated/cycling_race.txt").strip(), _read("unrelated/library_reopens.txt").strip()
    copied_start = lake.index("Researchers from Tessaly")
    copied_end = lake.index("\n", lake.index("Dog owners have been warned"))
    susp1, this1 = _embed(lake[copied_start:copied_end], cycling, library)
    near = _read("tram_line/near_copy.txt").strip()
    susp2, this2 = _embed(near, library, cycling)
    files = {"susp/suspicious-document00001.txt": susp1, "susp/suspicious-document00002.txt": susp2,
             "susp/suspicious-document00003.txt": f"{cycling}\n\n{library}\n",
             "src/source-document00001.txt": lake, "src/source-document00002.txt": tram,
             "src/source-document00003.txt": _read("food_results/original.txt")}
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    tram_body = (tram.index("\n") + 1, len(tram.rstrip()))
    cases = {
        "suspicious-document00001-source-document00001": [(this1, (copied_start, copied_end))],
        "suspicious-document00002-source-document00002": [(this2, tram_body)],
        "suspicious-document00003-source-document00003": [],
    }
    for stem, found in cases.items():
        susp, source = stem[:len("suspicious-document00001")] + ".txt", stem[len("suspicious-document00001-"):] + ".txt"
        subset = "02-no-obfuscation" if found else "01-no-plagiarism"
        with (root / subset / "pairs").open("a", encoding="utf-8") as pairs:
            pairs.write(f"{susp} {source}\n")
        features = [_case(susp, source, this, src) for this, src in found]
        (root / subset / f"{stem}.xml").write_text(_document(susp, features), encoding="utf-8")
    return {"root": root, "cases": cases, "texts": files}
