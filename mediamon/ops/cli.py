"""``mediamon replay reprocess|resink|reset-group`` (docs/replay.md).

Exit status: 0 done; 2 bad input or refused request; 3 the range holds no message; 4 the range is older than what
Kafka keeps; 5 reset-group refused, the group has active members; 130 interrupted (the message says how to resume).
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from elastic_transport import TransportError as ESTransportError
from elasticsearch import ApiError as ESApiError
from kafka.errors import KafkaError

from mediamon.errors import MediamonError, ReplayError
from mediamon.ops.replay_progress import ProgressReporter, Summary
from mediamon.ops.replay_range import (
    EmptyRange,
    TopicRange,
    note_partial_retention,
    parse_time,
    parse_window,
    resolve,
    retention_days,
)
from mediamon.ops.replay_read import range_consumer
from mediamon.ops.replay_state import RunState
from mediamon.settings import Settings, get_settings
from mediamon.topics import REPLAY_HEADER, Names

EXIT_INTERRUPTED = 130
TIME_HELP = "ISO-8601 (2026-12-01, 2026-12-01T06:00:00Z; UTC when no zone) or relative: 7d, 36h, 90m, 2w, now"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    replay = sub.add_parser("replay", help="reprocess or re-sink a time range, or move a consumer group",
                            description="Replay a time range of Kafka safely: no duplicates, no Slack pages. "
                                        "See docs/replay.md.")
    modes = replay.add_subparsers(dest="mode", required=True, metavar="MODE")

    def common(p: argparse.ArgumentParser, *, times: bool = True) -> None:
        if times:
            p.add_argument("--since", help=f"start of the range: {TIME_HELP}")
            p.add_argument("--until", help=f"end of the range (excluded; default: now): {TIME_HELP}")
        p.add_argument("--dry-run", action="store_true", help="show offsets, counts and targets; change nothing")
        p.add_argument("--plain", action="store_true", help="plain progress lines even on a terminal")

    p = modes.add_parser("reprocess", help="run the current analysis and rules over articles.raw in the range "
                                           "(results marked replay; Slack stays silent)")
    common(p)
    p.add_argument("--diff", action="store_true",
                   help="with --dry-run: back-test the current rules against what is indexed (nothing written)")
    p.add_argument("--json", action="store_true", help="with --diff: the back-test as JSON")
    p.add_argument("--resume", metavar="RUN_ID", help="continue an interrupted run")
    p.add_argument("--wait", action="store_true",
                   help="then follow the processor until it has read every copy, and count what it dead-lettered")
    p.add_argument("--wait-timeout", type=float, default=1800.0, metavar="SECONDS",
                   help="give up waiting after this long (default 1800)")
    p.set_defaults(func=cmd_reprocess)

    p = modes.add_parser("resink", help="index articles.enriched and/or alerts of the range into Elasticsearch")
    common(p)
    p.add_argument("--topics", default="enriched", help="roles to re-sink, comma-separated: enriched, alerts "
                                                        "(default: enriched)")
    p.add_argument("--index", help="write articles into this index (default: the live one) "
                                   "(after the ES rework: <index>-YYYY.MM)")
    p.add_argument("--alerts-index", help="write alerts into this index (needs the sink's alerts index)")
    p.add_argument("--switch-alias", action="store_true", help="afterwards point the read alias at --index")
    p.add_argument("--replace-index", action="store_true",
                   help="with --switch-alias, when the alias name is still a plain index: delete it in the same "
                        "atomic step")
    p.add_argument("--resume", metavar="RUN_ID", help="continue an interrupted run")
    p.set_defaults(func=cmd_resink)

    p = modes.add_parser("reset-group", help="move one of our consumer groups to a timestamp (refused while it has "
                                             "active members)")
    p.add_argument("group", help="a stage (processor, sink-elasticsearch, sink-slack) or its full group id")
    p.add_argument("--to", "--since", dest="to", required=True, help=f"the timestamp to move to: {TIME_HELP}")
    p.add_argument("--topic", action="append", dest="roles", metavar="ROLE",
                   help="only this input of the stage (a registry role: raw, enriched, alerts...); repeatable")
    common(p, times=False)
    p.set_defaults(func=cmd_reset_group)


# -- helpers ----------------------------------------------------------------------------------------------------------

def _reporter(args: argparse.Namespace) -> Callable[[str, int], ProgressReporter]:
    plain = True if getattr(args, "plain", False) else None
    return lambda label, total: ProgressReporter(label, total, force_plain=plain)


def _guarded(run: Callable[[argparse.Namespace, Settings], int]) -> Callable[[argparse.Namespace], int]:
    def wrapper(args: argparse.Namespace) -> int:
        if not getattr(args, "verbose", False):
            # elastic_transport logs each retry with its traceback; a replay reports the failure in one line
            logging.getLogger("elastic_transport").setLevel(logging.ERROR)
        try:
            return run(args, getattr(args, "settings", None) or get_settings())
        except ReplayError as exc:
            print(f"mediamon replay: {exc}", file=sys.stderr)
            return int(getattr(exc, "exit_code", 2))
        except MediamonError as exc:  # e.g. a rule file the back-test cannot load: the message names file and rule
            print(f"mediamon replay: {exc}", file=sys.stderr)
            return 2
        except KafkaError as exc:
            settings = getattr(args, "settings", None) or get_settings()
            print(f"mediamon replay: Kafka at {settings.kafka_bootstrap} failed: {type(exc).__name__}: {exc}; "
                  "nothing is lost: re-run (or --resume) when it is back", file=sys.stderr)
            return 2
        except (ESTransportError, ESApiError) as exc:
            print(f"mediamon replay: Elasticsearch failed: {type(exc).__name__}: {str(exc)[:300]}; re-run (or "
                  "--resume) when it is back", file=sys.stderr)
            return 2
    return wrapper


def _resolve(settings: Settings, roles: list[str], since: str | None, until: str | None) -> list[TopicRange]:
    if not since:
        raise ReplayError("--since is required (or --resume RUN_ID)")
    start, end = parse_window(since, until)
    names = Names.from_settings(settings)
    consumer = range_consumer(settings, "mediamon-replay-plan")
    out: list[TopicRange] = []
    empty: list[EmptyRange] = []
    try:
        for role in roles:
            try:
                out.append(resolve(consumer, names.topic(role), start, end,
                                   retention_days=retention_days(settings, names.topic(role))))
            except EmptyRange as exc:  # one empty topic of several is fine; all empty is not
                empty.append(exc)
    finally:
        consumer.close()
    if not out:
        raise empty[0]
    for skipped in empty:
        print(f"note: {skipped}", file=sys.stderr)
    for found in out:
        note = note_partial_retention(found)
        if note:
            print(note, file=sys.stderr)
    return out


def _print_ranges(ranges: list[TopicRange]) -> None:
    for found in ranges:
        print(f"{found.describe()}:")
        for line in found.table():
            print(f"  {line}")


@contextmanager
def _ctrl_c() -> Iterator[threading.Event]:
    """The first Ctrl-C (or SIGTERM) asks the run to stop after the current message or batch, so the run file says
    exactly what was done; a second one aborts at once."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("\nstopping after the current message (Ctrl-C again to abort at once)...", file=sys.stderr)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _finish(mode: str, state: RunState, summary: Summary, written_as: str) -> int:
    print(f"\n{mode} run {state.run_id}{' (interrupted)' if summary.interrupted else ''}:")
    for line in summary.lines(written_as):
        print(f"  {line}")
    if summary.interrupted:
        print(f"stopped cleanly; nothing is lost (every write is idempotent). Resume with:\n"
              f"  mediamon replay {mode} --resume {state.run_id}", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"  run file: {state.path}")
    return 0


def _load(settings: Settings, run_id: str, mode: str) -> RunState:
    state = RunState.load(settings, run_id)
    if state.mode != mode:
        raise ReplayError(f"run {run_id} is a {state.mode} run; resume it with `mediamon replay {state.mode} "
                          f"--resume {run_id}`")
    if state.done:
        raise ReplayError(f"run {run_id} is already complete; nothing to resume")
    return state


# -- reprocess ----------------------------------------------------------------------------------------------------

@_guarded
def cmd_reprocess(args: argparse.Namespace, settings: Settings) -> int:
    from mediamon.ops.replay_reprocess import dead_letters, replay_ends, reprocess, wait_processed

    names = Names.from_settings(settings)
    if args.diff and not args.dry_run:
        raise ReplayError("--diff is a back-test and writes nothing: use it with --dry-run")
    if args.resume:
        state = _load(settings, args.resume, "reprocess")
        ranges = state.topic_ranges()
    else:
        ranges = _resolve(settings, ["raw"], args.since, args.until)
    if args.dry_run:
        _print_ranges(ranges)
        n = ranges[0].count
        print(f"would copy {n} messages to {names.replay} (same key and value, header {REPLAY_HEADER}=1); "
              f"the processor would re-analyse them with the rules in {settings.rules_dir}, write {n} articles "
              f"marked replay to {names.enriched} and their alerts, flagged replay, to {names.alerts}; the "
              f"Elasticsearch sink would overwrite their documents in {names.articles_index} by id. Nothing was "
              "changed.")
        if args.diff:
            return _backtest(settings, ranges[0], args.json)
        return 0
    if not args.resume:
        state = RunState.new(settings, "reprocess", ranges, {})
        state.save()
    _print_ranges(ranges)
    began = datetime.now(UTC)
    first = replay_ends(settings)
    with _ctrl_c() as stop:
        summary = reprocess(settings, state, _reporter(args), stop=stop)
    if args.wait and not summary.interrupted:
        last = replay_ends(settings)
        try:
            if wait_processed(settings, first, last, _reporter(args), args.wait_timeout):
                letters = dead_letters(settings, began, first, last)
                summary.dead_lettered = sum(letters.values())
                summary.dead_letter_reasons = letters
            else:
                print(f"the processor has not read every copy after {args.wait_timeout:.0f} s; is it running? "
                      f"(`mediamon process`); the copies wait for it on {names.replay}", file=sys.stderr)
        except KeyboardInterrupt:
            print("stopped waiting; the copy is complete and the processor goes on by itself", file=sys.stderr)
    code = _finish("reprocess", state, summary, f"copied to {names.replay}")
    if not summary.interrupted:
        if not args.wait:
            print(f"  dead letters: the processor writes them to {names.dlq(names.replay)} as it reads the copies "
                  "(--wait follows it and counts them)")
        print("alerts of the reprocessing are flagged replay; the Slack sink posts them only when run with "
              "--notify-replay")
    return code


def _backtest(settings: Settings, found: TopicRange, as_json: bool) -> int:
    from mediamon.clients import elasticsearch_client
    from mediamon.ops.replay_backtest import backtest
    from mediamon.ops.replay_resink import read_alias

    es = elasticsearch_client(settings)
    try:
        result = backtest(settings, found, es, read_alias(Names.from_settings(settings)))
    finally:
        es.close()
    if as_json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        print()
        for line in result.report():
            print(line)
    return 0


# -- resink -------------------------------------------------------------------------------------------------------

@_guarded
def cmd_resink(args: argparse.Namespace, settings: Settings) -> int:
    from mediamon.ops.replay_resink import read_alias, resink, supports_alerts

    names = Names.from_settings(settings)
    if args.resume:
        state = _load(settings, args.resume, "resink")
        ranges = state.topic_ranges()
        options: dict[str, Any] = state.options
    else:
        roles = [r.strip() for r in args.topics.split(",") if r.strip()]
        bad = [r for r in roles if r not in ("enriched", "alerts")]
        if bad or not roles:
            raise ReplayError(f"--topics {args.topics!r}: choose among enriched, alerts")
        if "alerts" in roles and not supports_alerts():
            raise ReplayError("this installation's Elasticsearch sink does not index alerts yet; "
                              "use --topics enriched")
        if args.switch_alias and not args.index:
            raise ReplayError("--switch-alias needs --index (the index to point the alias at)")
        alias = read_alias(names)
        if args.index and args.index in (alias, names.alerts_index):
            raise ReplayError(f"--index {args.index} is the live alias; give a new name (e.g. {alias}-rebuild-1)")
        options = {"index": args.index, "alerts_index": args.alerts_index, "switch_alias": args.switch_alias,
                   "replace_index": args.replace_index, "roles": roles}
        ranges = _resolve(settings, roles, args.since, args.until)
    target = options.get("index") or read_alias(names)
    if args.dry_run:
        _print_ranges(ranges)
        print(f"would index {sum(r.count for r in ranges)} messages into {target} by id (overwriting); no consumer "
              "group moves.")
        if options.get("switch_alias"):
            print(f"then would point the alias {read_alias(names)} at {target}")
        print("Nothing was changed.")
        return 0
    if not args.resume:
        state = RunState.new(settings, "resink", ranges, options)
        state.save()
    _print_ranges(ranges)
    with _ctrl_c() as stop:
        summary = resink(settings, state, _reporter(args), stop=stop)
    code = _finish("resink", state, summary, f"indexed ({target})")
    if code == 0 and options.get("index"):
        from mediamon.clients import elasticsearch_client
        from mediamon.ops.replay_resink import detach, switch_alias

        es = elasticsearch_client(settings)
        try:
            es.indices.refresh(index=f"{options['index']}*")
            if options.get("switch_alias"):
                before = switch_alias(es, read_alias(names), options["index"],
                                      replace_index=bool(options.get("replace_index")))
                print(f"alias {read_alias(names)} now points at {options['index']} "
                      f"(before: {', '.join(before) or 'none'})")
            elif detach(es, read_alias(names), options["index"]):
                print(f"{options['index']} was taken out of the live alias {read_alias(names)} (its template had "
                      "added it); switch with --switch-alias when it is checked")
        finally:
            es.close()
    return code


# -- reset-group ----------------------------------------------------------------------------------------------------

@_guarded
def cmd_reset_group(args: argparse.Namespace, settings: Settings) -> int:
    from mediamon.ops.replay_groups import check_idle, plan, reset, resolve_group

    names = Names.from_settings(settings)
    group, stage = resolve_group(names, args.group)
    when = parse_time(args.to, option="--to")
    moves = plan(settings, group, stage, when, args.roles)
    if not moves:
        raise ReplayError(f"the topics of {stage} do not exist; run `mediamon setup` first")
    print(f"consumer group {group} ({stage}) to {when.isoformat()}:")
    print(f"  {'topic':<40} {'partition':>9} {'committed':>10} {'new':>10}")
    for m in moves:
        current = "-" if m.current is None else str(m.current)
        print(f"  {m.tp.topic:<40} {m.tp.partition:>9} {current:>10} {m.target:>10}")
    check_idle(settings, group)
    if args.dry_run:
        print("dry run: nothing was changed")
        return 0
    reset(settings, group, moves)
    print(f"moved {group}; its consumers re-read from there when they start (their writes are idempotent)")
    return 0


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    """``mediamon replay ...`` on its own (``python -m mediamon.ops.cli replay ...``); tests pass ``settings``."""
    parser = argparse.ArgumentParser(prog="mediamon")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    args.settings = settings
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("kafka").setLevel(logging.WARNING)
    logging.getLogger("kafka.net.selector").setLevel(logging.ERROR)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
