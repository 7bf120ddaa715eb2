"""The documented JSON result (README, issue 2) as a JSON Schema, checked against every fixture comparison."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from unspun.stages.report import to_json

_SPAN = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
_SPANS = {"type": "array", "items": _SPAN, "minItems": 1, "maxItems": 2}
_UNIT = {"type": "number", "minimum": 0, "maximum": 1}
_COUNT = {"type": "integer", "minimum": 0}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_SPAN_OR_NULL = {"anyOf": [_SPAN, {"type": "null"}]}
_DOCUMENT = {
    "type": "object", "required": ["id", "title", "length"],
    "properties": {"id": {"type": "string", "minLength": 1}, "title": _TEXT_OR_NULL,
                   "length": {"type": "integer", "minimum": 1}},
}
_EDIT = {
    "type": "object", "required": ["op", "a_span", "b_span"],
    "properties": {"op": {"enum": ["equal", "replace", "insert", "delete"]}, "a_span": _SPAN, "b_span": _SPAN,
                   "a_text": {"type": "string"}, "b_text": {"type": "string"}},
}
_ALIGNMENT = {
    "type": "object", "required": ["a_spans", "b_spans", "kind", "score", "diff"],
    "properties": {"a_spans": _SPANS, "b_spans": _SPANS,
                   "kind": {"enum": ["verbatim", "minor_edit", "paraphrase", "merge", "split"]},
                   "score": _UNIT, "diff": {"type": "array", "items": _EDIT}},
}
_PIECE = {
    "type": "object", "required": ["side", "span", "text"], "additionalProperties": False,
    "properties": {"side": {"enum": ["a", "b"]}, "span": _SPAN, "text": {"type": "string", "minLength": 1}},
}
_FACT = {
    "type": "object", "required": ["kind", "a_text", "b_text", "a_span", "b_span"],
    "properties": {"kind": {"enum": ["number", "amount", "percentage", "date", "time", "entity", "quote", "negation",
                                     "polarity"]},
                   "a_text": _TEXT_OR_NULL, "b_text": _TEXT_OR_NULL, "a_span": _SPAN_OR_NULL,
                   "b_span": _SPAN_OR_NULL},
    "anyOf": [{"properties": {"a_text": {"type": "string"}, "a_span": _SPAN}},
              {"properties": {"b_text": {"type": "string"}, "b_span": _SPAN}}],
}
_EMPTY = {"type": "array", "maxItems": 0}
COMPARISON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "unspun compare result",
    "type": "object",
    "required": ["version", "verdict", "source", "direction_confidence", "coverage", "a", "b", "alignments",
                 "dropped", "added", "boilerplate", "changed_facts"],
    "properties": {
        "version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+"},
        "verdict": {"enum": ["derived", "partially_derived", "same_story", "unrelated"]},
        "source": {"enum": ["a", "b", None]},
        "direction_confidence": _UNIT,
        "coverage": {"type": "object", "required": ["a_in_b", "b_in_a"],
                     "properties": {"a_in_b": _UNIT, "b_in_a": _UNIT}},
        "a": _DOCUMENT, "b": _DOCUMENT,
        "alignments": {"type": "array", "items": _ALIGNMENT},
        "dropped": {"type": "array", "items": _PIECE},
        "added": {"type": "array", "items": _PIECE},
        "boilerplate": {"type": "array", "items": _PIECE},
        "changed_facts": {"type": "array", "items": _FACT},
        "retold": {"type": "object", "required": ["details", "kept", "in_order", "sentences_in_order", "moved_block",
                                              "probability"],
                   "additionalProperties": False,
                   "properties": {"details": _COUNT, "kept": _COUNT, "in_order": _COUNT,
                                  "sentences_in_order": _COUNT, "moved_block": {"type": "boolean"},
                                  "probability": _UNIT}},
    },
    "allOf": [
        {"if": {"properties": {"verdict": {"enum": ["same_story", "unrelated"]}}},
         "then": {"properties": {"source": {"const": None}, "alignments": _EMPTY, "dropped": _EMPTY,
                                 "added": _EMPTY, "changed_facts": _EMPTY,
                                 "coverage": {"properties": {"a_in_b": {"const": 0}, "b_in_a": {"const": 0}}}}}},
        {"if": {"properties": {"verdict": {"const": "derived"}}},
         "then": {"properties": {"source": {"enum": ["a", "b"]}, "alignments": {"minItems": 1}}}},
        {"if": {"properties": {"source": {"const": None}}},
         "then": {"properties": {"dropped": _EMPTY, "added": _EMPTY}}},
    ],
}
VALIDATOR = Draft202012Validator(COMPARISON_SCHEMA)
VARIANTS = ("paraphrase", "near_copy", "facts_changed", "trimmed_footer", "same_story", "unrelated")


def _errors(document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def test_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(COMPARISON_SCHEMA)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("reverse", [False, True], ids=["original-first", "variant-first"])
def test_every_fixture_result_matches_the_schema(corpus, story, variant, reverse):
    document = json.loads(to_json(corpus.compare(story, variant, reverse=reverse)))
    assert _errors(document) == []


def test_partial_reuse_matches_the_schema(corpus):
    assert _errors(json.loads(to_json(corpus.compare("port_strike", "partial_reuse")))) == []


def test_json_spells_out_documents_and_pieces(corpus):
    comparison = corpus.compare("port_strike", "trimmed_footer")
    document = json.loads(to_json(comparison))
    assert document["a"]["title"] == document["b"]["title"] == "Kelmsby dockworkers walk out over pay as talks collapse"
    assert (document["a"]["length"], document["b"]["length"]) == (len(comparison.a.text), len(comparison.b.text))
    assert document["a"]["id"] == "original.txt" and document["b"]["id"] == "trimmed_footer.txt"
    assert document["boilerplate"] == [{"side": "b", "span": list(comparison.boilerplate[0].span),
                                        "text": "Comments are closed, but trackbacks and pingbacks are open."}]


def _derived(corpus):
    return json.loads(to_json(corpus.compare("port_strike", "paraphrase")))


@pytest.mark.parametrize("path, value", [
    (("verdict",), "maybe"), (("source",), "c"), (("direction_confidence",), 1.5), (("coverage", "a_in_b"), -0.1),
    (("alignments", 0, "kind"), "copy"), (("alignments", 0, "a_spans", 0), [1, 2, 3]),
    (("alignments", 0, "a_spans"), []), (("dropped", 0, "side"), "c"), (("added", 0, "span"), [-1, 4]),
    (("changed_facts", 0, "kind"), "colour"), (("a", "length"), "long"), (("version",), "latest"),
])
def test_schema_rejects_broken_results(corpus, path, value):
    variant = "facts_changed" if path[0] == "changed_facts" else "paraphrase"
    document = copy.deepcopy(json.loads(to_json(corpus.compare("port_strike", variant))))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert _errors(document)


@pytest.mark.parametrize("field", ["verdict", "coverage", "alignments", "changed_facts", "a"])
def test_schema_requires_the_documented_fields(corpus, field):
    document = _derived(corpus)
    del document[field]
    assert _errors(document)


def test_schema_rejects_reuse_lists_on_an_unrelated_verdict(corpus):
    document = _derived(corpus)
    document["verdict"] = "unrelated"
    assert _errors(document)
