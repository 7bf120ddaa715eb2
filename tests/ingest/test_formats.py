"""Each collection format: text folders, JSONL, CSV, HTML and WARC, with their bad records."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from unspun.stages.ingest import FieldNames, Skipped, SourceRecord, iter_records, site_of

STORY = "The harbour of Kesta reopened on Friday after a week of repairs.\r\nThe first ferry sails on Saturday."
PAGE = """<!DOCTYPE html><html><head><title>Kesta harbour reopens | Coast Times</title>
<meta property="og:title" content="Kesta harbour reopens after repairs">
<meta property="article:published_time" content="2024-06-14T07:30:00Z">
<link rel="canonical" href="https://www.coast-times.example/news/kesta-harbour"></head>
<body><nav>Home | News | Sport | Weather</nav><article><h1>Kesta harbour reopens after repairs</h1>
<p>The harbour of Kesta reopened on Friday after a week of repairs to its main quay, port officials said.</p>
<p>The first ferry to the islands will sail on Saturday morning, and cargo traffic resumes on Monday.</p>
<p>Repairs cost about 1.2 million euros and were paid for by the regional government.</p>
</article><footer>Copyright 2024 Coast Times. All rights reserved.</footer></body></html>"""


def _records(items):
    return [item for item in items if isinstance(item, SourceRecord)]


def _skipped(items):
    return [item for item in items if isinstance(item, Skipped)]


def test_text_folder_is_read_recursively_and_exactly(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "story.txt").write_bytes(STORY.encode("utf-8"))
    (tmp_path / "a" / "notes.md").write_text("A short note about the ferry timetable.", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "a" / "empty.txt").write_bytes(b"")
    (tmp_path / "a" / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    items = list(iter_records([tmp_path / "a"]))
    records = _records(items)
    assert [Path(r.id).name for r in records] == ["story.txt", "notes.md"]
    assert records[0].text == STORY and records[0].source == records[0].id
    assert sorted(Path(s.source).name for s in _skipped(items)) == ["binary.txt", "empty.txt"]


def test_jsonl_default_fields_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "k1", "text": "Kesta harbour reopened.", "title": "Reopened", "date": "2024-06-14",'
                     b' "url": "https://www.coast-times.example/k1"}\n\n{not json\n[1, 2]\n{"id": "k2"}\n'
                     b'{"id": "k3", "text": "   "}\n{"text": "No id here, so the line names it."}\n\xff\xfe\n')
    items = list(iter_records([path]))
    first, no_id = _records(items)
    assert (first.id, first.title, first.date, first.url, first.site, first.record) == (
        "k1", "Reopened", "2024-06-14", "https://www.coast-times.example/k1", "coast-times.example", "line 1")
    assert no_id.id == f"{path}:7"
    problems = [(s.record, s.problem.split(" (")[0]) for s in _skipped(items)]
    assert problems == [("line 3", "malformed JSON"), ("line 4", "a JSON list, not an object"),
                        ("line 5", "no text field 'text'"), ("line 6", "text field 'text' is empty"),
                        ("line 8", "line is not valid UTF-8")]


def test_jsonl_custom_field_names(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"guid": 17, "body": "Kesta harbour reopened.", "headline": "Reopened", '
                    '"published": "2024-06-14"}\n', encoding="utf-8")
    fields = FieldNames(id="guid", text="body", title="headline", date="published", url="link")
    (record,) = list(iter_records([path], fields=fields))
    assert (record.id, record.text, record.title, record.date, record.url) == (
        "17", "Kesta harbour reopened.", "Reopened", "2024-06-14", None)


def test_csv_rows_with_fields_and_a_bad_row(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text('id,text,title\nc1,"Kesta harbour reopened on Friday, officials said.",Kesta\nc2,,Empty\n'
                    'c3,"Line one.\nLine two.",Two lines\n', encoding="utf-8-sig")
    items = list(iter_records([path]))
    assert [(r.id, r.record) for r in _records(items)] == [("c1", "row 2"), ("c3", "row 4")]
    assert _records(items)[1].text == "Line one.\nLine two."
    assert [(s.record, s.problem) for s in _skipped(items)] == [("row 3", "text field 'text' is empty")]


def test_csv_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("id,text\nx,Caf\u00e9 opens\n".encode("latin-1"))
    (skipped,) = list(iter_records([path]))
    assert "not valid UTF-8" in skipped.problem


def test_html_page_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (record,) = list(iter_records([path]))
    assert record.id == record.url == "https://www.coast-times.example/news/kesta-harbour"
    assert (record.title, record.date, record.site) == ("Kesta harbour reopens after repairs", "2024-06-14",
                                                        "coast-times.example")
    assert "repairs to its main quay" in record.text and "paid for by the regional government" in record.text
    assert "Home | News" not in record.text and "All rights reserved" not in record.text


def test_html_without_main_text_is_skipped(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Empty</title></head><body><script>var a = 1;</script></body></html>",
                    encoding="utf-8")
    (skipped,) = list(iter_records([path]))
    assert skipped.problem == "no main text found in the HTML page"


def _warc_record(uri: str, payload: bytes, number: int, content_type: str = "text/html; charset=utf-8") -> bytes:
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n\r\n"
            ).encode() + payload
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-15T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _crawl() -> bytes:
    second = PAGE.replace("Kesta", "Orlo").encode()
    return (_warc_record("https://coast-times.example/kesta", PAGE.encode(), 1)
            + _warc_record("https://coast-times.example/logo.png", b"\x89PNG\r\n", 2, "image/png")
            + _warc_record("https://coast-times.example/orlo", second, 3))


def test_warc_and_warc_gz_yield_html_responses(tmp_path):
    (tmp_path / "crawl.warc").write_bytes(_crawl())
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(_crawl()))
    for name in ("crawl.warc", "crawl.warc.gz"):
        records = list(iter_records([tmp_path / name]))
        assert [r.url for r in records] == ["https://coast-times.example/kesta", "https://coast-times.example/orlo"]
        assert records[1].date == "2024-06-14" and "Orlo reopened" in records[1].text
        assert records[0].record == "<urn:uuid:00000000-0000-0000-0000-000000000001>"


def test_truncated_warc_keeps_whole_records_and_names_the_cut_one(tmp_path):
    data = _crawl()
    (tmp_path / "cut.warc").write_bytes(data[:-300])
    items = list(iter_records([tmp_path / "cut.warc"]))
    assert [r.url for r in _records(items)] == ["https://coast-times.example/kesta"]
    (skipped,) = _skipped(items)
    assert skipped.record.endswith("000000000003>") and skipped.problem.startswith("truncated record")


def test_corrupt_warc_is_one_skipped_line(tmp_path):
    (tmp_path / "junk.warc").write_bytes(b"this is not a WARC file at all\r\n\r\n" * 3)
    (skipped,) = list(iter_records([tmp_path / "junk.warc"]))
    assert "corrupt WARC data" in skipped.problem


def test_missing_input_is_reported_and_the_rest_goes_on(tmp_path):
    (tmp_path / "ok.txt").write_text("Kesta harbour reopened on Friday.", encoding="utf-8")
    items = list(iter_records([tmp_path / "gone", tmp_path / "ok.txt"]))
    assert str(items[0]) == f"{tmp_path / 'gone'}: no such file or folder"
    assert isinstance(items[1], SourceRecord)


def test_records_are_streamed_lazily(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "First."}\n{"id": "b", "text": "Second."}\n', encoding="utf-8")
    stream = iter_records([path])
    assert next(stream).id == "a"
    path.unlink()  # already open: the reader keeps going from its handle, line by line
    assert next(stream).id == "b"


def test_site_of_urls():
    assert site_of("https://www.BBC.co.uk/news/1") == "bbc.co.uk"
    assert site_of("http://example.org:8080/x") == "example.org"
    assert site_of(None) is None and site_of("not a url") is None
    assert site_of("http://[bad/x") is None


def test_a_records_own_site_field_wins_over_its_url_and_is_normalised_like_a_host(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = ['{"id": "a", "text": "Kesta harbour reopened.", "site": "www.Coast-Times.example", '
             '"url": "https://mirror.example/a"}',
             '{"id": "b", "text": "Kesta harbour reopened.", "site": "https://farm.example/news/b"}',
             '{"id": "c", "text": "Kesta harbour reopened.", "url": "https://www.wire.example/c"}',
             '{"id": "d", "text": "Kesta harbour reopened.", "site": "Daily Planet"}',
             '{"id": "e", "text": "Kesta harbour reopened.", "url": "http://[bad/e"}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = _records(iter_records([path]))
    assert [(r.id, r.site) for r in records] == [("a", "coast-times.example"), ("b", "farm.example"),
                                                 ("c", "wire.example"), ("d", "daily planet"), ("e", None)]
    (renamed,) = _records(iter_records([path], fields=FieldNames(site="domain")))[:1]
    assert renamed.site == "mirror.example"


def test_dates_become_iso_8601_and_a_record_with_an_unreadable_date_is_reported(tmp_path):
    """Direction and provenance compare dates, so they are read once at ingest: ISO 8601 as given, RSS's RFC 2822
    and dates written with the month's name converted; ``03/04/2024`` (March or April?) and epoch numbers are
    not guessed."""
    path = tmp_path / "feed.jsonl"
    dates = ["2024-06-14", "2024-06-14T07:30:00Z", "Fri, 14 Jun 2024 07:30:00 GMT", "14 June 2024", "June 14, 2024",
             "03/04/2024", 1718350200]
    path.write_text("".join(f'{{"id": "d{n}", "text": "Kesta harbour reopened.", "date": {json.dumps(date)}}}\n'
                            for n, date in enumerate(dates)), encoding="utf-8")
    items = list(iter_records([path]))
    assert [(r.id, r.date) for r in _records(items)] == [
        ("d0", "2024-06-14"), ("d1", "2024-06-14T07:30:00Z"), ("d2", "2024-06-14T07:30:00+00:00"),
        ("d3", "2024-06-14"), ("d4", "2024-06-14")]
    assert [(s.record, s.problem.split(":")[0]) for s in _skipped(items)] == [
        ("line 6", "date field 'date' is not a date"), ("line 7", "date field 'date' is not a date")]


def test_a_lone_surrogate_becomes_a_replacement_character_and_offsets_hold(tmp_path):
    """A JSON string cut inside an emoji leaves a lone surrogate, which no tokenizer or UTF-8 store accepts."""
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "s1", "text": "Kesta \\ud83d harbour reopened.", "title": "Cut \\ude00"}\n',
                    encoding="utf-8")
    (record,) = _records(iter_records([path]))
    assert record.text == "Kesta \ufffd harbour reopened." and record.title == "Cut \ufffd"
    assert len(record.text) == len("Kesta x harbour reopened.")
