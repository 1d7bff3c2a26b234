"""``mediamon analyze`` and ``mediamon rules validate|test``.

``analyze`` reads JSON Lines ``{"id", "title", "text"}`` and writes one ``Analysis`` per line. A bad
input line is never dropped silently: it gives ``{"error": ..., "line": N}`` on stdout in its place (so
output line N still answers input line N), a message with the line number on stderr, and exit code 1
at the end. Exit 0 means every line was analysed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from mediamon.analysis.engine import Engine
from mediamon.analysis.matcher import Matcher, RuleMatch
from mediamon.analysis.normalize import PreparedText
from mediamon.analysis.rules import RuleSet, load_rules_dir
from mediamon.errors import ConfigError
from mediamon.settings import get_settings


class AnalyzeInput(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    title: str = ""
    text: str = ""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = subparsers.add_parser("analyze", help="analyse JSON Lines articles {id,title,text}")
    analyze.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for stdin")
    analyze.add_argument("--rules", type=Path, default=None, help="rules directory")
    analyze.set_defaults(func=_analyze)

    rules = subparsers.add_parser("rules", help="validate or try alert and topic rules")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    validate = rules_sub.add_parser("validate", help="check every rule file in a directory")
    validate.add_argument("dir", nargs="?", type=Path, default=None)
    validate.set_defaults(func=_validate)
    test = rules_sub.add_parser("test", help="show what a rule matches in a file and why")
    test.add_argument("rule", help="rule id")
    test.add_argument("file", help="plain text or JSON Lines {id,title,text}; - for stdin")
    test.add_argument("--rules", type=Path, default=None, help="rules directory")
    test.set_defaults(func=_test)


def _open(name: str) -> IO[str]:
    if name == "-":
        return sys.stdin
    try:
        return open(name, encoding="utf-8", errors="strict")
    except OSError as exc:
        raise ConfigError(f"{name}: cannot open: {exc.strerror}") from exc


def _rules(directory: Path | None) -> RuleSet:
    return load_rules_dir(directory or get_settings().rules_dir)


def _parse_line(line: str) -> AnalyzeInput:
    data: Any = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("a line must be a JSON object {id, title, text}")
    return AnalyzeInput.model_validate(data)


def _lines(stream: IO[str]) -> Iterator[tuple[int, str | None]]:
    """Numbered lines; ``None`` for a line that is not valid UTF-8."""
    buffer = getattr(stream, "buffer", None)
    source = buffer if buffer is not None else stream
    for number, raw in enumerate(source, start=1):
        if isinstance(raw, bytes):
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, None
        else:
            yield number, raw


def _analyze(args: argparse.Namespace) -> int:
    engine = Engine(_rules(args.rules))
    stream = _open(args.file)
    failures = 0
    out = sys.stdout
    try:
        for number, line in _lines(stream):
            if line is not None and not line.strip():
                continue
            try:
                if line is None:
                    raise ValueError("line is not valid UTF-8")
                item = _parse_line(line)
            except (ValueError, ValidationError) as exc:
                failures += 1
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                print(f"mediamon analyze: line {number}: {reason}", file=sys.stderr)
                out.write(json.dumps({"error": reason, "line": number}, ensure_ascii=False) + "\n")
                continue
            out.write(engine.analyze(item.id, item.title, item.text).model_dump_json() + "\n")
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 1 if failures else 0


def _validate(args: argparse.Namespace) -> int:
    rules = _rules(args.dir)
    for rule in rules.rules:
        print(
            f"ok  {rule.id:<16} {rule.kind:<5} {rule.severity or '-':<8} "
            f"{len(rule.patterns)} patterns, {len(rule.exclusions)} exclusions  ({rule.source.name})"
        )
    print(f"{len(rules.rules)} rules valid")
    return 0


def _documents(name: str) -> Iterator[tuple[str, str]]:
    """(label, text) pairs: each JSONL line's title and text, or the whole file as plain text."""
    stream = _open(name)
    try:
        content = stream.read()
    finally:
        if stream is not sys.stdin:
            stream.close()
    lines = [ln for ln in content.splitlines() if ln.strip()]
    try:
        items = [_parse_line(ln) for ln in lines]
    except (ValueError, ValidationError):
        yield name, content
        return
    for item in items:
        yield f"{item.id} title", item.title
        yield f"{item.id} text", item.text


def _describe(prepared: PreparedText, match: RuleMatch) -> str:
    ostart, oend = prepared.original_span(match.start, match.end)
    phrase = prepared.original[ostart:oend]
    verdict = f"SUPPRESSED by exclusion «{match.suppressed_by}»" if match.suppressed_by else "MATCH"
    why = f"pattern «{match.pattern}»" + (f" near «{match.near}»" if match.near else "")
    return f"  {verdict}  [{ostart}:{oend}] «{phrase}»  {why}"


def _test(args: argparse.Namespace) -> int:
    rules = _rules(args.rules)
    rule = rules.get(args.rule)
    matcher = Matcher(RuleSet((rule,)))
    total = 0
    for label, text in _documents(args.file):
        prepared = PreparedText.of(text)
        matches = matcher.find(prepared.norm, keep_suppressed=True)
        if not matches:
            continue
        print(f"{label}:")
        for match in matches:
            total += match.suppressed_by is None
            print(_describe(prepared, match))
    print(f"rule {rule.id}: {total} match(es)")
    return 0
