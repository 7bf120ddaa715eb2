"""Adding documents: counts, re-runs, duplicate ids, stored metadata and offsets, compatibility checks."""

from __future__ import annotations

import sqlite3

import pytest

from unspun.errors import InputError
from unspun.index import Index, IndexConfig
from unspun.index.config import ANALYSIS_VERSION
from unspun.stages.ingest import SourceRecord, iter_records

STORY = ("The harbour of Kesta reopened on Friday after a week of repairs to its main quay. Port officials said "
         "the first ferry would sail on Saturday morning.")


def test_add_counts_and_info(tmp_path, collection_file):
    with Index.open(tmp_path / "idx") as index:
        report = index.add(iter_records([collection_file]), batch_size=3)
        info = index.info()
    assert (report.added, report.batches, report.already_present, report.duplicates, report.skipped) == (8, 3, 0, 0, 0)
    assert (info.documents, info.batches) == (8, 3)
    assert info.sentences >= 8 * 5 and info.passages >= 8 and info.size_bytes > 0
    assert info.built_with["embedder"] and info.built_with["index_config"] == IndexConfig().to_dict()


def test_re_running_the_same_input_adds_nothing(tmp_path, collection_file):
    with Index.open(tmp_path / "idx") as index:
        index.add(iter_records([collection_file]))
        again = index.add(iter_records([collection_file]))
        assert (again.added, again.already_present, again.duplicates) == (0, 8, 0)
        assert index.info().documents == 8


def test_duplicate_id_with_another_text_is_reported_not_overwritten(tmp_path):
    reported = []
    with Index.open(tmp_path / "idx") as index:
        index.add([SourceRecord(id="kesta", text=STORY, source="a.jsonl", record="line 1")])
        report = index.add([SourceRecord(id="kesta", text=STORY + " It was late.", source="b.jsonl", record="line 7"),
                            SourceRecord(id="kesta", text="Another text entirely, about bees.", source="b.jsonl",
                                         record="line 9")], on_skip=reported.append)
        stored = index.query(STORY, top=1)[0]
    assert (report.added, report.duplicates) == (0, 2)
    assert [str(item) for item in reported][0].startswith("b.jsonl (line 7): duplicate id 'kesta': already indexed")
    assert stored.comparison.a.text == STORY


def test_duplicate_ids_inside_one_batch(tmp_path):
    reported = []
    records = [SourceRecord(id="x", text=STORY, source="a"), SourceRecord(id="x", text=STORY + " More.", source="a"),
               SourceRecord(id="x", text=STORY, source="a")]
    with Index.open(tmp_path / "idx") as index:
        report = index.add(records, on_skip=reported.append)
    assert (report.added, report.duplicates, report.already_present, len(reported)) == (1, 1, 1, 1)


def test_bad_records_are_counted_and_reported(tmp_path):
    source = tmp_path / "mixed.jsonl"
    lines = [f'{{"id": "ok", "text": "{STORY}"}}', "{broken", '{"id": "empty", "text": " "}']
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reported = []
    with Index.open(tmp_path / "idx") as index:
        report = index.add(iter_records([source, tmp_path / "missing.txt"]), on_skip=reported.append)
    assert (report.added, report.skipped) == (1, 3)
    assert [item.record for item in reported] == ["line 2", "line 3", ""]


def test_documents_keep_metadata_and_sentence_offsets(built_index):
    database = sqlite3.connect(built_index / "index.sqlite")
    row = database.execute("SELECT id, title, url, site, date, source, record FROM documents WHERE id = ?",
                           ("tech-chip",)).fetchone()
    assert row[:5] == ("tech-chip", "Veltrix revenue jumps", "https://www.example-news.com/tech-chip",
                       "example-news.com", "2024-05-02")
    assert row[5].endswith("news.jsonl") and row[6] == "line 6"
    text = database.execute("SELECT text FROM documents WHERE id = 'tech-chip'").fetchone()[0]
    spans = database.execute("SELECT s.start, s.end FROM sentences s JOIN documents d ON d.key = s.doc "
                             "WHERE d.id = 'tech-chip' ORDER BY s.idx").fetchall()
    assert text[spans[0][0]:spans[0][1]].startswith("Chipmaker Veltrix reported")
    assert all(text[start:end].strip() == text[start:end] and end > start for start, end in spans)


def test_an_open_index_sees_batches_added_by_another_handle(tmp_path):
    with Index.open(tmp_path / "idx") as reader, Index.open(tmp_path / "idx") as writer:
        assert reader.query(STORY) == []
        writer.add([SourceRecord(id="kesta", text=STORY, source="a")])
        assert reader.query(STORY)[0].doc_id == "kesta"


def test_incompatible_config_says_how_to_rebuild(built_index):
    with pytest.raises(InputError, match="rebuild it"):
        Index.open(built_index, config=IndexConfig(passage_words=30))


def test_a_new_index_records_its_analysis_version(built_index):
    with Index.open(built_index, create=False) as index:
        assert index.info().built_with["analysis"] == ANALYSIS_VERSION and index.outdated is None


def test_an_index_split_by_an_older_analysis_answers_but_takes_no_more_documents(outdated_index, planted):
    with Index.open(outdated_index, create=False) as index:
        assert "analysis version 1" in index.outdated and "rebuild it" in index.outdated
        assert index.query(planted["composite"])
        with pytest.raises(InputError, match="mix two splittings"):
            index.add([SourceRecord(id="kesta", text=STORY, source="a.jsonl")])
        assert index.info().documents == 8


def test_missing_index_is_an_error_when_not_creating(tmp_path):
    with pytest.raises(InputError, match="no index here"):
        Index.open(tmp_path / "nothing", create=False)


def test_a_folder_that_is_not_an_index_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not an unspun index"):
        Index.open(tmp_path)


def test_parallel_add_builds_the_same_index(tmp_path, collection_file, planted):
    reported = []
    with Index.open(tmp_path / "serial") as serial, Index.open(tmp_path / "parallel") as parallel:
        serial.add(iter_records([collection_file]), batch_size=2)
        doubled = [*iter_records([collection_file]), SourceRecord(id="tech-chip", text="Other.", source="late")]
        report = parallel.add(doubled, batch_size=2, workers=2, on_skip=reported.append)
        assert (report.added, report.batches, report.duplicates) == (8, 4, 1)
        assert serial.info().passages == parallel.info().passages
        assert ([m.to_dict() for m in serial.query(planted["composite"])]
                == [m.to_dict() for m in parallel.query(planted["composite"])])


def test_missing_side_file_is_reported_as_damage(tmp_path):
    with Index.open(tmp_path / "idx") as index:
        index.add([SourceRecord(id="kesta", text=STORY, source="a")])
    (tmp_path / "idx" / "batch-000001.vectors.npz").unlink()
    with pytest.raises(InputError, match="batch 1 are missing; the index is damaged"):
        Index.open(tmp_path / "idx")
