"""The ``mediamon`` command. Each package contributes its own sub-commands through ``register``.

A command's module is imported only when that command runs: ``mediamon --help`` lists the commands from the
table below without importing Faust, Elasticsearch or the engine. ``-v`` works before or after the command.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

from mediamon.errors import MediamonError
from mediamon.logs import QuietClientLogs

# command -> (module exposing ``register(subparsers)``, one-line help). The module adds the command's parser
# with ``set_defaults(func=...)`` where ``func(args) -> int`` is the exit code. Commands whose module is
# absent (the production image has no mediamon.devstack) are left out.
COMMANDS: dict[str, tuple[str, str]] = {
    "stack": ("mediamon.devstack.stack.cli", "run the local Kafka + Elasticsearch stack (development)"),
    "setup": ("mediamon.setup_cli", "create Kafka topics and Elasticsearch templates (idempotent)"),
    "analyze": ("mediamon.analysis.cli", "analyse JSON Lines articles with the engine"),
    "rules": ("mediamon.analysis.cli", "check rule files, and show what a rule matches"),
    "produce": ("mediamon.producers.cli", "poll the feeds and send new Arabic articles to Kafka"),
    "feeds": ("mediamon.producers.cli", "list and check the configured feeds"),
    "process": ("mediamon.processors.cli", "run the Faust worker: analysis, stories, alert decisions"),
    "sink": ("mediamon.sinks.cli", "run a sink (elasticsearch, slack, slack-ops)"),
    "slack": ("mediamon.sinks.slack.cli", "preview the Slack message of an alert event"),
    "dashboards": ("mediamon.dashboards_cli", "import the desk's Kibana saved objects (dashboards/)"),
    "replay": ("mediamon.ops.cli", "reprocess, re-sink or reset a consumer group over a time range (ops)"),
    "demo": ("mediamon.devstack.demo", "run the whole pipeline on the bundled demo feed"),
}


class _Parser(argparse.ArgumentParser):
    """Every (sub-)command parser accepts ``-v``, so it works after the command as well as before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.add_help:  # not for the parents= helpers argparse builds
            self.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                              help="debug logging")


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _load(module: str) -> Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None] | None:
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module.startswith(exc.name):
            return None
        raise
    register: Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None] = loaded.register
    return register


def _command_of(argv: Sequence[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg
    return None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = _Parser(prog="mediamon", description="Streaming monitor of Arabic news.")
    sub: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    wanted = _command_of(argv)
    if wanted in COMMANDS:
        register = _load(COMMANDS[wanted][0])
        if register is not None:
            register(sub)
            return parser
    for name, (module, help_text) in COMMANDS.items():
        if _available(module.rsplit(".", 1)[0]):
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_in)
    args = parser.parse_args(args_in)
    verbose = bool(getattr(args, "verbose", False))
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("kafka", "aiokafka", "httpx", "elastic_transport"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)
    if not verbose:
        quiet = QuietClientLogs()
        for handler in logging.getLogger().handlers:
            handler.addFilter(quiet)
    # kafka-python warns about its own event-loop timing on a busy machine; it is not actionable.
    logging.getLogger("kafka.net.selector").setLevel(logging.DEBUG if verbose else logging.ERROR)
    func = getattr(args, "func", None)
    if func is None:  # a command listed in the table whose module did not register it
        parser.error(f"command {args.command!r} is not available in this installation")
    try:
        code: int = func(args)
    except MediamonError as exc:
        print(f"mediamon: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mediamon: interrupted; child processes were stopped", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
