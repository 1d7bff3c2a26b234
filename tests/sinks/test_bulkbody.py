"""The bulk request body made as bytes (pure): NDJSON lines, one line per document, requests cut by count and bytes;
the sink's client sends it as it is."""

from __future__ import annotations

import json

import pytest
from elasticsearch.serializer import CompatibilityModeNdjsonSerializer, NdjsonSerializer

from mediamon.sinks.bulkbody import Operation, body, index_operation, one_line, requests, upsert_operation
from mediamon.sinks.elasticsearch import SERIALIZERS


def _lines(payload: bytes) -> list[object]:
    assert payload.endswith(b"\n")
    return [json.loads(line) for line in payload[:-1].split(b"\n")]


def test_an_index_operation_is_its_action_line_and_the_documents_own_bytes() -> None:
    source = '{"title":"هدنة \\"جديدة\\"","n":1}'.encode()
    operation = index_operation(7, "articles-2026.11", 'id"1', source)
    assert operation.position == 7 and operation.key == ("articles-2026.11", 'id"1')
    head, doc = operation.lines[:-1].split(b"\n")
    assert json.loads(head) == {"index": {"_index": "articles-2026.11", "_id": 'id"1'}}
    assert doc == source  # not parsed and written again: the bytes as they came


def test_an_upsert_keeps_the_fields_it_does_not_name() -> None:
    operation = upsert_operation(0, "alerts-2026.11", "a1", {"rule": ["casualties"], "n": 2})
    assert _lines(operation.lines) == [{"update": {"_index": "alerts-2026.11", "_id": "a1"}},
                                       {"doc": {"rule": ["casualties"], "n": 2}, "doc_as_upsert": True}]


def test_a_document_written_with_an_indent_goes_on_one_line_as_the_same_json() -> None:
    document = {"title": "سطر\nثان", "list": [1, 2], "inner": {"a": "\r\n"}}
    indented = json.dumps(document, indent=2, ensure_ascii=False).encode()
    assert b"\n" in indented
    flat = one_line(indented)
    assert b"\n" not in flat and json.loads(flat) == document
    operation = index_operation(0, "i", "x", indented)
    assert operation.lines.count(b"\n") == 2
    assert _lines(operation.lines)[1] == document


def test_a_body_is_the_operations_in_order() -> None:
    ops = [index_operation(i, "i", f"d{i}", b'{"n":%d}' % i) for i in range(3)]
    assert _lines(body(ops)) == [{"index": {"_index": "i", "_id": "d0"}}, {"n": 0},
                                 {"index": {"_index": "i", "_id": "d1"}}, {"n": 1},
                                 {"index": {"_index": "i", "_id": "d2"}}, {"n": 2}]


def _op(position: int, size: int) -> Operation:
    return Operation(position, "i", str(position), b"x" * size)


def test_requests_are_cut_by_count() -> None:
    chunks = list(requests([_op(i, 10) for i in range(7)], max_count=3, max_bytes=10_000))
    assert [[op.position for op in chunk] for chunk in chunks] == [[0, 1, 2], [3, 4, 5], [6]]


def test_requests_are_cut_by_bytes_and_a_larger_operation_goes_alone() -> None:
    sizes = [40, 40, 30, 100, 10, 10]
    chunks = list(requests([_op(i, size) for i, size in enumerate(sizes)], max_count=100, max_bytes=100))
    assert [[op.position for op in chunk] for chunk in chunks] == [[0, 1], [2], [3], [4, 5]]
    assert all(sum(len(op.lines) for op in chunk) <= 100 for chunk in chunks)
    assert list(requests([], max_count=3, max_bytes=100)) == []


@pytest.mark.parametrize("mimetype", [NdjsonSerializer.mimetype, CompatibilityModeNdjsonSerializer.mimetype])
def test_the_sinks_client_sends_a_body_made_as_bytes_as_it_is_and_anything_else_as_the_client_would(
        mimetype: str) -> None:
    payload = body([index_operation(0, "articles-2026.11", "a1", b'{"title":"\\u062e\\u0628\\u0631"}'),
                    upsert_operation(1, "alerts-2026.11", "b2", {"rule": "ceasefire"})])
    ours = SERIALIZERS[mimetype]
    stock = NdjsonSerializer()
    assert ours.dumps(payload) is payload  # not copied
    assert ours.dumps(payload) == stock.dumps(payload)
    for other in (payload[:-1], [{"index": {"_index": "x"}}, {"a": 1}], payload.decode()):  # no final newline...
        assert ours.dumps(other) == stock.dumps(other)
