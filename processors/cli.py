"""``mediamon process``: run the Faust worker (analysis, stories, alert decisions)."""

from __future__ import annotations

import argparse
import os


def _process(args: argparse.Namespace) -> int:
    # The Faust app is built from settings at import time: options become settings before that import.
    if args.data_dir:
        os.environ["MEDIAMON_FAUST_DATA_DIR"] = str(args.data_dir)
    if args.store:
        os.environ["MEDIAMON_FAUST_STORE"] = args.store
    from mediamon.settings import get_settings

    get_settings.cache_clear()
    from faust import Worker

    import mediamon.processors.agents  # noqa: F401  (registers the agents on the app)
    from mediamon.logs import quiet_client_loggers
    from mediamon.processors.app import app

    verbose = bool(getattr(args, "verbose", False))
    worker = Worker(app, loglevel="INFO" if verbose else "WARNING", quiet=True)
    worker.spinner = None  # its terminal escapes would litter log files
    if not verbose:
        quiet_client_loggers()  # Faust installs its own handlers: filter at the client loggers instead
    worker.execute_from_commandline()
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    process = sub.add_parser(
        "process", help="run the Faust worker: articles.raw -> articles.enriched (+ story) and alerts",
        description="Run one Faust worker. Start several with the same settings and different --data-dir to share "
                    "the partitions (one consumer group); a killed worker's partitions and story state move to the "
                    "others.")
    process.add_argument("--data-dir", metavar="DIR",
                         help="where this worker keeps its table store (default: settings faust_data_dir)")
    process.add_argument("--store", metavar="URL",
                         help="table store: rocksdb:// (default, on rocksdict) or memory:// (experiments)")
    process.set_defaults(func=_process)
