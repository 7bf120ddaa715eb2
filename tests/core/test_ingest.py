"""Ingest: files and byte strings become exactly the text they hold, or one clear :class:`InputError`."""

from __future__ import annotations

import codecs

import pytest

from unspun import CompareConfig, InputError, load_document, text_document
from unspun.stages.ingest import decode_bytes, read_text_file

ACCENTED = "Zoë Ibáñez met François Lefèvre at the café in Málaga; “naïve” plans, déjà vu, über-costs of 3½%.\n"
LIMIT = CompareConfig().max_bytes


def test_utf8_text_is_kept_exactly(tmp_path):
    text = "Title\r\n\r\nFirst line.  Second\u00a0sentence.\r\n\tIndented “quote”.\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    assert read_text_file(path, max_bytes=LIMIT) == text


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                           (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_byte_order_mark_decides_and_is_dropped(bom, encoding):
    assert decode_bytes(bom + ACCENTED.encode(encoding), "x.txt") == ACCENTED


def test_utf16_file_with_bom_reads_like_utf8(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(ACCENTED.encode("utf-16"))  # Python writes the BOM
    assert load_document(path).text == ACCENTED


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_single_byte_encodings_decode_accents_correctly(encoding):
    text = ACCENTED if encoding == "cp1252" else ACCENTED.replace("“", '"').replace("”", '"')
    assert decode_bytes(text.encode(encoding), "old.txt") == text


def test_cp1252_curly_quotes_and_euro_survive():
    text = "The “deal” is worth €40 million – a record – said the minister.\n"
    assert decode_bytes(text.encode("cp1252"), "quotes.txt") == text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_legacy_encoded_article_loads_with_its_accents(corpus, tmp_path, encoding):
    title = "Zoë Ibáñez and François Lefèvre open a café in Málaga"
    text = title + "\n\n" + corpus.text("port_strike", "original").split("\n", 2)[2].replace("£", "EUR ")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_document(path)
    assert doc.text == text and doc.title == title


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file") as error:
        read_text_file(tmp_path / "absent.txt", max_bytes=LIMIT)
    assert error.value.source.endswith("absent.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory") as error:
        read_text_file(tmp_path, max_bytes=LIMIT)
    assert error.value.source == str(tmp_path)


@pytest.mark.parametrize("raw, problem", [
    (b"", "empty"),
    (b"  \n\t\r\n   \n", "whitespace"),
    ("\u3000\u00a0\n".encode(), "whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
    (b"Plain words then a NUL\x00 byte in the middle.", "binary"),
    (bytes(range(1, 9)) * 50, "binary"),
])
def test_unusable_bytes_are_refused_with_the_reason(raw, problem):
    with pytest.raises(InputError, match=problem) as error:
        decode_bytes(raw, "input.txt")
    assert error.value.source == "input.txt"
    assert "\n" not in str(error.value)


def test_undecodable_bytes_get_a_clear_error():
    garbage = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 40)  # undefined in cp1252, no common encoding fits
    with pytest.raises(InputError, match="UTF-8") as error:
        decode_bytes(garbage, "garbage.txt")
    assert error.value.source == "garbage.txt"


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 400)

    def refuse(*_args, **_kwargs):
        raise AssertionError("the file was read although it is over the limit")

    monkeypatch.setattr(type(path), "read_bytes", refuse)
    with pytest.raises(InputError, match="limit") as error:
        read_text_file(path, max_bytes=1000)
    assert error.value.source == str(path)


def test_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "exact.txt"
    path.write_bytes(b"word " * 200)
    assert read_text_file(path, max_bytes=1000) == "word " * 200


@pytest.mark.parametrize("text, problem", [("", "empty"), (" \n\t ", "empty")])
def test_text_document_refuses_empty_strings(text, problem):
    with pytest.raises(InputError, match=problem):
        text_document(text, doc_id="pasted")


def test_text_document_enforces_the_size_limit():
    with pytest.raises(InputError, match="limit"):
        text_document("word " * 100, doc_id="pasted", config=CompareConfig(max_bytes=100))


def test_load_document_names_the_document_after_the_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Headline here\n\nOne sentence. Another one.\n", encoding="utf-8")
    doc = load_document(path, date="2024-02-01")
    assert (doc.id, doc.source, doc.date, doc.title) == ("story.txt", str(path), "2024-02-01", "Headline here")
