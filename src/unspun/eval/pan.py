"""PAN text-alignment corpora: list their pairs, read true cases, write detections (PAN XML).

Layout (PAN 2013/2014): ``susp/`` and ``src/`` hold the documents; every subset folder (``02-no-obfuscation``
…) holds a ``pairs`` file (``suspicious-documentNNNNN.txt source-documentMMMMM.txt`` per line) and one XML per
pair, ``suspicious-documentNNNNN-source-documentMMMMM.xml``, whose ``<feature name="plagiarism" .../>`` elements
are the true cases. A corpus without subset folders but with a ``pairs`` file at its root is one subset.

>>> pair_stem("suspicious-document00001.txt", "source-document00294.txt")
'suspicious-document00001-source-document00294'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from unspun.errors import InputError
from unspun.eval.plagdet import Annotation
from unspun.model import Passage

CASE_FEATURE = "plagiarism"
DETECTION_FEATURE = "detected-plagiarism"


@dataclass(frozen=True)
class PanPair:
    """One suspicious/source pair of a subset, with where its documents and true cases live."""

    subset: str
    suspicious: str
    source: str
    suspicious_path: Path
    source_path: Path
    truth_path: Path

    @property
    def stem(self) -> str:
        """The name PAN gives the pair's XML files, without extension."""
        return pair_stem(self.suspicious, self.source)


@dataclass(frozen=True)
class SkippedLine:
    """A line of a ``pairs`` file (or a subset) that could not be used, and why."""

    subset: str
    reason: str


def pair_stem(suspicious: str, source: str) -> str:
    """``suspicious-documentNNNNN-source-documentMMMMM`` for two document file names."""
    return f"{Path(suspicious).stem}-{Path(source).stem}"


def subset_dirs(corpus: Path, subset: str | None = None) -> list[Path]:
    """The corpus's subset folders (those holding a ``pairs`` file), or the corpus itself when it has none.

    Raises :class:`InputError` when the corpus (or the requested subset) has no ``pairs`` file at all.
    """
    if not corpus.is_dir():
        raise InputError(str(corpus), "is not a directory; give the folder holding susp/, src/ and pairs")
    folders = sorted(p for p in corpus.iterdir() if p.is_dir() and (p / "pairs").is_file())
    if not folders and (corpus / "pairs").is_file():
        folders = [corpus]
    if subset is not None:
        folders = [p for p in folders if p.name == subset or p.name.split("-", 1)[0] == subset]
        if not folders:
            raise InputError(str(corpus / subset), "no such subset with a `pairs` file")
    if not folders:
        raise InputError(str(corpus), "has no `pairs` file (neither at its root nor in a subset folder)")
    return folders


def read_pairs(corpus: Path, folder: Path) -> tuple[list[PanPair], list[SkippedLine]]:
    """The pairs listed in ``folder/pairs``; malformed lines are returned as skipped, with the reason."""
    pairs, skipped = [], []
    lines = (folder / "pairs").read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        names = line.split()
        if not names:
            continue
        if len(names) != 2:
            skipped.append(SkippedLine(folder.name, f"{folder / 'pairs'}:{number}: expected two file names"))
            continue
        suspicious, source = names
        pairs.append(PanPair(folder.name, suspicious, source, corpus / "susp" / suspicious,
                             corpus / "src" / source, folder / f"{pair_stem(suspicious, source)}.xml"))
    return pairs, skipped


def read_pan_text(path: Path) -> str:
    """A PAN document's text, decoded as UTF-8 and kept exactly, so PAN's character offsets point into it.

    Read here rather than with the ingest stage: a few PAN documents carry stray control bytes (NULs from their
    Project Gutenberg sources) that ingest rightly refuses as binary, yet PAN's offsets count them.
    """
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"is not UTF-8 ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror or error})") from None


def _parse(path: Path) -> ElementTree.Element:
    """The root element of a PAN XML file, or :class:`InputError` saying why it cannot be read."""
    try:
        return ElementTree.parse(path).getroot()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (ElementTree.ParseError, OSError) as error:
        raise InputError(str(path), f"unreadable XML ({error})") from None


def _annotation(element: ElementTree.Element, reference: str, path: Path) -> Annotation:
    """One ``<feature>`` as an :class:`Annotation` of the document ``reference``."""
    try:
        return Annotation(reference, int(element.get("this_offset", "")), int(element.get("this_length", "")),
                          element.get("source_reference", ""), int(element.get("source_offset", "")),
                          int(element.get("source_length", "")))
    except ValueError:
        raise InputError(str(path), "a feature lacks integer offsets/lengths") from None


def read_annotations(path: Path, feature: str = CASE_FEATURE) -> list[Annotation]:
    """The ``<feature name=feature>`` elements of a PAN XML file (true cases by default)."""
    root = _parse(path)
    reference = root.get("reference")
    if root.tag != "document" or not reference:
        raise InputError(str(path), "is not a PAN <document reference=...> file")
    return [_annotation(e, reference, path) for e in root.iter("feature") if e.get("name") == feature]


def write_detections(path: Path, suspicious: str, detections: list[Annotation]) -> None:
    """Write ``detections`` of the document ``suspicious`` as a PAN XML file (``detected-plagiarism``)."""
    root = ElementTree.Element("document", reference=suspicious)
    for d in detections:
        ElementTree.SubElement(root, "feature", name=DETECTION_FEATURE, this_offset=str(d.this_offset),
                               this_length=str(d.this_length), source_reference=d.source_reference,
                               source_offset=str(d.source_offset), source_length=str(d.source_length))
    ElementTree.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ElementTree.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def passage_detections(passages: Sequence[Passage], suspicious: str, source: str) -> list[Annotation]:
    """Passages of a comparison whose A is the source and B the suspicious document, as PAN detections."""
    return [Annotation(suspicious, p.b_span[0], p.b_span[1] - p.b_span[0], source, p.a_span[0],
                       p.a_span[1] - p.a_span[0]) for p in passages]
