"""The body of an Elasticsearch bulk request, made as bytes (pure).

The sink holds each article's document as JSON bytes already (sinks/fastpath.py, documents.document_json), so the
body is those bytes with an action line before each: no dict per action, no serialisation by the client's bulk
helper. Requests are cut by count and by bytes.

NDJSON ends a line at ``\\n``. A document that is valid JSON holds ``\\n`` only as whitespace between tokens (a
string holds it escaped, and no byte of a multi-byte UTF-8 character is 0x0A), so one from a message written with
an indent has its newlines made spaces: the same JSON, on one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from pydantic_core import to_json


class Operation(NamedTuple):
    """One action of a bulk request: where it goes and its lines (the action line and the source line, each ending
    in a newline). ``position``: the caller's index of the item it writes."""

    position: int
    index_name: str
    id: str
    lines: bytes

    @property
    def key(self) -> tuple[str, str]:
        return self.index_name, self.id


def one_line(source: bytes) -> bytes:
    """``source`` (valid JSON) without a raw newline: the same JSON."""
    return source.replace(b"\n", b" ") if b"\n" in source else source


@lru_cache(maxsize=256)
def _index_head(index: str) -> bytes:
    """The start of an index action line, up to its id (one per monthly index)."""
    return to_json({"index": {"_index": index}})[:-2] + b',"_id":'


def index_operation(position: int, index: str, doc_id: str, source: bytes) -> Operation:
    """Index (create or replace) ``source``, a JSON object as bytes, under ``doc_id``."""
    if b"\n" in source:
        source = one_line(source)
    return Operation(position, index, doc_id, b"".join((_index_head(index), to_json(doc_id), b"}}\n", source, b"\n")))


def upsert_operation(position: int, index: str, doc_id: str, doc: dict[str, Any]) -> Operation:
    """Update ``doc_id`` with the fields of ``doc`` (the others stay), creating it if it is missing."""
    head = to_json({"update": {"_index": index, "_id": doc_id}})
    return Operation(position, index, doc_id, b"".join((head, b"\n", to_json({"doc": doc, "doc_as_upsert": True}),
                                                         b"\n")))


def requests(operations: Iterable[Operation], max_count: int, max_bytes: int) -> Iterator[list[Operation]]:
    """The operations in order, cut into requests of at most ``max_count`` operations and ``max_bytes`` bytes (an
    operation larger than ``max_bytes`` goes alone)."""
    chunk: list[Operation] = []
    size = 0
    for operation in operations:
        length = len(operation.lines)
        if chunk and (len(chunk) >= max_count or size + length > max_bytes):
            yield chunk
            chunk, size = [], 0
        chunk.append(operation)
        size += length
    if chunk:
        yield chunk


def body(operations: Iterable[Operation]) -> bytes:
    return b"".join(operation.lines for operation in operations)
