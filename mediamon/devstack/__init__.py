"""The application shell for development: the local stack manager, the demo and its feed, the pipeline runner.

Nothing in the contract, the engine, the producers, the processors or the sinks imports this package, and the
production image leaves it out (import-linter checks the first in ``make lint``; the Dockerfile the second).
"""
