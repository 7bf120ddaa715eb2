"""The index-backed routes: ``POST /api/query`` and the query pages, over a small index built from the fixtures."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from unspun.index import Index
from unspun.stages.ingest.records import SourceRecord
from unspun.web import ServerConfig, create_app
from unspun.web.schemas import QueryOut

UNRELATED = ("The orchestra announced its winter programme on Friday. It will play Baroque concertos in the old "
             "cathedral, with guest soloists from Vienna and Leipzig, and tickets go on sale next month.")


@pytest.fixture(scope="module")
def index(tmp_path_factory, texts):
    records = [SourceRecord(id="ferry", text=texts["original"], source="fixtures", title="Ferry terminal"),
               SourceRecord(id="library", text=texts["xss_original"], source="fixtures"),
               SourceRecord(id="concerts", text=UNRELATED, source="fixtures")]
    with Index.open(tmp_path_factory.mktemp("index")) as opened:
        opened.add(records)
        yield opened


@pytest.fixture()
def client(index):
    with TestClient(create_app(ServerConfig(), index)) as test_client:
        yield test_client


def test_query_finds_the_source_with_compare_json(client, texts):
    response = client.post("/api/query", json={"text": texts["rewrite"], "top": 3})
    assert response.status_code == 200
    body = QueryOut.model_validate(response.json())  # the documented schema matches the answer exactly
    assert body.sources[0].doc_id == "ferry" and body.sources[0].verdict == "derived"
    assert body.suspect.id == "suspect" and body.suspect.length == len(texts["rewrite"])
    assert "concerts" not in [source.doc_id for source in body.sources]


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"text": "   "}, 422, "invalid_input"),
    ({"text": "Some text.", "top": 0}, 422, "invalid_request"),
    ({"text": "Some text.", "index": "/etc"}, 422, "invalid_request"),
    ({}, 422, "invalid_request"),
])
def test_query_errors(client, body, status, code):
    response = client.post("/api/query", json=body)
    assert response.status_code == status and response.json()["error"] == code


def test_query_routes_exist_only_with_an_index(client):
    assert "/api/query" in client.get("/api/openapi.json").json()["paths"]
    with TestClient(create_app(ServerConfig())) as bare:
        assert bare.post("/api/query", json={"text": "x"}).status_code == 404
        assert "/query" not in bare.get("/").text


def test_query_pages_list_sources_and_open_a_report(client, texts):
    assert 'href="/query"' in client.get("/").text
    assert 'name="text"' in client.get("/query").text
    results = client.post("/query", data={"text": texts["xss_rewrite"], "top": "5"})
    assert results.status_code == 200 and "library" in results.text
    assert "<script>alert" not in results.text and "&lt;script&gt;alert" in results.text
    report = client.post("/query/report", data={"text": texts["xss_rewrite"], "top": "5", "doc_id": "library"})
    assert report.status_code == 200 and 'class="al ' in report.text
    missing = client.post("/query/report", data={"text": texts["xss_rewrite"], "doc_id": "concerts"})
    assert missing.status_code == 404 and "not among this text" in missing.text


def test_document_route_returns_the_exact_text_and_sentence_spans(client, texts):
    response = client.get("/api/documents/ferry")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "ferry" and body["title"] == "Ferry terminal" and body["text"] == texts["original"]
    assert body["length"] == len(texts["original"]) and body["sentences"]
    for sentence in body["sentences"]:
        start, end = sentence["span"]
        assert 0 <= start < end <= len(body["text"]) and body["text"][start:end].strip() == body["text"][start:end]


def test_document_route_errors(client):
    missing = client.get("/api/documents/no-such-id")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert "no-such-id" in missing.json()["detail"]
    with TestClient(create_app(ServerConfig())) as bare:
        assert bare.get("/api/documents/ferry").status_code == 404
