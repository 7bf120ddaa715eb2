"""The scan routes: a scan folder loaded once, its families and sites as JSON and pages, and pair reports on demand.

The scan is :func:`tests.report.test_scan_html.make_scan`, written with the scan's own writer; the index holds
three of its members (invented articles from ``tests/fixtures/port_strike``) so that ``/pair`` can compare them.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from unspun.cli.main import run
from unspun.errors import InputError
from unspun.index import Index
from unspun.scan.output import write_results
from unspun.stages.ingest.records import SourceRecord
from unspun.web import ServerConfig, create_app
from unspun.web.scan import load_scan, pair_href
from unspun.web.schemas import FamiliesOut, FamilyOut, SitesOut

from ..report.test_scan_html import (
    BIG,
    COPYCAT,
    FARM,
    HOSTILE_ID,
    ORIGINAL,
    REWRITE,
    SMALL,
    all_edges,
    make_scan,
)

STORY = Path(__file__).parents[1] / "fixtures" / "port_strike"


def write_scan(folder: Path) -> Path:
    """Write :func:`make_scan` as ``unspun scan`` would; return the folder."""
    result = make_scan(str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    write_results(folder, pairs=result.pairs, families=result.families, sites=result.sites,
                  boilerplate=result.boilerplate, summary=result.summary, errors=[])
    return folder


def build_index(folder: Path) -> Index:
    """An index holding the big family's original, its rewrite and the rewrite's copy (with a hostile id)."""
    texts = {ORIGINAL: "original", REWRITE: "paraphrase", HOSTILE_ID: "near_copy"}
    records = [SourceRecord(id=doc_id, text=(STORY / f"{name}.txt").read_text("utf-8"), source="fixtures")
               for doc_id, name in texts.items()]
    index = Index.open(folder)
    index.add(records)
    return index


@pytest.fixture(scope="module")
def scan_dir(tmp_path_factory) -> Path:
    return write_scan(tmp_path_factory.mktemp("scan"))


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    opened = build_index(tmp_path_factory.mktemp("index"))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(scan_dir):
    with TestClient(create_app(ServerConfig(), scan=load_scan(scan_dir))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def indexed_client(scan_dir, index):
    with TestClient(create_app(ServerConfig(), index, scan=load_scan(scan_dir))) as test_client:
        yield test_client


def test_loading_gives_back_the_scan(scan_dir):
    loaded, made = load_scan(scan_dir), make_scan(str(scan_dir))
    assert loaded == replace(made, summary=replace(made.summary, seconds={}))


@pytest.mark.parametrize(("damage", "needle"), [
    (lambda d: (d / "sites.jsonl").unlink(), "sites.jsonl: missing"),
    (lambda d: (d / "families.jsonl").write_text('{"id": "x"}\n{not json\n'), "families.jsonl: line 1: not a scan"),
    (lambda d: (d / "pairs.jsonl").write_text("\n{not json\n"), "pairs.jsonl: line 2: not valid JSON"),
    (lambda d: (d / "sites.jsonl").write_text(json.dumps({**make_scan().sites[0].to_dict(), "documents": "two"})),
     "sites.jsonl: line 1: not a scan record (documents: expected int, got 'two')"),
    (lambda d: (d / "summary.json").write_text("[]"), "summary.json: not a scan summary"),
])
def test_a_missing_or_malformed_file_is_named(tmp_path, damage, needle):
    folder = write_scan(tmp_path / "scan")
    damage(folder)
    with pytest.raises(InputError) as caught:
        load_scan(folder)
    assert needle in str(caught.value) and "\n" not in str(caught.value)


def test_serve_with_a_bad_scan_folder_exits_2_naming_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["unspun", "serve", "--scan", str(tmp_path / "nowhere")])
    with pytest.raises(SystemExit) as done:
        run()
    error = capsys.readouterr().err
    assert done.value.code == 2 and error.count("\n") == 1 and "nowhere: not a folder" in error


def test_serve_with_a_scan_mounts_its_routes(scan_dir, monkeypatch):
    import uvicorn

    apps = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: apps.append(app))
    monkeypatch.setattr(sys, "argv", ["unspun", "serve", "--scan", str(scan_dir)])
    run()
    with TestClient(apps[0]) as served:
        assert served.get("/api/sites").status_code == 200


def test_families_list_largest_first_with_paging(client):
    body = FamiliesOut.model_validate(client.get("/api/families").json())
    assert body.total == 2 and [f.id for f in body.families] == [BIG, SMALL] and body.families[0].size == 4
    second = client.get("/api/families", params={"offset": 1, "limit": 1}).json()
    assert second["total"] == 2 and [f["id"] for f in second["families"]] == [SMALL]
    assert client.get("/api/families", params={"offset": 5}).json()["families"] == []


def test_families_filter_by_site(client):
    assert [f["id"] for f in client.get("/api/families", params={"site": COPYCAT}).json()["families"]] == [BIG]
    assert client.get("/api/families", params={"site": FARM}).json()["total"] == 2
    assert client.get("/api/families", params={"site": "nowhere.example"}).json()["total"] == 0


@pytest.mark.parametrize("params", [{"limit": 501}, {"limit": 0}, {"offset": -1}, {"offset": "x"}])
def test_families_paging_is_bounded(client, params):
    response = client.get("/api/families", params=params)
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"


def test_one_family_with_its_edges(client):
    response = client.get("/api/families/" + quote(SMALL, safe=""))
    body = FamilyOut.model_validate(response.json())
    assert body.id == SMALL and [(e.source, e.derived) for e in body.edges] == [("tram-line", "tram-farm")]
    big = FamilyOut.model_validate(client.get(f"/api/families/{BIG}").json())
    assert len(big.edges) == 3 and big.edges[1].alternatives == [ORIGINAL]


def test_unknown_family_is_404_json(client):
    response = client.get("/api/families/no-such-family")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "no family with id 'no-such-family' in this scan"}


def test_sites_table_in_rank_order(client):
    body = SitesOut.model_validate(client.get("/api/sites").json())
    assert [site.site for site in body.sites] == [FARM, COPYCAT, "news.example"]
    assert body.sites[0].chatbot_examples[0].id == REWRITE


def test_only_the_api_is_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/families", "/api/families/{family_id}", "/api/sites"} <= set(paths)
    assert not {"/families", "/families/{family_id}", "/sites", "/scan", "/pair"} & set(paths)


def test_scan_routes_exist_only_with_a_scan():
    with TestClient(create_app(ServerConfig())) as bare:
        assert bare.get("/api/families").status_code == 404 and bare.get("/families").status_code == 404
        assert bare.get("/pair", params={"a": "x", "b": "y"}).status_code == 404
        assert "/families" not in bare.get("/").text


def test_pages_render_escaped(client):
    home = client.get("/").text
    assert 'href="/families"' in home and 'href="/sites"' in home
    for path in ("/families", f"/families/{BIG}", "/sites", "/scan", "/families?site=" + quote(FARM)):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "<script>alert" not in response.text and "&lt;script&gt;alert" in response.text, path
        assert "text/html" in response.headers["content-type"]


def test_families_page_links_each_family(client):
    page = client.get("/families").text
    assert 'href="/families/fam-valmora"' in page and f'href="/families/{quote(SMALL, safe="")}"' in page
    paged = client.get("/families", params={"limit": 1}).text
    assert 'rel="next"' in paged and "offset=1" in paged and 'rel="prev"' not in paged


def test_family_page_draws_the_tree_and_explains_missing_pair_links(client):
    page = client.get(f"/families/{BIG}").text
    assert page.count("<li>") == 4 and 'class="tree"' in page and "/pair?" not in page
    assert "unspun serve INDEX_DIR --scan SCAN_DIR" in page
    assert client.get("/families/nope").status_code == 404


def test_sites_page_has_table_and_network(client):
    page = client.get("/sites").text
    assert '<table class="sites">' in page and '<svg class="net"' in page and page.count('class="flow"') == 2


def test_pair_without_an_index_is_409(client):
    response = client.get("/pair", params={"a": ORIGINAL, "b": REWRITE})
    assert response.status_code == 409 and "unspun serve INDEX_DIR --scan SCAN_DIR" in response.text


def test_family_page_with_an_index_links_every_edge(indexed_client, scan_dir):
    page = indexed_client.get(f"/families/{BIG}").text
    for source, derived in all_edges(load_scan(scan_dir))[1:]:  # the big family's three edges
        assert pair_href(source, derived).replace("&", "&amp;") in page
    assert "copy%2F%3Cscript%3Ealert%28%22id%22%29%3C%2Fscript%3E" in page


def test_pair_report_compares_indexed_documents(indexed_client):
    response = indexed_client.get(pair_href(REWRITE, HOSTILE_ID))
    assert response.status_code == 200 and 'class="al ' in response.text
    assert "Content-Security-Policy" in response.text and "&lt;script&gt;alert" in response.text


@pytest.mark.parametrize(("params", "status"), [({"a": ORIGINAL, "b": "missing-doc"}, 404),
                                                ({"a": ORIGINAL}, 422), ({"a": "", "b": REWRITE}, 422)])
def test_pair_errors(indexed_client, params, status):
    assert indexed_client.get("/pair", params=params).status_code == status


def test_pair_works_with_an_index_alone(index):
    with TestClient(create_app(ServerConfig(), index)) as only_index:
        response = only_index.get(pair_href(ORIGINAL, REWRITE))
        assert response.status_code == 200 and 'class="al ' in response.text
        assert only_index.get("/families").status_code == 404
