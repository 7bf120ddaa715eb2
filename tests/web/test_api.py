"""The HTTP API and pages, in process: every endpoint and every error answer."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from unspun import compare
from unspun.cli.main import app as cli_app
from unspun.errors import ConfigError
from unspun.web import ServerConfig, create_app
from unspun.web.limits import WorkLimiter
from unspun.web.schemas import ComparisonOut

from .conftest import BrokenEmbedder, SlowEmbedder


@pytest.fixture()
def client():
    with TestClient(create_app(ServerConfig(max_body_bytes=20_000))) as test_client:
        yield test_client


def _pair(texts):
    return {"text_a": texts["original"], "text_b": texts["rewrite"]}


def test_compare_answers_compare_json(client, texts):
    response = client.post("/api/compare", json=_pair(texts))
    assert response.status_code == 200
    body = response.json()
    ComparisonOut.model_validate(body)  # the documented schema matches the real answer, field for field
    assert body == json.loads(json.dumps(compare(texts["original"], texts["rewrite"]).to_dict()))
    assert body["verdict"] == "derived" and body["source"] == "a"


def test_compare_dates_decide_direction(client, texts):
    response = client.post("/api/compare", json={**_pair(texts), "date_a": "2024-03-02", "date_b": "2024-03-01"})
    assert response.json()["source"] == "b" and response.json()["direction_method"] == "dates"


@pytest.mark.parametrize(("body", "needle"), [
    ({"text_b": "x"}, "body.text_a: Field required"),
    ({"text_a": "x", "text_b": "y", "path": "/etc/passwd"}, "body.path: Extra inputs are not permitted"),
    ({"text_a": 3, "text_b": "y"}, "body.text_a: Input should be a valid string"),
])
def test_malformed_requests_are_422(client, body, needle):
    response = client.post("/api/compare", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request" and needle in response.json()["detail"]


def test_invalid_json_is_422(client):
    response = client.post("/api/compare", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"


@pytest.mark.parametrize(("body", "detail"), [
    ({"text_a": "  \n ", "text_b": "Some text."}, "a: text is empty"),
    ({"text_a": "Some text.", "text_b": "More text.", "date_b": "last week"}, "date of b: 'last week'"),
])
def test_unusable_input_is_422_with_unspun_message(client, body, detail):
    response = client.post("/api/compare", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_input" and detail in response.json()["detail"]


def test_body_over_limit_is_413_from_content_length(client):
    response = client.post("/api/compare", json={"text_a": "word " * 5000, "text_b": "x"})
    assert response.status_code == 413 and response.json()["error"] == "body_too_large"


def test_streamed_body_over_limit_is_413(client):
    chunks = (b'{"text_a": "' + b"w" * 4000 for _ in range(10))  # no Content-Length: chunked upload
    response = client.post("/api/compare", content=chunks, headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"] == "body_too_large"


def test_unknown_route_and_wrong_method_are_json(client):
    assert client.get("/api/nothing").json() == {"error": "not_found", "detail": "Not Found"}
    response = client.get("/api/compare")
    assert response.status_code == 405 and response.json()["error"] == "method_not_allowed"


def test_a_bug_is_a_500_without_internals(texts):
    with TestClient(create_app(embedder=BrokenEmbedder()), raise_server_exceptions=False) as client:
        response = client.post("/api/compare", json=_pair(texts))
    assert response.status_code == 500
    assert response.json()["error"] == "internal_error" and "boom" not in response.text


def _concurrent_posts(app, bodies):
    """Send ``bodies`` to POST /api/compare at the same time; the responses in order."""
    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.post("/api/compare", json=body) for body in bodies))
    return asyncio.run(run())


def test_slow_comparison_is_504(texts):
    app = create_app(ServerConfig(request_timeout=0.2), embedder=SlowEmbedder(0.5))
    (response,) = _concurrent_posts(app, [_pair(texts)])
    assert response.status_code == 504 and response.json()["error"] == "timeout"


def test_full_queue_is_429_with_retry_after(texts):
    app = create_app(ServerConfig(max_concurrent=1, max_queued=0), embedder=SlowEmbedder(0.3))
    statuses = sorted(r.status_code for r in _concurrent_posts(app, [_pair(texts)] * 2))
    assert statuses == [200, 429]


def test_no_free_slot_in_time_is_503(texts):
    app = create_app(ServerConfig(max_concurrent=1, max_queued=1, request_timeout=0.3), embedder=SlowEmbedder(0.5))
    responses = _concurrent_posts(app, [_pair(texts)] * 2)
    assert sorted(r.status_code for r in responses) == [503, 504]
    assert all(r.headers.get("retry-after") == "1" for r in responses if r.status_code == 503)


def test_limiter_frees_every_slot_after_timeouts():
    async def run():
        limiter = WorkLimiter(max_concurrent=1, max_queued=4, timeout=0.05)
        results = await asyncio.gather(*(limiter.run(lambda: __import__("time").sleep(0.1)) for _ in range(3)),
                                       return_exceptions=True)
        await asyncio.sleep(0.5)
        limiter.close()
        return results, limiter.admitted
    results, admitted = asyncio.run(run())
    assert sorted(error.status_code for error in results) == [503, 503, 504]
    assert admitted == 0


def test_openapi_documents_the_api(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/compare"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("CompareRequest")
    assert {"200", "413", "422", "429", "503", "504"} <= set(operation["responses"])
    assert "ComparisonOut" in schema["components"]["schemas"]
    assert list(schema["paths"]) == ["/api/compare"]  # pages are not part of the API


def test_form_page(client):
    response = client.get("/")
    assert response.status_code == 200 and 'name="text_a"' in response.text and 'name="file_b"' in response.text
    assert "script-src" not in response.headers["content-security-policy"]
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_pasted_texts_give_the_report_page(client, texts):
    response = client.post("/compare", data={"text_a": texts["xss_original"], "text_b": texts["xss_rewrite"],
                                             "date_a": "", "date_b": ""})
    assert response.status_code == 200 and 'class="al ' in response.text
    assert "&lt;script&gt;alert" in response.text and "<script>alert" not in response.text


def test_uploaded_files_are_used_by_name_only(client, texts):
    files = {"file_a": ("../../etc/passwd", texts["original"].encode("cp1252")),
             "file_b": ("rewrite.txt", texts["rewrite"].encode())}
    response = client.post("/compare", data={"text_a": "ignored", "text_b": ""}, files=files)
    assert response.status_code == 200
    assert "passwd" in response.text and "root:" not in response.text  # a name, never a path that is opened
    assert "Harbour council approves new ferry terminal" in response.text


def test_form_errors_are_pages(client):
    response = client.post("/compare", data={"text_a": "", "text_b": "Something."})
    assert response.status_code == 422 and "text/html" in response.headers["content-type"]
    assert "A: text is empty" in response.text
    response = client.post("/compare", files={"file_a": ("a.bin", b"\x00\x01\x02binary")}, data={"text_b": "x"})
    assert response.status_code == 422 and "looks like a binary file" in response.text
    response = client.post("/compare", data={"text_a": "w" * 30_000, "text_b": "x"})
    assert response.status_code == 413 and "text/html" in response.headers["content-type"]


def test_server_config_validates():
    with pytest.raises(ConfigError, match="port"):
        ServerConfig(port=0)
    with pytest.raises(ConfigError, match="max_concurrent"):
        ServerConfig(max_concurrent=0)


def test_serve_command_runs_uvicorn_with_the_options(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    result = CliRunner().invoke(cli_app, ["serve", "--port", "8123", "--workers", "3"])
    assert result.exit_code == 0, result.output
    (app, options), = calls
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert app.title == "unspun"


def test_form_over_its_field_limits_is_400_page(client):
    response = client.post("/compare", data={f"field{i}": "x" for i in range(20)})
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]
    assert "Too many fields" in response.text
