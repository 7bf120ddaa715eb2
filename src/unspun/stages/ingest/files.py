"""Read a text file into a string, refusing bad input with one clear line.

Decoding order: a byte-order mark decides; else UTF-8; else Windows-1252 when it reads as Western text; else
the most plausible of a short list of common encodings as judged by charset-normalizer; else an error.
charset-normalizer alone misjudges short Western texts (it calls "café, naïve, “deal”" cp1250 or mac_roman),
so the web's most common legacy encoding is tried first under a plausibility check. The decoded text is kept
exactly (no newline or Unicode normalisation) so that every offset unspun reports points into what the user's
file says.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from unspun.errors import InputError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
COMMON_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "iso8859_2", "cp1250", "mac_roman",
                    "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr", "utf_16", "iso8859_7", "cp1253",
                    "iso8859_9", "cp1254")
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}


def _looks_binary(raw: bytes) -> bool:
    """True when the bytes hold NULs or many control characters (images, archives, executables)."""
    head = raw[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls > len(head) * 0.02


_SYMBOL_IN_WORD = re.compile(r"[^\W\d_][^\w\s'’-][^\W\d_]")


def _reads_as_western(text: str) -> bool:
    """True when ``text`` looks like a Western European language: no symbols wedged between letters (Polish in
    cp1252 gives "Za¿ó³æ") and few non-ASCII letters (Cyrillic in cp1252 gives "Ìîñêâà")."""
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if not c.isascii())
    return not _SYMBOL_IN_WORD.search(text) and accented <= 0.3 * max(1, len(letters))


def _decode_western(raw: bytes) -> str | None:
    """``raw`` as Windows-1252 when that decodes and reads as Western text, else None."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if _reads_as_western(text) else None


def _guess_encoding(raw: bytes) -> str | None:
    """The most plausible common encoding for non-UTF-8 bytes, or None when none fits."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000], cp_isolation=list(COMMON_ENCODINGS)).best()
    return best.encoding if best is not None else None


def decode_bytes(raw: bytes, source: str) -> str:
    """Decode ``raw`` (read from ``source``) to text, or raise :class:`InputError` saying why it cannot be."""
    if not raw:
        raise InputError(source, "file is empty")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _checked_text(raw.decode(encoding, errors="strict"), source)
    if _looks_binary(raw):
        raise InputError(source, "looks like a binary file (NUL or control bytes), not text")
    try:
        return _checked_text(raw.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    western = _decode_western(raw)
    if western is not None:
        return _checked_text(western, source)
    encoding = _guess_encoding(raw)
    if encoding is None:
        raise InputError(source, "is not UTF-8 and matches no common encoding; convert it to UTF-8 first")
    try:
        return _checked_text(raw.decode(encoding), source)
    except UnicodeDecodeError as error:
        raise InputError(source, f"cannot be decoded as {encoding} ({error.reason}); convert it to UTF-8") from None


def _checked_text(text: str, source: str) -> str:
    """Refuse texts with nothing to compare."""
    if not text.strip():
        raise InputError(source, "contains only whitespace")
    return text


def read_text_file(path: str | Path, *, max_bytes: int) -> str:
    """Read and decode the text file at ``path``, enforcing ``max_bytes``."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_dir():
        raise InputError(source, "is a directory, not a text file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
                                     "(raise it with --max-bytes)")
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror or error})") from None
    return decode_bytes(raw, source)
