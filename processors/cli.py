"""``mediamon process``: run the Faust enrichment worker."""

from __future__ import annotations

import argparse


def _process(args: argparse.Namespace) -> int:
    from faust import Worker

    import mediamon.processors.agents  # noqa: F401  (registers the agent on the app)
    from mediamon.processors.app import app

    worker = Worker(app, loglevel="WARNING" if not args.verbose else "INFO", quiet=True)
    worker.spinner = None  # its terminal escapes would litter log files
    worker.execute_from_commandline()
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("process", help="run the Faust worker: articles.raw -> articles.enriched + alerts") \
        .set_defaults(func=_process)
