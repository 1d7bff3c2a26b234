"""The ``mediamon`` command. Each package contributes its own sub-commands through ``register``."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from mediamon.errors import MediamonError

# Modules that expose ``register(subparsers)``; each adds its sub-commands with ``set_defaults(func=...)``
# where ``func(args) -> int`` is the exit code.
COMMAND_MODULES = (
    "mediamon.devstack.stack.cli",
    "mediamon.setup_cli",
    "mediamon.analysis.cli",
    "mediamon.producers.cli",
    "mediamon.processors.cli",
    "mediamon.sinks.cli",
    "mediamon.devstack.demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mediamon", description="Streaming monitor of Arabic news.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        register: Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None] = module.register
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("kafka", "aiokafka", "httpx", "elastic_transport"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    # kafka-python warns about its own event-loop timing on a busy machine; it is not actionable.
    logging.getLogger("kafka.net.selector").setLevel(logging.DEBUG if args.verbose else logging.ERROR)
    try:
        code: int = args.func(args)
    except MediamonError as exc:
        print(f"mediamon: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mediamon: interrupted; child processes were stopped", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
